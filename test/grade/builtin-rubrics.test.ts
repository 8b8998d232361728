import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { BUILTIN_RUBRICS, loadAssignment } from "../../src/grade/assignment.ts";
import { rubricProblems } from "../../src/rubric/validate.ts";

// loading a built-in assignment by id skips the schema check for speed: this is where they are checked instead
const files = readdirSync(BUILTIN_RUBRICS).filter((name) => name.endsWith(".json") && name !== "rubric.schema.json");

describe("every built-in rubric", () => {
  it("is one of the five assignments of the contract", () => {
    const ids = files.map((name) => name.replace(/\.json$/, "")).sort();
    for (const id of ids) {
      expect([
        "acml-autoencoder",
        "cse343-nn-from-scratch",
        "hlcv-two-layer-net",
        "hw3b-hyperparameter-optimization",
        "hw4-hyperparameters",
      ]).toContain(id);
    }
  });

  it.each(files)("%s is valid against the schema and its comparators' options", (name) => {
    expect(rubricProblems(JSON5.parse(readFileSync(join(BUILTIN_RUBRICS, name), "utf8")))).toEqual([]);
  });

  it.each(files)("%s plans against its reference", async (name) => {
    const assignment = await loadAssignment(join(BUILTIN_RUBRICS, name));
    expect(assignment.plan.gradingOrder.length).toBeGreaterThan(0);
  });
});
