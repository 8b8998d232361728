"""The JSON-key twin of examples/nn101: the same assignment, its reference given as the answers the solution notebook computes.

Run from the repository root: python3 examples/nn101-key/make_key.py
It writes key.json beside this file, in the shape of a submission, and
copies the fixtures of examples/nn101 (the same submissions, named for this
assignment); their verdicts here are in fixtures/*.expect.json. Without
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

# logistic regression on the two moons: zero init, full batch, lr 0.5, 100 epochs
table = np.loadtxt(HERE.parent / "nn101" / "moons.csv", delimiter=",", skiprows=1)
points, labels = table[:, :2], table[:, 2]
w, c = np.zeros(2), 0.0
for _ in range(100):
    p = 1 / (1 + np.exp(-(points @ w + c)))
    w -= 0.5 * points.T @ (p - labels) / len(labels)
    c -= 0.5 * np.mean(p - labels)
p = 1 / (1 + np.exp(-(points @ w + c)))
final_loss = -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))

answers = {
    "forward": {"Z": Z.tolist(), "A": A.tolist()},
    "backward": {"L": float(L), "dW": (X.T @ dZ).tolist(), "db": dZ.sum(axis=0).tolist()},
    "moons": {"final_loss": float(final_loss), "accuracy": float(np.mean((p >= 0.5) == labels))},
}
(HERE / "key.json").write_text(json.dumps({"assignment": "nn101-dense-layer-key", "answers": answers}, indent=1) + "\n")

for fixture in sorted((HERE.parent / "nn101" / "fixtures").glob("*.json")):
    if fixture.name.endswith(".expect.json"):
        continue
    submission = json.loads(fixture.read_text())
    submission["assignment"] = "nn101-dense-layer-key"
    (HERE / "fixtures" / fixture.name).write_text(json.dumps(submission, indent=1) + "\n")
