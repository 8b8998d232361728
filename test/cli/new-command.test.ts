import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { newCommand } from "../../src/cli/commands/new.ts";
import { loadAssignment } from "../../src/grade/assignment.ts";
import { testAssignment } from "../../src/testing.ts";
import type { CommandIo } from "../../src/cli/io.ts";

function capture(cwd: string): { io: CommandIo; printed: { stdout: string } } {
  const printed = { stdout: "" };
  const stdout = (text: string): void => {
    printed.stdout += text;
  };
  const io = { cwd, stdout, stderr: () => undefined, color: false, progress: false, env: {} } as unknown as CommandIo;
  return { io, printed };
}

describe("nngrade new", () => {
  it.each(["python", "key", "typescript"] as const)("writes a %s assignment that passes its own test as it is", async (mode) => {
    const cwd = mkdtempSync(join(tmpdir(), "nngrade-new-"));
    const { io, printed } = capture(cwd);
    expect(await newCommand({ id: `toy-${mode}`, [mode]: true }, io)).toBe(0);
    const folder = join(cwd, `toy-${mode}`);
    expect(printed.stdout).toContain(`toy-${mode}/: package.json, README.md, toy-${mode}.json`);
    expect(JSON.parse(readFileSync(join(folder, "package.json"), "utf8")).dependencies).toHaveProperty("nngrade");
    const report = testAssignment(await loadAssignment(join(folder, `toy-${mode}.json`)), { fixtures: join(folder, "fixtures") });
    expect(report.findings.filter((finding) => finding.level === "fail")).toEqual([]);
    // the transposed fixture is diagnosed as its expectation file says
    expect(report.checks.find((check) => check.check === "fixtures")?.tested).toBe(2);
  });

  it("refuses a folder that is not empty, an id that is not one, and two ways at once", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "nngrade-new-"));
    writeFileSync(join(cwd, "keep.txt"), "mine");
    const { io } = capture(cwd);
    await expect(newCommand({ id: "x", out: "." }, io)).rejects.toThrow(/^\.: not empty; nngrade new writes a new folder$/);
    expect(readdirSync(cwd)).toEqual(["keep.txt"]);
    await expect(newCommand({ id: "Bad Id" }, io)).rejects.toThrow(/Bad Id: an assignment id is lowercase letters, digits and dashes/);
    await expect(newCommand({ id: "x", python: true, key: true }, io)).rejects.toThrow(/choose one of --python, --key, --typescript/);
  });
});
