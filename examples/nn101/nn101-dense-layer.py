"""nn101-dense-layer: one dense layer, forward and backward, and one sigmoid unit trained on two moons, in plain numpy.

The reference of a course's own assignment: nngrade runs `inputs` and the
`solve_<task>` functions in a Python worker. `upstream` holds the student's
own earlier answers when an item is graded with error carried forward (here
A depends on forward.Z, and backward's items on forward.A): a student whose
A is wrong but whose L, dW and db follow from it gets credit for them.
"""
from pathlib import Path

import numpy as np

MOONS = Path(__file__).with_name("moons.csv")


def inputs(seed=None):
    X = [[1, 2, -1], [0, -1, 3]]
    W = [[0.5, -1], [1, 0], [-2, 1]]
    if seed is not None:
        # one student's numbers: small integers and halves, as the handout's
        rng = np.random.RandomState(seed)
        X = (rng.randint(-6, 7, size=(2, 3)) / 2).tolist()
        W = (rng.randint(-4, 5, size=(3, 2)) / 2).tolist()
    return {
        "forward": {"X": X, "W": W, "b": [0.1, -0.2]},
        "backward": {"X": X, "W": W, "b": [0.1, -0.2], "Y": [[1, 0], [0, 1]]},
        # the same for every student: the data set ships with the assignment
        "moons": {"data": "moons", "init": "zeros", "lr": 0.5, "epochs": 100, "loss": "mean binary cross-entropy"},
    }


def read_moons():
    table = np.loadtxt(MOONS, delimiter=",", skiprows=1)
    return table[:, :2], table[:, 2].astype(int)


def datasets():
    """what `nngrade data export` writes for students: the points and their 0/1 labels"""
    X, y = read_moons()
    return [{"name": "moons", "description": "200 two-moons points (noise 0.2) from make_moons.py: x1, x2; label 0 or 1", "features": X, "labels": y}]


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def solve_forward(inputs, upstream):
    X, W, b = (np.array(inputs[k], dtype=float) for k in ("X", "W", "b"))
    Z = X @ W + b
    # A = sigmoid(Z) of the student's own Z, when it is wrong (forward.A depends on forward.Z)
    A = sigmoid(np.array(upstream["forward.Z"], dtype=float) if "forward.Z" in upstream else Z)
    return {"Z": Z, "A": A}


def solve_backward(inputs, upstream):
    X, W, b, Y = (np.array(inputs[k], dtype=float) for k in ("X", "W", "b", "Y"))
    A = sigmoid(X @ W + b)
    # error carried forward: work from the student's own A when they gave one
    if "forward.A" in upstream:
        A = np.array(upstream["forward.A"], dtype=float)
    N = X.shape[0]
    L = np.sum((A - Y) ** 2) / (2 * N)
    dZ = (A - Y) / N * A * (1 - A)
    # N names the count a "summed instead of averaged" diagnosis looks for (a missing 1/N)
    return {"L": L, "dW": X.T @ dZ, "db": dZ.sum(axis=0)}, {"factors": {"N": N}}


def bce(p, y):
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


def solve_moons(inputs, upstream):
    X, y = read_moons()
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(inputs["epochs"]):
        before = bce(sigmoid(X @ w + b), y)
        error = sigmoid(X @ w + b) - y
        w = w - inputs["lr"] * X.T @ error / len(y)
        b = b - inputs["lr"] * error.mean()
    p = sigmoid(X @ w + b)
    answers = {"final_loss": bce(p, y), "accuracy": np.mean((p >= 0.5) == y)}
    # the loss of the last epoch before its update, which a training loop that logs first reports;
    # accuracy is a fraction, so 83.5 is read as a percentage
    return answers, {"before": {"final_loss": before}, "fractions": ["accuracy"]}
