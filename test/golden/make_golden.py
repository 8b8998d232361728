"""Golden answers for hw4-hyperparameters q1-q8, computed with numpy and plain
Python, independently of nngrade's TypeScript engine.

Writes
  test/golden/hw4-hyperparameters.json                        (the goldens)
  fixtures/submissions/hw4-hyperparameters/correct-numpy.json  (a correct submission,
                                                                as a student's json.dump writes it)

Run from the repository root: python3 test/golden/make_golden.py  (npm run golden)
Needs python3 and numpy only.
"""

import json
import math
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# the handout's numbers
LABELS = [0, 1, 1, 2, 3, 0]
X = np.array([[1, 2, -1], [0, -4, -4]], dtype=float)
W = np.array([[-1, 1, 1], [2, 2, 0], [4, -1, -3]], dtype=float)
B = np.array([1, 0, 2], dtype=float)
TARGETS = [0, 1]
x1 = 1.0


# the objective as a student writes it, term by term with Python's **
def J(w):
    return 1 / 4 * (x1 * w) ** 4 - 4 / 3 * (x1 * w) ** 3 + 3 / 2 * (x1 * w) ** 2


def dJ(w):
    return ((x1 * w) ** 3 - 4 * (x1 * w) ** 2 + 3 * (x1 * w)) * x1


def descend(w0, lr, epochs=100):
    """plain gradient descent; Python floats raise OverflowError in ** where numpy gives inf"""
    w, curve = w0, []
    for _ in range(epochs):
        try:
            w = w - lr * dJ(w)
            j = J(w)
        except OverflowError:
            return curve, None, None, True
        if not (math.isfinite(w) and math.isfinite(j)):
            return curve, None, None, True
        curve.append(j)
    return curve, w, curve[-1], False


def adam(w0, eta, rho1, rho2, delta, epochs=100):
    """Goodfellow et al., Deep Learning, algorithm 8.7"""
    w, s, r, curve = w0, 0.0, 0.0, []
    for t in range(1, epochs + 1):
        g = dJ(w)
        s = rho1 * s + (1 - rho1) * g
        r = rho2 * r + (1 - rho2) * g**2
        s_hat = s / (1 - rho1**t)
        r_hat = r / (1 - rho2**t)
        w = w - eta * s_hat / (math.sqrt(r_hat) + delta)
        curve.append(J(w))
    return curve, w, curve[-1]


def softmax(z):
    # no max subtraction on purpose: a different rounding path from the engine's
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def q3_from(yhat, grad_z=None):
    Y = np.eye(3)[TARGETS]
    n = X.shape[0]
    per_sample = yhat - Y
    layer = per_sample if grad_z is None else np.asarray(grad_z, dtype=float)
    return {
        "grad_z": per_sample.tolist(),
        "grad_z_averaged": (per_sample / n).tolist(),
        "grad_W": (X.T @ layer / n).tolist(),
        "grad_b": layer.mean(axis=0).tolist(),
    }


def q4_at(points):
    j_poly = np.poly1d([1 / 4, -4 / 3, 3 / 2, 0, 0])
    d2 = j_poly.deriv(2)
    points = sorted(points)
    kinds = ["min" if d2(p) > 0 else "max" for p in points]
    return [float(j_poly(p)) for p in points], kinds


def main():
    onehot = np.eye(4)[LABELS]
    z = X @ W + B
    yhat = softmax(z)

    j_poly = np.poly1d([1 / 4, -4 / 3, 3 / 2, 0, 0])
    dj_poly = np.poly1d([1, -4, 3, 0])  # (d/dw of J), written out as the handout's derivative
    roots = np.roots(dj_poly.coeffs)
    extrema = sorted(float(r.real) for r in roots if abs(r.imag) < 1e-12)
    J_at, kinds = q4_at(extrema)

    # np.linspace(-2, 5, 71) is exactly -2 + 0.1 * i here; np.arange(-2, 5.1, 0.1) is not (its step is 0.10000000000000009)
    w_grid = np.linspace(-2, 5, 71)
    J_grid = 1 / 4 * w_grid**4 - 4 / 3 * w_grid**3 + 3 / 2 * w_grid**2

    q6 = []
    for w0 in [-1, 0.2, 0.9, 4]:
        curve, fw, fj, _ = descend(float(w0), 0.1)
        q6.append({"w0": w0, "final_w": fw, "final_J": fj, "J": curve})
    q7 = []
    for lr in [0.001, 0.01, 1.0, 5.0]:
        curve, fw, fj, diverged = descend(0.2, lr)
        q7.append({"lr": lr, "final_w": fw, "final_J": fj, "diverged": diverged, "J": curve})
    adam_curve, adam_w, adam_J = adam(0.2, 5, 0.9, 0.999, 1e-8)

    answers = {
        "q1": {"onehot": onehot.tolist()},
        "q2": {"z": z.tolist(), "yhat": yhat.tolist()},
        "q3": {k: v for k, v in q3_from(yhat).items() if k != "grad_z_averaged"},
        "q4": {
            "grad_at": [float(dj_poly(p)) for p in [-1, 0.5, 2]],
            "extrema": extrema,
            "J_at_extrema": J_at,
            "kinds": kinds,
        },
        "q5": {"J": J_grid.tolist()},
        "q6": {"runs": q6},
        "q7": {"runs": q7},
        "q8": {"J": adam_curve, "final_w": adam_w, "final_J": adam_J},
    }

    # error carried forward: downstream answers recomputed from a student's own upstream numbers
    seed_yhat = [[0.001238, 0.499381, 0.499381], [0, 0, 1]]  # seed 002's printed q2 answer
    seed_grad_z = [[-0.998385, 0.498789, 0.498789], [0, -1, 1]]  # seed 002's q3 grad_z (epsilon in the log)
    wrong_extrema = [3, 0, 1.5]
    ecf_J, ecf_kinds = q4_at(wrong_extrema)
    golden = {
        "numpy": np.__version__,
        "w_grid": "np.linspace(-2, 5, 71), equal to -2 + 0.1 * i",
        "answers": answers,
        "alternatives": {"q3": {"grad_z_averaged": q3_from(yhat)["grad_z_averaged"]}},
        "ecf": {
            "q3_from_seed_yhat": {"upstream": {"q2.yhat": seed_yhat}, **q3_from(np.array(seed_yhat))},
            "q3_from_seed_grad_z": {
                "upstream": {"q3.grad_z": seed_grad_z},
                **{k: v for k, v in q3_from(yhat, seed_grad_z).items() if k in ("grad_W", "grad_b")},
            },
            "q4_from_wrong_extrema": {
                "upstream": {"q4.extrema": wrong_extrema},
                "J_at_extrema": ecf_J,
                "kinds": ecf_kinds,
            },
            "q6_from_student_final_w": {
                "upstream": {"q6.runs[2].final_w": 2.5},
                "final_J": J(2.5),
            },
        },
    }
    with open(os.path.join(ROOT, "test", "golden", "hw4-hyperparameters.json"), "w") as f:
        json.dump(golden, f, indent=1, allow_nan=True)
        f.write("\n")

    submission = {
        "assignment": "hw4-hyperparameters",
        "student": {"id": "numpy-reference", "name": "NumPy Reference"},
        "answers": answers,
    }
    out = os.path.join(ROOT, "fixtures", "submissions", "hw4-hyperparameters")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "correct-numpy.json"), "w") as f:
        json.dump(submission, f, indent=2)


if __name__ == "__main__":
    main()
