import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
// plain JavaScript shared by bin/nngrade.js and scripts/build-dist.js
import { freshDist, sourceHash } from "../../bin/dist.js";
import { REPO_ROOT } from "../helpers/cli.ts";

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

/** a copy of the sources with a dist/ stamped as built from them */
function stampedCopy(): string {
  const root = mkdtempSync(join(tmpdir(), "nngrade-dist-"));
  roots.push(root);
  cpSync(join(REPO_ROOT, "src"), join(root, "src"), { recursive: true });
  cpSync(join(REPO_ROOT, "reference"), join(root, "reference"), { recursive: true });
  cpSync(join(REPO_ROOT, "src"), join(root, "dist", "src"), { recursive: true });
  writeFileSync(join(root, "dist", "stamp.json"), JSON.stringify({ sources: sourceHash(root) }));
  return root;
}

describe("the compiled CLI is used only while it matches the sources", () => {
  it("is used when the stamp records the sources' hash", () => {
    const root = stampedCopy();
    expect(freshDist(root)).toBe(join(root, "dist", "src", "cli", "main.js"));
  });

  it("is not used once a source file changes, is added, or a reference module changes", () => {
    const edited = stampedCopy();
    writeFileSync(join(edited, "src", "errors.ts"), "// edited\n", { flag: "a" });
    expect(freshDist(edited)).toBeUndefined();
    const added = stampedCopy();
    writeFileSync(join(added, "src", "new-module.ts"), "export const x = 1;\n");
    expect(freshDist(added)).toBeUndefined();
    const reference = stampedCopy();
    writeFileSync(join(reference, "reference", "hw4-hyperparameters.ts"), "\n", { flag: "a" });
    expect(freshDist(reference)).toBeUndefined();
  });

  it("is not used without a stamp, or with a broken one", () => {
    const root = stampedCopy();
    writeFileSync(join(root, "dist", "stamp.json"), "{");
    expect(freshDist(root)).toBeUndefined();
    rmSync(join(root, "dist", "stamp.json"));
    expect(freshDist(root)).toBeUndefined();
  });

  it("ignores files that are not compiled (caches, JSON)", () => {
    const root = stampedCopy();
    writeFileSync(join(root, "reference", "notes.json"), "{}");
    expect(freshDist(root)).toBe(join(root, "dist", "src", "cli", "main.js"));
  });
});
