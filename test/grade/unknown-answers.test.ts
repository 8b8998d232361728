import { beforeAll, describe, expect, it } from "vitest";
import { type Assignment, loadAssignment } from "../../src/grade/assignment.ts";
import { unknownAnswers } from "../../src/grade/unknown-answers.ts";

let assignment: Assignment;
beforeAll(async () => {
  assignment = await loadAssignment("hw4-hyperparameters");
});

describe("unknownAnswers", () => {
  it("points at answers under names the assignment does not have, with the likely name", () => {
    const notes = unknownAnswers(assignment, {
      Q1: { onehot: [] },
      q3: { grad_w: [], grad_b: [], gradb: [] },
      q6: { run: [] },
      bonus: 1,
    });
    expect(notes).toEqual([
      "answers/Q1 is not asked for (did you mean q1?)",
      "answers/q3/grad_w is not asked for (did you mean grad_W?)",
      "answers/q3/gradb is not asked for (did you mean grad_b?)",
      "answers/q6/run is not asked for (did you mean runs?)",
      "answers/bonus is not asked for",
    ]);
  });

  it("says nothing about a submission that uses the right names", () => {
    expect(unknownAnswers(assignment, { q1: { onehot: [] }, q3: { grad_z: 1, grad_W: 2, grad_b: 3 } })).toEqual([]);
  });
});
