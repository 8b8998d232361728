/**
 * The submission reader on any text: it returns a value or throws its own
 * error (SubmissionParseError for text, SubmissionError for structure), never
 * a TypeError or RangeError, and never leaves a key on Object.prototype.
 */
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, it } from "vitest";
import { type NngradeError, SubmissionError, SubmissionParseError } from "../../src/errors.ts";
import { MAX_NESTING_DEPTH_DEFAULT, parseSubmissionText } from "../../src/rubric/json.ts";
import { toSubmission } from "../../src/rubric/submission.ts";
import { document } from "./documents.ts";
import { fuzz, must, mustNotPollute, show } from "./run.ts";

const FILE = "answers.json";

/** nesting as the reader counts it: the top-level container is depth 1, a scalar adds none */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    if (typeof visit.value !== "object" || visit.value === null) continue;
    deepest = Math.max(deepest, visit.depth);
    for (const inner of Object.values(visit.value)) stack.push({ value: inner, depth: visit.depth + 1 });
  }
  return deepest;
}

function mustBe(error: unknown, classes: readonly (abstract new (...args: never[]) => NngradeError)[], text: string): void {
  must(
    classes.some((kind) => error instanceof kind),
    () => `threw ${error instanceof Error ? `${error.constructor.name}: ${error.message}` : show(error)} for ${show(text)}`,
  );
}

/** parse, then read the structure, as readSubmission does; answers what each step did */
function read(text: string, maxDepth?: number): { parsed?: unknown; submission?: ReturnType<typeof toSubmission> } {
  let parsed: unknown;
  try {
    parsed = parseSubmissionText(text, FILE, maxDepth === undefined ? {} : { maxDepth });
  } catch (error) {
    mustBe(error, [SubmissionParseError], text);
    return {};
  }
  try {
    return { parsed, submission: toSubmission(parsed, FILE) };
  } catch (error) {
    mustBe(error, [SubmissionError, SubmissionParseError], text);
    return { parsed };
  }
}

const maxDepth = fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined, freq: 3 });

describe("the submission reader", () => {
  it("reads or refuses any text, throwing only its own errors", () => {
    fuzz(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), maxDepth, (text, limit) => {
        const { parsed } = read(text, limit);
        if (parsed !== undefined) must(depthOf(parsed) <= (limit ?? MAX_NESTING_DEPTH_DEFAULT), () => `returned a value deeper than the limit for ${show(text)}`);
        mustNotPollute();
      }),
    );
  });

  it("reads or refuses damaged JSON documents, and reads an intact one as JSON.parse does", () => {
    fuzz(
      fc.property(document, maxDepth, ({ text, intact }, limit) => {
        const { parsed, submission } = read(text, limit);
        const deepest = limit ?? MAX_NESTING_DEPTH_DEFAULT;
        if (parsed !== undefined) must(depthOf(parsed) <= deepest, () => `returned a value deeper than ${deepest} for ${show(text)}`);
        if (intact) {
          const expected: unknown = JSON.parse(text);
          if (depthOf(expected) <= deepest) must(isDeepStrictEqual(parsed, expected), () => `read ${show(text)} as ${show(parsed)}`);
          else must(parsed === undefined, () => `accepted ${show(text)}, deeper than ${deepest}`);
        }
        if (submission !== undefined) {
          must(submission.source === FILE, () => `source became ${show(submission.source)}`);
          const answers: unknown = submission.answers;
          must(typeof answers === "object" && answers !== null && !Array.isArray(answers), () => `answers ${show(answers)} for ${show(text)}`);
          must(isDeepStrictEqual(answers, (parsed as { answers: unknown }).answers), () => `answers changed reading ${show(text)}`);
        }
        mustNotPollute();
      }),
    );
  });

  it("checks the structure of any value, throwing only SubmissionError", () => {
    const field = fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withMap: true, withSet: true, withDate: true, withBoxedValues: true, withSparseArray: true });
    const shaped = fc.record(
      {
        answers: field,
        assignment: field,
        student: fc.oneof(fc.record({ id: field, name: field }, { requiredKeys: [] }), field),
      },
      { requiredKeys: [] },
    );
    fuzz(
      fc.property(fc.oneof(shaped, field, fc.jsonValue()), (value) => {
        try {
          const submission = toSubmission(value, FILE);
          must(typeof submission.answers === "object" && submission.answers !== null, () => `answers ${show(submission.answers)} from ${show(value)}`);
        } catch (error) {
          must(error instanceof SubmissionError || error instanceof SubmissionParseError, () => `threw ${String(error)} for ${show(value)}`);
        }
        mustNotPollute();
      }),
    );
  });
});
