import fc from "fast-check";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { cleanStudentText, readStudentFields, studentValueTokens } from "../../src/rubric/student-fields.ts";

describe("studentValueTokens finds the top-level student's id and name as written", () => {
  it.each<[string, string, Record<string, string>]>([
    ["strict JSON", '{"student": {"id": 9007199254740993, "name": "Ada"}, "answers": {}}', { id: "9007199254740993", name: '"Ada"' }],
    ["after answers", '{"answers": {"q1": {"x": [1, 2, {"id": 5}]}}, "student": {"id": 42}}', { id: "42" }],
    [
      "past comments, strings with escaped quotes and a student key deeper down",
      '// {"student": {"id": 1}}\n{ /* "student": {"id": 2} */ "note": "a \\"student\\": {\\"id\\": 3}", "answers": {"q": {"student": {"id": 4}}}, "student": {"id": 5} }',
      { id: "5" },
    ],
    ["JSON5's unquoted keys, single quotes and trailing commas", "{student: {name: 'O\\'Neil', id: +77,},}", { id: "+77", name: "'O\\'Neil'" }],
    ["an escaped key", '{"stud\\u0065nt": {"\\u0069d": 12}}', { id: "12" }],
    ["the last of duplicate keys, as the parsers take it", '{"student": {"id": 1}, "student": {"id": 2, "id": 3}}', { id: "3" }],
    ["a student that is not an object after one that is", '{"student": {"id": 1}, "student": "x"}', {}],
    ["a backslash at a string's end", '{"a": "\\\\", "student": {"id": 8}}', { id: "8" }],
    ["a BOM and Python's NaN", '\uFEFF{"answers": {"q": NaN}, "student": {"id": 1e3}}', { id: "1e3" }],
  ])("in %s", (_, text, tokens) => {
    expect(studentValueTokens(text)).toEqual(tokens);
  });

  it.each(["", "[1, 2]", '{"student": {"id": 1', '{"student"', '{"a": "never ends', "{/* open"])("gives nothing for %j", (text) => {
    expect(studentValueTokens(text)).toEqual({});
  });

  it("finds the id digits in any document around it, as JSON or JSON5 writes it", () => {
    const PLACEHOLDER = -123456.625;
    const digits = fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String);
    const other = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });
    fc.assert(
      fc.property(other, other, digits, fc.boolean(), fc.constantFrom(0, 2), (before, after, id, json5, indent) => {
        delete before.student;
        delete after.student;
        const template = { ...before, student: { name: "Ada", id: PLACEHOLDER }, ...after };
        const written = json5 ? JSON5.stringify(template, null, indent) : JSON.stringify(template, null, indent);
        // the id put in as written, digits a float64 would round
        const text = written.replace(String(PLACEHOLDER), id);
        expect(studentValueTokens(text).id).toBe(id);
      }),
      { numRuns: 500 },
    );
  });
});

describe("readStudentFields", () => {
  it("takes a numeric id's digits from the text only when they are the number parsed", () => {
    expect(readStudentFields({ id: 5 }, '{"student": {"id": 5.0}}').student).toEqual({ id: "5" });
    expect(readStudentFields({ id: 5 }, '{"student": {"id": 6}}').student).toEqual({ id: "5" });
    expect(readStudentFields({ id: 123 }, "{student: {id: +123}}").student).toEqual({ id: "123" });
  });
});

describe("cleanStudentText", () => {
  it.each<[string, string, string[]]>([
    ["Ada Lovelace", "Ada Lovelace", []],
    ["  s1 ", "s1", []],
    ["Ada\r\nLovelace", "Ada Lovelace", ["line breaks replaced"]],
    ["Ada\tLovelace", "Ada Lovelace", ["line breaks replaced"]],
    ["s1\u0000\u0085\u009b", "s1", ["line breaks replaced", "control characters removed"]],
    ["\u202Es1234", "s1234", ["text-direction characters removed"]],
    ["a\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061Cb", "ab", ["text-direction characters removed"]],
    ["Zoë 李 😀", "Zoë 李 😀", []],
  ])("%j -> %j", (raw, text, changes) => {
    expect(cleanStudentText(raw)).toEqual({ text, changes });
  });

  it("keeps the joiners a name is spelled with (ZWNJ in Persian and Hindi, ZWJ in emoji sequences), and takes them out of an id", () => {
    const persian = "ساره می\u200Cخواهد";
    const scientist = "Emma \u{1F469}\u200D\u{1F52C}";
    expect(cleanStudentText(persian, "name")).toEqual({ text: persian, changes: [] });
    expect(cleanStudentText(scientist, "name")).toEqual({ text: scientist, changes: [] });
    // a zero-width space is in no name: it only makes two that print alike differ
    expect(cleanStudentText("Lee\u200B", "name")).toEqual({ text: "Lee", changes: ["invisible characters removed"] });
    expect(cleanStudentText("s1\u200D", "id")).toEqual({ text: "s1", changes: ["invisible characters removed"] });
    expect(readStudentFields({ id: "s1", name: scientist }).student).toEqual({ id: "s1", name: scientist });
  });

  it("caps the length without cutting a character in half", () => {
    const cut = cleanStudentText(`${"a".repeat(199)}😀😀`);
    expect(cut.text).toBe("a".repeat(199));
    expect(cut.changes).toEqual(["cut to 200 characters"]);
  });

  it("leaves nothing a gradebook row would break on, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (raw) => {
        const { text } = cleanStudentText(raw);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters is the point
        expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
        expect(text.length).toBeLessThanOrEqual(200);
        expect(text).toBe(text.trim());
      }),
      { numRuns: 300 },
    );
  });
});

describe("ids that would print alike or lose digits", () => {
  it("flags a number float64 cannot hold exactly unless its digits are in the text", () => {
    // the parsed value is what float64 makes of the text: 2^53 + 1 rounds to 2^53
    const hex = readStudentFields({ id: 2 ** 53 }, '{"student": {"id": 0x20000000000001}}');
    expect(hex.student?.id).toBe("9007199254740992");
    expect(hex.flags).toEqual([
      { code: "student-field", message: 'student/id: the number 0x20000000000001 cannot be read exactly; write it as a string ("...")' },
    ]);
    const plain = readStudentFields({ id: 2 ** 53 }, '{"student": {"id": 9007199254740993}}');
    expect(plain).toEqual({ student: { id: "9007199254740993" }, flags: [] });
    expect(readStudentFields({ id: 12.5 }, '{"student": {"id": 12.5}}')).toEqual({ student: { id: "12.5" }, flags: [] });
  });

  it("removes zero-width characters, and says so", () => {
    const read = readStudentFields({ id: "lee\u200b" });
    expect(read.student?.id).toBe("lee");
    expect(read.flags[0]?.message).toContain("invisible characters removed");
  });
});
