import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { afterAll, describe, expect, it } from "vitest";
import { renderAnnotations, renderStepSummary } from "../../src/report/github.ts";
import { renderJunit } from "../../src/report/junit.ts";
import type { GradeResult, ItemResult } from "../../src/result/types.ts";
import { runCli } from "../helpers/cli.ts";
import { readJunit, schemaProblems, hasXmllint } from "./junit-consumers.ts";
import { tagBalanceProblems } from "./markup.ts";
import { sampleResult } from "./sample-result.ts";
import { annotationCounts, coreAnnotation, parseWorkflowCommands, SHOWN_PER_KIND, type WorkflowCommand } from "./workflow-commands.ts";

const folder = mkdtempSync(join(tmpdir(), "nngrade-ci-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const FIXTURES = "fixtures/submissions/hw4-hyperparameters";

/** student text that is Markdown, HTML, an entity, a link, a table pipe and a heading if it is not escaped */
const MARKDOWN = "# big *bold* __under__ `code` [link](https://example.com) ![img](x.png) <b>raw</b> &amp; ~~gone~~ www.example.com | cell \\ end";

/** a result whose student-controlled text tries to break out of every format */
function hostile(): GradeResult {
  const result = structuredClone(sampleResult);
  const first = result.tasks[0]!.items[0]!;
  first.score = 0;
  first.message = 'bad "quote" <script>alert(1)</script> & 100%\n::error::injected';
  result.flags = [{ code: "odd,code:x", message: "line one\r\nline two | with a pipe" }];
  return result;
}

/** the annotations of `output` as the runner reads them, each checked against the line @actions/core writes for it */
function annotations(output: string): WorkflowCommand[] {
  const commands = parseWorkflowCommands(output);
  const lines = output.split("\n").filter((line) => /^::(error|warning|notice) /.test(line));
  expect(lines.map((line, index) => coreAnnotation(parseWorkflowCommands(line)[0]!) === line || `${index}: ${line}`)).toEqual(lines.map(() => true));
  const counts = annotationCounts(commands);
  // what GitHub would drop from one step, said nowhere
  expect(counts.error).toBeLessThanOrEqual(SHOWN_PER_KIND);
  expect(counts.warning).toBeLessThanOrEqual(SHOWN_PER_KIND);
  expect(counts.notice).toBeLessThanOrEqual(SHOWN_PER_KIND);
  return commands.filter((command) => ["error", "warning", "notice"].includes(command.name));
}

/** the step summary as GitHub renders it (GFM), raw HTML let through as GitHub lets some through */
function rendered(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** the text of each cell of each table row of rendered HTML */
function tableRows(html: string): string[][] {
  const decode = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decode(cell[1]!.replace(/<\/?code>/g, ""))));
  // a header row has no <td>
  return rows.filter((cells) => cells.length > 0);
}

/** a line of the file, 1-based, as the annotation names it */
function lineOf(file: string, line: number): string {
  return readFileSync(file, "utf8").split(/\r?\n/)[line - 1] ?? "";
}

async function expectValidJunit(xml: string): Promise<Awaited<ReturnType<typeof readJunit>>> {
  // where xmllint is missing junit2json reads it all the same, but not in CI: there a missing xmllint fails
  if (hasXmllint() || process.env.NNGRADE_REQUIRE_XMLLINT === "1") expect(schemaProblems(xml)).toEqual([]);
  return readJunit(xml);
}

function manyItems(count: number): GradeResult {
  const items: ItemResult[] = Array.from({ length: count }, (_, index) => ({
    id: `q1.a[${index}]`,
    status: "fail",
    // points lost: 1, 2, 3, 1, 2, 3, ...: the order GitHub shows must be by points lost, then rubric order
    score: 0,
    max_score: (index % 3) + 1,
    diagnosis: null,
    message: `wrong ${index}`,
    visibility: "visible",
  }));
  const max = items.reduce((sum, item) => sum + item.max_score, 0);
  return {
    ...structuredClone(sampleResult),
    score: 0,
    max_score: max,
    tasks: [{ id: "q1", title: "many", score: 0, max_score: max, items }],
    flags: Array.from({ length: 14 }, (_, index) => ({ code: `flag-${index}`, message: `flag message ${index}` })),
  };
}

describe("JUnit XML", () => {
  it("has a testcase per item and a failure for each one short of its points", async () => {
    const suites = await expectValidJunit(renderJunit(sampleResult));
    const cases = suites.flatMap((suite) => suite.testcase ?? []);
    const items = sampleResult.tasks.flatMap((task) => task.items);
    expect(cases).toHaveLength(items.length);
    expect(cases.filter((testcase) => testcase.failure)).toHaveLength(items.filter((item) => item.score < item.max_score).length);
  });

  it("escapes student text: no raw markup, quote or ampersand gets through", async () => {
    const xml = renderJunit(hostile());
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 100%");
    expect(xml).not.toMatch(/="[^"]*<[^"]*"/);
    expect(tagBalanceProblems(xml.replace(/^<\?xml[^>]*\?>/, ""))).toEqual([]);
    const failure = (await expectValidJunit(xml))[0]!.testcase![0]!.failure![0]!;
    expect(failure.message).toContain(hostile().tasks[0]!.items[0]!.message);
  });
});

describe("GitHub Actions annotations", () => {
  it("are one command per line, read back by the runner's rules as the student's text, escaped as @actions/core escapes", () => {
    const commands = annotations(renderAnnotations(hostile(), "answers.json"));
    expect(commands.map((command) => command.name)).toEqual([...short(hostile()).map(() => "error"), "warning"]);
    const first = commands.find((command) => command.properties.title?.startsWith(`${hostile().tasks[0]!.items[0]!.id}:`));
    // the newline in the message is %0A: the injected ::error never starts a line of its own
    expect(first?.data).toBe(hostile().tasks[0]!.items[0]!.message);
    expect(first?.properties.file).toBe("answers.json");
    expect(commands.at(-1)).toEqual({ name: "warning", properties: { title: "odd,code:x", file: "answers.json" }, data: "line one\r\nline two | with a pipe" });
  });

  it("keep to GitHub's ten of a kind: the items that lost most first, then a notice for the rest; the summary lists all", () => {
    const result = manyItems(25);
    const commands = annotations(renderAnnotations(result, "answers.json"));
    const errors = commands.filter((command) => command.name === "error");
    const items = result.tasks[0]!.items;
    const worstFirst = items.map((item, order) => ({ item, order })).sort((a, b) => b.item.max_score - a.item.max_score || a.order - b.order);
    expect(errors.map((command) => command.data)).toEqual(worstFirst.slice(0, 10).map(({ item }) => item.message));
    expect(commands.filter((command) => command.name === "warning").map((command) => command.properties.title)).toEqual(result.flags.slice(0, 10).map((flag) => flag.code));
    expect(commands.filter((command) => command.name === "notice").map((command) => command.data)).toEqual(["and 15 more: see the step summary", "and 4 more: see the step summary"]);
    const html = rendered(renderStepSummary(result));
    expect(tableRows(html).filter((cells) => cells[0]!.startsWith("q1.a[")).map((cells) => cells[2])).toEqual(worstFirst.map(({ item }) => item.message));
    expect([...html.matchAll(/<li><strong>([^<]*)<\/strong>/g)].map((match) => match[1])).toEqual(result.flags.map((flag) => flag.code));
  });

  it("point at each answer's line and column where the file has it", () => {
    const result = structuredClone(sampleResult);
    const item = short(result)[0]!;
    const commands = annotations(renderAnnotations(result, "a.json", { positions: new Map([[item.id, { line: 12, column: 7 }]]) }));
    expect(commands.find((command) => command.properties.title?.startsWith(`${item.id}:`))?.properties).toMatchObject({ file: "a.json", line: "12", col: "7" });
  });

  it("cut a message longer than the runner keeps, and say so", () => {
    const result = structuredClone(sampleResult);
    const item = short(result)[0]!;
    item.message = "x".repeat(10_000);
    const long = annotations(renderAnnotations(result, "a.json")).find((command) => command.properties.title?.startsWith(`${item.id}:`));
    expect(long!.data.length).toBeLessThanOrEqual(4096);
    expect(long!.data).toMatch(/^x+\.\.\.$/);
  });
});

describe("GitHub Actions step summary", () => {
  it("shows student text as the text it is: no Markdown, HTML or link of its own, and a pipe does not split a cell", () => {
    const result = structuredClone(sampleResult);
    const item = short(result)[0]!;
    item.message = `${MARKDOWN}\n# second line`;
    item.diagnosis = null;
    result.flags = [{ code: "note", message: MARKDOWN }];
    result.assignment = "*hw4*";
    const html = rendered(renderStepSummary(result));
    // only the summary's own markup: its headings, tables, bold labels, code ids and a list
    expect(html.match(/<([a-z][a-z0-9]*)\b/g)?.map((tag) => tag.slice(1)).filter((tag) => !["h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "ul", "li", "p"].includes(tag))).toEqual([]);
    expect(html).not.toMatch(/<h1|<em>|<a |<img|<del>|<b>/);
    expect(html).toContain("<h3>*hw4*: ");
    const row = tableRows(html).find((cells) => cells[0] === item.id);
    expect(row).toHaveLength(4);
    expect(row![2]).toBe(`${MARKDOWN} # second line`);
    expect(html).toContain(`<li><strong>note</strong>: ${MARKDOWN.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</li>`);
  });

  it("writes a table whose cells student text cannot break", () => {
    const rows = tableRows(rendered(renderStepSummary(hostile())));
    expect(rows.find((cells) => cells[0] === sampleResult.tasks[0]!.id)).toHaveLength(4);
    expect(rows.every((cells) => cells.length === 4)).toBe(true);
    expect(rendered(renderStepSummary(hostile()))).toContain("line one line two | with a pipe");
  });
});

describe("check --ci, --junit and --min-score", () => {
  it("annotates each answer at its line, appends the summary to GITHUB_STEP_SUMMARY and writes --junit", async () => {
    const summary = join(folder, "summary.md");
    const junit = join(folder, "report.xml");
    const file = `${FIXTURES}/mistake-transposed.json`;
    const { code, stdout, stderr } = await runCli(["check", file, "--ci", "--junit", junit, "--min-score", "99%"], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(code).toBe(1);
    const commands = annotations(stdout);
    const at = (id: string) => commands.find((command) => command.properties.title?.startsWith(`${id}:`))!.properties;
    expect(at("q3.grad_W")).toMatchObject({ file, title: "q3.grad_W: 0/2" });
    // the line the annotation names is the answer's own, in the file as it is
    expect(lineOf(file, Number(at("q3.grad_W").line))).toMatch(/^\s*"grad_W":/);
    expect(lineOf(file, Number(at("q2.z").line))).toMatch(/^\s*"z":/);
    expect(lineOf(file, Number(at("q2.z").line)).slice(Number(at("q2.z").col) - 1)).toMatch(/^"z"/);
    // q9 is not in the file at all: its items point at the place it would go
    expect(lineOf(file, Number(at("q9.val_loss").line))).toMatch(/^\s*"answers":/);
    const written = readFileSync(summary, "utf8");
    expect(written).toMatch(/^### hw4\\-hyperparameters: 35\/54/);
    expect(written).toContain("**below the minimum score**: 64\\.81\\% is below 99\\%");
    expect(stderr).toBe("nngrade: --min-score: 64.81% is below 99%\n");
    const cases = (await expectValidJunit(readFileSync(junit, "utf8"))).flatMap((suite) => suite.testcase ?? []);
    expect(cases.find((testcase) => testcase.name === "q3.grad_W")?.failure?.[0]?.message).toMatch(/^6 of 9 elements are off.*transposed.*: 0\/2 points$/);
  });

  it("points at the answer in a file written with comments, NaN and single quotes", async () => {
    const file = join(folder, "json5.json");
    const { answers } = JSON.parse(readFileSync(`${FIXTURES}/mistake-transposed.json`, "utf8")) as { answers: Record<string, Record<string, unknown>> };
    const lines = [
      "// saved by hand",
      "{",
      "  'assignment': 'hw4-hyperparameters',",
      "  answers: {",
      ...Object.entries(answers)
        .filter(([task]) => task !== "q2")
        .map(([task, value]) => `    ${task}: ${JSON.stringify(value)}, /* ${task} */`),
      "    'q2': {",
      `      "yhat": ${JSON.stringify(answers.q2!.yhat)},`,
      "      z: [[NaN, 1, 2], [3, 4, Infinity]],",
      "    },",
      "  },",
      "}",
    ];
    writeFileSync(file, lines.join("\n"));
    const { stdout } = await runCli(["check", file, "--ci"]);
    const z = annotations(stdout).find((command) => command.properties.title?.startsWith("q2.z:"));
    expect(z?.properties).toMatchObject({ line: String(lines.findIndex((line) => line.startsWith("      z:")) + 1), col: "7" });
  });

  it("leaves the TA's flags out of a student's annotations and summary, and shows them with --all", async () => {
    const file = `${FIXTURES}/mistake-q9-reported-one-based.json`;
    const summary = join(folder, "flags.md");
    const student = await runCli(["check", file, "--ci"], { env: { GITHUB_STEP_SUMMARY: summary } });
    const warnings = (output: string) => annotations(output).filter((command) => command.name === "warning").map((command) => command.properties.title);
    expect(warnings(student.stdout)).toContain("reported-vs-computed");
    expect(warnings(student.stdout)).not.toContain("beyond-reference");
    expect(readFileSync(summary, "utf8")).not.toContain("beyond\\-reference");
    const ta = await runCli(["check", file, "--ci", "--all"]);
    expect(warnings(ta.stdout)).toContain("beyond-reference");
  });

  it("stops the runner's commands while it prints the report, with a token no student can know", async () => {
    const file = `${FIXTURES}/mistake-transposed.json`;
    const tokens: string[] = [];
    for (let run = 0; run < 2; run++) {
      const { stdout } = await runCli(["check", file, "--ci"]);
      const stop = parseWorkflowCommands(stdout).find((command) => command.name === "stop-commands");
      expect(stop).toBeDefined();
      const token = stop!.data;
      tokens.push(token);
      // the report lies between ::stop-commands::TOKEN and ::TOKEN::, after the annotations
      const report = stdout.slice(stdout.indexOf(`::stop-commands::${token}\n`), stdout.indexOf(`\n::${token}::\n`));
      expect(report).toContain("total  35/54");
      expect(stdout.indexOf("::error ")).toBeLessThan(stdout.indexOf("::stop-commands::"));
    }
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).not.toBe(tokens[0]);
  });

  it("stops the runner's commands in a plain run inside GitHub Actions too (no --ci): the report still quotes student text", async () => {
    const file = join(folder, "commands-in-answers.json");
    const doc = JSON.parse(readFileSync(`${FIXTURES}/mistake-transposed.json`, "utf8"));
    doc.student.name = "::add-mask::secret";
    writeFileSync(file, JSON.stringify(doc));
    const inActions = await runCli(["check", file], { env: { GITHUB_ACTIONS: "true" } });
    // every command the runner would act on: only stop-commands and its end, none from the student's name
    expect(parseWorkflowCommands(inActions.stdout).map((command) => command.name)).toEqual(["stop-commands"]);
    expect(inActions.stdout).toContain("::add-mask::secret");
    // outside Actions the report is printed as it is
    expect((await runCli(["check", file])).stdout).not.toContain("::stop-commands::");
  });

  it("keeps student text on stderr from reading as a command in a workflow (the runner reads stderr too)", async () => {
    const file = join(folder, "assignment-command.json");
    writeFileSync(file, JSON.stringify({ assignment: "##[add-mask]hw4-hyperparameters", student: { id: "s1" }, answers: {} }));
    const inActions = await runCli(["check", file, "--ci"], { env: { GITHUB_ACTIONS: "true" } });
    expect(inActions.code).toBe(2);
    expect(inActions.stderr).toContain("add-mask]hw4-hyperparameters");
    expect(inActions.stderr).not.toContain("##[");
    expect(inActions.stderr.split("\n").some((line) => line.trimStart().startsWith("::"))).toBe(false);
    expect(parseWorkflowCommands(inActions.stderr)).toEqual([]);
    // outside a workflow the message is the file's words as they are
    expect((await runCli(["check", file])).stderr).toContain("##[add-mask]");
  });

  it("prints the TA's flags only in the TA's run: a student's check --json and text leave them out", async () => {
    const file = `${FIXTURES}/mistake-q9-reported-one-based.json`;
    const student = JSON.parse((await runCli(["check", file, "--json"])).stdout);
    expect(student.flags.map((flag: { code: string }) => flag.code)).not.toContain("beyond-reference");
    expect((await runCli(["check", file])).stdout).not.toContain("beyond-reference");
    const ta = JSON.parse((await runCli(["check", file, "--json", "--all"])).stdout);
    expect(ta.flags.map((flag: { code: string }) => flag.code)).toContain("beyond-reference");
  });

  for (const [name, content, position] of [
    ["a file that is not JSON", undefined, { line: "5", col: "51" }],
    ["a file that is not an object", "[1, 2, 3]\n", { line: "1", col: "1" }],
    ["a file whose answers are not an object", '{\n  "assignment": "hw4-hyperparameters",\n  "answers": [1]\n}\n', { line: "3", col: "3" }],
    ["a file naming an assignment there is not", '{\n  "answers": {},\n  "assignment": "hw9-nothing"\n}\n', { line: "3", col: "3" }],
    ["a file that is not there", null, {}],
  ] as const) {
    it(`still annotates, writes JUnit with one error and a summary for ${name}, and exits as before`, async () => {
      let file = `${FIXTURES}/malformed-json.json`;
      if (content !== undefined) {
        file = join(folder, `${name.replace(/\W+/g, "-")}.json`);
        if (content !== null) writeFileSync(file, content);
      }
      const summary = join(folder, `${name.replace(/\W+/g, "-")}.md`);
      const junit = join(folder, `${name.replace(/\W+/g, "-")}.xml`);
      const plain = await runCli(["check", file]);
      const { code, stdout, stderr } = await runCli(["check", file, "--ci", "--junit", junit], { env: { GITHUB_STEP_SUMMARY: summary } });
      expect([code, stderr]).toEqual([plain.code, plain.stderr]);
      expect(code).toBe(2);
      const commands = annotations(stdout);
      expect(commands).toHaveLength(1);
      expect(commands[0]).toMatchObject({ name: "error", properties: { title: "could not grade", file, ...position } });
      expect(commands[0]!.data).toBe(stderr.trimEnd().split("\n").map((line) => line.replace(/^nngrade: /, "")).join("\n"));
      if ("line" in position && content !== null) {
        // the annotation's place holds what it is about
        const at = lineOf(file, Number(position.line)).slice(Number(position.col) - 1);
        expect(at).toMatch(content === undefined ? /^\]/ : /^("answers"|"assignment"|\[)/);
      }
      const suites = await expectValidJunit(readFileSync(junit, "utf8"));
      const cases = suites.flatMap((suite) => suite.testcase ?? []);
      expect(cases).toHaveLength(1);
      expect(cases[0]!.error?.[0]?.message).toBe(commands[0]!.data);
      expect(readFileSync(summary, "utf8")).toMatch(/: could not be graded\n/);
    });
  }

  it("refuses a --min-score above 100% or below 0 before reading anything", async () => {
    const junit = join(folder, "refused.xml");
    for (const [given, said] of [
      ["120%", "--min-score: 120% is above 100%"],
      ["-5", "--min-score: -5 is below 0"],
      ["-1%", "--min-score: -1% is below 0"],
      ["lots", '--min-score: expected points (12.5) or a percentage (80%), got "lots"'],
      ["55", "--min-score: 55 is more than the 54 points there are"],
    ]) {
      const { code, stderr } = await runCli(["check", `${FIXTURES}/mistake-transposed.json`, "--junit", junit, `--min-score=${given}`]);
      expect([code, stderr], given).toEqual([2, `nngrade: ${said}\n`]);
      expect(existsSync(junit), given).toBe(false);
    }
  });

  it("says a --min-score in points that is met or not", async () => {
    const file = `${FIXTURES}/mistake-transposed.json`;
    expect(await runCli(["check", file, "--min-score", "35"])).toMatchObject({ code: 0, stderr: "" });
    expect(await runCli(["check", file, "--min-score", "35.5"])).toMatchObject({ code: 1, stderr: "nngrade: --min-score: 35/54 points is below 35.5\n" });
  });
});

function short(result: GradeResult): ItemResult[] {
  return result.tasks.flatMap((task) => task.items).filter((item) => item.score < item.max_score);
}
