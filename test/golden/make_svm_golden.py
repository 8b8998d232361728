"""Writes svm.json: the oracle for src/engine/svm.ts (hard-margin linear SVM).

Independent of the engine's method (exact rationals over candidate sets of at
most d + 1 support vectors), each set is solved here by:

1. scipy's SLSQP on the primal: min ||w||^2 / 2 s.t. y_i (w.x_i + b) >= 1;
2. polishing: the points SLSQP leaves within 1e-6 of the margin are taken as
   active, and the equality-constrained problem on all of them is solved in
   least squares (numpy lstsq on the full KKT matrix, so redundant active
   points, as in the assignment's set, are fine);
3. a certificate: every constraint holds and nnls finds multipliers a >= 0
   with w = sum a_i y_i x_i and sum a_i y_i = 0 on the active points, i.e. the
   KKT conditions, which make (w, b) the optimum;
4. in 2-D also the distance between the two classes' convex hulls, by brute
   force over point-to-segment distances, which must equal 2 / ||w||.

Cases: the assignment's s3 set and s2 hyperplane (ASSIGNMENTS.md, section 5),
and 20 random separable sets (RandomState(343)), alternating 2-D and 3-D, 4 to
12 points: half with integer coordinates (ties, several points on the margin),
half with coordinates rounded to 3 decimals.

Run: python3 test/golden/make_svm_golden.py (needs numpy and scipy)
"""

import json
import pathlib
import platform

import numpy as np
import scipy
from scipy.optimize import minimize, nnls

OUT = pathlib.Path(__file__).with_name("svm.json")
ON_MARGIN = 1e-9  # the engine's SUPPORT_VECTOR_TOLERANCE_DEFAULT


def solve_slsqp(X, y):
    n, d = X.shape
    constraints = {
        "type": "ineq",
        "fun": lambda z: y * (X @ z[:d] + z[d]) - 1,
        "jac": lambda z: y[:, None] * np.hstack([X, np.ones((n, 1))]),
    }
    result = minimize(
        lambda z: 0.5 * z[:d] @ z[:d],
        np.zeros(d + 1),
        jac=lambda z: np.concatenate([z[:d], [0.0]]),
        constraints=[constraints],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 1000},
    )
    assert result.success, result.message
    return result.x[:d], result.x[d]


def polish(X, y, active):
    # KKT of min ||w||^2/2 s.t. y_i (w.x_i + b) = 1 on the active set: unknowns w, b, lambda
    d = X.shape[1]
    A = y[active, None] * X[active]
    m = len(active)
    K = np.zeros((d + 1 + m, d + 1 + m))
    K[:d, :d] = np.eye(d)
    K[:d, d + 1 :] = -A.T
    K[d, d + 1 :] = -y[active]
    K[d + 1 :, :d] = A
    K[d + 1 :, d] = y[active]
    rhs = np.concatenate([np.zeros(d + 1), np.ones(m)])
    z = np.linalg.lstsq(K, rhs, rcond=None)[0]
    return z[:d], z[d]


def certify(X, y, w, b, active):
    margins = y * (X @ w + b)
    assert margins.min() >= 1 - 1e-12, margins.min()
    columns = np.vstack([(y[active, None] * X[active]).T, y[active]])
    alpha, residual = nnls(columns, np.concatenate([w, [0.0]]))
    assert residual < 1e-10 * max(1.0, np.linalg.norm(w)), residual
    return margins


def point_segment_distance(p, a, c):
    ac = c - a
    t = 0.0 if not ac.any() else np.clip((p - a) @ ac / (ac @ ac), 0.0, 1.0)
    return np.linalg.norm(p - (a + t * ac))


def hull_distance_2d(P, Q):
    # the closest pair of two disjoint convex polygons joins a vertex of one to an edge
    # (or vertex) of the other; segments between any two points lie inside the hull
    best = np.inf
    for S, T in ((P, Q), (Q, P)):
        for p in S:
            for i in range(len(T)):
                for j in range(i, len(T)):
                    best = min(best, point_segment_distance(p, T[i], T[j]))
    return best


def solve_case(name, points, labels, queries):
    X = np.asarray(points, dtype=float)
    y = np.asarray(labels, dtype=float)
    w0, b0 = solve_slsqp(X, y)
    active = np.flatnonzero(y * (X @ w0 + b0) <= 1 + 1e-6)
    w, b = polish(X, y, active)
    assert np.linalg.norm(w - w0) < 1e-5 * max(1.0, np.linalg.norm(w)), (name, w, w0)
    margins = certify(X, y, w, b, active)
    norm = np.linalg.norm(w)
    case = {
        "name": name,
        "points": X.tolist(),
        "labels": [int(v) for v in labels],
        "w": w.tolist(),
        "b": float(b),
        "support_vectors": [int(i) for i in np.flatnonzero(margins - 1 <= ON_MARGIN)],
        "margin_distance": float(1 / norm),
        "margin_width": float(2 / norm),
        "queries": np.asarray(queries, dtype=float).tolist(),
        "decision_values": (np.asarray(queries, dtype=float) @ w + b).tolist() if len(queries) else [],
    }
    if X.shape[1] == 2:
        hull = hull_distance_2d(X[y > 0], X[y < 0])
        assert abs(hull - 2 / norm) < 1e-9, (name, hull, 2 / norm)
        case["hull_distance"] = float(hull)
    return case


def random_case(rs, index):
    d = 2 if index % 2 == 0 else 3
    n = int(rs.randint(4, 13))
    integer = index < 10
    while True:
        normal = rs.standard_normal(d)
        offset = rs.uniform(-1, 1)
        points = []
        while len(points) < n:
            p = rs.randint(-5, 6, size=d).astype(float) if integer else np.round(rs.uniform(-5, 5, size=d), 3)
            # keep a gap around the generating plane so the classes stay apart
            if abs(p @ normal + offset) / np.linalg.norm(normal) >= 0.3:
                points.append(p)
        labels = [1 if p @ normal + offset > 0 else -1 for p in points]
        if 1 in labels and -1 in labels:
            break
    queries = np.round(rs.uniform(-5, 5, size=(3, d)), 3)
    kind = "integer" if integer else "decimal"
    return solve_case(f"random {index:02d}: {n} {kind} points in {d}-D", points, labels, queries)


def main():
    s3 = solve_case(
        "s3: A..F",
        [[0, 0], [1, 0], [0, 1], [1, 1], [3, 1], [2, 0]],
        [1, 1, 1, -1, -1, -1],
        [[1, 3], [0.5, 0.5]],
    )
    # s2 gives the hyperplane; only its arithmetic is checked here
    w2, b2 = np.array([-2.0, 0.0]), 5.0
    points2 = np.array([[1, 3], [2, 3], [3, 3], [4, 3]], dtype=float)
    values2 = points2 @ w2 + b2
    s2 = {
        "w": w2.tolist(),
        "b": b2,
        "points": points2.tolist(),
        "decision_values": values2.tolist(),
        "support_vectors": [int(i) for i in np.flatnonzero(np.abs(np.abs(values2) - 1) <= ON_MARGIN)],
        "margin_distance": float(1 / np.linalg.norm(w2)),
        "margin_width": float(2 / np.linalg.norm(w2)),
        "query": [1.0, 3.0],
        "query_class": int(np.sign(np.array([1.0, 3.0]) @ w2 + b2)),
    }
    rs = np.random.RandomState(343)
    golden = {
        "generator": f"test/golden/make_svm_golden.py (python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__})",
        "on_margin_tolerance": ON_MARGIN,
        "s2": s2,
        "s3": s3,
        "random": [random_case(rs, i) for i in range(20)],
    }
    OUT.write_text(json.dumps(golden, indent=1) + "\n")
    print(f"wrote {OUT}: s2, s3 and {len(golden['random'])} random sets")


if __name__ == "__main__":
    main()
