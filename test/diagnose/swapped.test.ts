import { describe, expect, it } from "vitest";
import { swapped } from "../../src/diagnose/swapped.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";
import { expectNoExpectedValueIn, gradWInput, hw4 } from "./hw4-cases.ts";

const Q6_TOLERANCE = { rtol: 1e-4, atol: 1e-6 };
type Field = "w0" | "final_w" | "final_J";

/** Every q6 item as a correct answer, then the student's changes on top. */
function q6Answers(changes: Record<string, Value>): Map<string, { expected: Value; received: Value }> {
  const answers = new Map<string, { expected: Value; received: Value }>();
  hw4.q6_runs.forEach((run, i) => {
    for (const field of ["w0", "final_w", "final_J"] as Field[]) {
      const id = `q6.runs[${i}].${field}`;
      answers.set(id, { expected: run[field], received: id in changes ? changes[id]! : run[field] });
    }
  });
  return answers;
}

function q6Input(itemId: string, changes: Record<string, Value>): DiagnoseInput {
  const answers = q6Answers(changes);
  const item = answers.get(itemId)!;
  const siblings = [...answers].filter(([id]) => id !== itemId).map(([id, a]) => ({ id, ...a }));
  return { itemId, expected: item.expected, received: item.received, siblings, tolerance: Q6_TOLERANCE };
}

const run3 = hw4.q6_runs[3]!;

describe("swapped", () => {
  it("names final_w and final_J exchanged in a q6 run, from either side", () => {
    const changes = { "q6.runs[3].final_w": run3.final_J, "q6.runs[3].final_J": run3.final_w };
    const fromW = swapped.diagnose(q6Input("q6.runs[3].final_w", changes));
    expect(fromW).toEqual({ code: "swapped", message: "looks swapped with q6.runs[3].final_J" });
    expectNoExpectedValueIn(fromW!.message, run3.final_w);
    const fromJ = swapped.diagnose(q6Input("q6.runs[3].final_J", changes));
    expect(fromJ).toEqual({ code: "swapped", message: "looks swapped with q6.runs[3].final_w" });
    expectNoExpectedValueIn(fromJ!.message, run3.final_J);
  });

  it("names the field a value was copied from when only one side is wrong", () => {
    const diagnosis = swapped.diagnose(q6Input("q6.runs[3].final_w", { "q6.runs[3].final_w": run3.final_J }));
    expect(diagnosis).toEqual({ code: "swapped", message: "this looks like the value of q6.runs[3].final_J" });
  });

  it("says nothing when the exchanged values are equal within tolerance", () => {
    // run 0 ends at w = -6.5e-17 with J = 6.4e-33: both 0 as far as atol can tell
    const run0 = hw4.q6_runs[0]!;
    const changes = { "q6.runs[0].final_w": run0.final_J, "q6.runs[0].final_J": run0.final_w };
    expect(swapped.diagnose(q6Input("q6.runs[0].final_w", changes))).toBeNull();
  });

  it("does not call a zero answer a copy of some other zero", () => {
    // a wrong 0 for run 3 matches runs 0-2's final values, which are all about 0
    expect(swapped.diagnose(q6Input("q6.runs[3].final_w", { "q6.runs[3].final_w": 0 }))).toBeNull();
  });

  it("does not guess when the value belongs to several siblings", () => {
    const siblings = [
      { id: "q7.runs[0].lr", expected: 0.2, received: 0.2 },
      { id: "q7.runs[1].lr", expected: 0.2, received: 0.2 },
    ];
    const input = { itemId: "q7.w0", expected: 0.5, received: 0.2, siblings, tolerance: Q6_TOLERANCE };
    expect(swapped.diagnose(input)).toBeNull();
  });

  it("names q3 grad_W and grad_z exchanged, though their shapes differ", () => {
    const input = gradWInput({
      received: hw4.grad_z,
      siblings: [{ id: "q3.grad_z", expected: hw4.grad_z, received: hw4.grad_W }],
    });
    expect(swapped.diagnose(input)).toEqual({ code: "swapped", message: "looks swapped with q3.grad_z" });
  });

  it("requires the shape of the sibling's value, not only its numbers", () => {
    const input = gradWInput({
      received: [hw4.grad_b],
      siblings: [{ id: "q3.grad_b", expected: hw4.grad_b, received: hw4.grad_W }],
    });
    expect(swapped.diagnose(input)).toBeNull();
  });

  it.each<[string, Value]>([
    ["a random wrong matrix", hw4.grad_W_random_wrong],
    ["a string", "grad_z"],
    ["null", null],
    ["a NaN", Number.NaN],
  ])("says nothing about %s", (_, received) => {
    expect(swapped.diagnose(gradWInput({ received }))).toBeNull();
  });

  it("names a copied field even when that field is unanswered", () => {
    const input = gradWInput({
      received: hw4.grad_b,
      expected: hw4.grad_W,
      siblings: [{ id: "q3.grad_b", expected: hw4.grad_b, received: undefined }],
    });
    expect(swapped.diagnose(input)?.message).toBe("this looks like the value of q3.grad_b");
  });
});

describe("swapped, one way, against the student's own answer", () => {
  it("stays silent when the student's own value of the other field contradicts the copy", () => {
    // s1 step 1: expected z2 = 1, expected L = 2; the student wrote z2 = 2 but L = 0.5 of their own
    const input = {
      itemId: "s1.steps[0].z2",
      expected: 1,
      received: 2,
      siblings: [{ id: "s1.steps[0].L", expected: 2, received: 0.5 }],
      tolerance: { rtol: 1e-4, atol: 1e-4 },
    };
    expect(swapped.diagnose(input)).toBeNull();
    // with the other field right (or left out) the copy is the likelier story: step 1's L for its z2
    const step1 = { itemId: "s1.steps[1].z2", expected: 2.1212, received: 1.76494472, tolerance: input.tolerance };
    expect(swapped.diagnose({ ...step1, siblings: [{ id: "s1.steps[1].L", expected: 1.76494472, received: 1.76494472 }] })?.code).toBe("swapped");
    expect(swapped.diagnose({ ...step1, siblings: [{ id: "s1.steps[1].L", expected: 1.76494472, received: undefined }] })?.code).toBe("swapped");
    // step 0's 2 for z2 = 1 is as much twice z2 as it is L: a one-way match that a slip of its own explains says nothing
    expect(swapped.diagnose({ ...input, siblings: [{ id: "s1.steps[0].L", expected: 2, received: 2 }] })).toBeNull();
  });
});
