"""nngrade's Python worker: runs a course's reference written in plain numpy.

nngrade starts one process per reference module and talks to it over stdin
and stdout, one JSON object per line (the way PrairieLearn calls a course's
server.py). Requests and answers:

  {"id": 1, "op": "tasks"}                       -> {"id": 1, "ok": true, "value": ["forward", "backward"]}
  {"id": 2, "op": "inputs", "seed": null}        -> the handout's inputs (a seed: one student's variant)
  {"id": 3, "op": "solve", "task": "forward", "inputs": {...}, "upstream": {"forward.A": [[...]]}}
                                                 -> {"answers": {...}, and any extras: "factors", "alternatives",
                                                     "fractions", "before", "bands", "evaluations", "curves"}
  {"id": 4, "op": "datasets"}                    -> [{"name": "moons", "description": ..., "features": [[...]], "labels": [...]}]
  a failure                                      -> {"id": 3, "ok": false, "error": {"type": ..., "message": ..., "traceback": ...}}

The module defines `inputs(seed=None)` and one `solve_<task>(inputs, upstream)`
per task (or a dict TASKS = {"task": function}), and may define
`datasets()`: the data students train on, for `nngrade data export`. numpy arrays and scalars
come back as lists and numbers; NaN and infinities as Python's json writes
them (NaN, Infinity), which nngrade reads. Anything the module prints goes to
stderr, never into the protocol.
"""

import importlib.util
import json
import math
import os
import sys
import traceback


def to_json(value):
    """numpy arrays and scalars as lists and numbers, everything else as json takes it"""
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return value
    return value


def load(path):
    # the module's own folder first on the path, so that it imports its helper modules beside it
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("nngrade_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tasks_of(module):
    table = getattr(module, "TASKS", None)
    if isinstance(table, dict):
        return dict(table)
    # in the order the module defines them (dir() would sort them): the template lists tasks so
    return {name[len("solve_"):]: value for name, value in vars(module).items() if name.startswith("solve_") and callable(value)}


EXTRAS = {"factors", "alternatives", "fractions", "before", "bands", "evaluations", "curves"}


def handle(module, tasks, request):
    op = request.get("op")
    if op == "tasks":
        return list(tasks)
    if op == "inputs":
        if not callable(getattr(module, "inputs", None)):
            raise AttributeError("the module defines no inputs(seed=None): the handout's inputs by task id")
        return module.inputs(request.get("seed"))
    if op == "datasets":
        made = getattr(module, "datasets", None)
        return list(made()) if callable(made) else []
    if op == "solve":
        task = request.get("task")
        if task not in tasks:
            raise KeyError(f"no task {task!r}: the module defines {', '.join(tasks) or 'none'}")
        solved = tasks[task](request.get("inputs"), request.get("upstream") or {})
        # a task may return (answers, extras): extras are what grading may use besides the answers
        # ({"factors": {"N": 2}} names the counts a "summed instead of averaged" diagnosis looks for)
        answers, extras = solved if isinstance(solved, tuple) else (solved, {})
        unknown = set(extras) - EXTRAS
        if unknown:
            raise ValueError(f"solve_{task}: unknown extras {sorted(unknown)}: expected some of {sorted(EXTRAS)}")
        return {"answers": answers, **extras}
    raise ValueError(f"unknown op {op!r}")


WORKER = os.path.abspath(__file__)


def called(request):
    """what of the TA's module a request ran, for the message"""
    op = request.get("op")
    return {"solve": f"solve_{request.get('task')}", "inputs": f"inputs({request.get('seed')!r})", "datasets": "datasets()"}.get(op, str(op))


def module_traceback(error, folder):
    """the traceback's frames in the TA's own files (not the worker's, not python's): what their code did"""
    # "<frozen importlib...>" is python's own, though abspath would put it in the module's folder (the worker's cwd)
    mine = lambda name: not name.startswith("<") and os.path.abspath(name).startswith(folder + os.sep)
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if mine(frame.filename)]
    shown = "".join(traceback.format_list(frames))
    return ("Traceback (most recent call last):\n" + shown if shown else "") + "".join(traceback.format_exception_only(type(error), error))


def main():
    protocol = sys.stdout
    # the module's own prints must not break a line of the protocol
    sys.stdout = sys.stderr
    folder = os.path.dirname(os.path.abspath(sys.argv[1]))
    try:
        module = load(sys.argv[1])
    except Exception as error:  # a module that cannot be imported: its own frames on stderr, then the worker ends
        sys.stderr.write(module_traceback(error, folder))
        sys.exit(1)
    tasks = tasks_of(module)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        try:
            # written inside the try: a value json cannot write (a set, an object) is the task's error, not the worker's end
            line = json.dumps({"id": request.get("id"), "ok": True, "value": to_json(handle(module, tasks, request))})
        except Exception as error:  # the TA's traceback goes back to nngrade, which shows it with the task
            failure = {"type": type(error).__name__, "message": str(error), "where": called(request), "traceback": module_traceback(error, folder)}
            line = json.dumps({"id": request.get("id"), "ok": False, "error": failure})
        protocol.write(line + "\n")
        protocol.flush()


if __name__ == "__main__":
    main()
