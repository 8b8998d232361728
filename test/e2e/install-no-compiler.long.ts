/**
 * A student's or a CI runner's install: nngrade packed (npm pack, whose
 * prepack compiles dist/) and installed into an empty folder on a PATH that
 * holds node, npm, npx and sh only (no cc, gcc, make, no TypeScript). The
 * install says one accurate line (no compiler: the WebAssembly kernels) and
 * nothing about dist/ or tsx; check, list and an import of the entry points
 * work with tsx moved out of the way, so the installed package runs its
 * compiled JavaScript. The example workflow of an assignment repository
 * (docs/assignment-repo-workflow.yml) runs its steps with the tarball in
 * place of the registry's nngrade. Long (npm install fetches nngrade's
 * dependencies): run by `npm run fuzz`, which CI runs (and .ci/run again
 * under Node.js 22 and 24).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "../..");
const folder = mkdtempSync(join(tmpdir(), "nngrade-install-"));
const project = join(folder, "project");
const bin = join(folder, "bin");
const FIXTURE = join(ROOT, "fixtures/submissions/hw4-hyperparameters/correct-numpy.json");

/** node, npm, npx, sh and bash, and nothing else: no C compiler, no make */
function strippedPath(): string {
  mkdirSync(bin);
  const which = (name: string) => execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
  symlinkSync(process.execPath, join(bin, "node"));
  for (const name of ["npm", "npx", "sh", "bash"]) symlinkSync(realpathSync(which(name)), join(bin, name));
  return bin;
}

const env = () => {
  const { CC: _cc, CXX: _cxx, ...rest } = process.env;
  return { ...rest, PATH: bin };
};
const npx = (args: string[]) => spawnSync("npx", ["--no-install", "nngrade", ...args], { cwd: project, encoding: "utf8", env: env() });

let install: { status: number | null; output: string };
let tarball: string;

beforeAll(() => {
  strippedPath();
  const packed = join(folder, "packed");
  mkdirSync(packed);
  execFileSync("npm", ["pack", "--pack-destination", packed], { cwd: ROOT, stdio: "ignore" });
  tarball = join(packed, readdirSync(packed).find((name) => name.endsWith(".tgz"))!);
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "student", private: true })}\n`);
  // --foreground-scripts: what nngrade's install script prints, as a terminal would show it
  const run = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--foreground-scripts", tarball], { cwd: project, encoding: "utf8", env: env() });
  install = { status: run.status, output: run.stdout + run.stderr };
  // the CLI and the entry points must run without tsx: nngrade's own code is compiled JavaScript
  renameSync(join(project, "node_modules/tsx"), join(project, "node_modules/.tsx-moved"));
}, 600_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("nngrade installed from its tarball where there is no C compiler", () => {
  it("installs with no compiler on the PATH, and the Node.js that runs this test (.ci/run runs it under 22 and 24 too)", () => {
    expect(spawnSync("sh", ["-c", "command -v cc gcc make"], { env: env(), encoding: "utf8" }).stdout).toBe("");
    expect(spawnSync("node", ["--version"], { env: env(), encoding: "utf8" }).stdout.trim()).toBe(process.version);
  });

  it("installs, saying only that the WebAssembly kernels are used", () => {
    expect(install.status).toBe(0);
    const said = install.output.split("\n").filter((line) => line.startsWith("nngrade:"));
    expect(said).toEqual(["nngrade: no C compiler (cc); the engine uses its WebAssembly kernels, which give the same numbers"]);
    expect(install.output).not.toMatch(/not built|tsx|typescript/i);
  });

  it("ships dist/ built from the sources it ships", () => {
    const installed = join(project, "node_modules/nngrade");
    expect(existsSync(join(installed, "dist/src/cli/main.js"))).toBe(true);
    expect(existsSync(join(installed, "dist/src/index.d.ts"))).toBe(true);
    expect(existsSync(join(installed, "build/nngrade_kernels.node"))).toBe(false);
    const fresh = execFileSync(process.execPath, ["--input-type=module", "-e", `import { freshDist } from ${JSON.stringify(join(installed, "bin/dist.js"))}; console.log(freshDist(${JSON.stringify(installed)}) ?? "stale")`], {
      encoding: "utf8",
    });
    expect(fresh.trim()).toBe(join(installed, "dist/src/cli/main.js"));
  });

  it("checks a submission and lists the assignments", () => {
    const checked = npx(["check", FIXTURE, "-a", "hw4-hyperparameters", "--json"]);
    expect(checked.stderr).toBe("");
    expect(checked.status).toBe(0);
    const result = JSON.parse(checked.stdout) as { assignment: string; score: number; max_score: number };
    expect(result.assignment).toBe("hw4-hyperparameters");
    expect(result.score).toBe(result.max_score);
    const listed = npx(["list"]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain("hw4-hyperparameters");
  });

  it("runs the example workflow's steps (docs/assignment-repo-workflow.yml), the tarball in place of the registry's nngrade", () => {
    const workflow = parse(readFileSync(join(ROOT, "docs/assignment-repo-workflow.yml"), "utf8")) as { jobs: { check: { steps: { run?: string }[] } } };
    const steps = workflow.jobs.check.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
    // the workflow pins the version it installs: a version bump must update it
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(steps[0]).toContain(`nngrade@${version}`);
    const workspace = join(folder, "workspace");
    const runner = join(folder, "runner");
    mkdirSync(workspace);
    mkdirSync(runner);
    copyFileSync(FIXTURE, join(workspace, "answers.json"));
    for (const step of steps) {
      const script = step.replace(`nngrade@${version}`, tarball);
      // as GitHub Actions runs a step: bash -e, in the checkout
      const ran = spawnSync("bash", ["-e", "-c", script], { cwd: workspace, encoding: "utf8", env: { ...env(), RUNNER_TEMP: runner, GITHUB_WORKSPACE: workspace } });
      expect(ran.status, `${script}\n${ran.stdout}\n${ran.stderr}`).toBe(0);
    }
    expect(readFileSync(join(workspace, "nngrade-report.xml"), "utf8")).toContain("<testsuite");
  });

  it("imports nngrade from an .mjs file", () => {
    writeFileSync(join(project, "probe.mjs"), 'import { gradeSubmission, loadAssignment } from "nngrade";\nimport { defineAssignment } from "nngrade/authoring";\nconsole.log([gradeSubmission, loadAssignment, defineAssignment].map((f) => typeof f).join(" "));\n');
    const probe = spawnSync("node", ["probe.mjs"], { cwd: project, encoding: "utf8", env: env() });
    expect(probe.stderr).toBe("");
    expect(probe.stdout.trim()).toBe("function function function");
  });
});
