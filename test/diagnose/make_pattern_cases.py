"""Writes pattern-cases.json: values for the shifted, probabilities and
one-based diagnosers, computed with numpy, so their tests never take golden
numbers from nngrade itself.

Run from the repository root:  python3 test/diagnose/make_pattern_cases.py
"""
import json
import pathlib

import numpy as np


# hw4 q4-q6: J(w) = 1/4 w^4 - 4/3 w^3 + 3/2 w^2 (x = 1).
def J(w):
    return 0.25 * w**4 - 4.0 / 3.0 * w**3 + 1.5 * w**2


def dJ(w):
    return w**3 - 4 * w**2 + 3 * w


def grid(start, count=71):
    return start + 0.1 * np.arange(count)


# q5: 71 values on w = -2, -1.9, ..., 5; a grid one step late or early is the shifted mistake.
q5 = {
    "J": J(grid(-2.0)).tolist(),
    "J_grid_from_minus_2_1": J(grid(-2.1)).tolist(),
    "J_grid_from_minus_1_9": J(grid(-1.9)).tolist(),
}

# q6: lr 0.1, 100 epochs; the curve is J after each epoch's update.
q6_runs = []
for w0 in [-1.0, 0.2, 0.9, 4.0]:
    ws = [w0]
    for _ in range(101):  # one epoch more, for a curve that starts one epoch late and keeps 100 values
        ws.append(ws[-1] - 0.1 * dJ(ws[-1]))
    ws = np.array(ws)
    q6_runs.append({
        "w0": w0,
        "J": J(ws[1:101]).tolist(),
        "J_before_update": J(ws[0:100]).tolist(),
        "J_first_epoch_missing": J(ws[2:101]).tolist(),
        "J_first_epoch_missing_101_epochs": J(ws[2:102]).tolist(),
    })


def softmax_rows(s):
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# hw4 q2: z = x W + b, and the same scores with a constant added to each row (same softmax).
X = np.array([[1, 2, -1], [0, -4, -4]], dtype=float)
W = np.array([[-1, 1, 1], [2, 2, 0], [4, -1, -3]], dtype=float)
b = np.array([1, 0, 2], dtype=float)
z = X @ W + b
z_plus_row_constants = z + np.array([[5.0], [-3.0]])
assert np.allclose(softmax_rows(z_plus_row_constants), softmax_rows(z), rtol=1e-12, atol=1e-15)

# hlcv e1: the handout's toy network, numpy's legacy stream; the softmax must give the seed's "correct scores".
np.random.seed(0)
W1 = 0.1 * np.random.randn(4, 10)
W2 = 0.1 * np.random.randn(10, 3)
np.random.seed(1)
X_toy = 10 * np.random.randn(5, 4)
logits = np.maximum(0, X_toy @ W1) @ W2
scores = softmax_rows(logits)
SEED_CORRECT_SCORES = np.array([
    [0.3644621, 0.22911264, 0.40642526],
    [0.47590629, 0.17217039, 0.35192332],
    [0.43035767, 0.26164229, 0.30800004],
    [0.41583127, 0.2983228, 0.28584593],
    [0.36328815, 0.32279939, 0.31391246],
])
assert np.allclose(scores, SEED_CORRECT_SCORES, rtol=0, atol=1e-8)

# acml a6-like hidden codes: sigmoid of the pre-activations W1 e_i + b1 of an 8-3-8 net, one row per input.
rng = np.random.default_rng(6)
W1_codes = rng.normal(0.0, 2.0, size=(3, 8))
b1_codes = rng.normal(0.0, 1.0, size=3)
preactivations = (W1_codes @ np.eye(8) + b1_codes[:, None]).T
hidden_codes = 1.0 / (1.0 + np.exp(-preactivations))

# cse343 s2: w = [-2, 0], b = 5; support vectors lie on w.x + b = +-1, numbered from 1.
w_s2 = np.array([-2.0, 0.0])
points_s2 = np.array([[1, 3], [2, 3], [3, 3], [4, 3]], dtype=float)
support_vectors_s2 = (np.flatnonzero(np.isclose(np.abs(points_s2 @ w_s2 + 5.0), 1.0)) + 1).tolist()

# predicted classes of 10 (0-based), as q9's val_predictions holds them.
predictions = rng.integers(0, 10, size=30)
assert 0 in predictions and len(set(predictions.tolist())) > 2

cases = {
    "tolerance_curve": {"rtol": 1e-6, "atol": 1e-9},
    "tolerance_yhat": {"rtol": 1e-3, "atol": 1e-6},
    "tolerance_scores": {"rtol": 1e-7, "atol": 1e-9},
    "hw4_q5": q5,
    "hw4_q6_runs": q6_runs,
    "hw4_z": z.tolist(),
    "hw4_z_plus_row_constants": z_plus_row_constants.tolist(),
    "hw4_yhat": softmax_rows(z).tolist(),
    "hlcv_e1_logits": logits.tolist(),
    "hlcv_e1_scores": scores.tolist(),
    "acml_preactivations": preactivations.tolist(),
    "acml_hidden_codes": hidden_codes.tolist(),
    "cse343_s2_support_vectors": support_vectors_s2,
    "hw4_q1_labels": [0, 1, 1, 2, 3, 0],
    "predictions": predictions.tolist(),
}

out = pathlib.Path(__file__).with_name("pattern-cases.json")
out.write_text(json.dumps(cases, indent=2) + "\n")
print(f"wrote {out}")
