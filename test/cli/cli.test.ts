import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = "fixtures/submissions/hw4-hyperparameters";
const work = mkdtempSync(join(tmpdir(), "nngrade-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd, env });

describe("nngrade cli", () => {
  it("lists the built-in assignments", async () => {
    const { code, stdout } = await run(["list"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^hw4-hyperparameters\s+\S/m);
  });

  it("gives full marks to the reference answers it prints", async () => {
    const reference = await run(["reference", "hw4-hyperparameters", "--json"]);
    expect(reference.code).toBe(0);
    const file = join(work, "r.json");
    writeFileSync(file, reference.stdout);
    for (const extra of [[], ["--all"]]) {
      const { code, stdout } = await run(["check", file, "--json", ...extra]);
      expect(code).toBe(0);
      const result = JSON.parse(stdout);
      expect(result.schema).toBe("nngrade/result@1");
      expect(result.score).toBe(result.max_score);
      expect(result.max_score).toBeGreaterThan(0);
    }
  });

  it("writes the null of a diverged run and python's NaN as json.dump does", async () => {
    const { stdout } = await run(["reference", "hw4-hyperparameters", "--json"]);
    const run3 = JSON.parse(stdout).answers.q7.runs[3];
    expect(run3).toMatchObject({ lr: 5, final_w: null, final_J: null, diverged: true });
  });

  it("prints a template whose every answer is null and that checks as not answered", async () => {
    const template = await run(["template", "hw4-hyperparameters"]);
    const parsed = JSON.parse(template.stdout);
    expect(parsed.answers.q3).toEqual({ grad_z: null, grad_W: null, grad_b: null });
    expect(parsed.answers.q6.runs).toHaveLength(4);
    expect(parsed.answers.q6.runs[0]).toEqual({ w0: null, final_w: null, final_J: null, J: null });
    const file = join(work, "template.json");
    writeFileSync(file, template.stdout);
    const { code, stdout } = await run(["check", file, "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.score).toBe(0);
    // even q7's diverged run, whose final values are null, is not answered by the template's nulls
    const statuses = new Set(result.tasks.flatMap((t: { items: { status: string }[] }) => t.items.map((i) => i.status)));
    expect([...statuses]).toEqual(["missing"]);
  });

  it("exits 2 with line and column for a file that is not JSON", async () => {
    const { code, stderr } = await run(["check", `${FIXTURES}/malformed-json.json`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/malformed-json\.json:5:\d+: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for an unknown assignment and names the known ones", async () => {
    const { code, stderr } = await run(["check", `${FIXTURES}/seed-002.json`, "--assignment", "hw9-nothing"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown assignment.*hw9-nothing.*hw4-hyperparameters/);
  });

  it("exits 1 below --min-score, in points or as a percentage", async () => {
    const file = `${FIXTURES}/seed-002.json`;
    // the seed scores 23 of the 54 visible points (q8 is hidden): q1-q4 in full, and part of q9 for its reported accuracies
    expect((await run(["check", file, "--min-score", "23"])).code).toBe(0);
    expect((await run(["check", file, "--min-score", "24"])).code).toBe(1);
    expect((await run(["check", file, "--min-score", "40%"])).code).toBe(0);
    expect((await run(["check", file, "--min-score", "45%"])).code).toBe(1);
    expect((await run(["check", file, "--min-score", "lots"])).code).toBe(2);
  });

  it("grades a folder, writes a report per student and a gradebook, and survives broken files", async () => {
    const out = join(work, "reports");
    const { code, stdout, stderr } = await run(["grade", FIXTURES, "--assignment", "hw4-hyperparameters", "--out", out], ROOT, {
      SOURCE_DATE_EPOCH: "1700000000",
    });
    expect(code).toBe(0);
    const inputs = readdirSync(join(ROOT, FIXTURES)).filter((name) => name.endsWith(".json") && !name.endsWith(".expect.json"));
    const written = readdirSync(out);
    expect(written.filter((name) => name.endsWith(".html") && name !== "summary.html")).toHaveLength(inputs.length);
    expect(written.filter((name) => name.endsWith(".json"))).toHaveLength(inputs.length);
    expect(stdout).toMatch(/could not be read/);
    expect(stderr).toMatch(/malformed-json\.json:5:/);
    const gradebook = readFileSync(join(out, "gradebook.csv"), "utf8").trimEnd().split("\r\n");
    expect(gradebook).toHaveLength(inputs.length + 1);
    expect(gradebook[0]).toMatch(/^student_id,name,score,max_score,q1,/);
    expect(gradebook.find((row) => row.startsWith("numpy-reference,"))).toMatch(/,60,60,/);
    expect(gradebook.filter((row) => /,(unreadable|invalid submission)$/.test(row))).toHaveLength(2);
    const shapes = readFileSync(join(out, "s-shapes.html"), "utf8");
    expect(shapes).not.toContain("<script>alert");
    expect(shapes).toContain("&lt;script&gt;alert");
    expect(JSON.parse(readFileSync(join(out, "seed-002.json"), "utf8")).generated_at).toBe("2023-11-14T22:13:20.000Z");
  });

  it("writes byte-identical reports when SOURCE_DATE_EPOCH is fixed", async () => {
    const outputs: string[] = [];
    for (const name of ["a", "b"]) {
      const out = join(work, `repro-${name}`);
      await run(["grade", `${FIXTURES}/seed-002.json`, "-a", "hw4-hyperparameters", "-o", out], ROOT, { SOURCE_DATE_EPOCH: "1" });
      outputs.push(readFileSync(join(out, "seed-002.json"), "utf8") + readFileSync(join(out, "seed-002.html"), "utf8"));
    }
    expect(outputs[0]).toBe(outputs[1]);
  });

  it("refuses an invalid rubric with every problem located", async () => {
    const rubric = JSON.parse(readFileSync(join(ROOT, "rubrics/hw4-hyperparameters.json"), "utf8"));
    rubric.tasks[2].items[1].compare.element.rtol = -1;
    rubric.tasks[0].items[0].points = "five";
    delete rubric.tasks[1].title;
    const file = join(work, "bad-rubric.json");
    writeFileSync(file, JSON.stringify(rubric));
    const { code, stderr } = await run(["rubric", "validate", file]);
    expect(code).toBe(1);
    expect(stderr).toContain('rubric "hw4-hyperparameters" > task "q1" > item "onehot": points must be number');
    expect(stderr).toContain('rubric "hw4-hyperparameters" > task "q2": title is missing');
    // the comparator's own option schema is only reached once the rubric's shape is right
    rubric.tasks[0].items[0].points = 5;
    rubric.tasks[1].title = "Forward";
    writeFileSync(file, JSON.stringify(rubric));
    const second = await run(["rubric", "validate", file]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/rubric "hw4-hyperparameters" > task "q3" > item "grad_W": compare\.element\.rtol must be >= 0/);
  });

  it("says a valid rubric is valid", async () => {
    const { code, stdout } = await run(["rubric", "validate", "rubrics/hw4-hyperparameters.json"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/valid \(9 tasks/);
  });

  it("answers a usage mistake with exit 2 and a short message", async () => {
    const { code, stderr } = await run(["grade", FIXTURES]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^nngrade: missing required argument/i);
  });

  it("never loads a rubric, or the code beside it, that a submission names", async () => {
    const folder = join(work, "evil");
    mkdirSync(folder, { recursive: true });
    const marker = join(folder, "PWNED");
    writeFileSync(join(folder, "pwn.json"), readFileSync(join(ROOT, "rubrics/hw4-hyperparameters.json"), "utf8"));
    writeFileSync(
      join(folder, "hw4-hyperparameters.ts"),
      `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport default {};\n`,
    );
    const answers = join(folder, "answers.json");
    writeFileSync(answers, JSON.stringify({ assignment: "./pwn.json", answers: {} }));
    const { code, stderr } = await run(["check", answers]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/assignment: "\.\/pwn\.json" is not an assignment id/);
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses an option given twice as a usage error, naming it", async () => {
    const file = "fixtures/submissions/hw4-hyperparameters/seed-002.json";
    for (const [args, option] of [
      [["check", file, "-a", "hw4-hyperparameters", "--assignment", "hw4-hyperparameters"], "--assignment"],
      [["check", file, "--min-score", "1", "--min-score", "2"], "--min-score"],
      [["check", file, "--html", "a.html", "--html", "b.html"], "--html"],
      [["grade", "fixtures/submissions/hw4-hyperparameters", "-a", "hw4-hyperparameters", "-o", "x", "-o", "y"], "--out"],
    ] as const) {
      const { code, stdout, stderr } = await runCli([...args]);
      expect(code, option).toBe(2);
      expect(stderr, option).toBe(`nngrade: ${option}: expected one value, given 2\n`);
      expect(stdout, option).toBe("");
    }
  });
});
