import { describe, expect, it } from "vitest";
import { parseSubmissionMetadata } from "../../src/batch/gradescope-metadata.ts";

// the shape Gradescope's "Export Submissions" writes, with the keys it adds around :submitters:
const EXPORT = `---
submission_101:
  :submitters:
  - :name: Ada Lovelace
    :sid: '1815'
    :email: ada@example.edu
  :created_at: 2024-03-01 11:58:02.431662000 -08:00
  :score: 12.5
  :status: processed
  :results:
    :tests:
    - :name: q1
      :score: 5.0
submission_102:
  :created_at: 2024-03-01 12:00:00.000000000 -08:00
  :submitters:
    - :name: "Grace \\"Amazing\\" Hopper \\u00e9"
      :sid: 1906   # a number in the export
      :email: grace@example.edu
    - :name: 'Dorothy O''Vaughan'
      :sid: ~
      :email: dorothy@example.edu
`;

describe("gradescope submission_metadata.yml", () => {
  it("reads each folder's submitters and skips the other keys", () => {
    const metadata = parseSubmissionMetadata(EXPORT, "submission_metadata.yml");
    expect([...metadata.keys()]).toEqual(["submission_101", "submission_102"]);
    expect(metadata.get("submission_101")).toEqual([{ name: "Ada Lovelace", sid: "1815", email: "ada@example.edu" }]);
    expect(metadata.get("submission_102")).toEqual([
      { name: 'Grace "Amazing" Hopper \u00e9', sid: "1906", email: "grace@example.edu" },
      { name: "Dorothy O'Vaughan", email: "dorothy@example.edu" },
    ]);
  });

  it("accepts CRLF line ends, a byte order mark and an empty submitter list", () => {
    const text = "\uFEFFsubmission_1:\r\n  :submitters: []\r\n  :score: 0\r\n";
    expect(parseSubmissionMetadata(text, "m.yml").get("submission_1")).toEqual([]);
  });

  it.each([
    ["a key indented at the top", "  submission_1:\n  :submitters: []\n", "m.yml:1: expected a submission folder name"],
    ["a top line without a colon", "submission_1\n", 'm.yml:1: expected "submission_<id>:"'],
    ["a submission without submitters", "submission_1:\n  :score: 3\nsubmission_2:\n  :submitters: []\n", "m.yml:1: no :submitters: list"],
    ["a folder listed twice", "s:\n  :submitters: []\ns:\n  :submitters: []\n", 'm.yml:3: submission "s" is listed twice'],
    ["a tab in the indentation", "s:\n\t:submitters: []\n", "m.yml:2: tab in the indentation"],
    ["an unterminated quote", "s:\n  :submitters:\n  - :name: 'Ada\n", "m.yml:3: unterminated single-quoted text"],
    ["a submitter that is not a list item", "s:\n  :submitters:\n    :name: Ada\n", 'm.yml:3: expected "- :name: ..."'],
    ["a scalar for the submitters", "s:\n  :submitters: Ada\n", "m.yml:2: expected a list of submitters"],
  ])("names the line of %s", (_, text, message) => {
    expect(() => parseSubmissionMetadata(text, "m.yml")).toThrow(message);
  });
});
