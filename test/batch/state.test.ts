import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Fingerprint, isUnchanged, removeStaleTemporaries, STATE_FOLDER, sha256, writeFingerprint } from "../../src/batch/state.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-state-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const fingerprint: Fingerprint = {
  schema: "nngrade/state@4",
  source: "in/a.json",
  source_sha256: "a".repeat(64),
  rubric_sha256: "b".repeat(64),
  reference_sha256: null,
  engine_version: "1",
  grader_version: "0.1.0",
  variant: "default",
  owner: null,
  pdf: false,
};

describe("resume state", () => {
  it("says unchanged only when the state matches and both reports are the bytes it recorded", async () => {
    const out = join(work, "unchanged");
    expect(await isUnchanged(out, "a", fingerprint)).toBe(false);
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "a.json"), "{}");
    writeFileSync(join(out, "a.html"), "<html>");
    expect(await isUnchanged(out, "a", fingerprint)).toBe(false);
    const reports = { "a.json": sha256("{}"), "a.html": sha256("<html>") };
    writeFingerprint(out, "a", fingerprint, reports);
    expect(await isUnchanged(out, "a", fingerprint)).toBe(true);
    // a report edited by hand (a better score) is not trusted: the student is regraded
    writeFileSync(join(out, "a.json"), '{"score": 9999}');
    expect(await isUnchanged(out, "a", fingerprint)).toBe(false);
    writeFileSync(join(out, "a.json"), "{}");
    expect(await isUnchanged(out, "a", fingerprint)).toBe(true);
    // a state without a report's hash (written by someone else) is not trusted either
    writeFingerprint(out, "a", fingerprint, { "a.json": sha256("{}") });
    expect(await isUnchanged(out, "a", fingerprint)).toBe(false);
    writeFingerprint(out, "a", fingerprint, reports);
    for (const change of [
      { source_sha256: "c".repeat(64) },
      { rubric_sha256: "c".repeat(64) },
      { reference_sha256: "d".repeat(64) },
      { engine_version: "2" },
      // a new release of nngrade regrades everyone: its reports may read otherwise
      { grader_version: "0.2.0" },
      { variant: "per-student" as const },
      { owner: { id: "1815", by: "its folder" } },
      { source: "in/b.json" },
    ]) {
      expect(await isUnchanged(out, "a", { ...fingerprint, ...change })).toBe(false);
    }
    rmSync(join(out, "a.html"));
    expect(await isUnchanged(out, "a", fingerprint)).toBe(false);
  });

  it("removes temporary files of writers that are gone, and keeps a live writer's", () => {
    const out = join(work, "temporaries");
    mkdirSync(join(out, STATE_FOLDER), { recursive: true });
    // a pid above the kernel's pid_max (4194304 at most) belongs to no process
    const dead = 4194999;
    writeFileSync(join(out, `.a.json.${dead}.0.0.tmp`), "{ half");
    writeFileSync(join(out, STATE_FOLDER, `.a.json.${dead}.2.3.tmp`), "");
    writeFileSync(join(out, `.a.html.${process.pid}.0.1.tmp`), "mine, still writing");
    writeFileSync(join(out, "a.json"), "{}");
    writeFileSync(join(out, ".hidden"), "");
    expect(removeStaleTemporaries(out)).toBe(2);
    expect(readdirSync(out).sort()).toEqual([".a.html." + process.pid + ".0.1.tmp", ".hidden", STATE_FOLDER, "a.json"].sort());
    expect(readdirSync(join(out, STATE_FOLDER))).toEqual([]);
    expect(removeStaleTemporaries(join(work, "no-such-folder"))).toBe(0);
    expect(existsSync(join(out, "a.json"))).toBe(true);
  });
});
