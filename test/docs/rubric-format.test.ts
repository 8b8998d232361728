import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinComparators } from "../../src/compare/builtins.ts";
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

describe("docs/rubric-format.md", () => {
  it("is what the rubric schema and the comparators say now (npm run docs rewrites it)", () => {
    const committed = readFileSync(join(REPO_ROOT, "docs", "rubric-format.md"), "utf8");
    expect(committed === renderRubricFormat(), "docs/rubric-format.md is out of date: run npm run docs").toBe(true);
  });

  it("says it is generated and must not be edited", () => {
    expect(renderRubricFormat().split("\n").slice(0, 4).join(" ")).toMatch(/npm run docs.*rubrics\/rubric\.schema\.json.*do not edit by hand/);
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
