"""Writes moons.csv, the two-moons set nn101-dense-layer's `moons` task trains on.

200 points, two interleaving half circles (100 each) with Gaussian noise of
standard deviation 0.2, as scikit-learn's make_moons draws them, from
numpy's RandomState(0) alone (no scikit-learn needed). The file ships with
the example, so the numbers never depend on this script being rerun:

    python3 examples/nn101/make_moons.py
"""
from pathlib import Path

import numpy as np

N, NOISE, SEED = 200, 0.2, 0

rng = np.random.RandomState(SEED)
outer = np.linspace(0, np.pi, N // 2)
inner = np.linspace(0, np.pi, N - N // 2)
X = np.vstack([
    np.column_stack([np.cos(outer), np.sin(outer)]),
    np.column_stack([1 - np.cos(inner), 0.5 - np.sin(inner)]),
])
y = np.hstack([np.zeros(N // 2, dtype=int), np.ones(N - N // 2, dtype=int)])
order = rng.permutation(N)
X, y = X[order], y[order]
X = X + rng.normal(scale=NOISE, size=X.shape)

out = Path(__file__).with_name("moons.csv")
with out.open("w") as file:
    file.write("x1,x2,y\n")
    for (x1, x2), label in zip(X, y):
        # repr-exact: 17 significant digits read back to the same double
        file.write(f"{float(x1)!r},{float(x2)!r},{int(label)}\n")
print(f"wrote {out} ({N} points)")
