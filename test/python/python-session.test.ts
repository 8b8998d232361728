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
    expect((caught as PythonError).message).toMatch(/dense_layer\.py: LinAlgError: Singular matrix/);
    expect((caught as PythonError).traceback).toMatch(/in solve_broken/);
    expect(session.call({ op: "tasks" })).toEqual(["forward", "broken"]);
    expect(() => session.call({ op: "solve", task: "nowhere" })).toThrow(/no task 'nowhere': the module defines forward, broken/);
  });

  it("says so when the module cannot be loaded", () => {
    const missing = new PythonSession(join(import.meta.dirname, "no-such-module.py"));
    expect(() => missing.call({ op: "tasks" })).toThrow(/no-such-module\.py: python exited \(code 1\)/);
  });
});
