import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PythonError, PythonSession } from "../../src/python/python-session.ts";

const MODULE = join(import.meta.dirname, "dense_layer.py");
const session = new PythonSession(MODULE);
afterAll(() => session.close());

describe("the python worker", () => {
  it("lists the module's tasks in the order it defines them and gives the handout's inputs and one student's", () => {
    expect(session.call({ op: "tasks" })).toEqual(["forward", "broken"]);
    const handout = session.call({ op: "inputs", seed: null }) as { forward: { X: number[][] } };
    expect(handout.forward.X).toEqual([
      [1, 2, -1],
      [0, -1, 3],
    ]);
    const variant = session.call({ op: "inputs", seed: 7 }) as { forward: { X: number[][] } };
    expect(variant.forward.X).not.toEqual(handout.forward.X);
    expect(session.call({ op: "inputs", seed: 7 })).toEqual(variant);
  });

  it("solves a task synchronously: numpy arrays as lists, numpy scalars as numbers, NaN kept", () => {
    const inputs = (session.call({ op: "inputs", seed: null }) as { forward: unknown }).forward;
    const solved = session.call({ op: "solve", task: "forward", inputs, upstream: { "forward.A": [[Number.NaN]] } }) as { answers: Record<string, unknown>; factors?: unknown };
    const answers = solved.answers;
    expect(solved.factors).toEqual({ N: 2 });
    // XW + b by hand: [1, 2, -1] -> [0.5 + 2 + 2 + 0.1, -1 + 0 - 1 - 0.2]
    expect(answers.Z).toEqual([
      [4.6, -2.2],
      [-6.9, 2.8],
    ]);
    expect((answers.A as number[][])[0]![0]).toBeCloseTo(1 / (1 + Math.exp(-4.6)), 15);
    expect(answers.worst).toBeNaN();
    expect(answers.count).toBe(2);
  });

  it("gives the TA's traceback with a failing task, and keeps working after it", () => {
    let caught: unknown;
    try {
      session.call({ op: "solve", task: "broken", inputs: {}, upstream: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PythonError);
    expect((caught as PythonError).message).toMatch(/dense_layer\.py: solve_broken: LinAlgError: Singular matrix\n {4}Traceback/);
    expect((caught as PythonError).traceback).toMatch(/in solve_broken/);
    expect(session.call({ op: "tasks" })).toEqual(["forward", "broken"]);
    expect(() => session.call({ op: "solve", task: "nowhere" })).toThrow(/no task 'nowhere': the module defines forward, broken/);
  });

  it("says so when the module cannot be loaded", () => {
    const missing = new PythonSession(join(import.meta.dirname, "no-such-module.py"));
    expect(() => missing.call({ op: "tasks" })).toThrow(/no-such-module\.py: python exited \(code 1\)/);
  });
});

describe("the python worker, on a TA's mistakes", () => {
  const work = mkdtempSync(join(tmpdir(), "nngrade-worker-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("shows the line of a module that does not import, and no frame of python's own", () => {
    writeFileSync(join(work, "syntax.py"), "def inputs(seed=None)\n    return {}\n");
    const session = new PythonSession(join(work, "syntax.py"));
    expect(() => session.call({ op: "tasks" })).toThrow(/syntax\.py: python exited \(code 1\): SyntaxError: expected ':'\n {4} {2}File ".*syntax\.py", line 1\n {8}def inputs\(seed=None\)/);
    expect(() => session.call({ op: "tasks" })).not.toThrow(/frozen/);
  });

  it("reports an answer json cannot write as the task's error, and keeps working", () => {
    writeFileSync(join(work, "sets.py"), 'def inputs(seed=None):\n    return {"t": {}}\n\n\ndef solve_t(inputs, upstream):\n    return {"y": {1, 2}}\n');
    const session = new PythonSession(join(work, "sets.py"));
    expect(() => session.call({ op: "solve", task: "t", inputs: {}, upstream: {} })).toThrow(/sets\.py: solve_t: TypeError: Object of type set is not JSON serializable$/);
    expect(session.call({ op: "inputs", seed: null })).toEqual({ t: {} });
    session.close();
  });

  it("names what a module lacks", () => {
    writeFileSync(join(work, "bare.py"), 'def solve_t(inputs, upstream):\n    return {"y": 1}\n');
    const session = new PythonSession(join(work, "bare.py"));
    expect(() => session.call({ op: "inputs", seed: null })).toThrow(/bare\.py: inputs\(None\): AttributeError: the module defines no inputs\(seed=None\)/);
    session.close();
  });
});
