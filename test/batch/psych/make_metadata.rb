# Writes submission_metadata.yml files the way Gradescope's "Export
# Submissions" does: Ruby's Psych (YAML.dump) of a hash from folder names to
# hashes with symbol keys (:submitters:, :created_at:, :score:, :results:).
# test/batch/gradescope-metadata.test.ts reads them with nngrade's parser and
# checks the values written below, so a Psych quirk (folded long names,
# "\e", "\L", "\U0001F600", !binary, anchors, !ruby/... tags) is tested
# against Psych's own output rather than against our idea of it.
#
# Writes, beside this script:
#   export.yml   a realistic export: a group, unusual names and sids, Ruby objects under :results:
#   hostile.yml  keys that are not folder names, and entries that cannot be read, around good ones
#
# Run from the repository root: ruby test/batch/psych/make_metadata.rb  (npm run golden)
# Needs ruby (Debian: apt-get install ruby); the tests need only the .yml files.

require "yaml"
require "set"

# Rails objects that an export's :results: may hold; defined here so that
# Psych writes their tags as it would for the real classes
module ActiveSupport
  class HashWithIndifferentAccess < Hash; end
end
TestCase = Struct.new(:name, :score)
class Feedback
  def initialize(text)
    @text = text
    @visible = true
  end
end

HERE = File.dirname(__FILE__)
CREATED_AT = Time.new(2024, 3, 1, 12, 0, 0, "-08:00")

# 200 characters: Psych folds it over several lines
LONG_NAME = "Adolph Blaine Charles David Earl Frederick Gerald Hubert Irvin John Kenneth Lloyd Martin Nero Oliver Paul " \
            "Quincy Randolph Sherman Uncas Victor William Yancy Zeus Wolfeschlegelsteinhausenbergerdorff Sr"
raise "LONG_NAME is #{LONG_NAME.length} characters" unless LONG_NAME.length == 200

def write(name, data)
  File.write(File.join(HERE, name), YAML.dump(data))
end

shared_results = { tests: [{ name: "q1", score: 5.0, output: "ok\n" }], leaderboard: nil }
ada = { name: "Ada Lovelace", sid: "1815", email: "ada@example.edu" }

indifferent = ActiveSupport::HashWithIndifferentAccess.new
indifferent["score"] = 3
with_ivars = ActiveSupport::HashWithIndifferentAccess.new
with_ivars["execution_time"] = 1.5
with_ivars.instance_variable_set(:@default_proc_note, "set by the runner")

write("export.yml", {
  "submission_101" => {
    submitters: [ada],
    created_at: CREATED_AT,
    score: 12.5,
    status: "processed",
    results: shared_results,
  },
  "submission_102" => {
    submitters: [
      { name: "Zoë \u{1F600}", sid: 1906, email: "zoe@example.edu" },
      { name: "Esc\e[31mRed", sid: "0042", email: nil },
      { name: "Line\u2028Separator", sid: 1234567890123456789, email: "ls@example.edu" },
    ],
    created_at: CREATED_AT,
    score: 10.0,
    results: shared_results,
  },
  "submission_103" => {
    submitters: [{ name: LONG_NAME, sid: 9007199254740993, email: "long@example.edu" }],
    created_at: CREATED_AT,
    score: nil,
    results: {
      tests: [TestCase.new("q2", 1), Feedback.new("see the rubric")],
      extra: indifferent,
      timing: with_ivars,
      tags: Set.new([:late, :regraded]),
      pattern: /q\d+/,
      range: (1..3),
      ratio: Rational(1, 3),
    },
  },
  # the same Ruby object twice: Psych writes an anchor and an alias
  "submission_104" => { submitters: [ada], created_at: CREATED_AT },
  "submission_105" => {
    submitters: [
      # a name whose string Ruby holds as bytes: Psych writes it as !binary base64
      { name: "Zo\xC3\xAB".b, sid: " 77 ", email: "zoe@example.edu" },
      { name: " Dorothy O'Vaughan #1: the best ", sid: nil, email: "yes" },
      { name: 1234, sid: true, email: "null" },
    ],
  },
  "submission_106" => { submitters: [], score: 0.0 },
  # the characters Psych escapes, writes as YAML 1.1 line breaks, or folds in each style it picks
  "submission_107" => {
    submitters: [
      { name: "Two\nlines", sid: "a\u2028 b" },
      { name: "Multi\nline\u2028 sep\u2029end", sid: "\u2028lead" },
      { name: "tr\u2028", sid: "trailing\n" },
      { name: "\a\b\t\v\f\r\u0085\u00A0\uFEFF\u0001\u007F\u009F\u2029x", sid: "p\u2028q\u2029r" },
      { name: "#{LONG_NAME}\e", sid: "\u{1F600} #{LONG_NAME}" },
    ],
  },
})

write("hostile.yml", {
  "submission_201" => { submitters: [{ name: "Before", sid: "201" }] },
  "../outside" => { submitters: [{ name: "Mallory", sid: "666" }] },
  "submission_1/../../etc" => { submitters: [{ name: "Mallory", sid: "667" }] },
  ".submission_2" => { submitters: [] },
  "submission_\e[2J" => { submitters: [] },
  "submission_" + "x" * 200 => { submitters: [] },
  "submission_202" => { submitters: "Grace Hopper" },
  "submission_203" => { submitters: [{ name: "Fine", sid: "203" }, "not a mapping"] },
  "submission_204" => { submitters: [{ name: { first: "Ada" }, sid: "204" }] },
  "submission_205" => { submitters: [{ name: "Listed", sid: ["205", "206"] }] },
  "submission_206" => { score: 1.0 },
  "submission_207" => nil,
  "submission_208" => { submitters: [{ name: "After", sid: 208, email: "after@example.edu" }] },
})
