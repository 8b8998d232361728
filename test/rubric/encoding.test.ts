import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SubmissionParseError } from "../../src/errors.ts";
import { decodeSubmissionBytes } from "../../src/rubric/encoding.ts";
import { parseSubmissionText } from "../../src/rubric/json.ts";

const TEXT = '{"student": {"id": "s1", "name": "Zoë 李"}, "answers": {"q1": {"x": [0.5, -1]}}}';

function utf16be(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

function failure(bytes: Uint8Array): SubmissionParseError {
  try {
    decodeSubmissionBytes(bytes, "answers.json");
  } catch (error) {
    if (error instanceof SubmissionParseError) return error;
    throw error;
  }
  throw new Error("expected the bytes to be refused");
}

describe("decodeSubmissionBytes reads what the student saved", () => {
  it.each([
    ["UTF-8", Buffer.from(TEXT, "utf8")],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, "utf8")])],
    // what PowerShell's `>` and Out-File write
    ["UTF-16 LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, "utf16le")])],
    ["UTF-16 BE with a BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)])],
    ["UTF-16 LE without a BOM", Buffer.from(TEXT, "utf16le")],
    ["UTF-16 BE without a BOM", utf16be(TEXT)],
  ])("%s, as the same text without its BOM", (_, bytes) => {
    const text = decodeSubmissionBytes(bytes, "answers.json");
    expect(text).toBe(TEXT);
    expect(parseSubmissionText(text, "answers.json")).toEqual(JSON.parse(TEXT));
  });

  it("reads UTF-16 with characters outside the BMP and a mostly non-latin name", () => {
    const text = '{"student": {"name": "学生 名前 😀"}, "answers": {}}';
    expect(decodeSubmissionBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "a.json")).toBe(text);
    expect(decodeSubmissionBytes(Buffer.from(text, "utf16le"), "a.json")).toBe(text);
  });

  it("reads an empty file as empty text, for the parser to report", () => {
    expect(decodeSubmissionBytes(new Uint8Array(0), "a.json")).toBe("");
    expect(decodeSubmissionBytes(Buffer.from([0xef, 0xbb, 0xbf]), "a.json")).toBe("");
  });

  it("reads back any text without NUL, encoded as UTF-8 or UTF-16 with a BOM", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 100 }), (raw) => {
        const text = raw.replace(/\0/g, "").replace(/^\uFEFF/, "");
        expect(decodeSubmissionBytes(Buffer.from(text, "utf8"), "a.json")).toBe(text);
        expect(decodeSubmissionBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]), "a.json")).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("decodeSubmissionBytes refuses what it cannot read as meant", () => {
  it("names the byte and line of a Latin-1 character", () => {
    const bytes = Buffer.from('{\n  "student": {"name": "Zoë"},\n  "answers": {}\n}', "latin1");
    const error = failure(bytes);
    expect(error.message).toBe("answers.json:2: not UTF-8 text at byte 27 (0xeb): save it as UTF-8");
    expect(error.line).toBe(2);
    expect(error.code).toBe("submission-parse");
  });

  it.each([
    ["an overlong slash", [0x31, 0xc0, 0xaf], 1],
    ["a UTF-8 encoded surrogate", [0x31, 0x32, 0xed, 0xa0, 0x80], 2],
    ["a byte that never starts a character", [0xf5, 0x80, 0x80, 0x80], 0],
    ["a character cut off at the end", [0x31, 0xe2, 0x82], 1],
    ["a stray continuation byte", [0x31, 0x80], 1],
  ])("names the offset of %s", (_, bytes, offset) => {
    expect(failure(Uint8Array.from(bytes)).detail).toMatch(new RegExp(`^not UTF-8 text at byte ${offset} \\(0x[0-9a-f]{2}\\): save it as UTF-8$`));
  });

  it("names the offset where a strict decoder first fails, for any bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 60 }), (bytes) => {
        const clean = bytes.map((byte) => (byte === 0 ? 0x20 : byte));
        // without zero bytes and UTF-16's marks nothing looks like UTF-16 or UTF-32: this is the UTF-8 reader alone
        fc.pre(!((clean[0] === 0xff && clean[1] === 0xfe) || (clean[0] === 0xfe && clean[1] === 0xff)));
        try {
          expect(decodeSubmissionBytes(clean, "a.json")).toBe(strict.decode(clean));
        } catch (error) {
          expect(error).toBeInstanceOf(SubmissionParseError);
          const at = /at byte (\d+)/.exec((error as Error).message);
          if (at === null) return;
          const offset = Number(at[1]);
          // everything before the offset is well formed, and the file is not
          expect(() => strict.decode(clean.subarray(0, offset))).not.toThrow();
          expect(() => strict.decode(clean.subarray(offset))).toThrow();
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses a NUL byte in UTF-8 text, naming where", () => {
    expect(failure(Buffer.from('{"answers":\n {}}\0\0', "utf8")).message).toBe("answers.json:2: NUL character at byte 16: not a text file");
  });

  it.each([
    ["with a little-endian BOM", [0xff, 0xfe, 0x00, 0x00, 0x7b, 0x00, 0x00, 0x00]],
    ["with a big-endian BOM", [0x00, 0x00, 0xfe, 0xff, 0x00, 0x00, 0x00, 0x7b]],
    ["without a BOM", [0x7b, 0x00, 0x00, 0x00, 0x7d, 0x00, 0x00, 0x00]],
  ])("refuses UTF-32 %s, naming it", (_, bytes) => {
    expect(failure(Uint8Array.from(bytes)).message).toBe("answers.json: saved as UTF-32: save it as UTF-8");
  });

  it("refuses UTF-16 cut off mid-character or holding half a surrogate pair", () => {
    const cut = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("{}", "utf16le"), Buffer.from([0x20])]);
    expect(failure(cut).detail).toBe("saved as UTF-16 but cut off mid-character: save it as UTF-8");
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("{", "utf16le"), Buffer.from([0x00, 0xd8]), Buffer.from("}", "utf16le")]);
    expect(failure(lone).detail).toBe("saved as UTF-16 with a broken character at byte 4: save it as UTF-8");
  });

  it("refuses a NUL character in UTF-16 text", () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('{"a": 1}\0')]);
    expect(failure(bytes).detail).toBe("NUL character at byte 18: not a text file");
  });
});
