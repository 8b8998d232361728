import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinComparators } from "../../src/compare/builtins.ts";
import { compareWith } from "../../src/compare/index.ts";
import { builtinDiagnosers } from "../../src/diagnose/index.ts";
import type { Value } from "../../src/value.ts";
import { renderRubricFormat } from "../../src/docs/rubric-format.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

type Schema = Record<string, unknown>;

const schema = JSON.parse(readFileSync(join(REPO_ROOT, "rubrics", "rubric.schema.json"), "utf8")) as Schema;

/** every property name, with the names of the objects it sits in (compare.mode), read from the schema independently of the generator */
function propertyNames(node: Schema, prefix = ""): string[] {
  const names: string[] = [];
  for (const [name, value] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
    names.push(`${prefix}${name}`, ...propertyNames(value, `${prefix}${name}.`));
  }
  return names;
}

/**
 * Every option of a comparator's schema with its path (curve's properties[].window (kind converges)), read
 * through nested objects, lists and tagged unions; a union's tag (mode, kind) is the union's, not an option.
 */
function optionsOf(node: Schema, prefix = "", when = ""): { name: string; schema: Schema }[] {
  const tag = (node.discriminator as { propertyName?: string } | undefined)?.propertyName;
  const options: { name: string; schema: Schema }[] = [];
  for (const [name, value] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
    if (name === tag || "const" in value) continue;
    options.push({ name: `${prefix}${name}${when}`, schema: value }, ...nestedOptionsOf(value, `${prefix}${name}`));
  }
  return options;
}

function nestedOptionsOf(node: Schema, name: string): { name: string; schema: Schema }[] {
  const tag = (node.discriminator as { propertyName?: string } | undefined)?.propertyName;
  if (tag !== undefined) {
    return (node.oneOf as Schema[]).flatMap((variant) => {
      const value = ((variant.properties as Record<string, Schema>)[tag] as Schema).const;
      return optionsOf(variant, `${name}.`, ` (${tag} ${String(value)})`);
    });
  }
  if (typeof node.items === "object" && node.items !== null) return nestedOptionsOf(node.items as Schema, `${name}[]`);
  return optionsOf(node, `${name}.`);
}

/** the options with every default their schema states filled in where left out, as ajv's useDefaults would (the rubric loader does not) */
function withSchemaDefaults(node: Schema, value: unknown): unknown {
  if (Array.isArray(value)) return typeof node.items === "object" && node.items !== null ? value.map((item) => withSchemaDefaults(node.items as Schema, item)) : value;
  if (typeof value !== "object" || value === null) return value;
  const tag = (node.discriminator as { propertyName?: string } | undefined)?.propertyName;
  if (tag !== undefined) {
    const chosen = (value as Record<string, unknown>)[tag];
    const variant = (node.oneOf as Schema[]).find((v) => ((v.properties as Record<string, Schema>)[tag] as Schema).const === chosen);
    return variant === undefined ? value : withSchemaDefaults(variant, value);
  }
  const filled: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
    if (filled[name] === undefined && "default" in property) filled[name] = property.default;
    if (filled[name] !== undefined) filled[name] = withSchemaDefaults(property, filled[name]);
  }
  return filled;
}

describe("the built-in comparators' option schemas", () => {
  it("describe every option, nested ones too", () => {
    const options = builtinComparators.all().flatMap((comparator) => optionsOf(comparator.meta.optionsSchema).map((option) => ({ ...option, name: `${comparator.meta.id} ${option.name}` })));
    expect(options.map((option) => option.name)).toContain("curve properties[].window (kind does-not-settle)");
    expect(options.map((option) => option.name)).toContain("oneof alternatives[].credit");
    const undescribed = options.filter(({ schema }) => typeof schema.description !== "string" || schema.description.trim() === "");
    expect(undescribed.map((option) => option.name)).toEqual([]);
  });

  it("state as a default only what the comparator does with the option left out", () => {
    const samples = { samples: [0.885, 0.895, 0.9, 0.905, 0.915, 0.9] };
    const curve = [5, 3, 2, 1.5, 1.2, 1.1, 1.05, 1.02, 1.01, 1.005, 1.004, 1.0041];
    const cases: [string, Value, Value, Record<string, unknown>][] = [
      ["band", 0.87, samples, {}],
      ["band", 0.93, samples, {}],
      ["band", 0.9, samples, { method: "sigmas" }],
      ["band", 0.869, samples, { method: "sigmas" }],
      ["band", 0.95, samples, { range: [0, 1] }],
      ["curve", curve, curve, { properties: [{ kind: "converges", tol: 0.01 }, { kind: "does-not-settle", min_range: 0.001 }] }],
      ["curve", curve.slice(0, 9), curve.slice(0, 9), { properties: [{ kind: "converges", to: 1, tol: 0.5 }] }],
      ["curve", curve, curve, { properties: [{ kind: "non-increasing" }] }],
      ["curve", [1, 1e11, 2e11], [1, 1e11, 2e11], { properties: [{ kind: "diverges" }] }],
      ["curve", [1, 1e12, Number.POSITIVE_INFINITY], [1, 1e12, Number.POSITIVE_INFINITY], { properties: [{ kind: "diverges" }] }],
      ["oneof", 2, { per_sample: 2, averaged: 1 }, { alternatives: [{ id: "averaged" }, { id: "per_sample" }] }],
    ];
    // compare alone: under method sigmas a filled-in coverage, confidence or scale goes unread (checkOptions refuses them given)
    const stated = new Set<string>();
    for (const [mode, received, expected, options] of cases) {
      const filled = withSchemaDefaults(builtinComparators.get(mode).meta.optionsSchema, options) as Record<string, unknown>;
      if (JSON.stringify(filled) !== JSON.stringify(options)) stated.add(mode);
      expect(compareWith(mode, received, expected, filled), `${mode} ${JSON.stringify(options)}`).toEqual(compareWith(mode, received, expected, options));
    }
    // every mode whose schema states a default is among the cases
    const withDefaults = builtinComparators.all().filter((comparator) => optionsOf(comparator.meta.optionsSchema).some(({ schema }) => "default" in schema));
    expect(withDefaults.map((comparator) => comparator.meta.id)).toEqual([...stated].sort());
  });
});

describe("docs/rubric-format.md", () => {
  it("is what the rubric schema and the comparators say now (npm run docs rewrites it)", () => {
    const committed = readFileSync(join(REPO_ROOT, "docs", "rubric-format.md"), "utf8");
    expect(committed === renderRubricFormat(), "docs/rubric-format.md is out of date: run npm run docs").toBe(true);
  });

  it("says it is generated and must not be edited", () => {
    expect(renderRubricFormat().split("\n").slice(0, 4).join(" ")).toMatch(/npm run docs.*rubrics\/rubric\.schema\.json.*do not edit by hand/);
  });

  it("lists as compare.mode's examples exactly the built-in comparison modes", () => {
    const item = (schema.$defs as Record<string, Schema>).item as Schema;
    const mode = (((item.properties as Record<string, Schema>).compare as Schema).properties as Record<string, Schema>).mode as Schema;
    expect(mode.examples).toEqual(builtinComparators.ids());
  });

  it("has a row for every property of the rubric and of every $def", () => {
    const text = renderRubricFormat();
    const defs = Object.entries(schema.$defs as Record<string, Schema>);
    const names = [...propertyNames(schema), ...defs.flatMap(([, def]) => propertyNames(def))];
    expect(names).toContain("compare.mode");
    expect(names.filter((name) => !text.includes(`| \`${name}\` |`))).toEqual([]);
    for (const [name] of defs) expect(text).toContain(`\n## ${name}\n`);
  });

  it("says types, requirement and defaults as an author reads them", () => {
    const text = renderRubricFormat();
    expect(text).toContain("| `variants` | one of: default, per-student | optional | `\"default\"` |");
    expect(text).toContain("| `tasks` | non-empty list of [task](#task) | required |");
    expect(text).toContain("| `ecf_credit` | number in [0, 1] | optional | `1` |");
    // a pipe inside a pattern would split the table's cell
    expect(text).toContain("(\\[(\\*\\|[0-9]+)\\])*");
  });

  it("has a section for every built-in comparison mode, with each of its options and their defaults", () => {
    const text = renderRubricFormat();
    for (const comparator of builtinComparators.all()) {
      const { id, optionsSchema } = comparator.meta;
      const start = text.indexOf(`\n### mode: ${id}\n`);
      expect(start, id).toBeGreaterThan(0);
      const section = text.slice(start + 1).split("\n### ")[0] as string;
      for (const option of Object.keys((optionsSchema.properties ?? {}) as Schema)) expect(section, `${id} ${option}`).toContain(`| \`${option}\` |`);
    }
    expect(text).toContain("| `rtol` | number ≥ 0 | optional | `0.00001` |");
    // curve's properties are told apart by kind: each kind's own fields are listed
    expect(text).toContain("| `properties[].min_range` (kind does-not-settle) | number ≥ 0 | required |");
  });
});

describe("the diagnosis codes", () => {
  it("are listed in docs/rubric-format.md, every built-in diagnoser's, and the schema points there instead of a list of its own", () => {
    const page = renderRubricFormat();
    const section = page.slice(page.indexOf("## Diagnosis codes"));
    for (const id of builtinDiagnosers.ids()) expect(section).toContain(`| \`${id}\` |`);
    const text = JSON.stringify(schema);
    expect(text).not.toContain("transposed, sign, scale, swapped, rounded");
    expect(text.match(/the codes: docs\/rubric-format\.md, Diagnosis codes/g)).toHaveLength(2);
  });
});
