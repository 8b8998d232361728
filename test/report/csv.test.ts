import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderGradebook } from "../../src/report/csv.ts";
import type { GradeResult } from "../../src/result/types.ts";

function result(id: string, name: string | undefined, tasks: [string, number][], extra: Partial<GradeResult> = {}): GradeResult {
  return {
    schema: "nngrade/result@1",
    assignment: "hw4-hyperparameters",
    student: name === undefined ? { id } : { id, name },
    score: tasks.reduce((total, [, score]) => total + score, 0),
    max_score: 10,
    tasks: tasks.map(([taskId, score]) => ({ id: taskId, title: taskId, score, max_score: 5, items: [] })),
    flags: [],
    ...extra,
  };
}

describe("renderGradebook", () => {
  it("writes the header, exact scores and CRLF line ends", () => {
    const csv = renderGradebook([result("s1", "Ada Lovelace", [["q1", 5], ["q3", 3.5]])], ["q1", "q3"]);
    expect(csv).toBe("student_id,name,score,max_score,q1,q3,status\r\ns1,Ada Lovelace,8.5,10,5,3.5,graded\r\n");
  });

  it("quotes fields with commas and quotes and doubles inner quotes", () => {
    const csv = renderGradebook([result("s2", 'Lovelace, Ada "AL"', [])], []);
    expect(csv.split("\r\n")[1]).toBe('s2,"Lovelace, Ada ""AL""",0,10,graded');
  });

  it("keeps a student's row on one line: line breaks and tabs become a space", () => {
    const csv = renderGradebook([result("s3", "two\r\nlines", []), result("s4", "new\nline\ttab", [])], []);
    expect(csv.split("\r\n").slice(1, 3)).toEqual(["s3,two lines,0,10,graded", "s4,new line tab,0,10,graded"]);
  });

  it("removes NUL, other controls and text-direction characters from what a student controls, and still parses", () => {
    const hostile = [
      result("s1\u0000", "Ada\u0000 \u202ELovelace\r\nthe second line", []),
      result("\u202E=cmd", "\u2066Eve\u2069\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u0007\u009B", [], {
        error: { code: "submission\u0000\r\nparse", message: "x" },
      }),
      result("s3", "Zoë, 李", []),
    ];
    const csv = renderGradebook(hostile, ["q1"]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(csv).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    // a real CSV reader: python's csv module
    const python = spawnSync("python3", ["-c", "import csv, json, sys; print(json.dumps(list(csv.reader(sys.stdin))))"], {
      input: csv,
      encoding: "utf8",
    });
    expect(python.status).toBe(0);
    expect(JSON.parse(python.stdout)).toEqual([
      ["student_id", "name", "score", "max_score", "q1", "status"],
      ["s1", "Ada Lovelace the second line", "0", "10", "", "graded"],
      ["'=cmd", "Eve", "0", "10", "", "submission parse"],
      ["s3", "Zoë, 李", "0", "10", "", "graded"],
    ]);
  });

  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    // a tab or CR is gone before the cell is checked, so what follows it is what is guarded
    ["\tcmd", "cmd"],
    ["\rcmd", "cmd"],
    ["\t=cmd", "'=cmd"],
    ["\u202E=cmd", "'=cmd"],
    ["\u0000+1", "'+1"],
    ["=1,2", `"'=1,2"`],
    ["Ada = Lovelace", "Ada = Lovelace"],
  ])("guards a name starting a formula: %j", (name, field) => {
    const csv = renderGradebook([result("s5", name, [])], []);
    expect(csv).toBe(`student_id,name,score,max_score,status\r\ns5,${field},0,10,graded\r\n`);
  });

  it("guards a student id too", () => {
    const csv = renderGradebook([result("=cmd|' /C calc'!A0", undefined, [])], []);
    expect(csv.split("\r\n")[1]).toBe("'=cmd|' /C calc'!A0,,0,10,graded");
  });

  it("leaves a task cell empty when the task is absent and puts the error code in status", () => {
    const broken = result("s6", "Eve", [], { score: 0, error: { code: "submission-parse", message: "bad json" } });
    const csv = renderGradebook([broken], ["q1", "q2"]);
    expect(csv.split("\r\n")[1]).toBe("s6,Eve,0,10,,,submission-parse");
  });

  it("keeps the rows in the order given", () => {
    const csv = renderGradebook([result("b", undefined, []), result("a", undefined, [])], []);
    expect(csv.split("\r\n").slice(1, 3).map((line) => line.split(",")[0])).toEqual(["b", "a"]);
  });
});
