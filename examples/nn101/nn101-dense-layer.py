"""nn101-dense-layer: one dense layer, forward and backward, in plain numpy.

The reference of a course's own assignment: nngrade runs `inputs` and the
`solve_<task>` functions in a Python worker. `upstream` holds the student's
own earlier answers when an item is graded with error carried forward (here
backward's items depend on forward.A): a student whose A is wrong but whose
L, dW and db follow from it gets credit for them.
"""
import numpy as np


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
    }


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def solve_forward(inputs, upstream):
    X, W, b = (np.array(inputs[k], dtype=float) for k in ("X", "W", "b"))
    Z = X @ W + b
    return {"Z": Z, "A": sigmoid(Z)}


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
