import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/atomic-write.ts";

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), "nngrade-write-"));
}

describe("writeFileAtomic", () => {
  it("creates parent folders and leaves only the file behind", async () => {
    const root = await scratch();
    const target = join(root, "reports", "hw4", "s1.html");
    await writeFileAtomic(target, "<p>report</p>\n");
    expect(await readFile(target, "utf8")).toBe("<p>report</p>\n");
    expect(await readdir(join(root, "reports", "hw4"))).toEqual(["s1.html"]);
  });

  it("replaces an existing file", async () => {
    const root = await scratch();
    const target = join(root, "s1.json");
    await writeFile(target, "old and longer content");
    await writeFileAtomic(target, "new");
    expect(await readFile(target, "utf8")).toBe("new");
    expect(await readdir(root)).toEqual(["s1.json"]);
  });

  it("writes bytes as given", async () => {
    const root = await scratch();
    const target = join(root, "s1.pdf");
    await writeFileAtomic(target, new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]));
    expect([...(await readFile(target))]).toEqual([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
  });

  it("survives concurrent writers to one path with one whole version", async () => {
    const root = await scratch();
    const target = join(root, "gradebook.csv");
    const versions = Array.from({ length: 20 }, (_, i) => `version ${i}\r\n`.repeat(1000));
    await Promise.all(versions.map((content) => writeFileAtomic(target, content)));
    expect(versions).toContain(await readFile(target, "utf8"));
    expect(await readdir(root)).toEqual(["gradebook.csv"]);
  });

  it("cleans up its temporary file when the rename fails", async () => {
    const root = await scratch();
    const target = join(root, "taken");
    await mkdir(join(target, "inside"), { recursive: true });
    await expect(writeFileAtomic(target, "x")).rejects.toThrow();
    expect(await readdir(root)).toEqual(["taken"]);
  });
});
