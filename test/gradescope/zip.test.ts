import { unzipSync } from "fflate";
import { afterEach, describe, expect, it } from "vitest";
import { deterministicZip, type ZipEntry, ZIP_EPOCH, zipTime } from "../../src/gradescope/zip.ts";
import { centralDirectory } from "./archive-reader.ts";

const ENTRIES: ZipEntry[] = [
  { name: "setup.sh", content: "#!/usr/bin/env bash\necho setup\n", mode: 0o755 },
  { name: "data.tgz", content: new Uint8Array([31, 139, 8, 0, 1, 2, 3]), mode: 0o644, compress: false },
  { name: "README.txt", content: "read me\n".repeat(50), mode: 0o644 },
];

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("zipTime", () => {
  it("is 1980-01-01 without SOURCE_DATE_EPOCH, and for epochs a zip cannot hold", () => {
    expect(zipTime({}).toISOString()).toBe("1980-01-01T00:00:00.000Z");
    expect(zipTime({ SOURCE_DATE_EPOCH: "" })).toEqual(ZIP_EPOCH);
    expect(zipTime({ SOURCE_DATE_EPOCH: "0" })).toEqual(ZIP_EPOCH);
  });

  it("follows SOURCE_DATE_EPOCH", () => {
    expect(zipTime({ SOURCE_DATE_EPOCH: "1700000000" }).toISOString()).toBe("2023-11-14T22:13:20.000Z");
  });

  it.each([
    ["1.5e9", /SOURCE_DATE_EPOCH: expected whole seconds/],
    ["-5", /SOURCE_DATE_EPOCH: expected whole seconds/],
    ["99999999999", /SOURCE_DATE_EPOCH: 99999999999 is after 2107/],
  ])("refuses SOURCE_DATE_EPOCH=%s", (epoch, message) => {
    expect(() => zipTime({ SOURCE_DATE_EPOCH: epoch })).toThrow(message);
  });
});

describe("deterministicZip", () => {
  const time = new Date(Date.UTC(2023, 10, 14, 22, 13, 20));

  it("holds every entry with its content, sorted by name", () => {
    const zip = deterministicZip(ENTRIES, time);
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(["README.txt", "data.tgz", "setup.sh"]);
    expect(new TextDecoder().decode(files["setup.sh"])).toBe(ENTRIES[0]!.content);
    expect([...files["data.tgz"]!]).toEqual([...(ENTRIES[1]!.content as Uint8Array)]);
    expect(centralDirectory(zip).map((record) => record.name)).toEqual(["README.txt", "data.tgz", "setup.sh"]);
  });

  it("records unix modes, so a script unpacks executable", () => {
    const records = centralDirectory(deterministicZip(ENTRIES, time));
    for (const record of records) expect(record.os).toBe(3);
    const modes = Object.fromEntries(records.map((record) => [record.name, record.mode]));
    expect(modes).toEqual({ "README.txt": 0o100644, "data.tgz": 0o100644, "setup.sh": 0o100755 });
  });

  it("stamps every entry with the given time, read as UTC", () => {
    for (const record of centralDirectory(deterministicZip(ENTRIES, time))) expect(record.time).toEqual(time);
    for (const record of centralDirectory(deterministicZip(ENTRIES, ZIP_EPOCH))) expect(record.time).toEqual(ZIP_EPOCH);
  });

  it("gives the same bytes whatever the order of the entries and the time zone", () => {
    process.env.TZ = "America/Los_Angeles";
    const west = deterministicZip(ENTRIES, ZIP_EPOCH);
    process.env.TZ = "Asia/Kolkata";
    const east = deterministicZip([...ENTRIES].reverse(), ZIP_EPOCH);
    expect(Buffer.from(east).equals(Buffer.from(west))).toBe(true);
  });

  it("changes with the time and the content", () => {
    const base = Buffer.from(deterministicZip(ENTRIES, time));
    expect(base.equals(Buffer.from(deterministicZip(ENTRIES, ZIP_EPOCH)))).toBe(false);
    const edited = ENTRIES.map((entry) => (entry.name === "setup.sh" ? { ...entry, content: "#!/bin/sh\n" } : entry));
    expect(base.equals(Buffer.from(deterministicZip(edited, time)))).toBe(false);
  });

  it("refuses two entries with one name", () => {
    expect(() => deterministicZip([...ENTRIES, { name: "setup.sh", content: "", mode: 0o644 }], time)).toThrow(/two entries named setup\.sh/);
  });
});
