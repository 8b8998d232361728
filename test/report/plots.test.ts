import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { itemPlotSvg, itemPlotTitle } from "../../src/report/plots.ts";
import { renderConfusionMatrix } from "../../src/report/plots/confusion.ts";
import { renderHeatmap } from "../../src/report/plots/heatmap.ts";
import { renderHistogram } from "../../src/report/plots/histogram.ts";
import { renderParallelCoordinates } from "../../src/report/plots/parallel.ts";
import { renderVectorPlot } from "../../src/report/plots/vector.ts";
import { parseResultJson, renderJson } from "../../src/result/json.ts";
import type { GradeResult, ItemPlot, ItemResult } from "../../src/result/types.ts";
import { attributeValues, startTags, strayAngleBrackets, tagBalanceProblems } from "./markup.ts";

const HOSTILE = '</svg><script>alert(1)</script>"onload="x';

function wellFormed(svg: string): void {
  expect(svg.startsWith("<svg ")).toBe(true);
  expect(svg.endsWith("</svg>")).toBe(true);
  expect(svg.match(/<svg /g)).toHaveLength(1);
  expect(tagBalanceProblems(svg)).toEqual([]);
  expect(strayAngleBrackets(svg)).toEqual([]);
  expect(svg).not.toMatch(/<script|onload=/i);
  // every coordinate and size is a plain finite number
  for (const name of ["x", "y", "width", "height", "x1", "x2", "y1", "y2", "cx", "cy"]) {
    for (const value of attributeValues(svg, name)) expect(Number.isFinite(Number(value)), `${name}="${value}"`).toBe(true);
  }
  for (const points of attributeValues(svg, "points")) {
    for (const pair of points.split(" ")) expect(pair).toMatch(/^-?\d+\.\d,-?\d+\.\d$/);
  }
  expect(svg).not.toContain("undefined");
  // a tooltip may say what the student gave ("NaN"); nothing drawn may
  expect(svg.replace(/<title>[^<]*<\/title>/g, "")).not.toMatch(/NaN|Infinity/);
}

function count(svg: string, pattern: RegExp): number {
  return svg.match(pattern)?.length ?? 0;
}

/** the texts of the elements with this class, unescaped */
function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text class="${className}"[^>]*>([^<]*)</text>`, "g"))].map((m) => (m[1] ?? "").replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))));
}

const LRS = ["0.0001", "0.001", "0.01", "0.1", "1"];
const SIGMAS = Array.from({ length: 11 }, (_, i) => String(i / 10));
const heatValues = LRS.map((_, r) => SIGMAS.map((__, c) => 0.5 + 0.04 * r + 0.01 * c));

describe("renderHeatmap", () => {
  const outside = heatValues.map((row, r) => row.map((_, c) => (r === 2 && c === 3) || (r === 4 && c === 10)));
  const heat = () =>
    renderHeatmap({ title: "t2.val_accuracy", values: heatValues, outside, rows: { title: "lr", labels: LRS }, columns: { title: "sigma^2", labels: SIGMAS } });

  it("keeps the legend of shares within [0, 1]: 55 cells of one accuracy widen it around the value, never past 1", () => {
    const same = heatValues.map((row) => row.map(() => 0.85));
    const svg = renderHeatmap({ title: "t2.val_accuracy", values: same, rows: { title: "lr", labels: LRS }, columns: { title: "sigma^2", labels: SIGMAS } });
    const legend = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" dominant-baseline="middle" font-size="10" fill="[^"]+">([^<]+)<\/text>/g)].map((match) => Number(match[1]));
    expect(legend.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...legend)).toBeLessThanOrEqual(1);
    expect(Math.min(...legend)).toBeGreaterThanOrEqual(0);
    expect(Math.min(...legend)).toBeLessThan(0.85);
  });

  it("draws one cell per value with its row and column labels, and frames the cells that did not pass", () => {
    const svg = heat();
    wellFormed(svg);
    expect(count(svg, /<rect class="cell"/g)).toBe(5 * 11);
    expect(count(svg, /<rect class="cell-outside"/g)).toBe(2);
    expect(texts(svg, "row-label")).toEqual(LRS);
    expect(texts(svg, "col-label")).toEqual(SIGMAS);
    expect(svg).toContain(">lr</text>");
    expect(svg).toContain(">sigma^2</text>");
    expect(svg).toContain("2 framed: not passed");
  });

  it("colours cells by value: equal values the same, the smallest and the largest at the ends of the scale", () => {
    const svg = renderHeatmap({ title: "m", values: [[1, 2], [2, 3]], outside: [[false, false], [false, false]] });
    const fills = startTags(svg).filter((t) => t.startsWith('<rect class="cell"')).map((t) => /fill="(#[0-9a-f]{6})"/.exec(t)?.[1]);
    expect(fills[1]).toBe(fills[2]);
    expect(new Set(fills).size).toBe(3);
    expect(fills[0]).toBe("#440154");
    expect(fills[3]).toBe("#fde725");
  });

  it("shows NaN, Infinity and null as missing cells and keeps the others in scale", () => {
    const svg = renderHeatmap({ title: "m", values: [[Number.NaN, 0.5, null], [Number.POSITIVE_INFINITY, 0.7, 0.9]], outside: [[true, false, false], [false, false, false]] });
    wellFormed(svg);
    expect(count(svg, /<rect class="cell"/g)).toBe(6);
    expect(svg).toContain("3 missing or not finite");
    expect(count(svg, /fill="#f3f4f6"/g)).toBe(3);
    expect(svg).toContain("<title>0, 0: nan (not passed)</title>");
    expect(svg).toContain("<title>1, 0: inf</title>");
    expect(svg).toContain("<title>0, 2: no value</title>");
  });

  it("puts the reference band in a cell's tooltip", () => {
    const svg = renderHeatmap({ title: "m", values: [[0.5, 0.6], [0.7, 0.8]], outside: [[false, false], [false, true]], band: { low: [[0.4, null], [null, 0.9]], high: [[0.6, null], [null, 0.95]] } });
    expect(svg).toContain("0: 0.5, reference band [0.4, 0.6]</title>");
    expect(svg).toContain("1: 0.8, reference band [0.9, 0.95] (not passed)</title>");
    expect(count(svg, /reference band \[/g)).toBe(2);
  });

  it("escapes hostile labels and titles", () => {
    const svg = renderHeatmap({ title: HOSTILE, values: [[1, 2], [3, 4]], outside: [[false, false], [false, false]], rows: { title: HOSTILE, labels: [HOSTILE, "b"] }, columns: { title: HOSTILE, labels: ["<i>", "&amp;"] } });
    wellFormed(svg);
    expect(svg).toContain("&#60;/svg&#62;&#60;script&#62;");
    expect(texts(svg, "col-label")).toEqual(["<i>", "&amp;"]);
  });

  it("is byte-identical across runs", () => {
    expect(heat()).toBe(heat());
  });
});

describe("renderConfusionMatrix", () => {
  it("writes every count in its cell and each row's total", () => {
    const counts = [[40, 10, 0], [5, 30, 15], [0, 2, 48]];
    const svg = renderConfusionMatrix({ title: "t1.confusion", counts });
    wellFormed(svg);
    expect(count(svg, /<rect class="cell/g)).toBe(9);
    expect(count(svg, /<rect class="cell diagonal"/g)).toBe(3);
    expect(texts(svg, "count")).toEqual(counts.flat().map(String));
    expect(texts(svg, "row-total")).toEqual(["50", "50", "50"]);
    expect(svg).toContain("true 1, predicted 2: 15 (30.0% of class 1)");
  });

  it("shades by the share of the row: a full row is darkest, an empty cell white", () => {
    const svg = renderConfusionMatrix({ title: "c", counts: [[0, 250], [0, 250]] });
    const fills = startTags(svg).filter((t) => t.startsWith('<rect class="cell')).map((t) => /fill="(#[0-9a-f]{6})"/.exec(t)?.[1]);
    expect(fills).toEqual(["#ffffff", "#1d4ed8", "#ffffff", "#1d4ed8"]);
  });

  it("draws a missing or non-finite count as a dash, with no total for its row", () => {
    const svg = renderConfusionMatrix({ title: "c", counts: [[1, null], [Number.NaN, 3]] });
    wellFormed(svg);
    expect(texts(svg, "count")).toEqual(["1", "—", "—", "3"]);
    expect(texts(svg, "row-total")).toEqual(["—", "—"]);
  });

  it("escapes class names and the title", () => {
    const svg = renderConfusionMatrix({ title: HOSTILE, counts: [[1, 2], [3, 4]], classes: [HOSTILE, "<b>"] });
    wellFormed(svg);
    expect(texts(svg, "col-label")[1]).toBe("<b>");
  });
});

describe("renderHistogram", () => {
  const bins = [0, 1, 2, 3, 4].map((i) => ({ low: i * 10, high: i * 10 + 10, count: [1, 0, 4, 2, 8][i] as number }));

  it("draws one bar per bin with heights in proportion to the counts", () => {
    const svg = renderHistogram({ title: "scores", bins, xLabel: "score" });
    wellFormed(svg);
    const heights = startTags(svg).filter((t) => t.startsWith('<rect class="hist-bar"')).map((t) => Number(/height="([^"]*)"/.exec(t)?.[1]));
    expect(heights).toHaveLength(5);
    expect(heights[1]).toBe(0);
    expect(heights[2]).toBeCloseTo(4 * (heights[0] as number), 0);
    expect(heights[4]).toBeCloseTo(2 * (heights[2] as number), 0);
    expect(texts(svg, "hist-count")).toEqual(["1", "4", "2", "8"]);
    expect(texts(svg, "edge")).toEqual(["0", "10", "20", "30", "40", "50"]);
  });

  it("copes with no bins and with non-finite counts", () => {
    wellFormed(renderHistogram({ title: "empty", bins: [] }));
    const svg = renderHistogram({ title: "odd", bins: [{ low: 0, high: 1, count: Number.NaN }, { low: 1, high: 2, count: 3 }] });
    wellFormed(svg);
    expect(texts(svg, "hist-count")).toEqual(["3"]);
  });

  it("escapes its labels", () => {
    wellFormed(renderHistogram({ title: HOSTILE, bins, xLabel: HOSTILE }));
  });
});

describe("renderParallelCoordinates", () => {
  const axes = [
    { name: "lr", scale: "log" as const, values: [0.001, 0.01, 0.1, 0.01] },
    { name: "activation", scale: "categorical" as const, values: ["tanh", "relu", "sigmoid", "relu"] },
    { name: "val_accuracy", scale: "linear" as const, values: [0.8, 0.9, 0.95, 0.85] },
  ];
  const parallel = () => renderParallelCoordinates({ title: "t4.trials", axes, best: 2 });

  /** the y of each trial's point on one axis, from its polyline */
  function ysOnAxis(svg: string, axis: number): number[] {
    return [...svg.matchAll(/<polyline class="trial[^"]*"[^>]*points="([^"]*)"/g)].map((m) => Number((m[1] ?? "").split(" ")[axis]?.split(",")[1]));
  }

  it("draws one line per trial and the best one last, highlighted", () => {
    const svg = parallel();
    wellFormed(svg);
    expect(count(svg, /<polyline class="trial"/g)).toBe(3);
    expect(count(svg, /<polyline class="trial best"/g)).toBe(1);
    expect(svg.lastIndexOf('class="trial best"')).toBeGreaterThan(svg.lastIndexOf('class="trial"'));
    expect(svg).toContain("best trial (index 2)");
    expect(texts(svg, "axis-name")).toEqual(["lr (log)", "activation", "val_accuracy"]);
  });

  it("places the learning rate on a log axis: 0.01 halfway between 0.001 and 0.1", () => {
    // drawing order: trials 0, 1, 3, then the best (2)
    const [y0, y1, , y2] = ysOnAxis(parallel(), 0) as [number, number, number, number];
    expect(y1).toBeCloseTo((y0 + y2) / 2, 0);
    expect(y0).toBeGreaterThan(y2);
  });

  it("orders categories by code unit, evenly spaced", () => {
    const svg = parallel();
    expect(texts(svg, "tick").filter((t) => /^[a-z]/.test(t))).toEqual(["relu", "sigmoid", "tanh"]);
    const [tanh, relu, , sigmoid] = ysOnAxis(svg, 1) as [number, number, number, number];
    expect(relu).toBeGreaterThan(sigmoid);
    expect(sigmoid).toBeGreaterThan(tanh);
    expect(relu - sigmoid).toBeCloseTo(sigmoid - tanh, 1);
  });

  it("leaves a gap where a trial has no usable value (null, NaN, 0 on a log axis)", () => {
    const svg = renderParallelCoordinates({
      title: "gaps",
      axes: [
        { name: "lr", scale: "log", values: [0, 0.1] },
        { name: "units", scale: "linear", values: [10, Number.NaN] },
        { name: "layers", scale: "linear", values: [2, null] },
      ],
      best: null,
    });
    wellFormed(svg);
    // trial 0: a line over units and layers; trial 1: a lone point on lr
    expect(count(svg, /<polyline class="trial"/g)).toBe(1);
    expect(count(svg, /<circle class="trial"/g)).toBe(1);
    expect(svg).not.toContain("best trial");
  });

  it("escapes hostile axis names and categories", () => {
    const svg = renderParallelCoordinates({ title: HOSTILE, axes: [{ name: HOSTILE, scale: "categorical", values: ["<b>gelu</b>", HOSTILE] }, { name: "x", scale: "linear", values: [1, 2] }], best: 0 });
    wellFormed(svg);
    expect(texts(svg, "tick")).toContain("<b>gelu</b>");
  });

  it("is byte-identical across runs", () => {
    expect(parallel()).toBe(parallel());
  });
});

describe("renderVectorPlot", () => {
  const expected = [0.02, -0.01, 0, 0.005, -0.02, 0.01, 0, 0, 0.03, -0.004];
  const vector = (received: (number | null)[] = expected.map((v) => -v)) => renderVectorPlot({ title: "e2.grad_b1", expected, received, name: "grad_b1" });

  it("draws a mark for the reference and a dot for the answer per element, and no line", () => {
    const svg = vector();
    wellFormed(svg);
    expect(svg).not.toMatch(/<polyline|<path/);
    expect(count(svg, /<rect class="element-reference"/g)).toBe(10);
    expect(count(svg, /<circle class="element-received"/g)).toBe(10);
    expect(texts(svg, "element-label")).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]);
    expect(texts(svg, "axis-title")).toEqual(["element (counted from 0)", "grad_b1"]);
    expect(svg).toContain("<title>grad_b1[8]: your answer -0.03</title>");
    expect(svg).toContain("<title>grad_b1[8]: reference 0.03</title>");
  });

  it("puts an answer with the sign flipped across zero from its reference", () => {
    const svg = vector();
    const dots = startTags(svg).filter((t) => t.startsWith('<circle class="element-received"')).map((t) => Number(/cy="([^"]*)"/.exec(t)?.[1]));
    const marks = startTags(svg).filter((t) => t.startsWith('<rect class="element-reference"')).map((t) => Number(/ y="([^"]*)"/.exec(t)?.[1]) + 1.5);
    // element 0 (0.02) and 8 (0.03): the answer's dot below the mark, element 4 (-0.02) above it
    expect(dots[0]).toBeGreaterThan(marks[0] as number);
    expect(dots[8]).toBeGreaterThan(marks[8] as number);
    expect(dots[4]).toBeLessThan(marks[4] as number);
    // element 2 is 0 in both: one height
    expect(dots[2]).toBeCloseTo(marks[2] as number, 1);
  });

  it("marks a value far off at the edge, and counts what is missing or not finite", () => {
    const svg = vector([...expected.slice(0, 7), 1e9, null, Number.NaN]);
    wellFormed(svg);
    expect(count(svg, /<polygon class="clipped"/g)).toBe(1);
    expect(count(svg, /<circle class="element-received"/g)).toBe(7);
    expect(svg).toContain("1 off the chart · 2 missing or not finite");
    expect(svg).toContain('aria-label="e2.grad_b1; 1 off the chart; 2 missing or not finite"');
    expect(vector([])).toContain("no answer given");
    expect(vector(expected.slice(0, 4))).toContain("4 of 10 given");
  });

  it("escapes the answer's name and the title", () => {
    const svg = renderVectorPlot({ title: HOSTILE, expected: [1, 2], received: [1, 2], name: HOSTILE });
    wellFormed(svg);
    expect(svg).toContain("&#60;/svg&#62;&#60;script&#62;");
  });

  it("is byte-identical across runs", () => {
    expect(vector()).toBe(vector());
  });
});

function itemWith(plot: unknown, id = "t.x"): ItemResult {
  return { id, status: "pass", score: 1, max_score: 1, diagnosis: null, message: "", visibility: "visible", plot: plot as ItemPlot };
}

describe("itemPlotSvg", () => {
  it("draws a curve over the shaded reference band, with a gap where the band is missing", () => {
    const band = { low: [0.9, 0.8, null, 0.6, 0.5], high: [1.1, 1.0, null, 0.8, 0.7] };
    const svg = itemPlotSvg(itemWith({ kind: "curve", expected: [1, 0.9, 0.8, 0.7, 0.6], received: [1, 0.95, 0.8, 0.7, 0.65], band })) as string;
    wellFormed(svg);
    expect(count(svg, /<polygon class="band"/g)).toBe(2);
    expect(count(svg, /<line class="band"/g)).toBe(0);
    expect(svg).toContain(">reference band</text>");
    // the band is the reference's: it widens the y range, where a received value would be clipped
    const wide = itemPlotSvg(itemWith({ kind: "curve", expected: [1, 1, 1], received: [1, 1, 1], band: { low: [0, 0, 0], high: [10, 10, 10] } })) as string;
    expect(wide).toMatch(/>10<\/text>/);
    const narrow = itemPlotSvg(itemWith({ kind: "curve", expected: [1, 1, 1], received: [1, 1, 1] })) as string;
    expect(narrow).not.toMatch(/>10<\/text>/);
    // the band lies under the curves
    expect(svg.indexOf('class="band"')).toBeLessThan(svg.indexOf('class="series-reference"'));
    const single = itemPlotSvg(itemWith({ kind: "curve", expected: [1, 2, 3], received: [1, 2, 3], band: { low: [null, 1.5, null], high: [null, 2.5, null] } })) as string;
    expect(count(single, /<line class="band"/g)).toBe(1);
  });

  it("draws a curve without a band as before", () => {
    const svg = itemPlotSvg(itemWith({ kind: "curve", expected: [1, 2, 3], received: [1, null, 3] })) as string;
    wellFormed(svg);
    expect(svg).not.toContain("band");
  });

  it("names a curve's axes after the reference, else steps and the answer's own name", () => {
    const axes = { x: { title: "epoch", first: 1, step: 1 }, y: { title: "J" } };
    const named = itemPlotSvg(itemWith({ kind: "curve", expected: [3, 2, 1], received: [3, 2, 1], axes }, "q6.runs[0].J")) as string;
    wellFormed(named);
    expect(texts(named, "axis-title")).toEqual(["epoch", "J"]);
    expect(itemPlotTitle(itemWith({ kind: "curve", expected: [3, 2, 1], received: [3, 2, 1], axes }, "q6.runs[0].J"))).toBe("q6.runs[0].J: J by epoch, reference and your answer");
    // a result written before curves had axes
    const plain = itemPlotSvg(itemWith({ kind: "curve", expected: [3, 2, 1], received: [3, 2, 1], label: "q6.runs[0].J" }, "q6.runs[0].J")) as string;
    expect(texts(plain, "axis-title")).toEqual(["step", "J"]);
    const nested = itemPlotSvg(itemWith({ kind: "curve", expected: [3, 2, 1], received: [3, 2, 1] }, "t1.train_loss")) as string;
    expect(texts(nested, "axis-title")).toEqual(["step", "train_loss"]);
  });

  it("draws a vector's dots and an unanswered heatmap as the reference's", () => {
    const vector = itemPlotSvg(itemWith({ kind: "vector", expected: [1, -1, 2], received: [1, 1, 2] }, "e2.grad_b1")) as string;
    expect(vector).toContain('class="plot plot-vector"');
    expect(vector).not.toMatch(/<polyline|<path/);
    expect(itemPlotTitle(itemWith({ kind: "vector", expected: [1], received: [1] }, "e2.grad_b1"))).toBe("e2.grad_b1: grad_b1 element by element, reference and your answer");
    const reference = itemWith({ kind: "heatmap", label: "t2.val_accuracy", values: [[1, 2], [3, 4]], outside: [[false, false], [false, false]], values_of: "reference" }, "t2.val_accuracy[0][0]");
    expect(itemPlotTitle(reference)).toBe("t2.val_accuracy: the reference's values as a heatmap: you gave none");
    expect(texts(itemPlotSvg(reference) as string, "plot-caption")).toEqual(["the reference's values: you gave no matrix"]);
  });

  it("dispatches on the kind", () => {
    const heatmap = itemPlotSvg(itemWith({ kind: "heatmap", values: [[1, 2], [3, 4]], outside: [[false, true], [false, false]] }));
    expect(heatmap).toContain('class="plot plot-heatmap"');
    expect(itemPlotSvg(itemWith({ kind: "confusion", counts: [[1, 2], [3, 4]] }))).toContain('class="plot plot-confusion"');
    const parallel = itemPlotSvg(itemWith({ kind: "parallel", axes: [{ name: "a", scale: "linear", values: [1, 2] }], best: 1, count: 2 }));
    expect(parallel).toContain('class="plot plot-parallel"');
  });

  it("draws nothing for a plot of an unknown kind or a malformed shape read back from JSON", () => {
    const bad = [
      { kind: "pie", values: [1] },
      { kind: "heatmap", values: [[1, 2]], outside: [[false]] },
      { kind: "heatmap", values: [[1, "2"]], outside: [[false, false]] },
      { kind: "heatmap", values: [[1, 2]], outside: [[false, false]], band: { low: [[1]], high: [[2, 3]] } },
      { kind: "confusion", counts: [] },
      { kind: "parallel", axes: [{ name: "a", scale: "cubic", values: [1] }], best: 0, count: 1 },
      { kind: "parallel", axes: [{ name: "a", scale: "linear", values: [{}] }], best: 0, count: 1 },
      { kind: "curve", expected: [1], received: "1" },
      { kind: "curve", expected: [1], received: [1], band: { low: [1] } },
      { kind: "curve", expected: [1], received: [1], axes: { x: { title: "epoch", first: 1, step: 0 }, y: { title: "J" } } },
      { kind: "curve", expected: [1], received: [1], axes: { x: { title: "epoch" }, y: { title: "J" } } },
      { kind: "vector", expected: [1], received: "1" },
      { kind: "vector", expected: [[1]], received: [1] },
      { kind: "heatmap", values: [[1, 2]], outside: [[false, false]], values_of: "student" },
      "curve",
      null,
    ];
    for (const plot of bad) expect(itemPlotSvg(itemWith(plot)), JSON.stringify(plot)).toBeUndefined();
  });

  it("gives each plot a plain-text title naming the item", () => {
    expect(itemPlotTitle(itemWith({ kind: "heatmap", label: "t2.val_accuracy", values: [[1, 2], [3, 4]], outside: [[true, true], [false, false]] }, "t2.val_accuracy[0][0]"))).toBe(
      "t2.val_accuracy: your values as a heatmap, 2 not passed",
    );
    expect(itemPlotTitle(itemWith({ kind: "parallel", axes: [], best: 3, count: 12 }, "t4.trials"))).toBe("t4.trials: your 12 trials, the best (index 3) highlighted");
    expect(itemPlotTitle(itemWith({ kind: "curve", expected: [], received: [], label: "J" }, "q1.J"))).toBe("q1.J: J, reference and your answer");
  });

  it("draws the same plots from a result written to JSON and read back", () => {
    const plots: unknown[] = [
      { kind: "heatmap", label: "m", values: [[0.5, null], [0.7, 0.8]], outside: [[false, true], [false, false]], rows: { title: "lr", labels: ["a", "b"] }, columns: { title: "s", labels: ["c", "d"] }, band: { low: [[0.4, null], [0.6, 0.7]], high: [[0.6, null], [0.8, 0.9]] } },
      { kind: "confusion", label: "c", counts: [[0, 250], [0, 250]] },
      { kind: "parallel", label: "p", axes: [{ name: "lr", scale: "log", values: [0.1, 0.01] }, { name: "act", scale: "categorical", values: ["NaN", "relu"] }], best: 0, count: 2 },
      { kind: "curve", expected: [1, 2], received: [1, Number.NaN], label: "x", band: { low: [0.5, 1.5], high: [1.5, 2.5] } },
      { kind: "curve", expected: [1, 2, 3], received: [1, 1e300, null], label: "J", axes: { x: { title: "w", first: -2, step: 0.1 }, y: { title: "J" } } },
      { kind: "vector", expected: [1, -1, 0.5], received: [1, null, 2], label: "g" },
      { kind: "heatmap", label: "r", values: [[0.5, 0.6], [0.7, 0.8]], outside: [[false, false], [false, false]], values_of: "reference" },
    ];
    const result: GradeResult = {
      schema: "nngrade/result@1",
      assignment: "a",
      student: { id: "s" },
      score: 4,
      max_score: 4,
      tasks: [{ id: "t", title: "t", score: 4, max_score: 4, items: plots.map((plot, i) => itemWith(plot, `t.i${i}`)) }],
      flags: [],
    };
    const back = parseResultJson(renderJson(result));
    const items = back.tasks[0]?.items ?? [];
    expect(items).toHaveLength(plots.length);
    result.tasks[0]?.items.forEach((item, i) => {
      const svg = itemPlotSvg(item);
      expect(svg).toBeDefined();
      expect(itemPlotSvg(items[i] as ItemResult)).toBe(svg);
    });
  });
});

describe("plots inside the report page", () => {
  it("use no class the report's stylesheet styles, so the page cannot reshape a plot", () => {
    const styles = readFileSync(new URL("../../templates/partials/styles.hbs", import.meta.url), "utf8");
    const styled = new Set([...styles.matchAll(/\.([a-z][\w-]*)/g)].map((m) => m[1]));
    const svgs = [
      renderHeatmap({ title: "h", values: [[1, 2], [3, 4]], outside: [[true, false], [false, false]], rows: { title: "r", labels: ["a", "b"] } }),
      renderConfusionMatrix({ title: "c", counts: [[1, 2], [3, 4]] }),
      renderHistogram({ title: "s", bins: [{ low: 0, high: 1, count: 2 }] }),
      renderParallelCoordinates({ title: "p", axes: [{ name: "a", scale: "linear", values: [1, 2] }, { name: "b", scale: "categorical", values: ["x", "y"] }], best: 0 }),
      itemPlotSvg(itemWith({ kind: "curve", expected: [1, 2], received: [1, 1e300], band: { low: [0, 1], high: [2, 3] } })) as string,
      itemPlotSvg(itemWith({ kind: "curve", expected: [3, 2, 1], received: [3, 2, null], axes: { x: { title: "epoch", first: 1, step: 1 }, y: { title: "J" } } })) as string,
      itemPlotSvg(itemWith({ kind: "curve", expected: [3, 2, 1], received: [3, 1e9, 1e12] })) as string,
      itemPlotSvg(itemWith({ kind: "vector", expected: [1, -1, 2], received: [1, 1e9, null] })) as string,
      renderHeatmap({ title: "h", values: [[1, 2], [3, 4]], outside: [[false, false], [false, false]], caption: "the reference's values" }),
    ];
    const used = new Set(svgs.flatMap((svg) => attributeValues(svg, "class").flatMap((c) => c.split(" "))));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((c) => styled.has(c))).toEqual([]);
  });
});
