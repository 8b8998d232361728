import { describe, expect, it, vi } from "vitest";
import { createStream } from "../../src/engine/random/stream.ts";
import { fixed, renderLinePlot, robustRange } from "../../src/report/svg.ts";
import { attributeValues, strayAngleBrackets, tagBalanceProblems } from "./markup.ts";

const reference = [10, 8, 6.5, 5.2, 4.1, 3.3, 2.7, 2.2, 1.9, 1.7];
// finite at indices 0, 1 | 3 | 5, 6, 7, 8 => 7 points, the one at 7 (1e271) off the chart
const received = [9.5, 8.1, null, 5, Number.NaN, 4, 3.2, 1e271, 2, Number.POSITIVE_INFINITY];

function plot(): string {
  return renderLinePlot({
    title: "q7.runs[3].J",
    series: [
      { name: "reference", values: reference, role: "reference" },
      { name: "your answer", values: received, role: "received" },
    ],
  });
}

function pointsOf(svg: string, role: string): string[] {
  const lines = [...svg.matchAll(new RegExp(`<polyline class="series-${role}"[^>]*points="([^"]*)"`, "g"))].flatMap((m) => (m[1] ?? "").split(" "));
  const dots = [...svg.matchAll(new RegExp(`<circle class="series-${role}" cx="([^"]*)" cy="([^"]*)"`, "g"))].map((m) => `${m[1]},${m[2]}`);
  return [...lines, ...dots];
}

describe("renderLinePlot", () => {
  it("produces well-formed svg with no stray markup", () => {
    const svg = plot();
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(tagBalanceProblems(svg)).toEqual([]);
    expect(strayAngleBrackets(svg)).toEqual([]);
  });

  it("draws one point per finite value and leaves gaps for null and non-finite values", () => {
    const svg = plot();
    expect(pointsOf(svg, "reference")).toHaveLength(10);
    expect(pointsOf(svg, "received")).toHaveLength(7);
    // null at 2, NaN at 4 and Infinity at 9 split the received curve into [0,1], [3], [5..8]
    expect(svg.match(/<polyline class="series-received"/g)).toHaveLength(2);
    expect(svg.match(/<circle class="series-received"/g)).toHaveLength(1);
  });

  it("marks 1e271 as clipped and keeps every coordinate inside the plot", () => {
    const svg = plot();
    expect(svg.match(/<path class="clipped"/g)).toHaveLength(1);
    expect(svg).toContain("your answer: 1e+271 is off the chart");
    expect(svg).toContain("1 off the chart · 3 missing or not finite");
    const ys = pointsOf(svg, "received").map((p) => Number(p.split(",")[1]));
    for (const y of ys) expect(y).toBeGreaterThanOrEqual(30); // top margin
    for (const y of ys) expect(y).toBeLessThanOrEqual(240 - 36); // above the x axis
    const numeric = [...attributeValues(svg, "x1"), ...attributeValues(svg, "y1"), ...attributeValues(svg, "cx"), ...attributeValues(svg, "cy")];
    for (const value of numeric) expect(Number.isFinite(Number(value))).toBe(true);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("escapes every text it prints", () => {
    const svg = renderLinePlot({
      title: '<script>alert(1)</script>',
      xLabel: '"><img src=x onerror=alert(1)>',
      series: [{ name: "</svg><script>", values: [1, 2, 3], role: "reference" }],
    });
    expect(svg).not.toMatch(/<script|<img/i);
    expect(svg).toContain("&#60;script&#62;alert(1)&#60;/script&#62;");
    expect(tagBalanceProblems(svg)).toEqual([]);
  });

  it("is byte-identical across runs", () => {
    expect(plot()).toBe(plot());
  });

  it("draws a curve seen before as the first time, and one changed in place anew", async () => {
    const first = plot();
    const steep = Array.from({ length: 40 }, (_, i) => 100 * 0.8 ** i);
    renderLinePlot({ series: [{ name: "reference", values: steep, role: "reference" }], band: { low: steep.map((v) => v * 0.9), high: steep.map((v) => v * 1.1) } });
    expect(plot()).toBe(first);
    // a module loaded afresh has seen nothing: what it draws is what the one that remembers draws
    vi.resetModules();
    const fresh = (await import("../../src/report/svg.ts")) as typeof import("../../src/report/svg.ts");
    const options = { series: [{ name: "reference", values: steep, role: "reference" as const }], band: { low: steep.map((v) => v * 0.9), high: steep.map((v) => v * 1.1) } };
    expect(fresh.renderLinePlot(options)).toBe(renderLinePlot(options));

    const values = [...reference];
    const before = renderLinePlot({ series: [{ name: "reference", values, role: "reference" }] });
    values[4] = 9;
    const after = renderLinePlot({ series: [{ name: "reference", values, role: "reference" }] });
    expect(after).not.toBe(before);
    expect(after).toBe(fresh.renderLinePlot({ series: [{ name: "reference", values: [...values], role: "reference" }] }));
  });

  it("copes with curves that have no finite value at all", () => {
    const svg = renderLinePlot({ series: [{ name: "your answer", values: [null, Number.NaN], role: "received" }] });
    expect(tagBalanceProblems(svg)).toEqual([]);
    expect(svg).toContain("2 missing or not finite");
  });
});

describe("robustRange", () => {
  it("keeps the whole of a fast-decaying reference in view", () => {
    const decaying = Array.from({ length: 100 }, (_, i) => 0.07 * 0.5 ** i);
    expect(robustRange(decaying, decaying)).toEqual([0.07 * 0.5 ** 99, 0.07]);
  });

  it("drops the absurd tail of a diverging curve", () => {
    const [low, high] = robustRange([3, 2.5, 2, 1.8, 1.7, 1.65], [3, 40, 1e8, 1e29, 1e271]);
    expect(low).toBe(1.65);
    // the received values within one reference span (1.35) widen the range; 40 and beyond do not
    expect(high).toBe(3);
  });

  it("trims 1e271 from the reference itself", () => {
    const [, high] = robustRange([5, 4, 3, 2, 1, 1e271], []);
    expect(high).toBe(5);
  });
});

describe("coordinates", () => {
  const toFixed = (x: number) => (x.toFixed(1) === "-0.0" ? "0.0" : x.toFixed(1));

  it("are written as toFixed(1) writes them, ties and negative zero included", () => {
    // 0.35 is stored just below 0.35 and 0.45 just above: only the exact decimal value tells which way they go
    const cases = [0, -0, 0.05, 0.25, 0.35, 0.45, -0.04, -0.05, -0.25, 12.45, 199.95, 1e8 + 0.05, 123456789.15, 1e15 + 0.3, 2.5e-7, -3e-9];
    for (const x of cases) expect(fixed(x), String(x)).toBe(toFixed(x));
  });

  it("match toFixed(1) over a sweep of plot-sized and tie-sized values", () => {
    const stream = createStream("svg-coordinates");
    for (let k = 0; k < 20000; k++) {
      const x = (stream.next() - 0.3) * 10 ** stream.int(-3, 7);
      expect(fixed(x)).toBe(toFixed(x));
      const tie = (stream.int(-20000, 20000) + 0.5) / 10;
      expect(fixed(tie)).toBe(toFixed(tie));
    }
  });
});

/** the texts of the elements with this class, unescaped */
function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text class="${className}"[^>]*>([^<]*)</text>`, "g"))].map((m) => (m[1] ?? "").replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))));
}

/** the x axis's tick labels, left to right */
function xTicks(svg: string): { x: number; label: string }[] {
  return [...svg.matchAll(/<text x="([^"]*)" y="[^"]*" text-anchor="middle" fill="[^"]*">([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), label: m[2] ?? "" }));
}

describe("renderLinePlot's axes", () => {
  it("names both axes and counts x from the first point's own value", () => {
    const svg = renderLinePlot({ series: [{ name: "reference", values: [5, 4, 3, 2, 1], role: "reference" }], xLabel: "epoch", yLabel: "J", xFirst: 1 });
    expect(texts(svg, "axis-title")).toEqual(["epoch", "J"]);
    expect(xTicks(svg).map((t) => t.label)).toEqual(["1", "2", "3", "4", "5"]);
    expect(svg).not.toContain(">index<");
  });

  it("places ticks at round values of a grid that starts elsewhere: w from -2 by 0.5", () => {
    const svg = renderLinePlot({ series: [{ name: "reference", values: [4, 2.25, 1, 0.25, 0, 0.25, 1, 2.25, 4], role: "reference" }], xLabel: "w", xFirst: -2, xStep: 0.5 });
    const ticks = xTicks(svg);
    expect(ticks.map((t) => t.label)).toEqual(["-2", "-1.5", "-1", "-0.5", "0", "0.5", "1", "1.5", "2"]);
    // w = 0 is the fifth point of nine: half way along the axis
    const zero = ticks.find((t) => t.label === "0")?.x as number;
    expect(zero).toBeCloseTo(((ticks[0]?.x as number) + (ticks.at(-1)?.x as number)) / 2, 1);
  });

  it("escapes the y title", () => {
    const svg = renderLinePlot({ series: [{ name: "r", values: [1, 2], role: "reference" }], yLabel: "</text><script>x</script>" });
    expect(svg).not.toMatch(/<script/);
    expect(texts(svg, "axis-title")).toContain("</text><script>x</script>");
    expect(tagBalanceProblems(svg)).toEqual([]);
  });
});

describe("renderLinePlot with a run that leaves the plot for good", () => {
  const falling = [10, 8, 6, 5, 4, 3];
  const diverging = (received: (number | null)[], reference: (number | null)[] = falling) =>
    renderLinePlot({
      title: "q6.runs[0].J",
      xLabel: "epoch",
      xFirst: 1,
      series: [
        { name: "reference", values: reference, role: "reference" },
        { name: "your answer", values: received, role: "received" },
      ],
    });

  it("draws the line to the edge it crosses, marks it there and says what is not drawn", () => {
    const svg = diverging([10, 8, 6, 1e9, 1e20, Number.NaN]);
    const note = "your answer diverged after epoch 3: values beyond 10 and non-finite values not drawn";
    expect(texts(svg, "plot-note")).toEqual([note]);
    expect(svg).toContain(`<title>q6.runs[0].J; 1 missing or not finite; ${note}</title>`);
    // the values beyond are not drawn along the top edge
    expect(svg).not.toContain('class="clipped"');
    const points = pointsOf(svg, "received");
    expect(points).toHaveLength(4);
    expect(points.at(-1)?.split(",")[1]).toBe("30.0");
    expect(svg.match(/<polygon class="exit"/g)).toHaveLength(1);
    // the note has a line of its own under the plot
    expect(svg).toContain('height="254"');
    expect(tagBalanceProblems(svg)).toEqual([]);
  });

  it("says below for a run that falls out of the bottom", () => {
    const svg = diverging([10, 8, 6, -1e9, -1e12, -1e15]);
    expect(texts(svg, "plot-note")).toEqual(["your answer diverged after epoch 3: values below 3 not drawn"]);
    const points = pointsOf(svg, "received");
    expect(points.at(-1)?.split(",")[1]).toBe(String(240 - 36) + ".0");
  });

  it("rings the last value of a run that ends in non-finite values", () => {
    const svg = diverging([10, 8, 6, null, Number.POSITIVE_INFINITY]);
    expect(texts(svg, "plot-note")).toEqual(["your answer diverged after epoch 3: non-finite values not drawn"]);
    expect(svg.match(/<circle class="exit"/g)).toHaveLength(1);
    expect(pointsOf(svg, "received")).toHaveLength(3);
  });

  it("names the reference with the answer when both leave after the same epoch", () => {
    const svg = diverging([20, 1000, 1e8, 1e28], [20, 1000, 1e8, 1e28]);
    const notes = texts(svg, "plot-note");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^reference and your answer diverged after epoch 2: values beyond \S+ not drawn$/);
  });

  it("keeps a lone value far off clamped with its marker, since the run comes back", () => {
    const svg = diverging([10, 8, 1e12, 5, 4, 3]);
    expect(texts(svg, "plot-note")).toEqual([]);
    expect(svg.match(/<path class="clipped"/g)).toHaveLength(1);
    expect(pointsOf(svg, "received")).toHaveLength(6);
  });

  it("is byte-identical across runs", () => {
    expect(diverging([10, 8, 6, 1e9, 1e20, Number.NaN])).toBe(diverging([10, 8, 6, 1e9, 1e20, Number.NaN]));
  });
});
