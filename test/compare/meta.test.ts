/**
 * What each built-in comparator's meta declares: the knowledge the grader
 * once kept in switches on the mode (grade.ts, plan.ts, lint.ts,
 * tolerance.ts, integrity.ts, report/plots/choose.ts), pinned here so that moving it
 * into the meta changed nothing.
 */
import { describe, expect, it } from "vitest";
import { builtinComparators, comparatorIds, comparatorProblems, getComparator } from "../../src/compare/index.ts";

describe("the built-in comparators' meta", () => {
  it("passes the checks a course's own comparator must pass", () => {
    for (const id of comparatorIds()) expect(comparatorProblems(getComparator(id)), id).toEqual([]);
  });

  it("declares what each is given as expected, and whether it is diagnosed", () => {
    const declared = Object.fromEntries(comparatorIds().map((id) => [id, [getComparator(id).meta.expects, getComparator(id).meta.diagnosable]]));
    expect(declared).toEqual({
      array: ["answer", true],
      band: ["bands", true],
      curve: ["answer", true],
      decdig: ["answer", true],
      engine: ["evaluation", true],
      exact: ["answer", true],
      oneof: ["alternatives", true],
      range: ["answer", true],
      relabs: ["answer", true],
      set: ["answer", true],
      sigfig: ["answer", true],
    });
  });

  it("asks for a curve plot for curves and long vectors only", () => {
    const plots = comparatorIds().flatMap((id) => (getComparator(id).meta.plot === undefined ? [] : [[id, getComparator(id).meta.plot]]));
    expect(plots).toEqual([
      ["array", "vector"],
      ["curve", "curve"],
    ]);
  });

  it("checks identical values where the answer is the number or curve the student reports", () => {
    expect(comparatorIds().filter((id) => getComparator(id).meta.identicalValues === true)).toEqual(["band", "curve", "decdig", "relabs", "sigfig"]);
  });
});

describe("an item's tolerance", () => {
  const tolerance = (mode: string, options: Record<string, unknown>) => builtinComparators.tolerance(mode, options);

  it.each([
    ["relabs", { rtol: 1e-3, atol: 1e-6 }, { rtol: 1e-3, atol: 1e-6 }],
    ["relabs", {}, { rtol: 1e-5, atol: 1e-8 }],
    ["curve", { rtol: 1e-4 }, { rtol: 1e-4, atol: 1e-8 }],
    ["sigfig", { digits: 3 }, { rtol: 1e-5, atol: 1e-8 }],
    ["band", { coverage: 0.99 }, { rtol: 1e-5, atol: 1e-8 }],
    ["array", { element: { mode: "relabs", rtol: 1e-6, atol: 1e-9 } }, { rtol: 1e-6, atol: 1e-9 }],
    ["array", { element: { rtol: 0.1 } }, { rtol: 0.1, atol: 1e-8 }],
    ["array", { element: { mode: "sigfig", digits: 3 } }, { rtol: 1e-5, atol: 1e-8 }],
    ["array", {}, { rtol: 1e-5, atol: 1e-8 }],
    ["oneof", { compare: { mode: "array", element: { mode: "relabs", rtol: 1e-3 } } }, { rtol: 1e-3, atol: 1e-8 }],
    ["oneof", { compare: { mode: "relabs", atol: 0.5 } }, { rtol: 1e-5, atol: 0.5 }],
    ["oneof", { compare: { mode: "curve", rtol: 0.2, atol: 0.1 } }, { rtol: 0.2, atol: 0.1 }],
    ["no-such-mode", { rtol: 0.3 }, { rtol: 0.3, atol: 1e-8 }],
  ])("of %s %j is %j", (mode, options, expected) => {
    expect(tolerance(mode, options)).toEqual(expected);
  });
});
