"""Writes mistake-corpus.json: for every gradable item of the five built-in
assignments, the reference answer with one known student mistake applied, and
the diagnosis code that mistake should get (or null: say nothing).

The right answers come from `node bin/nngrade.js reference <id> --json` (the
submission a perfect student hands in); every wrong answer, and the label it
carries, is made here with numpy from what ASSIGNMENTS.md states (counts,
starting parameters, learning rates), never from a diagnosis nngrade gave.
Where a mistake needs a number the reference does not print (the parameters
before hw4 q6's first update, cse343 s1's delta without its input factor),
it is recomputed here from the handout.

Run from the repository root:  python3 test/diagnose/make_mistake_corpus.py
"""
import json
import pathlib
import re
import subprocess

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
ASSIGNMENTS = [
    "hw4-hyperparameters",
    "hw3b-hyperparameter-optimization",
    "acml-autoencoder",
    "hlcv-two-layer-net",
    "cse343-nn-from-scratch",
]

# Items that ask for a fraction (an accuracy), as path patterns; ASSIGNMENTS.md.
FRACTIONS = {
    "hw4-hyperparameters": [r"q9\.(train|val)_accuracy"],
    "hw3b-hyperparameter-optimization": [r"t1\.val_accuracy", r"t2\.val_accuracy\[\d+\]\[\d+\]"],
    "hlcv-two-layer-net": [r"e4\.(hidden|depth)_sweep\[\d+\]"],
    "cse343-nn-from-scratch": [r"s4\.results\[\d+\]\.(train|val)_accuracy"],
}

# Counts a loss or gradient is averaged over, by item pattern; ASSIGNMENTS.md
# (hw4 q9's batch of 64 is its rubric's setting, printed by `nngrade handout`).
AVERAGED_OVER = {
    "hw4-hyperparameters": [(r"q3\.grad_[Wb]", 2), (r"q9\.train_loss", 8000), (r"q9\.val_loss", 2000)],
    "hw3b-hyperparameter-optimization": [(r"t1\.train_loss", 32)],
    "acml-autoencoder": [(r"a[25]\.final_loss\[\d+\]", 8), (r"a3\.final_loss_k(_minus_1)?", 8)],
    "hlcv-two-layer-net": [(r"e2\.grad_b[12]", 5), (r"e3\.loss_history", 200)],
}
# acml's loss is already 1/m: dividing by m again gives 1/8 of it (the misfire)
DIVIDED_AGAIN = {"acml-autoencoder": [(r"a1\.final_loss", 8), (r"a[25]\.final_loss\[\d+\]", 8)]}

COMMON = {2.0: "scale", 0.5: "scale", 10.0: "scale", 0.1: "scale"}

# A usual factor that is also a count of the task (hw4 q3 averages over N = 2 samples) is both slips at once.
TASK_COUNTS = {"hw4-hyperparameters": {"q3": [2.0]}, "hlcv-two-layer-net": {}}

# Classes of the tasks whose accuracies are judged against chance (their references name the count).
CHANCE_CLASSES = {"hw4-hyperparameters": {"q9": 10}, "hlcv-two-layer-net": {"e4": 10}, "cse343-nn-from-scratch": {"s4": 10}}


def at_chance(assignment, task, expected, received):
    """an accuracy well above chance reported at chance: a broken model, whatever factor made it"""
    classes = CHANCE_CLASSES.get(assignment, {}).get(task)
    if classes is None or np.ndim(expected) != 0:
        return False
    chance = 1.0 / classes
    well_above = float(expected) >= chance + 0.25 * (1 - chance)
    # a number above 1 for a fraction is a scale slip (1.7 for 0.85), not an accuracy of 1.7%
    return well_above and float(received) <= chance + min(0.25 * chance, 0.025)


def unrelated(wrong, right, task_numbers):
    """noise near a known slip of the right value, or near another number of the task, is no longer noise"""
    for factor in (1, -1, 2, 0.5, 10, 0.1, 100, 0.01):
        if np.allclose(wrong, factor * right, rtol=0.25, atol=1e-9):
            return False
    return not any(np.any(np.isclose(w, task_numbers, rtol=1e-3, atol=1e-9)) for w in np.ravel(wrong))


def numbers_of(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in numbers_of(v)]
    return [n for v in value for n in numbers_of(v)]

rng = np.random.default_rng(20240610)


def reference_answers(assignment):
    out = subprocess.run(
        ["node", "bin/nngrade.js", "reference", assignment, "--json"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)["answers"]


def parse_path(path):
    return [int(m[1]) if m[1] is not None else m[2] for m in re.finditer(r"\[(\d+)\]|([^.\[\]]+)", path)]


def get(root, path):
    node = root
    for key in parse_path(path):
        node = node[key]
    return node


def put(root, path, value):
    keys = parse_path(path)
    node = root
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value


def expand(pattern, answers):
    """rubric paths with [*] become one path per element of the reference"""
    if "[*]" not in pattern:
        try:
            get(answers, pattern)
            return [pattern]
        except (KeyError, IndexError, TypeError):
            return []
    head, tail = pattern.split("[*]", 1)
    paths = []
    for i in range(len(get(answers, head))):
        paths.extend(expand(f"{head}[{i}]{tail}", answers))
    return paths


def items(assignment, answers):
    rubric = json.loads((ROOT / "rubrics" / f"{assignment}.json").read_text())
    out = {}
    for task in rubric["tasks"]:
        for item in task["items"]:
            for path in expand(item["answer"], answers[task["id"]]):
                out[f"{task['id']}.{path}"] = {
                    "task": task["id"],
                    "path": path,
                    "mode": item["compare"]["mode"],
                    "points": item["points"],
                    "hidden": item.get("visibility") == "hidden",
                }
    return out


def has_bool(value):
    if isinstance(value, bool):
        return True
    return isinstance(value, list) and any(has_bool(v) for v in value)


def numeric(value):
    if has_bool(value):
        return None  # true is no 1.0: a flag is not scaled or negated
    try:
        array = np.array(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if array.dtype != float or array.size == 0 or not np.all(np.isfinite(array)):
        return None
    return array


def matches(patterns, item_id):
    return any(re.fullmatch(p, item_id) for p in patterns)


def tolist(array):
    out = np.asarray(array, dtype=float).tolist()
    return out


class Corpus:
    def __init__(self):
        self.cases = []

    def add(self, assignment, mistake, changes, targets, expected):
        self.cases.append(
            {
                "assignment": assignment,
                "mistake": mistake,
                "changes": [{"item": item, "value": value} for item, value in changes],
                "targets": targets,
                "expected": expected,
            }
        )


def significant(x, digits):
    return float(f"{x:.{digits}g}")


def per_item_mistakes(corpus, assignment, answers, planned):
    fractions = FRACTIONS.get(assignment, [])
    for item_id, item in planned.items():
        # an engine item judges a model; its numbers are read here only where the task says what they are
        counted = [p for p, _ in AVERAGED_OVER.get(assignment, []) + DIVIDED_AGAIN.get(assignment, [])]
        if item["hidden"] or item["points"] == 0 or item["mode"] == "engine" and not matches(fractions + counted, item_id):
            continue
        value = get(answers[item["task"]], item["path"])
        array = numeric(value)
        if array is None:
            continue
        is_fraction = matches(fractions, item_id)
        integers = np.all(array == np.round(array))

        def add(mistake, wrong, expected, accept=None):
            wrong = np.asarray(wrong, dtype=float)
            if wrong.shape == array.shape and np.allclose(wrong, array, rtol=1e-9, atol=1e-12):
                return  # the mistake changes nothing here
            if is_fraction and expected in ("scale", "rounded") and at_chance(assignment, item["task"], array, wrong):
                expected = "below-chance"
            if is_fraction and wrong.ndim == 0 and float(wrong) == 1.0:
                expected = None  # a perfect accuracy is a result of its own, whatever the reference's mean is
            corpus.add(assignment, mistake, [(item_id, tolist(wrong))], [item_id], expected)
            if accept:
                corpus.cases[-1]["accept"] = accept

        if np.any(np.abs(array) > 1e-6):
            add("sign", -array, "sign")
        for factor, code in COMMON.items():
            if np.any(np.abs(array) > 1e-6):
                counts = TASK_COUNTS.get(assignment, {}).get(item["task"], [])
                add(f"times {factor:g}", array * factor, code, ["summed"] if factor in counts else None)
        if np.any(np.abs(array) > 1e-6):
            add("times 100", array * 100, "percentage" if is_fraction else "scale")
        for pattern, count in AVERAGED_OVER.get(assignment, []):
            if re.fullmatch(pattern, item_id):
                add(f"summed over {count} instead of averaged", array * count, "summed")
        for pattern, count in DIVIDED_AGAIN.get(assignment, []):
            if re.fullmatch(pattern, item_id):
                add(f"divided by {count} twice", array / count, "scale")
        if array.ndim == 2 and array.shape[0] != array.shape[1]:
            add("transposed", array.T, "transposed")
        elif array.ndim == 2 and not np.allclose(array, array.T):
            add("transposed", array.T, "transposed")
        if not integers:
            add("rounded to 2 decimals", np.round(array, 2), "rounded" if np.any(np.round(array, 2) != 0) else None)
            add("rounded to 3 significant digits", np.vectorize(lambda x: significant(x, 3))(array), "rounded")
        if array.ndim == 1 and array.size >= 10 and item["mode"] in ("curve", "array"):
            add("first epoch missing", array[1:], "shifted")
        # an unrelated wrong value: noise of the answer's own size
        for k in range(2):
            if integers:
                noise = rng.integers(1000, 9000, size=array.shape)
            elif is_fraction:
                noise = rng.uniform(0.62, 0.97, size=array.shape)
            else:
                spread = float(np.max(np.abs(array))) or 1.0
                noise = rng.normal(0, spread, size=array.shape)
            if unrelated(noise, array, np.array(numbers_of(answers[item["task"]]))):
                add(f"noise {k}", noise, None)
        if is_fraction and array.ndim == 0 and float(array) < 0.99:
            add("an accuracy of 1.0", 1.0, None)


def swapped_pairs(corpus, assignment, answers, planned):
    visible = {i: it for i, it in planned.items() if not it["hidden"] and it["points"] > 0 and it["mode"] not in ("engine", "band", "range")}
    ids = sorted(visible)
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            first, second = visible[ids[a]], visible[ids[b]]
            parent = lambda p: re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", p)
            if first["task"] != second["task"] or parent(first["path"]) != parent(second["path"]):
                continue
            x = numeric(get(answers[first["task"]], first["path"]))
            y = numeric(get(answers[second["task"]], second["path"]))
            if x is None or y is None or x.shape != y.shape or np.allclose(x, y, rtol=1e-3, atol=1e-3):
                continue
            corpus.add(assignment, "swapped siblings", [(ids[a], tolist(y)), (ids[b], tolist(x))], [ids[a], ids[b]], "swapped")


def dJ(w):
    return w**3 - 4 * w**2 + 3 * w


def J(w):
    return 0.25 * w**4 - 4.0 / 3.0 * w**3 + 1.5 * w**2


def hw4_specific(corpus, answers):
    # q6: the curve recorded before each update (J(w0) first): ASSIGNMENTS.md, lr 0.1, 100 epochs
    for i, w0 in enumerate([-1.0, 0.2, 0.9, 4.0]):
        ws = [w0]
        for _ in range(100):
            ws.append(ws[-1] - 0.1 * dJ(ws[-1]))
        before = J(np.array(ws[:100]))
        if not np.allclose(before, J(np.array(ws[1:101])), rtol=1e-4, atol=5e-5):
            corpus.add("hw4-hyperparameters", "curve recorded before each update", [(f"q6.runs[{i}].J", tolist(before))], [f"q6.runs[{i}].J"], "shifted")
    # q9: labels numbered from 1
    predictions = np.array(answers["q9"]["val_predictions"]) + 1
    corpus.add("hw4-hyperparameters", "one-based labels", [("q9.val_predictions", predictions.astype(int).tolist())], ["q9.val_predictions"], "one-based")


def hw3b_specific(corpus, answers):
    grid = np.array(answers["t2"]["val_accuracy"], dtype=float)
    cells = [f"t2.val_accuracy[{r}][{c}]" for r in range(grid.shape[0]) for c in range(grid.shape[1])]
    # the heatmap with rows sigma^2 and columns lr: one diagnosis for the matrix, on its first cell
    corpus.add("hw3b-hyperparameter-optimization", "heatmap transposed", [("t2.val_accuracy", tolist(grid.T))], ["t2.val_accuracy[0][0]"], "transposed")
    corpus.add("hw3b-hyperparameter-optimization", "heatmap in percent", [("t2.val_accuracy", tolist(np.round(grid * 100, 1)))], cells, "percentage")
    trials = answers["t4"]["trials"]
    in_percent = [{**t, "val_accuracy": round(t["val_accuracy"] * 100, 2)} for t in trials]
    corpus.add("hw3b-hyperparameter-optimization", "trials in percent", [("t4.trials", in_percent)], ["t4.trials"], "percentage")
    columns = {key: [t[key] for t in trials] for key in trials[0]}
    corpus.add("hw3b-hyperparameter-optimization", "trial table transposed", [("t4.trials", columns)], ["t4.trials"], "transposed")


def cse343_specific(corpus, answers):
    steps = answers["s1"]["steps"]
    # the handout's starting parameters (ASSIGNMENTS.md): w1 = w2 = 1, b1 = b2 = 0
    previous = {"w1": 1.0, "b1": 0.0, "w2": 1.0, "b2": 0.0}
    samples = [(1, 3), (2, 4), (3, 5)]
    for k, step in enumerate(steps):
        for key in ("w1", "b1", "w2", "b2"):
            item = f"s1.steps[{k}].{key}"
            if not np.isclose(previous[key], step[key], rtol=1e-4, atol=1.5e-4):
                corpus.add("cse343-nn-from-scratch", "parameters before the update", [(item, previous[key])], [item], "before-update")
        # dL/dw1 without its input x is dL/dz1 (= dL/db1); dL/dw2 without a1 is dL/dz2 (= dL/db2)
        x = samples[k][0]
        a1 = max(0.0, previous["w1"] * x + previous["b1"])
        delta2 = previous["w2"] * a1 + previous["b2"] - samples[k][1]
        delta1 = delta2 * previous["w2"] * (1.0 if a1 > 0 else 0.0)
        if not np.isclose(delta1 * x, delta1, rtol=1e-4, atol=1.5e-4):
            corpus.add("cse343-nn-from-scratch", "grad_w1 without its factor x", [(f"s1.steps[{k}].grad_w1", delta1)], [f"s1.steps[{k}].grad_w1"], "missing-factor")
        if not np.isclose(delta2 * a1, delta2, rtol=1e-4, atol=1.5e-4):
            corpus.add("cse343-nn-from-scratch", "grad_w2 without its factor a1", [(f"s1.steps[{k}].grad_w2", delta2)], [f"s1.steps[{k}].grad_w2"], "missing-factor")
        previous = {key: step[key] for key in previous}
    # support vectors numbered from 0 where the question numbers from 1
    vectors = answers["s2"]["support_vectors"]
    corpus.add("cse343-nn-from-scratch", "zero-based point numbers", [("s2.support_vectors", [v - 1 for v in vectors])], ["s2.support_vectors"], "one-based")


def main():
    corpus = Corpus()
    for assignment in ASSIGNMENTS:
        answers = reference_answers(assignment)
        planned = items(assignment, answers)
        per_item_mistakes(corpus, assignment, answers, planned)
        swapped_pairs(corpus, assignment, answers, planned)
        if assignment == "hw4-hyperparameters":
            hw4_specific(corpus, answers)
        if assignment == "hw3b-hyperparameter-optimization":
            hw3b_specific(corpus, answers)
        if assignment == "cse343-nn-from-scratch":
            cse343_specific(corpus, answers)
    # one answer with two labels (half of a grad_w1 whose x is 2 is also the grad_w1 without its x): both are right
    labels = {}
    for case in corpus.cases:
        key = json.dumps([case["assignment"], case["changes"]])
        labels.setdefault(key, set()).add(case["expected"])
    for case in corpus.cases:
        others = sorted(code for code in labels[json.dumps([case["assignment"], case["changes"]])] if code not in (None, case["expected"]))
        if others and case["expected"] is not None:
            case["accept"] = sorted(set(case.get("accept", [])) | set(others))
    out = pathlib.Path(__file__).with_name("mistake-corpus.json")
    out.write_text(json.dumps({"cases": corpus.cases}, separators=(",", ":")) + "\n")
    print(f"wrote {out}: {len(corpus.cases)} cases")


if __name__ == "__main__":
    main()
