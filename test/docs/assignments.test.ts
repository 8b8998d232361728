import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderAssignmentDocs } from "../../src/docs/assignments.ts";
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
});
