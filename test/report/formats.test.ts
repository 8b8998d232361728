import { describe, expect, it } from "vitest";
import { renderAnnotations } from "../../src/report/github.ts";
import { renderHtml } from "../../src/report/html.ts";
import { renderJson } from "../../src/result/json.ts";
import { asText, REPORT_FORMATS, renderReport, reportFormat } from "../../src/report/formats.ts";
import { renderText } from "../../src/report/text.ts";
import { sampleResult } from "./sample-result.ts";

describe("report formats", () => {
  it("are registered by id, each with a file ending and a description", () => {
    expect([...REPORT_FORMATS.keys()].sort()).toEqual(["github", "gradescope", "html", "json", "junit", "pdf", "step-summary", "text"]);
    for (const format of REPORT_FORMATS.values()) {
      expect(format.extension).toMatch(/^\.[a-z]+$/);
      expect(format.description.length).toBeGreaterThan(10);
    }
  });

  it("render what the renderers render", async () => {
    const result = sampleResult;
    expect(asText(await renderReport("json", result))).toBe(renderJson(result));
    expect(await renderReport("html", result)).toBe(renderHtml(result));
    expect(await renderReport("text", result, { color: true })).toBe(renderText(result, { color: true }));
    expect(await renderReport("github", result, { file: "a.json" })).toBe(renderAnnotations(result, "a.json"));
  });

  it("load the pdf renderer only when a pdf is asked for, and give bytes", async () => {
    const pdf = await renderReport("pdf", sampleResult);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf as Uint8Array).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("refuse an id nobody registered, naming the ones there are", () => {
    expect(() => reportFormat("docx")).toThrow(/unknown report format "docx": one of text, json, html, pdf/);
  });
});
