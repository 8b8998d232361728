"""Writes hw4-cases.json: the hw4 reference values and typical wrong student
answers, computed with numpy, so the diagnoser tests never take their golden
numbers from nngrade itself.

Run from the repository root:  python3 test/diagnose/make_hw4_cases.py
"""
import json
import pathlib

import numpy as np

# q2: forward pass of the handout's FC -> softmax layer (z = x W + b).
X = np.array([[1, 2, -1], [0, -4, -4]], dtype=float)
W = np.array([[-1, 1, 1], [2, 2, 0], [4, -1, -3]], dtype=float)
b = np.array([1, 0, 2], dtype=float)
z = X @ W + b
yhat = np.exp(z - z.max(axis=1, keepdims=True))
yhat /= yhat.sum(axis=1, keepdims=True)

# q3: mean cross-entropy, targets y = [0, 1] of 3 classes.
Y = np.eye(3)[[0, 1]]
N = X.shape[0]
grad_z = (yhat - Y) / N
grad_W = X.T @ grad_z
grad_b = grad_z.sum(axis=0)


def J(w):
    return 0.25 * w**4 - 4.0 / 3.0 * w**3 + 1.5 * w**2


def dJ(w):
    return w**3 - 4 * w**2 + 3 * w


# q6: plain gradient descent, lr 0.1, 100 epochs.
runs = []
for w0 in [-1.0, 0.2, 0.9, 4.0]:
    w = w0
    for _ in range(100):
        w = w - 0.1 * dJ(w)
    runs.append({"w0": w0, "final_w": w, "final_J": J(w)})

TOL_GRAD = {"rtol": 1e-3, "atol": 1e-6}
TOL_YHAT = {"rtol": 1e-4, "atol": 1e-8}


def smallest_passing_significant_digits(expected, tol):
    for k in range(1, 16):
        rounded = np.vectorize(lambda x: float(f"{x:.{k}g}"))(expected)
        if np.all(np.isclose(rounded, expected, rtol=tol["rtol"], atol=tol["atol"])):
            return k
    return None


rng = np.random.default_rng(4)

cases = {
    "tolerance_grad": TOL_GRAD,
    "tolerance_yhat": TOL_YHAT,
    "z": z.tolist(),
    "z_transposed": z.T.tolist(),
    "yhat": yhat.tolist(),
    "yhat_rounded_1_decimal": np.round(yhat, 1).tolist(),
    "yhat_rounded_1_decimal_needs_significant_digits": smallest_passing_significant_digits(yhat, TOL_YHAT),
    "yhat_rounded_3_significant": np.vectorize(lambda x: float(f"{x:.3g}"))(yhat).tolist(),
    "grad_z": grad_z.tolist(),
    "grad_W": grad_W.tolist(),
    "grad_W_needs_significant_digits": smallest_passing_significant_digits(grad_W, TOL_GRAD),
    "grad_W_transposed": grad_W.T.tolist(),
    "grad_W_times_N": (N * grad_W).tolist(),
    "grad_W_over_N": (grad_W / N).tolist(),
    "grad_W_negated": (-grad_W).tolist(),
    "grad_W_random_wrong": rng.normal(size=(3, 3)).round(6).tolist(),
    "grad_b": grad_b.tolist(),
    "N": N,
    "q6_runs": runs,
}

out = pathlib.Path(__file__).with_name("hw4-cases.json")
out.write_text(json.dumps(cases, indent=2) + "\n")
print(f"wrote {out}")
