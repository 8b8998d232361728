"""How K and pooling change hw3b t2's false fails: a resampling study.

bench/band_false_fails.py grades honest runs against the bands of the shipped
reference seeds: one draw of K reference runs. Whether a band rule meets the
target (an honest run fails a cell in at most 0.5% of runs) depends on that
draw, so this script redraws it. Each unit is one whole heatmap (one seed
for all 55 cells: a seed that stalls at lr 0.1 tends to stall in every
sigma^2 column, so cells may not be drawn independently): the engine's runs
from reference/cache/ (seeds 0-29) and the honest numpy heatmaps that
band_false_fails.py trained. For each rule, `--draws` times: K units become
the reference, the rest are students; the bands are made the way
src/compare/band.ts makes them (a normal tolerance interval on the log of the
error rate, 99.9% at 95% confidence, floor 0.004, widened to a pool's
furthest runs: BandPool); the script prints the share of student cells
outside, and of the buggy runs' cells.

Usage (from the repository root; needs numpy and scipy):
  python3 bench/band_false_fails.py --only t2 --keep /tmp/ff   # trains the honest and buggy runs once
  python3 bench/band_resample.py /tmp/ff/hw3b-hyperparameter-optimization-submissions
"""

import argparse
import collections
import json
import pathlib

import numpy as np
from scipy import stats

ROOT = pathlib.Path(__file__).resolve().parent.parent
LEARNING_RATES = [1e-4, 1e-3, 1e-2, 0.1, 1]
SIGMA2S = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]
COVERAGE, CONFIDENCE, FLOOR, OFFSET, TARGET = 0.999, 0.95, 0.004, 0.001, 0.005
TRAINABLE_ROWS = range(1, 5)  # lr 1e-4 is graded by range, sigma^2 = 0 by another band


def to_scale(x):
    return -np.log(np.maximum(1 - x, 0) + OFFSET)


def from_scale(t):
    return 1 + OFFSET - np.exp(-t)


def tolerance_factor(n):
    """Howe's k, as src/compare/tolerance-factor.ts"""
    z = stats.norm.ppf((1 + COVERAGE) / 2)
    return np.sqrt((n - 1) * (1 + 1 / n) * z * z / stats.chi2.ppf(1 - CONFIDENCE, n - 1))


def band(samples, pool):
    z = to_scale(samples)
    half = tolerance_factor(len(samples)) * z.std(ddof=1)
    mean = samples.mean()
    low = min(from_scale(z.mean() - half), mean - FLOOR, samples.min())
    high = max(from_scale(z.mean() + half), mean + FLOOR, samples.max())
    if pool:
        below = max(np.median(to_scale(g)) - to_scale(g).min() for g in pool)
        above = max(to_scale(g).max() - np.median(to_scale(g)) for g in pool)
        low = min(low, from_scale(np.median(z) - below))
        high = max(high, from_scale(np.median(z) + above))
    return max(low, 0), min(high, 1)


def bands(reference, k_of_row, pool_rows):
    """low, high per cell from the first k_of_row(row) reference units; pool_rows(row): the rows pooled with it"""
    low, high = np.zeros((5, 11)), np.ones((5, 11))
    for row in TRAINABLE_ROWS:
        runs = lambda r, c: reference[: k_of_row(r), r, c]
        pool = [runs(r, c) for r in pool_rows(row) for c in range(1, 11)]
        for col in range(1, 11):
            low[row, col], high[row, col] = band(runs(row, col), pool)
    return low, high


def load(submissions):
    cache = json.loads((ROOT / "reference/cache/hw3b-hyperparameter-optimization.json").read_text())["entries"]
    engine = collections.defaultdict(lambda: np.full((5, 11), np.nan))
    for entry in cache.values():
        key = entry["key"]
        if key["kind"] == "hw3b-cell-run" and key["config"]["epochs"] == 100:
            engine[key["seed"]][LEARNING_RATES.index(key["config"]["lr"]), SIGMA2S.index(key["config"]["sigma2"])] = entry["value"]["val_accuracy"]
    units = [grid for grid in engine.values() if not np.isnan(grid).any()]
    bugs = collections.defaultdict(list)
    for path in sorted(pathlib.Path(submissions).glob("*.json")):
        grid = np.array(json.loads(path.read_text())["answers"]["t2"]["val_accuracy"], dtype=float)
        if path.name.startswith("honest"):
            units.append(grid)
        else:
            bugs[path.name.rsplit("-", 1)[0]].append(grid)
    return np.array(units), {name: np.array(grids) for name, grids in bugs.items()}


RULES = {
    "K 30, per cell": (lambda row: 30, lambda row: []),
    "K 30, pooled by row": (lambda row: 30, lambda row: [row]),
    "K 30, pooled over lr >= 1e-2": (lambda row: 30, lambda row: [2, 3, 4] if row >= 2 else [row]),
    "K 60, pooled over lr >= 1e-2": (lambda row: 60 if row >= 2 else 30, lambda row: [2, 3, 4] if row >= 2 else [row]),
    "K 100, pooled by row": (lambda row: 100 if row >= 2 else 30, lambda row: [row]),
    "K 100, pooled over lr >= 1e-2 (shipped)": (lambda row: 100 if row >= 2 else 30, lambda row: [2, 3, 4] if row >= 2 else [row]),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", help="band_false_fails.py's kept hw3b submissions (honest-*.json, bug-*.json)")
    parser.add_argument("--draws", type=int, default=150)
    args = parser.parse_args()
    units, bugs = load(args.submissions)
    print(f"{len(units)} honest heatmaps (engine and numpy); bugs: {', '.join(f'{b} {len(g)}' for b, g in bugs.items())}")
    rng = np.random.default_rng(0)
    for name, (k_of_row, pool_rows) in RULES.items():
        k = max(k_of_row(row) for row in TRAINABLE_ROWS)
        if k >= len(units) - 30:
            print(f"{name}: needs more honest heatmaps than {len(units)}")
            continue
        outside, students = np.zeros((5, 11)), 0
        caught = {b: np.zeros((5, 11)) for b in bugs}
        for _ in range(args.draws):
            order = rng.permutation(len(units))
            low, high = bands(units[order[:k]], k_of_row, pool_rows)
            rest = units[order[k:]]
            outside += ((rest < low) | (rest > high)).sum(axis=0)
            students += len(rest)
            for b, grids in bugs.items():
                caught[b] += ((grids < low) | (grids > high)).mean(axis=0)
        rate = (outside / students)[1:, 1:]
        bug_text = "; ".join(f"{b}: {(c / args.draws)[1:, 1:].mean():.0%} of cells caught" for b, c in caught.items())
        print(f"{name:42s} honest cells outside: mean {rate.mean():.2%}, worst {rate.max():.2%}, {(rate > TARGET).sum()}/40 above {TARGET:.1%}; {bug_text}")


if __name__ == "__main__":
    main()
