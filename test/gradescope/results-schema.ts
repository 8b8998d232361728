/**
 * Checks a results.json against Gradescope's specification (results.schema.json
 * beside this file, transcribed from it), and against what nngrade promises
 * on top of it: every text plain ("text"), never Gradescope's default
 * simple_format, which renders HTML.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { expect } from "vitest";

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, "results.schema.json"), "utf8")));

/** fails the test unless `results` is a results.json Gradescope reads, with every text shown as text */
export function expectGradescopeResults(results: unknown): void {
  const valid = validate(results);
  expect(validate.errors ?? [], "against Gradescope's specification").toEqual([]);
  expect(valid).toBe(true);
  const record = results as { output?: string; output_format?: string; tests?: { output?: string; output_format?: string; name_format?: string }[] };
  // simple_format, the default, would render a file named <img src=x> as an image
  if (record.output !== undefined) expect(record.output_format).toBe("text");
  for (const test of record.tests ?? []) {
    if (test.output !== undefined) expect(test.output_format).toBe("text");
    expect(test.name_format).toBe("text");
  }
}
