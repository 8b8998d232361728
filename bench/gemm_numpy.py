"""numpy's side of bench/gemm.ts: times the same products, prints JSON lines.

Reads the shapes as JSON on stdin: [{"label", "m", "n", "k", "form"}, ...]
with form "nn" (a @ b), "tn" (a.T @ b) or "nt" (a @ b.T), the way an MLP
written in numpy computes them. Prints one line {"blas": ...} describing the
BLAS numpy runs (threadpoolctl where installed, else OpenBLAS asked directly),
then one line per shape {"label", "seconds"} with the best of several runs.
bench/gemm.ts starts it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset.
"""

import ctypes
import glob
import json
import os
import sys
import time

import numpy as np


def blas_info():
    info = {"numpy": np.__version__}
    try:
        from threadpoolctl import threadpool_info

        info["threadpoolctl"] = [
            {key: pool.get(key) for key in ("internal_api", "version", "num_threads", "architecture")}
            for pool in threadpool_info()
            if pool.get("user_api") == "blas"
        ]
    except ImportError:
        info["threadpoolctl"] = "not installed"
        info["openblas"] = openblas_core()
    return info


def openblas_core():
    """the core OpenBLAS picked at run time, asked of the library numpy loaded"""
    libs = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
    for path in glob.glob(os.path.join(libs, "*openblas*")):
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("openblas_", ""), ("scipy_openblas_", "")):
            try:
                corename = getattr(lib, f"{prefix}get_corename{suffix}")
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            return {"library": os.path.basename(path), "corename": corename().decode(), "num_threads": threads()}
    return "not found"


def best_seconds(product, flops):
    product()
    repeats = max(3, int(2e8 / flops))
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(repeats):
            product()
        best = min(best, (time.perf_counter() - start) / repeats)
    return best


def main():
    shapes = json.load(sys.stdin)
    print(json.dumps({"blas": blas_info()}), flush=True)
    rng = np.random.default_rng(0)
    for shape in shapes:
        m, n, k, form = shape["m"], shape["n"], shape["k"], shape["form"]
        a = rng.standard_normal((k, m) if form == "tn" else (m, k))
        b = rng.standard_normal((n, k) if form == "nt" else (k, n))
        product = {"nn": lambda: a @ b, "tn": lambda: a.T @ b, "nt": lambda: a @ b.T}[form]
        seconds = best_seconds(product, 2 * m * n * k)
        print(json.dumps({"label": shape["label"], "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()
