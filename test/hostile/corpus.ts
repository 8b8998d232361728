/**
 * Makes a hostile class folder at test time: what a messy class folder and a
 * hostile student hand a TA. Links, a fifo, a sparse gigabyte and unreadable
 * entries cannot live in git, so every case is made here, each with the row
 * the batch must give it. `npx tsx test/hostile/corpus.ts DIR` makes one to
 * look at by hand.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const CORPUS_ASSIGNMENT = "hw4-hyperparameters";
const correct = readFileSync(join(REPO_ROOT, "fixtures/submissions", CORPUS_ASSIGNMENT, "correct-numpy.json"), "utf8");

/** what the batch must say of one case: its gradebook id, and a fragment of its error, or "graded" */
export interface CorpusCase {
  id: string;
  expect: "graded" | { error: string } | { flag: string };
  what: string;
}

function answers(student?: unknown): string {
  const value = JSON.parse(correct);
  if (student === undefined) delete value.student;
  else value.student = student;
  return JSON.stringify(value);
}

/** the answers with one raw text in place of q2's first yhat entry (a student's pasted number) */
function withRawNumber(student: unknown, raw: string): string {
  const value = JSON.parse(correct);
  value.student = student;
  const text = JSON.stringify(value);
  return text.replace(/"yhat":\[\[[^,\]]+/, `"yhat":[[${raw}`);
}

/**
 * Writes the corpus into `root` (which must not exist yet) and answers its
 * cases. `unprivileged` says the batch will not run as root, so a mode-000
 * entry really cannot be read.
 */
export function makeHostileCorpus(root: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const file = (path: string, content: string | Buffer) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const add = (id: string, expect: CorpusCase["expect"], what: string) => cases.push({ id, expect, what });

  file("honest1/answers.json", answers({ id: "honest1", name: "Ada" }));
  add("honest1", "graded", "an honest student");
  file("honest2.json", answers({ id: "honest2" }));
  add("honest2", "graded", "an honest file in the flat layout");

  // identity: a folder's file claims a classmate's id
  file("spoofer/answers.json", answers({ id: "honest1", name: "Ada" }));
  add("spoofer", { flag: "id-mismatch" }, "a file claiming a classmate's id in its own folder");
  // two flat files as one student: both kept, reported, exit 1
  file("twin-a.json", answers({ id: "twin" }));
  file("twin-b.json", answers({ id: "twin" }));
  add("twin", "graded", "two submissions of one id");
  // ids a double would merge
  file("big-a.json", answers(undefined).replace(/^\{/, '{"student": {"id": 9007199254740993},'));
  file("big-b.json", answers(undefined).replace(/^\{/, '{"student": {"id": 9007199254740992},'));
  add("9007199254740993", "graded", "a numeric id past 2^53");
  add("9007199254740992", "graded", "its neighbour");
  // a bad student field is flagged, the file still graded under its name
  file("bad-name.json", answers({ id: ["x"], name: { first: "Eve" } }));
  add("bad-name", { flag: "student-field" }, "student fields of the wrong type");

  // files that must never be read
  symlinkSync(join(root, "honest1", "answers.json"), join(root, "copycat.json"));
  add("copycat", { error: "symbolic link" }, "a link to a classmate's file");
  mkdirSync(join(root, "copyfolder"));
  symlinkSync(join(root, "honest1", "answers.json"), join(root, "copyfolder", "answers.json"));
  add("copyfolder", { error: "symbolic link" }, "a folder holding only a link to a classmate's file");
  symlinkSync(join(root, "honest1"), join(root, "linkfolder"));
  add("linkfolder", { error: "symbolic link" }, "a link in place of a student's folder");
  symlinkSync("/dev/zero", join(root, "zero.json"));
  add("zero", { error: "symbolic link" }, "a link to /dev/zero");
  // node has no call for a fifo; coreutils has
  execFileSync("mkfifo", [join(root, "pipe.json")]);
  add("pipe", { error: "fifo" }, "a fifo");
  writeFileSync(join(root, "sparse.json"), "");
  truncateSync(join(root, "sparse.json"), 1024 * 1024 * 1024);
  add("sparse", { error: "larger than the 16 MB limit" }, "a sparse gigabyte");

  // awkward folders: one row each
  file("upper/Answers.JSON", answers(undefined));
  add("upper", "graded", "Answers.JSON");
  file("txt/answers.json.txt", answers(undefined));
  add("txt", { error: "no answers file" }, "answers.json.txt");
  file("empty/README.md", "nothing here\n");
  add("empty", { error: "no answers file" }, "no JSON at all");
  file("two/a.json", answers(undefined));
  file("two/b.json", answers(undefined));
  add("two", { error: "several answer files: a.json, b.json" }, "two JSON files");

  // unreadable: a folder and a file of mode 000 (the batch runs unprivileged)
  file("locked/answers.json", answers(undefined));
  chmodSync(join(root, "locked"), 0o000);
  add("locked", { error: "cannot read" }, "a folder nobody may read");
  // a folder that may be listed but not entered (mode 444, as some zip archives unpack a folder)
  file("listonly/answers.json", answers(undefined));
  chmodSync(join(root, "listonly"), 0o444);
  add("listonly", { error: "cannot read" }, "a folder that can be listed but not entered");
  file("secret.json", answers({ id: "secret" }));
  chmodSync(join(root, "secret.json"), 0o000);
  add("secret", { error: "cannot read" }, "a file nobody may read");

  // encodings and what students paste
  file("utf16/answers.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(answers(undefined), "utf16le")]));
  add("utf16", "graded", "saved as UTF-16 by PowerShell");
  file("minus.json", withRawNumber({ id: "minus" }, '"\u22120.5"'));
  add("minus", "graded", "a pasted Unicode minus");
  file("comma.json", withRawNumber({ id: "comma" }, '"0,5"'));
  add("comma", "graded", "a decimal comma (that item invalid, the rest graded)");
  // a flood of expressions: about 9.5 MB of strings the expression parser would take
  const flood = JSON.parse(correct);
  flood.student = { id: "flood" };
  flood.answers.q5.J = Array.from({ length: 400_000 }, (_, i) => `(${i % 97}+1)/3`);
  file("flood.json", JSON.stringify(flood));
  add("flood", "graded", "a flood of expressions");
  // not JSON, and JSON that is not a submission
  file("broken.json", '{"answers": {"q1": ');
  add("broken", { error: "broken.json" }, "truncated JSON");
  file("array.json", "[1, 2, 3]");
  add("array", { error: "expected an object" }, "a bare array");
  return cases;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (target === undefined) throw new Error("usage: tsx test/hostile/corpus.ts DIR");
  for (const entry of makeHostileCorpus(target)) console.log(`${entry.id}\t${entry.what}`);
}
