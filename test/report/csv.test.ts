import { describe, expect, it } from "vitest";
import { renderGradebook } from "../../src/report/csv.ts";
import type { GradeResult } from "../../src/report/result.ts";

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

  it("quotes fields with commas, quotes and line breaks and doubles inner quotes", () => {
    const csv = renderGradebook(
      [result("s2", 'Lovelace, Ada "AL"', []), result("s3", "two\r\nlines", []), result("s4", "new\nline", [])],
      [],
    );
    expect(csv.split("\r\n").slice(1, 4)).toEqual(['s2,"Lovelace, Ada ""AL""",0,10,graded', 's3,"two', 'lines",0,10,graded']);
    expect(csv).toContain('s4,"new\nline",0,10,graded\r\n');
  });

  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\rcmd", `"'\rcmd"`],
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
