import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderAssignmentDocs } from "../../src/docs/assignments.ts";
import { HANDOUTS } from "../../src/docs/handouts.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

describe("docs/assignments.md", () => {
  it("is what the built-in assignments say now (npm run docs rewrites it)", async () => {
    const committed = readFileSync(join(REPO_ROOT, "docs", "assignments.md"), "utf8");
    expect(committed).toBe(await renderAssignmentDocs());
  });

  it("lists every task of every assignment with its answer keys and points", async () => {
    const text = await renderAssignmentDocs();
    // keys and points from the contract, read independently of the generator
    expect(text).toContain("| q9 MNIST softmax regression | `train_accuracy`, `val_accuracy`, `train_loss`, `val_loss`, `val_predictions` | 15 |");
    expect(text).toContain("`steps[] {z1, a1, z2, a2, L, grad_w1, grad_b1, grad_w2, grad_b2, w1, b1, w2, b2}` | 15 |");
  });

  it("gives each task its statement, the handout's inputs, each graded answer's kind and comparison, and its notes", async () => {
    const text = await renderAssignmentDocs();
    const q2 = text.slice(text.indexOf("### q2 "), text.indexOf("### q3 "));
    expect(q2).toContain("### q2 Forward pass: dense layer, softmax (5 points)");
    expect(q2).toContain("`z = X W + b`");
    // the handout's numbers, printed from the reference's inputs, not written in the statement
    expect(q2).toContain('{"X": [[1, 2, -1], [0, -4, -4]], "W": [[-1, 1, 1], [2, 2, 0], [4, -1, -3]], "b": [1, 0, 2]}');
    expect(q2).toMatch(/\| `z` \| a 2x3 matrix \| each within [^|]+ \|/);
    expect(text).toContain("- Note: val_accuracy is checked against the accuracy of your own val_predictions");
    // an item repeated for one element (error carried forward) is shown once, by its [*] pattern
    const s1 = text.slice(text.indexOf("### s1 "), text.indexOf("### s2 "));
    expect(s1).toContain("| `steps[*].z1` |");
    expect(s1).not.toContain("`steps[1].z1`");
    // the tasks a per-student variant draws, from the reference's own variant rule
    expect(text).toMatch(/\): q1, q2, q3, q4 draw each\nstudent's own inputs \(`npx nngrade handout hw4-hyperparameters --student ID`/);
    expect(text).not.toMatch(/hlcv-two-layer-net --student/);
  });

  it("refuses an assignment whose statements miss a task or name one it does not have", async () => {
    const handout = HANDOUTS["hw4-hyperparameters"]!;
    const saved = { ...handout.tasks };
    try {
      delete handout.tasks.q9;
      await expect(renderAssignmentDocs()).rejects.toThrow("hw4-hyperparameters: no statement for q9");
      handout.tasks.q9 = saved.q9!;
      handout.tasks.q10 = "a task the assignment does not have";
      await expect(renderAssignmentDocs()).rejects.toThrow("hw4-hyperparameters: no task q10");
    } finally {
      handout.tasks = saved;
    }
  });
});
