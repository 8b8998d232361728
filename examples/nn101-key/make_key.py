"""The JSON-key twin of examples/nn101: the same assignment, its reference given as the answers the solution notebook computes.

Run from the repository root: python3 examples/nn101-key/make_key.py
It writes key.json beside this file, in the shape of a submission. Without
the computation, nngrade cannot carry an error forward: a wrong A whose L,
dW and db follow from it fails those too (compare the two examples'
wrong-a-carried.expect.json).
"""
import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
X = np.array([[1, 2, -1], [0, -1, 3]], dtype=float)
W = np.array([[0.5, -1], [1, 0], [-2, 1]], dtype=float)
b = np.array([0.1, -0.2])
Y = np.array([[1, 0], [0, 1]], dtype=float)

Z = X @ W + b
A = 1 / (1 + np.exp(-Z))
N = X.shape[0]
L = np.sum((A - Y) ** 2) / (2 * N)
dZ = (A - Y) / N * A * (1 - A)
answers = {"forward": {"Z": Z.tolist(), "A": A.tolist()}, "backward": {"L": float(L), "dW": (X.T @ dZ).tolist(), "db": dZ.sum(axis=0).tolist()}}
(HERE / "key.json").write_text(json.dumps({"assignment": "nn101-dense-layer-key", "answers": answers}, indent=1) + "\n")
