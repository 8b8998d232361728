/**
 * A course as a TA sets one up outside the repository: nngrade packed
 * (npm pack) and installed into an empty folder, `nngrade new` for a
 * Python reference, `nngrade test` on it, and the nn101 example copied in,
 * tested, and built into a Gradescope autograder whose setup.sh and
 * run_autograder run here as Gradescope runs them. Long (npm install fetches nngrade's dependencies): run by
 * `npm run fuzz`, which CI runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectGradescopeResults } from "../gradescope/results-schema.ts";

const ROOT = join(import.meta.dirname, "../..");
const course = mkdtempSync(join(tmpdir(), "nngrade-course-"));
const npx = (args: string[]) => spawnSync("npx", ["--no-install", "nngrade", ...args], { cwd: course, encoding: "utf8" });

beforeAll(() => {
  const packed = mkdtempSync(join(tmpdir(), "nngrade-pack-"));
  execFileSync("npm", ["pack", "--pack-destination", packed], { cwd: ROOT, stdio: "ignore" });
  const tarball = join(packed, readdirSync(packed).find((name) => name.endsWith(".tgz"))!);
  writeFileSync(join(course, "package.json"), `${JSON.stringify({ name: "course", private: true, type: "module" })}\n`);
  execFileSync("npm", ["install", "--no-audit", "--no-fund", tarball], { cwd: course, stdio: "ignore" });
  rmSync(packed, { recursive: true, force: true });
}, 600_000);

afterAll(() => rmSync(course, { recursive: true, force: true }));

describe("a course folder with nngrade installed from its tarball", () => {
  it("scaffolds a python assignment that passes nngrade test", () => {
    expect(npx(["new", "dense", "--python"]).status).toBe(0);
    const tested = npx(["test", "dense/dense.json", "--fixtures", "dense/fixtures"]);
    expect(tested.stdout).toContain("dense: passed");
    expect(tested.status).toBe(0);
  });

  it("tests and grades the nn101 example: error carried forward through the python reference", () => {
    cpSync(join(ROOT, "examples/nn101"), join(course, "nn101"), { recursive: true });
    const tested = npx(["test", "nn101/nn101-dense-layer.json", "--fixtures", "nn101/fixtures"]);
    expect(tested.stdout).toContain("nn101-dense-layer: passed");
    const checked = npx(["check", "nn101/fixtures/wrong-a-carried.json", "-a", "nn101/nn101-dense-layer.json", "--all", "--json"]);
    const items = (JSON.parse(checked.stdout) as { tasks: { items: { id: string; status: string }[] }[] }).tasks.flatMap((task) => task.items);
    expect(items.find((item) => item.id === "forward.A")?.status).toBe("fail");
    expect(items.filter((item) => item.id.startsWith("backward.")).map((item) => item.status)).toEqual(["ecf", "ecf", "ecf"]);
  });

  it("builds the nn101 autograder, whose setup.sh installs it and whose run_autograder grades with error carried forward", () => {
    const folder = join(course, "nn101");
    const built = spawnSync("npx", ["--no-install", "nngrade", "gradescope", "build", "nn101-dense-layer", "-o", "autograder.zip"], { cwd: folder, encoding: "utf8" });
    expect(built.stderr).toBe("");
    const unpacked = join(course, "autograder-source");
    execFileSync("python3", ["-m", "zipfile", "-e", join(folder, "autograder.zip"), unpacked]);
    // an installed nngrade has no package-lock.json at its root: the zip takes the copy dist/ carries
    expect(readFileSync(join(unpacked, "package-lock.json"), "utf8")).toBe(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
    // Gradescope's image as a scratch folder: /autograder and /usr/local/bin under it
    const root = join(course, "autograder");
    const bin = join(course, "autograder-bin");
    const env = { ...process.env, AUTOGRADER_ROOT: root, NNGRADE_BIN_DIR: bin, PATH: `${bin}:${process.env.PATH}` };
    const setup = spawnSync("bash", [join(unpacked, "setup.sh")], { env, encoding: "utf8" });
    expect(setup.stdout).toContain("grades");
    expect(setup.status).toBe(0);
    mkdirSync(join(root, "submission"), { recursive: true });
    cpSync(join(folder, "fixtures/wrong-a-carried.json"), join(root, "submission/answers.json"));
    expect(spawnSync("bash", [join(unpacked, "run_autograder")], { env, encoding: "utf8" }).status).toBe(0);
    const results = JSON.parse(readFileSync(join(root, "results/results.json"), "utf8")) as { score: number; tests: { name: string; status: string }[] };
    expectGradescopeResults(results);
    expect(results.score).toBe(12);
    expect(results.tests.filter((test) => test.name.startsWith("backward.")).map((test) => test.status)).toEqual(["passed", "passed", "passed"]);
  }, 600_000);

  it("writes a student bundle and the self-check page from the installed package (its page script built at pack time)", () => {
    const built = npx(["build", "nn101-dense-layer", "--student", "--out", "selfcheck", "--html", "selfcheck.html"]);
    expect(built.stderr).toBe("");
    expect(built.stdout).toContain("self-check page selfcheck.html");
    const page = readFileSync(join(course, "selfcheck.html"), "utf8");
    expect(page).toContain('<script type="application/json" id="nngrade-bundle">');
    expect(page).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    const checked = npx(["check", "nn101/fixtures/correct.json", "--bundle", "selfcheck", "--json"]);
    const result = JSON.parse(checked.stdout) as { score: number; max_score: number };
    expect(result.score).toBe(result.max_score);
  });

  it("imports the entry points by name", () => {
    writeFileSync(join(course, "probe.mjs"), 'import { defineAssignment } from "nngrade/authoring";\nimport { gradeSubmission } from "nngrade";\nimport { expectVerdicts } from "nngrade/testing";\nimport { NumpyRandomState } from "nngrade/engine";\nconsole.log([defineAssignment, gradeSubmission, expectVerdicts, NumpyRandomState].map((f) => typeof f).join(" "));\n');
    expect(execFileSync(process.execPath, ["probe.mjs"], { cwd: course, encoding: "utf8" }).trim()).toBe("function function function function");
  });
});
