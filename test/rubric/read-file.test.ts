import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRegularFile, readRegularFileSync } from "../../src/rubric/read-file.ts";

const work = mkdtempSync(join(tmpdir(), "nngrade-read-file-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MB = 1024 * 1024;
const LINK = "is a symbolic link: only regular files are read (hand in the file itself)";

/** both readers, synchronous and not, give the same bytes or the same refusal */
async function both(path: string, limit = MB): Promise<{ bytes?: string; error?: string }> {
  const outcome = (read: () => Buffer) => {
    try {
      return { bytes: read().toString("utf8") };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  const sync = outcome(() => readRegularFileSync(path, "x.json", limit));
  let async: { bytes?: string; error?: string };
  try {
    async = { bytes: (await readRegularFile(path, "x.json", limit)).toString("utf8") };
  } catch (error) {
    async = { error: (error as Error).message };
  }
  expect(async).toEqual(sync);
  return sync;
}

describe("reading a submission file safely", () => {
  it("reads a regular file whole, and one exactly at the limit", async () => {
    writeFileSync(join(work, "ok.json"), '{"answers": {}}');
    expect(await both(join(work, "ok.json"))).toEqual({ bytes: '{"answers": {}}' });
    writeFileSync(join(work, "limit.json"), "x".repeat(1024));
    expect((await both(join(work, "limit.json"), 1024)).bytes).toHaveLength(1024);
    expect(await both(join(work, "limit.json"), 1023)).toEqual({ error: "x.json: file is 1024 bytes, larger than the 1023 bytes limit" });
  });

  it("refuses a link, even to a regular file or to /dev/zero, without following it", async () => {
    symlinkSync(join(work, "ok.json"), join(work, "link.json"));
    symlinkSync("/dev/zero", join(work, "zero.json"));
    expect(await both(join(work, "link.json"))).toEqual({ error: `x.json: ${LINK}` });
    expect(await both(join(work, "zero.json"))).toEqual({ error: `x.json: ${LINK}` });
  });

  it("refuses a fifo without opening it (an open would wait for a writer forever), a device and a folder", async () => {
    execFileSync("mkfifo", [join(work, "fifo.json")]);
    expect(await both(join(work, "fifo.json"))).toEqual({ error: "x.json: is a fifo (named pipe), not a regular file" });
    expect(await both("/dev/null")).toEqual({ error: "x.json: is a device, not a regular file" });
    mkdirSync(join(work, "folder.json"));
    expect(await both(join(work, "folder.json"))).toEqual({ error: "x.json: is a folder, not a regular file" });
  });

  it("refuses a sparse gigabyte by its size, before reading a byte", async () => {
    writeFileSync(join(work, "sparse.json"), "");
    truncateSync(join(work, "sparse.json"), 1024 * MB);
    expect(await both(join(work, "sparse.json"), 16 * MB)).toEqual({ error: "x.json: file is 1024.0 MB, larger than the 16 MB limit" });
  });

  it("says when there is no such file", async () => {
    expect(await both(join(work, "missing.json"))).toEqual({ error: "x.json: no such file" });
  });
});
