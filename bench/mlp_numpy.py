"""The benchmark network in numpy, for bench/run.ts: 784-256-128-64-32-10 relu,
He init, softmax + cross-entropy, SGD lr 0.05, batch 128, float64, on the
split the engine trains on (written by bench/run.ts as .npy). Prints one JSON
line with the seconds per epoch and the validation accuracy after each epoch.
Started by bench/run.ts with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset."""
import json
import sys
import time

import numpy as np

folder, epochs = sys.argv[1], int(sys.argv[2])
X = np.load(f"{folder}/train_X.npy")
y = np.load(f"{folder}/train_y.npy")
Xv = np.load(f"{folder}/validation_X.npy")
yv = np.load(f"{folder}/validation_y.npy")
sizes = [784, 256, 128, 64, 32, 10]
rng = np.random.RandomState(0)
W = [rng.randn(a, b) * np.sqrt(2.0 / a) for a, b in zip(sizes[:-1], sizes[1:])]
b = [np.zeros(n) for n in sizes[1:]]
lr, batch = 0.05, 128


def forward(x):
    acts = [x]
    for i, (w, bias) in enumerate(zip(W, b)):
        z = acts[-1] @ w + bias
        acts.append(np.maximum(z, 0) if i < len(W) - 1 else z)
    z = acts[-1] - acts[-1].max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return acts, p


accuracies, seconds = [], []
for epoch in range(epochs):
    start = time.perf_counter()
    order = rng.permutation(len(X))
    for s in range(0, len(X), batch):
        idx = order[s : s + batch]
        acts, p = forward(X[idx])
        g = p
        g[np.arange(len(idx)), y[idx]] -= 1
        g /= len(idx)
        for i in reversed(range(len(W))):
            gw = acts[i].T @ g
            gb = g.sum(axis=0)
            if i > 0:
                g = (g @ W[i].T) * (acts[i] > 0)
            W[i] -= lr * gw
            b[i] -= lr * gb
    _, pv = forward(Xv)
    seconds.append(time.perf_counter() - start)
    accuracies.append(float((pv.argmax(axis=1) == yv).mean()))

try:
    from numpy._core._multiarray_umath import __cpu_features__  # noqa: F401

    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]["name"]
except Exception:  # noqa: BLE001
    blas = "unknown"
print(json.dumps({"seconds": seconds, "val_accuracy": accuracies, "blas": blas}))
