"""How often do the trained-result bands fail an honest student, and do they catch the usual bugs?

Trains, in plain numpy and independently of nngrade's engine, the runs a
student would hand in for the trained items, the way students write them:
other seeds than the reference's, float32 as well as float64, numpy's new
Generator as well as the legacy RandomState for the initialisation and the
shuffling. Each honest run follows the handout's setup (`nngrade handout`);
then the same loops with a typical bug (too few epochs, a learning-rate
typo, a missing 1/N). Every run becomes a submission, nngrade grades them all
(`nngrade grade`, every item, hidden ones too, as `check --all` does), and
the script prints, per item, the share of honest runs that did not pass (the
false-fail rate; target <= 0.5%) and the share of buggy runs that did not.

  hw4 q9   MNIST softmax regression (784 -> 10, Xavier-uniform, Adam lr 1e-3,
           batch 64, 20 epochs, pixels as exported): train/val accuracy and
           the accuracy of val_predictions
  hw3b t2  the moons MLP heatmap (2-10-10-2 tanh, SGD batch 32, 100 epochs,
           N(0, sigma^2) init) over lr x sigma^2: each cell one item

Runs of one configuration are trained side by side as one batched numpy
computation (a leading axis of runs), each with its own generator, so a few
hundred runs cost about what one does.

Usage (from the repository root; needs python3, numpy and node):
  python3 bench/band_false_fails.py                 # both, 200 honest runs each
  python3 bench/band_false_fails.py --only t2 --runs 400
  python3 bench/band_false_fails.py --keep /tmp/ff  # keep the submissions and results
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parent.parent
NNGRADE = [shutil.which("node") or "node", str(ROOT / "bin" / "nngrade.js")]
TARGET = 0.005


def export(assignment, folder):
    subprocess.run([*NNGRADE, "data", "export", assignment, "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
    return folder


class Streams:
    """one generator per run: legacy RandomState(seed) or Generator(PCG64(seed)), with the calls a student makes"""

    def __init__(self, seeds, kind):
        self.kind = kind
        self.rngs = [np.random.RandomState(s) if kind == "legacy" else np.random.default_rng(s) for s in seeds]

    def normal(self, std, shape, dtype):
        if self.kind == "legacy":
            return np.stack([r.randn(*shape) * std for r in self.rngs]).astype(dtype)
        return np.stack([r.standard_normal(shape) * std for r in self.rngs]).astype(dtype)

    def uniform(self, limit, shape, dtype):
        return np.stack([r.uniform(-limit, limit, shape) for r in self.rngs]).astype(dtype)

    def permutations(self, n):
        return np.stack([r.permutation(n) for r in self.rngs])


def softmax(z):
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


# ---------------------------------------------------------------- hw4 q9


def train_q9(data, seeds, dtype=np.float64, rng="legacy", epochs=20, lr=1e-3, batch=64, mean_gradient=True):
    """Xavier-uniform W then b, then a permutation per epoch; Adam (0.9, 0.999, 1e-8) on the batch's mean cross-entropy"""
    X, y, Xv, yv = (a.astype(dtype) if a.dtype.kind == "f" else a for a in data)
    runs, n, d = len(seeds), len(y), X.shape[1]
    streams = Streams(seeds, rng)
    limit = np.sqrt(6 / (d + 10))
    params = [streams.uniform(limit, (d, 10), dtype), streams.uniform(limit, (1, 10), dtype)]
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    t = 0
    rows = np.arange(runs)[:, None]
    for _ in range(epochs):
        order = streams.permutations(n)
        for start in range(0, n, batch):
            idx = order[:, start:start + batch]
            xb = X[idx]
            grad_z = softmax(xb @ params[0] + params[1])
            grad_z[rows, np.arange(idx.shape[1])[None, :], y[idx]] -= 1
            if mean_gradient:
                grad_z /= idx.shape[1]
            grads = [np.swapaxes(xb, 1, 2) @ grad_z, grad_z.sum(axis=1, keepdims=True)]
            t += 1
            for i, g in enumerate(grads):
                moments[i] = 0.9 * moments[i] + 0.1 * g
                squares[i] = 0.999 * squares[i] + 0.001 * g * g
                params[i] -= (lr * (moments[i] / (1 - 0.9**t)) / (np.sqrt(squares[i] / (1 - 0.999**t)) + 1e-8)).astype(dtype)
    train_pred = (X @ params[0] + params[1]).argmax(axis=-1)
    val_pred = (Xv @ params[0] + params[1]).argmax(axis=-1)
    return [
        {
            "train_accuracy": float(np.mean(train_pred[r] == y)),
            "val_accuracy": float(np.mean(val_pred[r] == yv)),
            "val_predictions": [int(p) for p in val_pred[r]],
        }
        for r in range(runs)
    ]


Q9_ITEMS = ["q9.train_accuracy", "q9.val_accuracy", "q9.val_predictions"]


def q9_runs(folder, count):
    data = [np.load(folder / f"mnist_{part}_{what}.npy") for part in ("train", "validation") for what in ("X", "y")]
    data = [data[0], data[1].astype(np.int64), data[2], data[3].astype(np.int64)]
    quarter = max(1, count // 4)
    honest = {
        # the handout's setup with other seeds; 8,000 / 64 leaves no short batch to drop
        "float64, RandomState": lambda s: train_q9(data, s),
        "float32, RandomState": lambda s: train_q9(data, s, dtype=np.float32),
        "float64, Generator": lambda s: train_q9(data, s, rng="pcg64"),
        "float32, Generator": lambda s: train_q9(data, s, dtype=np.float32, rng="pcg64"),
    }
    bugs = {
        "5 epochs instead of 20": lambda s: train_q9(data, s, epochs=5),
        "lr 1e-4 (a typo for 1e-3)": lambda s: train_q9(data, s, lr=1e-4),
        "lr 1e-2 (a typo for 1e-3)": lambda s: train_q9(data, s, lr=1e-2),
        # Adam divides by the gradient's own scale: a summed gradient is almost the same run (expected to pass)
        "missing 1/N in the gradient (Adam)": lambda s: train_q9(data, s, mean_gradient=False),
    }
    return honest, bugs, quarter


# ---------------------------------------------------------------- hw3b t2

LEARNING_RATES = [1e-4, 1e-3, 1e-2, 1e-1, 1.0]
SIGMA2S = [round(0.1 * i, 1) for i in range(11)]


def train_moons(data, seeds, lr, sigma2, dtype=np.float64, rng="legacy", epochs=100, batch=32, mean_gradient=True):
    """2-10-10-2 tanh, N(0, sigma^2) weights and biases layer by layer, a permutation per epoch, SGD on the batch mean"""
    X, y, Xv, yv = (a.astype(dtype) if a.dtype.kind == "f" else a for a in data)
    runs, n = len(seeds), len(y)
    streams = Streams(seeds, rng)
    std = np.sqrt(sigma2)
    sizes = [2, 10, 10, 2]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append(streams.normal(std, (fan_in, fan_out), dtype))
        params.append(streams.normal(std, (1, fan_out), dtype))
    rows = np.arange(runs)[:, None]
    with np.errstate(all="ignore"):
        for _ in range(epochs):
            order = streams.permutations(n)
            for start in range(0, n, batch):
                idx = order[:, start:start + batch]
                a0 = X[idx]
                a1 = np.tanh(a0 @ params[0] + params[1])
                a2 = np.tanh(a1 @ params[2] + params[3])
                delta = softmax(a2 @ params[4] + params[5])
                delta[rows, np.arange(idx.shape[1])[None, :], y[idx]] -= 1
                if mean_gradient:
                    delta /= idx.shape[1]
                grads = [None] * 6
                for layer, below in ((2, a2), (1, a1), (0, a0)):
                    grads[2 * layer] = np.swapaxes(below, 1, 2) @ delta
                    grads[2 * layer + 1] = delta.sum(axis=1, keepdims=True)
                    if layer > 0:
                        delta = (delta @ np.swapaxes(params[2 * layer], 1, 2)) * (1 - below**2)
                for i, g in enumerate(grads):
                    params[i] -= (lr * g).astype(dtype)
        h = np.tanh(np.tanh(Xv @ params[0] + params[1]) @ params[2] + params[3])
        pred = (h @ params[4] + params[5]).argmax(axis=-1)
    return [float(np.mean(pred[r] == yv)) for r in range(runs)]


def t2_items():
    return [f"t2.val_accuracy[{r}][{c}]" for r in range(len(LEARNING_RATES)) for c in range(len(SIGMA2S))]


def heatmaps(data, seeds, **options):
    """one 5x11 heatmap per seed: every cell trained with that seed"""
    cells = [[train_moons(data, seeds, lr, s2, **options) for s2 in SIGMA2S] for lr in LEARNING_RATES]
    return [{"val_accuracy": [[cells[r][c][k] for c in range(len(SIGMA2S))] for r in range(len(LEARNING_RATES))]} for k in range(len(seeds))]


def t2_runs(folder, count):
    data = [np.load(folder / f"moons_{part}_{what}.npy") for part in ("train", "validation") for what in ("X", "y")]
    data = [data[0], data[1].astype(np.int64), data[2], data[3].astype(np.int64)]
    honest = {
        "float64, RandomState": lambda s: heatmaps(data, s),
        "float32, RandomState": lambda s: heatmaps(data, s, dtype=np.float32),
        "float64, Generator": lambda s: heatmaps(data, s, rng="pcg64"),
        "float32, Generator": lambda s: heatmaps(data, s, dtype=np.float32, rng="pcg64"),
    }
    bugs = {
        "10 epochs instead of 100": lambda s: heatmaps(data, s, epochs=10),
        "missing 1/N (summed batch gradient)": lambda s: heatmaps(data, s, mean_gradient=False),
    }
    return honest, bugs, max(1, count // 4)


# ---------------------------------------------------------------- grading


def grade(assignment, task, answers_by_student, work):
    """writes one submission per run, grades them all with nngrade, returns {student: {item id: status}}"""
    submissions = work / f"{assignment}-submissions"
    results = work / f"{assignment}-results"
    shutil.rmtree(submissions, ignore_errors=True)
    shutil.rmtree(results, ignore_errors=True)
    submissions.mkdir(parents=True)
    for student, answers in answers_by_student.items():
        doc = {"assignment": assignment, "student": {"id": student}, "answers": {task: answers}}
        (submissions / f"{student}.json").write_text(json.dumps(doc))
    subprocess.run([*NNGRADE, "grade", str(submissions), "--assignment", assignment, "--out", str(results), "--force"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    statuses = {}
    for student in answers_by_student:
        result = json.loads((results / f"{student}.json").read_text())
        statuses[student] = {item["id"]: item["status"] for t in result["tasks"] for item in t["items"]}
    return statuses


def not_passed(statuses, students, item):
    return sum(statuses[s].get(item) not in ("pass", "ecf") for s in students)


def report(name, items, statuses, honest_students, bug_students):
    print(f"\n{name}: {len(honest_students)} honest runs")
    rates = {item: not_passed(statuses, honest_students, item) / len(honest_students) for item in items}
    for item, rate in rates.items():
        if rate > TARGET or len(items) <= 4:
            print(f"  {item:28s} false-fail {round(rate * len(honest_students)):3d}/{len(honest_students)} = {rate:.2%}")
    above = sum(rate > TARGET for rate in rates.values())
    print(f"  worst item {max(rates.values()):.2%}, mean {np.mean(list(rates.values())):.2%}; {above}/{len(items)} items above the target {TARGET:.1%}")
    for bug, students in bug_students.items():
        failed = [not_passed(statuses, students, item) / len(students) for item in items]
        print(f"  bug {bug!r}: {sum(r >= 0.5 for r in failed)}/{len(items)} items fail most runs; {np.mean(failed):.0%} of item runs fail")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200, help="honest runs per assignment, split over the variants")
    parser.add_argument("--bug-runs", type=int, default=20, help="runs per bug")
    parser.add_argument("--only", choices=["q9", "t2"])
    parser.add_argument("--keep", help="a folder to keep the submissions and results in")
    args = parser.parse_args()
    work = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="nngrade-ff-"))
    work.mkdir(parents=True, exist_ok=True)
    jobs = [("q9", "hw4-hyperparameters", q9_runs, lambda: Q9_ITEMS), ("t2", "hw3b-hyperparameter-optimization", t2_runs, t2_items)]
    try:
        for task, assignment, make, items in jobs:
            if args.only not in (None, task):
                continue
            honest, bugs, per_variant = make(export(assignment, work / f"{assignment}-data"), args.runs)
            answers, honest_students, bug_students = {}, [], {}
            seed = 10_000  # far from the reference's seeds 0-29
            for variant, train in honest.items():
                seeds = list(range(seed, seed + per_variant))
                seed += per_variant
                for k, run in enumerate(train(seeds)):
                    student = f"honest-{len(honest_students):04d}"
                    answers[student] = run
                    honest_students.append(student)
                print(f"{task}: trained {per_variant} honest runs, {variant}", file=sys.stderr)
            for bug, train in bugs.items():
                seeds = list(range(seed, seed + args.bug_runs))
                seed += args.bug_runs
                bug_students[bug] = []
                for k, run in enumerate(train(seeds)):
                    student = f"bug-{len(bug_students)}-{k:03d}"
                    answers[student] = run
                    bug_students[bug].append(student)
                print(f"{task}: trained {args.bug_runs} runs with {bug}", file=sys.stderr)
            statuses = grade(assignment, task, answers, work)
            report(f"{assignment} {task}", items(), statuses, honest_students, bug_students)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
