"""Writes the example's fixture submissions: a student's numpy solution, and the usual mistakes.

Run from the repository root: python3 examples/nn101/make_fixtures.py
It solves the handout the way a student's notebook would (independently of
the reference module) and writes fixtures/<name>.json; the verdicts each
must get are in fixtures/<name>.expect.json, which `nngrade test` checks.

Given a handout (`nngrade handout nn101-dense-layer --student ada --json`),
it writes that student's correct submission to stdout instead:

    python3 examples/nn101/make_fixtures.py --handout handout.json
"""
import argparse
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
HANDOUT = {
    "forward": {"X": [[1, 2, -1], [0, -1, 3]], "W": [[0.5, -1], [1, 0], [-2, 1]], "b": [0.1, -0.2]},
    "backward": {"Y": [[1, 0], [0, 1]]},
    "moons": {"lr": 0.5, "epochs": 100},
}


def solve(handout, mistake=None):
    X = np.array(handout["forward"]["X"], dtype=float)
    W = np.array(handout["forward"]["W"], dtype=float)
    b = np.array(handout["forward"]["b"], dtype=float)
    Y = np.array(handout["backward"]["Y"], dtype=float)
    Z = X @ W + b
    if mistake == "no-bias":
        # the bias left out: Z is wrong, and A, L, dW and db all follow from this Z
        Z = X @ W
    A = 1 / (1 + np.exp(-Z))
    if mistake == "wrong-a":
        # sigmoid with the sign flipped, and everything after it follows from this A
        A = 1 / (1 + np.exp(Z))
    n = 1 if mistake == "summed" else X.shape[0]
    L = np.sum((A - Y) ** 2) / (2 * n)
    dZ = (A - Y) * A * (1 - A) / X.shape[0]
    dW = X.T @ dZ
    if mistake == "transposed":
        dW = dW.T
    forward = {"Z": Z.tolist(), "A": A.tolist()}
    backward = {"L": float(L), "dW": dW.tolist(), "db": dZ.sum(axis=0).tolist()}
    return {"forward": forward, "backward": backward, "moons": train_moons(handout["moons"], mistake)}


def train_moons(hyper, mistake):
    table = np.loadtxt(HERE / "moons.csv", delimiter=",", skiprows=1)
    X, y = table[:, :2], table[:, 2]
    w, b = np.zeros(2), 0.0
    losses = []
    for _ in range(hyper["epochs"]):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        losses.append(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        w -= hyper["lr"] * X.T @ (p - y) / len(y)
        b -= hyper["lr"] * np.mean(p - y)
    p = 1 / (1 + np.exp(-(X @ w + b)))
    final_loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    accuracy = np.mean((p > 0.5) == y)
    if mistake == "logged-loss":
        # the loop logs the loss before each update and reports the last one it logged
        final_loss = losses[-1]
    if mistake == "percent":
        accuracy *= 100
    return {"final_loss": float(final_loss), "accuracy": float(accuracy)}


FIXTURES = {
    "correct": None,
    "transposed-dw": "transposed",
    "missing-1-over-n": "summed",
    "wrong-a-carried": "wrong-a",
    "wrong-z-carried": "no-bias",
    "moons-logged-loss": "logged-loss",
    "moons-percent": "percent",
}


def submission(student, answers):
    return {"assignment": "nn101-dense-layer", "student": {"id": student}, "answers": answers}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--handout", help="a student's handout (nngrade handout ... --json): print their correct submission")
    args = parser.parse_args()
    if args.handout:
        handout = json.loads(pathlib.Path(args.handout).read_text())
        print(json.dumps(submission(handout["student"]["id"], solve(handout["inputs"])), indent=1))
        return
    for name, mistake in FIXTURES.items():
        (HERE / "fixtures" / f"{name}.json").write_text(json.dumps(submission(name, solve(HANDOUT, mistake)), indent=1) + "\n")
        print(f"wrote fixtures/{name}.json")


if __name__ == "__main__":
    main()
