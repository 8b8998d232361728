import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSubmissionMetadata, type Submitter } from "../../src/batch/gradescope-metadata.ts";
import { REPO_ROOT } from "../helpers/cli.ts";

/** a file test/batch/psych/make_metadata.rb wrote with Ruby's Psych, as Gradescope's export does */
const psych = (name: string) => readFileSync(join(REPO_ROOT, "test/batch/psych", name), "utf8");
const byFolder = (text: string, file = "m.yml") =>
  Object.fromEntries(parseSubmissionMetadata(text, file).entries.map((entry) => [entry.folder, entry]));

// the values below are copied from make_metadata.rb, not from what the parser returns
const LONG_NAME =
  "Adolph Blaine Charles David Earl Frederick Gerald Hubert Irvin John Kenneth Lloyd Martin Nero Oliver Paul " +
  "Quincy Randolph Sherman Uncas Victor William Yancy Zeus Wolfeschlegelsteinhausenbergerdorff Sr";
const ADA: Submitter = { name: "Ada Lovelace", sid: "1815", email: "ada@example.edu" };

describe("gradescope submission_metadata.yml as Psych writes it", () => {
  const metadata = parseSubmissionMetadata(psych("export.yml"), "submission_metadata.yml");
  const entries = Object.fromEntries(metadata.entries.map((entry) => [entry.folder, entry]));

  it("lists every folder once, in file order, with no problem and no warning", () => {
    expect(metadata.entries.map((entry) => entry.folder)).toEqual([
      "submission_101",
      "submission_102",
      "submission_103",
      "submission_104",
      "submission_105",
      "submission_106",
      "submission_107",
    ]);
    expect(metadata.entries.filter((entry) => entry.problem !== undefined)).toEqual([]);
    expect(metadata.warnings).toEqual([]);
  });

  it("reads a single submitter among :created_at:, :score: and :results:", () => {
    expect(entries.submission_101?.submitters).toEqual([ADA]);
  });

  it("reads a group, its emoji, ESC and U+2028 names, and sids written as numbers and quoted text", () => {
    expect(entries.submission_102?.submitters).toEqual([
      { name: "Zoë \u{1F600}", sid: "1906", email: "zoe@example.edu" },
      // a nil email is no email
      { name: "Esc\u001b[31mRed", sid: "0042" },
      { name: "Line\u2028Separator", sid: "1234567890123456789", email: "ls@example.edu" },
    ]);
  });

  it("unfolds a 200-character name and keeps every digit of a sid past 2^53", () => {
    expect(LONG_NAME).toHaveLength(200);
    expect(psych("export.yml")).toContain("Kenneth\n      Lloyd");
    expect(entries.submission_103?.submitters).toEqual([{ name: LONG_NAME, sid: "9007199254740993", email: "long@example.edu" }]);
  });

  it("is not put off by Ruby objects under :results: (!ruby/object, !ruby/struct, !ruby/hash-with-ivars ...)", () => {
    expect(psych("export.yml")).toMatch(/!ruby\/hash-with-ivars:/);
    expect(psych("export.yml")).toMatch(/!ruby\/object:Set/);
    expect(entries.submission_103?.problem).toBeUndefined();
  });

  it("follows Psych's anchors and aliases (the same submitter written twice)", () => {
    expect(psych("export.yml")).toMatch(/^ {2}- \*\d+$/m);
    expect(entries.submission_104?.submitters).toEqual([ADA]);
  });

  it("decodes a !binary name, keeps spaces, and takes a name or sid that is not text as written", () => {
    expect(entries.submission_105?.submitters).toEqual([
      { name: "Zoë", sid: " 77 ", email: "zoe@example.edu" },
      { name: " Dorothy O'Vaughan #1: the best ", email: "yes" },
      { name: "1234", sid: "true", email: "null" },
    ]);
  });

  it("reads an empty submitter list as no one, without a problem", () => {
    expect(entries.submission_106).toEqual({ folder: "submission_106", submitters: [] });
  });

  it("reads every escape and line break the way Psych meant it, in each style it picked", () => {
    expect(entries.submission_107?.submitters).toEqual([
      { name: "Two\nlines", sid: "a\u2028 b" },
      { name: "Multi\nline\u2028 sep\u2029end", sid: "\u2028lead" },
      { name: "tr\u2028", sid: "trailing\n" },
      { name: "\u0007\b\t\v\f\r\u0085\u00A0\uFEFF\u0001\u007F\u009F\u2029x", sid: "p\u2028q\u2029r" },
      { name: `${LONG_NAME}\u001b`, sid: `\u{1F600} ${LONG_NAME}` },
    ]);
  });
});

describe("gradescope submission_metadata.yml with keys and entries that cannot be used", () => {
  const metadata = parseSubmissionMetadata(psych("hostile.yml"), "s.yml");
  const entries = Object.fromEntries(metadata.entries.map((entry) => [entry.folder, entry]));

  it("skips keys that are not a plain submission_<id> folder name, with a located warning each", () => {
    expect(metadata.entries.map((entry) => entry.folder)).toEqual([
      "submission_201",
      "submission_202",
      "submission_203",
      "submission_204",
      "submission_205",
      "submission_206",
      "submission_207",
      "submission_208",
    ]);
    expect(metadata.warnings).toEqual([
      's.yml:6: "../outside" is not a submission folder name (submission_<id>); skipped',
      's.yml:10: "submission_1/../../etc" is not a submission folder name (submission_<id>); skipped',
      's.yml:14: ".submission_2" is not a submission folder name (submission_<id>); skipped',
      // the ESC is shown, not sent to the terminal
      's.yml:16: "submission_\\u001b[2J" is not a submission folder name (submission_<id>); skipped',
      `s.yml:18: "submission_${"x".repeat(49)}..." is not a submission folder name (submission_<id>); skipped`,
    ]);
  });

  it("reads the good entries around the bad ones", () => {
    expect(entries.submission_201).toEqual({ folder: "submission_201", submitters: [{ name: "Before", sid: "201" }] });
    expect(entries.submission_208).toEqual({
      folder: "submission_208",
      submitters: [{ name: "After", sid: "208", email: "after@example.edu" }],
    });
  });

  it.each([
    ["submission_202", "s.yml:21: submission_202: :submitters: is text, expected a list"],
    ["submission_203", "s.yml:26: submission_203: submitter 2 is text, expected a mapping"],
    ["submission_204", "s.yml:29: submission_204: submitter 1: :name: is a mapping, expected text"],
    ["submission_205", "s.yml:35: submission_205: submitter 1: :sid: is a list, expected text"],
    ["submission_206", "s.yml:38: submission_206: no :submitters:"],
    ["submission_207", "s.yml:40: submission_207: expected a mapping with :submitters:, got nothing"],
  ])("gives %s no submitters and a located problem", (folder, problem) => {
    expect(entries[folder]).toEqual({ folder, submitters: [], problem });
  });
});

describe("gradescope submission_metadata.yml, small cases", () => {
  it("accepts CRLF line ends, a byte order mark, and keys written without Ruby's colon", () => {
    const text = "\uFEFFsubmission_1:\r\n  submitters:\r\n  - name: Ada\r\n    sid: 7\r\n  :score: 0\r\n";
    expect(byFolder(text).submission_1).toEqual({ folder: "submission_1", submitters: [{ name: "Ada", sid: "7" }] });
  });

  it("keeps the first of a folder listed twice and says so", () => {
    const text = "submission_1:\n  :submitters: [{ :name: First }]\nsubmission_1:\n  :submitters: [{ :name: Second }]\n";
    expect(parseSubmissionMetadata(text, "m.yml")).toEqual({
      entries: [{ folder: "submission_1", submitters: [{ name: "First" }] }],
      warnings: ["m.yml:3: submission_1 is listed twice; the first one is kept"],
    });
  });

  it.each([
    ["a :submitters: given twice", "submission_1:\n  :submitters: []\n  :submitters: []\n", "m.yml:3: submission_1: :submitters: is given twice"],
    ["a :sid: given twice", "submission_1:\n  :submitters:\n  - :sid: '1'\n    sid: '2'\n", "m.yml:4: submission_1: submitter 1: :sid: is given twice"],
    ["an empty list item", "submission_1:\n  :submitters:\n  -\n", "m.yml:3: submission_1: submitter 1 is nothing, expected a mapping"],
    ["a nil :submitters:", "submission_1:\n  :submitters:\n", "m.yml:2: submission_1: :submitters: is nothing, expected a list"],
    ["binary that is not UTF-8", "submission_1:\n  :submitters:\n  - :name: !binary |-\n      /w==\n", "m.yml:3: submission_1: submitter 1: :name: is binary data, not UTF-8 text"],
  ])("gives one entry a problem for %s", (_, text, problem) => {
    expect(parseSubmissionMetadata(text, "m.yml")).toEqual({ entries: [{ folder: "submission_1", submitters: [], problem }], warnings: [] });
  });

  it("skips a key that is not text, and escapes a bidirectional override in a shown key", () => {
    const text = "? [a, b]\n: {}\n\"submission_\\u202Eexe\": {}\n";
    expect(parseSubmissionMetadata(text, "m.yml")).toEqual({
      entries: [],
      warnings: [
        "m.yml:1: a key that is a list is not a submission folder name (submission_<id>); skipped",
        'm.yml:3: "submission_\\u202eexe" is not a submission folder name (submission_<id>); skipped',
      ],
    });
  });

  it("reads tagged and oddly typed scalars as written", () => {
    const text = [
      "submission_1:",
      "  :submitters:",
      "  - :name: !ruby/object:BigDecimal 18:0.1e2",
      "    :sid: !!int abc",
      "    :email: no",
      "  - !ruby/hash:ActiveSupport::HashWithIndifferentAccess",
      "    name: Grace",
      "    sid: 0x1F",
      "",
    ].join("\n");
    expect(byFolder(text).submission_1?.submitters).toEqual([
      { name: "18:0.1e2", sid: "abc", email: "no" },
      { name: "Grace", sid: "0x1F" },
    ]);
  });

  it("does not expand aliases it never reads (a billion laughs under :results:)", () => {
    const levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 9; level++) levels.push(`a${level}: &a${level} [${Array(10).fill(`*a${level - 1}`).join(",")}]`);
    const text = `submission_1:\n  :results:\n${levels.map((line) => `    ${line}`).join("\n")}\n  :submitters: [{ :sid: '9' }]\n`;
    expect(byFolder(text).submission_1?.submitters).toEqual([{ sid: "9" }]);
  });

  it("reads an empty file, or an empty mapping, as no submissions", () => {
    expect(parseSubmissionMetadata("", "m.yml")).toEqual({ entries: [], warnings: ["m.yml: lists no submissions"] });
    expect(parseSubmissionMetadata("--- {}\n", "m.yml")).toEqual({ entries: [], warnings: [] });
  });

  it.each([
    ["a list at the top", "- submission_1\n- submission_2\n", "m.yml:1: expected submission folders and their submitters, got a list"],
    ["text at the top", "\n\nhello there\n", "m.yml:3: expected submission folders and their submitters, got text"],
    ["a tab in the indentation", "submission_1:\n\t:submitters: []\n", "m.yml:2: not valid YAML: "],
    ["an unterminated quote", "submission_1:\n  :submitters:\n  - :name: 'Ada\n", "m.yml:3: not valid YAML: "],
    ["a broken line among good ones", "submission_1:\n  :submitters: []\nsubmission_2:\n  :submitters: [\nsubmission_3: {}\n", "m.yml:5: not valid YAML: flow sequence"],
    ["two documents", "submission_1: {}\n---\nsubmission_2: {}\n", "m.yml:2: not valid YAML: source contains multiple documents"],
  ])("refuses the whole file for %s, naming the line", (_, text, message) => {
    expect(() => parseSubmissionMetadata(text, "m.yml")).toThrow(message);
    try {
      parseSubmissionMetadata(text, "m.yml");
    } catch (error) {
      expect((error as { code: string }).code).toBe("input");
      expect((error as Error).message).toMatch(/^m\.yml:\d+: \S/);
      expect((error as Error).message).not.toContain("\n");
    }
  });
});
