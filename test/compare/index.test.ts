import { describe, expect, it } from "vitest";
import {
  comparatorIds,
  compareWith,
  createRegistry,
  getComparator,
  redactExpected,
  renderMessage,
  resolveOptions,
  revealsAnswer,
} from "../../src/compare/index.ts";
import { comparator as relabs } from "../../src/compare/relabs.ts";

const PLACEHOLDER = /\{\{\s*([\w-]+)\s*\}\}/g;

function placeholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string);
}

describe("comparator registry", () => {
  it("lists every mode once, sorted", () => {
    expect(comparatorIds()).toEqual(["array", "band", "curve", "decdig", "engine", "exact", "oneof", "range", "relabs", "set", "sigfig"]);
  });

  it("registers each comparator under its own id", () => {
    for (const id of comparatorIds()) expect(getComparator(id).meta.id).toBe(id);
  });

  it("refuses a duplicate id", () => {
    expect(() => createRegistry([relabs, { ...relabs }])).toThrow(/"relabs" is registered twice/);
  });

  it("sorts what it registers", () => {
    const sigfig = getComparator("sigfig");
    const array = getComparator("array");
    expect([...createRegistry([sigfig, relabs, array]).keys()]).toEqual(["array", "relabs", "sigfig"]);
  });

  it("names an unknown mode", () => {
    expect(() => getComparator("fuzzy")).toThrow(/unknown comparison mode "fuzzy"/);
  });
});

describe("compareWith", () => {
  it("merges the comparator's defaults under the given options", () => {
    expect(resolveOptions("relabs", { rtol: 0.1 })).toEqual({ rtol: 0.1, atol: 1e-8 });
    expect(compareWith("relabs", 1.000001, 1).score).toBe(true);
    expect(compareWith("relabs", 1.000001, 1, { rtol: 0 }).score).toBe(false);
  });

  it("never lets an undefined option hide a default", () => {
    expect(resolveOptions("relabs", { rtol: undefined })).toEqual({ rtol: 1e-5, atol: 1e-8 });
  });

  it("gives composite comparators the inner comparator's defaults", () => {
    const outcome = compareWith("array", [1.000001], [1], { element: { mode: "relabs" } });
    expect(outcome.score).toBe(true);
  });
});

describe("renderMessage", () => {
  it("fills a template and prints numbers with at most 6 significant digits", () => {
    const outcome = compareWith("relabs", 0.12345678901, 0.5);
    expect(renderMessage("relabs", outcome, { hidden: false })).toBe("got 0.123457, expected 0.5 (rtol 0.00001, atol 1e-8)");
  });

  it("uses the hidden template for a hidden item, without the expected value", () => {
    const outcome = compareWith("relabs", 0.12345678901, 0.5);
    expect(renderMessage("relabs", outcome, { hidden: true })).toBe("got 0.123457, which does not match the answer (rtol 0.00001, atol 1e-8)");
  });

  it("prints non-finite values as python does", () => {
    const outcome = compareWith("relabs", Number.NEGATIVE_INFINITY, Number.NaN);
    expect(renderMessage("relabs", outcome, { hidden: false })).toBe("got -inf, expected nan");
  });

  it("still shows a hidden item's expected shape, which the question itself gives", () => {
    const outcome = compareWith("array", [[1, 2]], [[1], [2]]);
    expect(renderMessage("array", outcome, { hidden: true })).toBe("expected a 2x1 matrix, got a 1x2 matrix");
  });

  it("falls back to the message id when there is no template", () => {
    expect(renderMessage("relabs", { score: false, messageId: "no-such-message" }, { hidden: false })).toBe("no-such-message");
  });
});

describe("message templates", () => {
  const templates = comparatorIds().flatMap((mode) =>
    Object.entries(getComparator(mode).meta.messages).map(([id, template]) => ({ mode, id, template })),
  );

  it.each(templates)("$mode/$id is short and lowercase", ({ template }) => {
    expect(template).toMatch(/^([a-z]|\{\{)/);
    expect(template.length).toBeLessThan(140);
  });

  it.each(templates.filter((t) => placeholders(t.template).some(revealsAnswer)))(
    "$mode/$id has a hidden twin that gives nothing away",
    ({ mode, id }) => {
      const hidden = getComparator(mode).meta.messages[`${id}-hidden`];
      expect(hidden).toBeDefined();
      expect(placeholders(hidden ?? "").filter(revealsAnswer)).toEqual([]);
    },
  );
});

describe("redactExpected", () => {
  it("drops exactly the keys that give the answer away", () => {
    const data = { received: 1, expected: 2, worst_expected: 3, expected_shape: "a 2x3 matrix", min_expected: 0, bad: 1 };
    expect(redactExpected(data)).toEqual({ received: 1, expected_shape: "a 2x3 matrix", bad: 1 });
  });
});

describe("renderMessage digits", () => {
  it("prints a received number and its expected one with the digits that tell them apart", () => {
    const outcome = compareWith("relabs", 20.66671, 20.666666666666668, { rtol: 1e-7, atol: 0 });
    const message = renderMessage("relabs", outcome, { hidden: false });
    expect(message).toContain("20.66671");
    expect(message).toContain("expected 20.66667");
    expect(message).not.toMatch(/20\.6667\b.*20\.6667\b/);
  });
});
