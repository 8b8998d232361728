import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GRADEBOOK_STATUS, renderGradebook } from "../../src/report/csv.ts";
import type { RosterStudent } from "../../src/report/roster.ts";
import type { GradeResult } from "../../src/result/types.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

/** rows as Python's csv module reads them; `encoding` as Python opens the file ("utf-8-sig" drops a byte order mark, as Excel does) */
function pythonRows(bytes: string | Buffer, encoding = "utf-8"): string[][] {
  const script = `import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="${encoding}", newline="")))))`;
  const python = spawnSync("python3", ["-c", script], { input: bytes });
  expect(python.status, python.stderr?.toString()).toBe(0);
  return JSON.parse(python.stdout.toString()) as string[][];
}

/** every error code the source gives a result that could not be graded: NngradeError's codes, and the batch's own */
function errorCodes(): Set<string> {
  const codes = new Set<string>();
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : entry.name.endsWith(".ts") ? [join(folder, entry.name)] : []));
  for (const file of walk(join(REPO_ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/NngradeError\(\s*"([a-z][a-z-]*)"/g)) codes.add(match[1] as string);
  }
  // the subclasses of errors.ts name theirs in super(...)
  for (const match of readFileSync(join(REPO_ROOT, "src/errors.ts"), "utf8").matchAll(/super\(\s*"([a-z][a-z-]*)"/g)) codes.add(match[1] as string);
  // the batch's error results: a discovery problem, an unknown throw, a failed or stopped job
  for (const name of ["grade-batch.ts", "grade-one.ts", "pool.ts", "runner.ts"]) {
    const text = readFileSync(join(REPO_ROOT, "src/batch", name), "utf8");
    for (const line of text.split("\n").filter((candidate) => /\bcode:/.test(candidate))) {
      for (const match of line.slice(line.indexOf("code:")).matchAll(/"([a-z][a-z-]*)"/g)) codes.add(match[1] as string);
    }
  }
  return codes;
}

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
      // an error code nngrade does not know is not shown as it is: the status is the gradebook's own word
      ["'=cmd", "Eve", "", "10", "", "not graded"],
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

  it("leaves the score and the tasks of a file that could not be graded empty, and says why in a TA's words", () => {
    const broken = result("s6", "Eve", [], { score: 0, error: { code: "submission-parse", message: "bad json" } });
    const csv = renderGradebook([broken], ["q1", "q2"]);
    expect(csv.split("\r\n")[1]).toBe("s6,Eve,,10,,,unreadable");
  });

  it("keeps the rows in the order given", () => {
    const csv = renderGradebook([result("b", undefined, []), result("a", undefined, [])], []);
    expect(csv.split("\r\n").slice(1, 3).map((line) => line.split(",")[0])).toEqual(["b", "a"]);
  });
});

describe("the gradebook's status column", () => {
  it("has a TA's word for every error code a result can carry, found in the source", () => {
    const codes = errorCodes();
    // the scan finds what it must, or it proves nothing
    for (const known of ["submission-parse", "submission", "input", "timeout", "worker", "internal", "reference", "reference-unavailable", "rubric"]) expect(codes).toContain(known);
    expect([...codes].filter((code) => GRADEBOOK_STATUS[code] === undefined)).toEqual([]);
    // and no word is an internal code or an identifier
    for (const word of Object.values(GRADEBOOK_STATUS)) expect(word).toMatch(/^[a-z]+( [a-z]+)*$/);
    expect(Object.values(GRADEBOOK_STATUS).filter((word) => codes.has(word))).toEqual([]);
  });

  it.each([
    ["submission-parse", "unreadable"],
    ["submission", "invalid submission"],
    ["timeout", "timed out"],
    ["worker", "grader crashed"],
    ["reference", "reference failed"],
    ["reference-unavailable", "reference unavailable"],
  ])("says %s as %j", (code, word) => {
    const csv = renderGradebook([result("s1", "Ada", [], { error: { code, message: "x" } })], []);
    expect(pythonRows(csv)[1]).toEqual(["s1", "Ada", "", "10", word]);
  });
});

describe("gradebook.csv for Excel", () => {
  const rows = [result("s1", "Zoë 李", [["q1", 5]])];

  it("starts with a UTF-8 byte order mark with excel, and reads the same past it", () => {
    const plain = renderGradebook(rows, ["q1"]);
    const excel = renderGradebook(rows, ["q1"], { excel: true });
    const bytes = Buffer.from(excel, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(plain, "utf8")[0]).toBe("s".charCodeAt(0));
    // utf-8-sig reads a file as Excel does: the mark tells the encoding and is not part of the first cell
    expect(pythonRows(bytes, "utf-8-sig")).toEqual(pythonRows(Buffer.from(plain, "utf8")));
    expect(pythonRows(bytes, "utf-8-sig")[1]).toEqual(["s1", "Zoë 李", "5", "10", "5", "graded"]);
  });
});

describe("gradebook.csv with a roster", () => {
  const roster: RosterStudent[] = [
    { student: "Lovelace, Ada", id: "101", sis_user_id: "s1001", sis_login_id: "ada@uni.edu", section: "A", email: "" },
    { student: "Hopper, Grace", id: "102", sis_user_id: "s1002", sis_login_id: "grace@uni.edu", section: "A", email: "" },
    { student: "Turing, Alan", id: "103", sis_user_id: "", sis_login_id: "alan@uni.edu", section: "B", email: "" },
    { student: "Noether, Emmy", id: "104", sis_user_id: "s1004", sis_login_id: "emmy@uni.edu", section: "B", email: "" },
  ];

  it("says which roster column found each student, flags one it does not list, and adds its students with no submission", () => {
    const csv = renderGradebook(
      [result("s1001", "Ada", [["q1", 5]]), result("Grace@Uni.edu", "Grace", [["q1", 4]]), result("103", "Alan", [["q1", 3]]), result("s9999", "Stranger", [["q1", 1]])],
      ["q1"],
      { roster, maxScore: 10 },
    );
    expect(pythonRows(csv)).toEqual([
      ["student_id", "name", "score", "max_score", "q1", "status", "roster"],
      ["s1001", "Ada", "5", "10", "5", "graded", "by SIS User ID"],
      // a login is found whatever its case
      ["Grace@Uni.edu", "Grace", "4", "10", "4", "graded", "by SIS Login ID"],
      ["103", "Alan", "3", "10", "3", "graded", "by ID"],
      ["s9999", "Stranger", "1", "10", "1", "graded", "not on roster"],
      ["s1004", "Noether, Emmy", "", "10", "", "no submission", ""],
    ]);
  });

  it("is as without one when there is no roster: no roster column", () => {
    expect(pythonRows(renderGradebook([result("s1", "Ada", [])], []))[0]).toEqual(["student_id", "name", "score", "max_score", "status"]);
  });
});
