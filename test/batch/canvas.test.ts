import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { rosterIds } from "../../src/cli/commands/build.ts";
import { canvasRoster } from "../../src/cli/commands/grade.ts";
import { CANVAS_FIXED_COLUMNS, canvasColumnProblems, planCanvasImport, renderCanvasGradebook } from "../../src/report/canvas.ts";
import type { RosterStudent } from "../../src/report/roster.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { applyImport, type CanvasCourse, canvasImport, delimiterOf } from "./canvas-importer.ts";

function result(id: string, score: number, extra: Partial<GradeResult> = {}): GradeResult {
  return { schema: "nngrade/result@1", assignment: "hw", student: { id }, score, max_score: 60, tasks: [], flags: [], ...extra };
}

/** RFC 4180 rows, as a spreadsheet reads them */
function rowsOf(text: string): string[][] {
  expect(text.endsWith("\r\n")).toBe(true);
  return parse(text, { relax_column_count: true, record_delimiter: "\r\n" }) as string[][];
}

/** a course as Canvas holds it: students with SIS ids and logins, the assignment HW4 published, a grade entered by hand */
function course(): CanvasCourse {
  return {
    students: [
      { id: 501, name: "Ada Lovelace", sortable_name: "Lovelace, Ada", sis_user_id: "s1001", login: "ada@uni.edu" },
      { id: 502, name: "Grace Hopper", sortable_name: "Hopper, Grace", sis_user_id: "s1002", login: "grace@uni.edu" },
      { id: 503, name: "Alan Turing", sortable_name: "Turing, Alan", login: "alan@uni.edu" },
      { id: 504, name: "Emmy Noether", sortable_name: "Noether, Emmy", sis_user_id: "s1004", login: "emmy@uni.edu" },
      { id: 505, name: "Kurt Gödel", sortable_name: "Gödel, Kurt", sis_user_id: "s1005", login: "kurt@uni.edu" },
    ],
    assignments: [
      { id: 4242, title: "HW4: hyperparameters", points_possible: 60 },
      { id: 77, title: "HW3", points_possible: 40 },
    ],
    // the TA entered Kurt's late paper by hand; Emmy has a grade from an earlier import
    grades: new Map([
      [505, new Map([[4242, "41"]])],
      [504, new Map([[4242, "12"]])],
    ]),
  };
}

/** Canvas's own gradebook export of that course, as a TA downloads it for --roster */
const CANVAS_EXPORT = [
  "Student,ID,SIS User ID,SIS Login ID,Section,HW4: hyperparameters (4242),HW3 (77),Current Score,Final Score",
  "    Points Possible,,,,,60,40,(read only),(read only)",
  '"Lovelace, Ada",501,s1001,ada@uni.edu,Section A,,35,87.5,40',
  '"Hopper, Grace",502,s1002,grace@uni.edu,Section A,,38,95,42',
  '"Turing, Alan",503,,alan@uni.edu,Section B,,30,75,33',
  '"Noether, Emmy",504,s1004,emmy@uni.edu,Section B,12,39,85,51',
  '"Gödel, Kurt",505,s1005,kurt@uni.edu,Section B,41,,41,41',
].join("\n");

/** the roster --roster reads from that export (cli/commands/grade.ts canvasRoster), written out here */
const ROSTER: RosterStudent[] = [
  { student: "Lovelace, Ada", id: "501", sis_user_id: "s1001", sis_login_id: "ada@uni.edu", section: "Section A", email: "" },
  { student: "Hopper, Grace", id: "502", sis_user_id: "s1002", sis_login_id: "grace@uni.edu", section: "Section A", email: "" },
  { student: "Turing, Alan", id: "503", sis_user_id: "", sis_login_id: "alan@uni.edu", section: "Section B", email: "" },
  { student: "Noether, Emmy", id: "504", sis_user_id: "s1004", sis_login_id: "emmy@uni.edu", section: "Section B", email: "" },
  { student: "Gödel, Kurt", id: "505", sis_user_id: "s1005", sis_login_id: "kurt@uni.edu", section: "Section B", email: "" },
];

/** a class as nngrade grades it: Ada by her sid, Grace by her e-mail, Alan by Canvas's id, Emmy's file unreadable, a stranger; Kurt never submitted */
function graded(): GradeResult[] {
  return [
    result("s1001", 52.5, { student: { id: "s1001", name: "Ada L." } }),
    result("GRACE@uni.edu", 60, { student: { id: "GRACE@uni.edu", name: "Grace" } }),
    result("503", 47, { student: { id: "503", name: "Alan" } }),
    result("s1004", 0, { error: { code: "submission-parse", message: "x" } }),
    result("s9999", 33, { student: { id: "s9999", name: "Not Enrolled" } }),
  ];
}

describe("the Canvas import file", () => {
  const csv = renderCanvasGradebook(
    [
      result("1815", 23.5, { student: { id: "1815", name: "Lovelace, Ada" } }),
      result("=HYPERLINK(1)", 60, { student: { id: "=HYPERLINK(1)", name: '@evil "quoted"' } }),
      result("1906", 0, { error: { code: "submission-parse", message: "x" } }),
    ],
    { title: "HW4: hyperparameters", pointsPossible: 60 },
  );
  const rows = rowsOf(csv);

  it("has Canvas's columns, then the assignment, and the Points Possible row second", () => {
    expect(rows[0]).toEqual([...CANVAS_FIXED_COLUMNS, "HW4: hyperparameters"]);
    expect(rows[0]?.slice(0, 5)).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]);
    expect(rows[1]).toEqual(["Points Possible", "", "", "", "", "60"]);
  });

  it("puts the student id in SIS User ID and the score under the assignment, without a roster", () => {
    expect(rows[2]).toEqual(["Lovelace, Ada", "", "1815", "", "", "23.5"]);
  });

  it("makes a student's text that starts a formula into text", () => {
    expect(rows[3]).toEqual(["'@evil \"quoted\"", "", "'=HYPERLINK(1)", "", "", "60"]);
  });

  it("leaves a submission that could not be graded out: Canvas would post its empty cell as an empty grade", () => {
    expect(rows.map((row) => row[2])).not.toContain("1906");
    expect(rows).toHaveLength(4);
  });

  it("keeps each student on one row, without NUL, controls or text-direction characters", () => {
    const hostile = renderCanvasGradebook(
      [
        result("s1\u0000", 5, { student: { id: "s1\u0000", name: "Ada\u0000 \u202ELovelace\r\nsecond line" } }),
        result("\u202E=2+2", 6, { student: { id: "\u202E=2+2", name: "\u2066\u200F\r\n" } }),
      ],
      { title: "HW4\r\n(part 1)", pointsPossible: 60 },
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
    expect(hostile).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
    const parsed = rowsOf(hostile);
    expect(parsed).toHaveLength(4);
    expect(parsed[0]?.[5]).toBe("HW4 (part 1)");
    expect(parsed[2]).toEqual(["Ada Lovelace second line", "", "s1", "", "", "5"]);
    // a name with nothing left is named by its id, guarded as a formula
    expect(parsed[3]).toEqual(["'=2+2", "", "'=2+2", "", "", "6"]);
  });

  it("leaves out every submission of a student id that has several: which counts is the TA's call", () => {
    const twice = rowsOf(renderCanvasGradebook([result("ada", 10), result("ada", 50), result("bo", 20)], { title: "HW", pointsPossible: 60 }));
    expect(twice.slice(2).map((row) => row[2])).toEqual(["bo"]);
  });
});

describe("Canvas's importer reading it (its rules transcribed in canvas-importer.ts)", () => {
  it("updates the assignment whose id it is given, whatever it is called in Canvas, and adds none", () => {
    const renamed = course();
    renamed.assignments[0] = { id: 4242, title: "Homework 4 (renamed in Canvas)", points_possible: 60 };
    const csv = renderCanvasGradebook(graded(), { title: "HW4: hyperparameters", pointsPossible: 60, assignmentId: "4242" });
    expect(rowsOf(csv)[0]?.[5]).toBe("HW4: hyperparameters (4242)");
    const outcome = canvasImport(csv, renamed);
    expect(outcome.invalidHeader).toBe(false);
    expect(outcome.columns.map((column) => column.assignment)).toEqual([4242]);
  });

  it("updates, never duplicates: imported twice, the course has one assignment and the same grades", () => {
    const csv = renderCanvasGradebook(graded(), { title: "HW4: hyperparameters", pointsPossible: 60, assignmentId: "4242", roster: ROSTER });
    const once = applyImport(course(), canvasImport(csv, course()));
    const again = canvasImport(csv, once);
    expect(again.columns.map((column) => column.assignment)).toEqual([4242]);
    expect(again.posted).toEqual([]);
    expect(applyImport(once, again).assignments).toEqual(course().assignments);
  });

  it("without the id, matches the rubric's title exactly; another title is a new assignment, a second column", () => {
    const exact = canvasImport(renderCanvasGradebook(graded(), { title: "HW4: hyperparameters", pointsPossible: 60, roster: ROSTER }), course());
    expect(exact.columns.map((column) => column.assignment)).toEqual([4242]);
    // case and spaces count: this is why --canvas-assignment is the safe way
    const other = canvasImport(renderCanvasGradebook(graded(), { title: "HW4: Hyperparameters", pointsPossible: 60, roster: ROSTER }), course());
    expect(other.columns).toEqual([{ header: "HW4: Hyperparameters", assignment: "new", title: "HW4: Hyperparameters", points: "60" }]);
  });

  it("finds every roster student as Canvas's export names them, and posts exactly the grades nngrade gave", () => {
    const csv = renderCanvasGradebook(graded(), { title: "HW4: hyperparameters", pointsPossible: 60, assignmentId: "4242", roster: ROSTER });
    const rows = rowsOf(csv);
    // the roster's identity columns as they are, in the roster's order
    expect(rows.slice(2)).toEqual([
      ["Lovelace, Ada", "501", "s1001", "ada@uni.edu", "Section A", "52.5"],
      ["Hopper, Grace", "502", "s1002", "grace@uni.edu", "Section A", "60"],
      ["Turing, Alan", "503", "", "alan@uni.edu", "Section B", "47"],
    ]);
    const outcome = canvasImport(csv, course());
    expect(outcome.unknownStudents).toEqual([]);
    expect(outcome.posted).toEqual([
      { student: 501, assignment: 4242, grade: "52.5" },
      { student: 502, assignment: 4242, grade: "60" },
      { student: 503, assignment: 4242, grade: "47" },
    ]);
    // Emmy's unreadable file, Kurt's missing one and the stranger change nothing: the grades Canvas holds stay
    const after = applyImport(course(), outcome);
    expect(after.grades.get(504)?.get(4242)).toBe("12");
    expect(after.grades.get(505)?.get(4242)).toBe("41");
  });

  it("carries a roster's identity as Canvas wrote it, even one that starts like a formula: Canvas matches it literally", () => {
    const roster: RosterStudent[] = [{ ...ROSTER[0]!, sis_user_id: "=1+2", sis_login_id: "@ada" }];
    const withFormula = course();
    withFormula.students[0] = { ...withFormula.students[0]!, sis_user_id: "=1+2", login: "@ada" };
    const csv = renderCanvasGradebook([result("=1+2", 50, { student: { id: "=1+2", name: "Ada" } })], { title: "HW4: hyperparameters", pointsPossible: 60, assignmentId: "4242", roster });
    expect(rowsOf(csv)[2]).toEqual(["Lovelace, Ada", "501", "=1+2", "@ada", "Section A", "50"]);
    expect(canvasImport(csv, withFormula).posted).toEqual([{ student: 501, assignment: 4242, grade: "50" }]);
  });

  it("leaves an unreadable file off the roster's list: it has no grade, and no id but its file name", () => {
    const plan = planCanvasImport([...graded(), result("eve-broken", 0, { error: { code: "submission-parse", message: "x" } })], ROSTER);
    expect(plan.notOnRoster.map((entry) => entry.student.id)).toEqual(["s9999"]);
  });

  it("would clear a grade entered by hand from an empty cell, which is why nngrade writes none", () => {
    const withEmpty = `Student,ID,SIS User ID,SIS Login ID,Section,HW4: hyperparameters (4242)\r\nPoints Possible,,,,,60\r\n"Gödel, Kurt",505,s1005,kurt@uni.edu,Section B,\r\n`;
    const outcome = canvasImport(withEmpty, course());
    expect(outcome.posted).toEqual([{ student: 505, assignment: 4242, grade: null }]);
    expect(applyImport(course(), outcome).grades.get(505)?.has(4242)).toBe(false);
  });

  it("without a roster finds students by nngrade's id as SIS User ID; an e-mail id there is found by nobody", () => {
    const outcome = canvasImport(renderCanvasGradebook(graded(), { title: "HW4: hyperparameters", pointsPossible: 60 }), course());
    expect(outcome.posted.map((post) => post.student)).toEqual([501]);
    // Grace (an e-mail), Alan (Canvas's id) and the stranger are unknown to Canvas by SIS User ID and by the names the files gave
    expect(outcome.unknownStudents).toEqual(["Grace", "Alan", "Not Enrolled"]);
  });

  it("reads it as comma-separated even when the title and names hold semicolons", () => {
    const csv = renderCanvasGradebook([result("s1;2", 5, { student: { id: "s1;2", name: "A; B" } })], { title: "HW4; part 2", pointsPossible: 60 });
    expect(delimiterOf(csv)).toBe(",");
    expect(canvasImport(csv, course()).columns[0]?.header).toBe("HW4; part 2");
  });

  it("is warned about a title Canvas reads as an id, or drops as a column of its own", () => {
    const year = { title: "HW4 (2024)", pointsPossible: 60 };
    expect(canvasImport(renderCanvasGradebook([], year), { ...course(), assignments: [{ id: 2024, title: "Midterm", points_possible: 100 }] }).columns[0]?.assignment).toBe(2024);
    expect(canvasColumnProblems(year)).toEqual(['Canvas reads the column "HW4 (2024)" as assignment 2024: give --canvas-assignment with the assignment\'s own id']);
    expect(canvasColumnProblems({ ...year, assignmentId: "4242" })).toEqual([]);
    const reserved = { title: "Final Grade project", pointsPossible: 60 };
    expect(canvasImport(renderCanvasGradebook(graded(), reserved), course()).columns).toEqual([]);
    expect(canvasColumnProblems(reserved)).toHaveLength(1);
    expect(canvasColumnProblems({ title: "HW4: hyperparameters" })).toEqual([]);
  });

  it("takes Canvas's own export as a gradebook too (the transcription reads what Canvas writes)", () => {
    const outcome = canvasImport(CANVAS_EXPORT, course());
    expect(outcome.invalidHeader).toBe(false);
    expect(outcome.columns.map((column) => [column.assignment, column.points])).toEqual([
      [4242, "60"],
      [77, "40"],
    ]);
    expect(outcome.unknownStudents).toEqual([]);
  });
});

describe("a roster as --roster reads it", () => {
  it("reads Canvas's own export: its identity columns, not its Points Possible row or grade columns", () => {
    expect(canvasRoster(CANVAS_EXPORT, "export.csv")).toEqual(ROSTER);
    // and build --roster takes the same export, its SIS User IDs
    expect(rosterIds(CANVAS_EXPORT.replace(",,alan@uni.edu", ",s1003,alan@uni.edu"), "export.csv")).toEqual(["s1001", "s1002", "s1003", "s1004", "s1005"]);
  });

  it("reads a Gradescope roster's SID and e-mail, and a headerless list of ids as SIS User IDs", () => {
    expect(canvasRoster("First Name,Last Name,SID,Email\nAda,Lovelace,1815,ada@uni.edu\n", "gradescope.csv")).toEqual([
      { student: "Ada Lovelace", id: "", sis_user_id: "1815", sis_login_id: "", section: "", email: "ada@uni.edu" },
    ]);
    expect(canvasRoster("s1\ns2\n", "ids.csv").map((entry) => entry.sis_user_id)).toEqual(["s1", "s2"]);
  });

  it.each([
    ["Name,Section\nAda,A\n", "no column to find students by"],
    ["Student,SIS User ID,Email\nAda,s1,\nBo,,\n", "1 student(s) with no SIS User ID, SIS Login ID, ID or email: Bo"],
    ["Student,SIS User ID\nAda,s1\nBo,s1\n", 'Ada and Bo share SIS User ID "s1"'],
    ["Student,SIS Login ID\nAda,ada@uni.edu\nBo,ADA@uni.edu\n", 'Ada and Bo share SIS Login ID "ADA@uni.edu"'],
    ["Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n", "no students"],
  ])("refuses %j", (text, message) => {
    expect(() => canvasRoster(text, "r.csv")).toThrow(message);
  });
});
