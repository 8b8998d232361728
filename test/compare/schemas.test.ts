import { AJV_OPTIONS } from "../../src/compare/schema.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { comparatorIds, getComparator } from "../../src/compare/index.ts";

/** one instance for all, as the rubric loader shares one */
const ajv = new Ajv2020(AJV_OPTIONS);
const validators = new Map(comparatorIds().map((id) => [id, ajv.compile(getComparator(id).meta.optionsSchema)]));

function validates(mode: string, options: unknown): boolean {
  const validate = validators.get(mode as never);
  if (!validate) throw new Error(`no validator for ${mode}`);
  return validate(options);
}

const VALID: [string, unknown][] = [
  ["relabs", {}],
  ["relabs", { rtol: 1e-4, atol: 0 }],
  ["sigfig", { digits: 3 }],
  ["decdig", { digits: 0 }],
  ["array", { element: { mode: "decdig", digits: 3 }, partial: true }],
  ["array", { element: { mode: "relabs", rtol: 1e-3 } }],
  ["set", { rtol: 0, atol: 1e-6, partial: false }],
  ["oneof", { compare: { mode: "array", element: { mode: "relabs", rtol: 1e-3 } }, alternatives: [{ id: "per_sample" }, { id: "averaged", credit: 0.5 }] }],
  ["exact", { choices: ["min", "max"], case_sensitive: true }],
  ["range", { min: 0 }],
  ["curve", { prefix: 10, properties: [{ kind: "does-not-settle", window: 10, min_range: 0.5 }] }],
  ["curve", { prefix: 2, properties: [{ kind: "diverges", epochs: 100 }, { kind: "non-increasing", slack: 0.1 }, { kind: "converges", tol: 1e-3 }] }],
];

const INVALID: [string, unknown, string][] = [
  ["relabs", { rtol: -1 }, "a negative rtol"],
  ["relabs", { atol: "1e-8" }, "a tolerance written as a string"],
  ["relabs", { tol: 1e-3 }, "an unknown option"],
  ["sigfig", { digits: 0 }, "zero significant figures"],
  ["sigfig", { digits: 2.5 }, "a fractional digit count"],
  ["decdig", { digits: -1 }, "negative decimals"],
  ["array", { element: { mode: "sigfig", rtol: 1e-3 } }, "an option of another element mode"],
  ["array", { element: { mode: "exact" } }, "an element mode that is not a scalar comparator"],
  ["array", { element: { rtol: 1e-3 } }, "an element without a mode"],
  ["set", { partial: "yes" }, "a partial flag that is not a boolean"],
  ["oneof", { alternatives: [{ id: "a", credit: 1.5 }] }, "a credit above 1"],
  ["oneof", { alternatives: [] }, "no alternatives"],
  ["oneof", { compare: { mode: "oneof" } }, "nested alternatives"],
  ["oneof", { compare: { mode: "relabs", rtol: -1 } }, "an invalid inner option"],
  ["exact", { choices: [] }, "an empty list of choices"],
  ["range", {}, "a range with no bound"],
  ["curve", { properties: [{ kind: "converges" }] }, "converges without tol"],
  ["curve", { properties: [{ kind: "wobbles" }] }, "an unknown property"],
  ["curve", { prefix: -1 }, "a negative prefix"],
  ["curve", { properties: [{ kind: "diverges", bound: 0 }] }, "a zero divergence bound"],
];

describe("comparator option schemas", () => {
  it("all compile in one strict ajv 2020 instance", () => {
    expect([...validators.keys()]).toEqual(comparatorIds());
  });

  // range has no default bound: a rubric must give at least one
  it.each(comparatorIds().filter((id) => id !== "range"))("%s accepts its own defaults", (mode) => {
    expect(validates(mode, getComparator(mode).meta.defaults), JSON.stringify(validators.get(mode)?.errors)).toBe(true);
  });

  it.each(VALID)("%s accepts %j", (mode, options) => {
    expect(validates(mode, options), JSON.stringify(validators.get(mode as never)?.errors)).toBe(true);
  });

  it.each(INVALID)("%s rejects %j (%s)", (mode, options) => {
    expect(validates(mode, options)).toBe(false);
  });

  it("says where a negative rtol is and what it must be", () => {
    expect(validates("relabs", { rtol: -1 })).toBe(false);
    expect(validators.get("relabs")?.errors).toEqual([
      expect.objectContaining({ instancePath: "/rtol", keyword: "minimum", message: "must be >= 0" }),
    ]);
  });
});
