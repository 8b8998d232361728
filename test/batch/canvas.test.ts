import { describe, expect, it } from "vitest";
import { CANVAS_FIXED_COLUMNS, renderCanvasGradebook } from "../../src/report/canvas.ts";
import type { GradeResult } from "../../src/result/types.ts";

function result(id: string, score: number, extra: Partial<GradeResult> = {}): GradeResult {
  return { schema: "nngrade/result@1", assignment: "hw", student: { id }, score, max_score: 60, tasks: [], flags: [], ...extra };
}

/** RFC 4180 rows, as a spreadsheet or Canvas reads them */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  expect(field).toBe("");
  return rows;
}

describe("canvas gradebook", () => {
  const csv = renderCanvasGradebook(
    [
      result("1815", 23.5, { student: { id: "1815", name: "Lovelace, Ada" } }),
      result("=HYPERLINK(1)", 60, { student: { id: "=HYPERLINK(1)", name: '@evil "quoted"' } }),
      result("1906", 0, { error: { code: "submission-parse", message: "x" } }),
    ],
    { title: "HW4: hyperparameters", pointsPossible: 60 },
  );
  const rows = parseCsv(csv);

  it("has Canvas's columns, then the assignment, and the Points Possible row second", () => {
    expect(rows[0]).toEqual([...CANVAS_FIXED_COLUMNS, "HW4: hyperparameters"]);
    expect(rows[0]?.slice(0, 5)).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]);
    expect(rows[1]).toEqual(["Points Possible", "", "", "", "", "60"]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("puts the student id in SIS User ID and the score under the assignment", () => {
    expect(rows[2]).toEqual(["Lovelace, Ada", "", "1815", "", "", "23.5"]);
  });

  it("makes a student's text that starts a formula into text", () => {
    expect(rows[3]).toEqual(["'@evil \"quoted\"", "", "'=HYPERLINK(1)", "", "", "60"]);
  });

  it("leaves a submission that could not be graded blank, and names it by id without a name", () => {
    expect(rows[4]).toEqual(["1906", "", "1906", "", "", ""]);
    expect(rows).toHaveLength(5);
  });

  it("keeps each student on one row, without NUL, controls or text-direction characters", () => {
    const hostile = renderCanvasGradebook(
      [
        result("s1\u0000", 5, { student: { id: "s1\u0000", name: "Ada\u0000 \u202ELovelace\r\nsecond line" } }),
        result("\u202E=2+2", 6, { student: { id: "\u202E=2+2", name: "\u2066\u200F\r\n" } }),
      ],
      { title: "HW4", pointsPossible: 60 },
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(hostile).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    const parsed = parseCsv(hostile);
    expect(parsed).toHaveLength(4);
    expect(parsed[2]).toEqual(["Ada Lovelace second line", "", "s1", "", "", "5"]);
    // a name with nothing left is named by its id, guarded as a formula
    expect(parsed[3]).toEqual(["'=2+2", "", "'=2+2", "", "", "6"]);
  });
});
