/**
 * docs/authoring.md as a TA follows it: every ```sh block of the guide, in
 * order, run by bash in an empty folder that holds only nngrade packed by
 * `npm pack` (under the name the guide installs). Long (npm installs
 * nngrade's dependencies): run by `npm run fuzz`, which CI runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const GUIDE = readFileSync(join(ROOT, "docs/authoring.md"), "utf8");
const folder = mkdtempSync(join(tmpdir(), "nngrade-guide-"));

/** the guide's shell blocks, in order */
function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));

let run: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  const packed = mkdtempSync(join(tmpdir(), "nngrade-pack-"));
  execFileSync("npm", ["pack", "--pack-destination", packed], { cwd: ROOT, stdio: "ignore" });
  const tarball = readdirSync(packed).find((name) => name.endsWith(".tgz"))!;
  // the guide installs the tarball by the name npm pack gives it: a version bump must update the guide
  expect(GUIDE).toContain(`./${tarball}`);
  copyFileSync(join(packed, tarball), join(folder, tarball));
  rmSync(packed, { recursive: true, force: true });
  const script = ["set -euo pipefail", ...shellBlocks(GUIDE)].join("\n");
  run = spawnSync("bash", ["-c", script], { cwd: folder, encoding: "utf8", env: process.env });
}, 900_000);

describe("docs/authoring.md, followed in an empty folder", () => {
  it("runs every command of the guide without a failure", () => {
    expect(shellBlocks(GUIDE).length).toBeGreaterThanOrEqual(8);
    expect(run.stderr.split("\n").filter((line) => /error|failed/i.test(line) && !line.startsWith("npm warn"))).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("gives what the guide says: the scaffold and nn101 pass their tests, ECF credit, a variant at full marks", () => {
    expect(run.stdout).toContain("my-layer: passed");
    expect(run.stdout).toContain("nn101-dense-layer: passed");
    expect(run.stdout).toContain("my-ts-layer: passed");
    expect(run.stdout).toMatch(/backward\s+Loss and gradients\s+6\/6/);
    // ada's check: the last total printed before the shipping block
    expect(run.stdout).toMatch(/total {2}14\/14 {2}\(100%\)/);
  });

  it("leaves the files the guide promises: reports, the data set, the shipped answers, the autograder zip", () => {
    for (const path of ["my-layer/my-layer.py", "reports/nn101", "data/SHA256SUMS", "nn101/cache/nn101-dense-layer.json", "nn101-autograder.zip", "answers.json"]) {
      expect(existsSync(join(folder, path)), path).toBe(true);
    }
  });
});
