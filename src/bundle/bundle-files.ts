/**
 * A student bundle on disk: `nngrade build --student --out DIR` writes
 *
 *   DIR/bundle.json          the handout's variant (every student's, with a roster)
 *   DIR/inputs.json          the handout's inputs, for students to read
 *   DIR/students/<id>.json   with a roster: one student's bundle, their variant alone
 *
 * and `nngrade check --bundle DIR` reads the student's own file where there
 * is one, else bundle.json. Files are written atomically; a bundle that is
 * not one is refused with the file and what was expected.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../atomic-write.ts";
import { NngradeError } from "../errors.ts";
import { readRegularFileSync } from "../rubric/read-file.ts";
import { parseSubmissionText } from "../rubric/json.ts";
import { toPythonJson } from "../result/python-json.ts";
import { isValueObject } from "../value.ts";
import { oneStudentsBundle, STUDENT_BUNDLE_FORMAT, type StudentBundle } from "./student-bundle.ts";

/** a bundle holds every visible band's runs: far more than a submission, far less than this */
const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

/** a student id as a file name: letters, digits and . _ @ - kept, anything else _, never a dot file */
export function studentFileName(studentId: string): string {
  const safe = studentId.replace(/[^A-Za-z0-9._@-]/g, "_").replace(/^\.+/, "_");
  return `${safe.slice(0, 120) || "_"}.json`;
}

/** writes the bundle's files into `folder`; answers the paths written, relative to it */
export async function writeStudentBundle(folder: string, bundle: StudentBundle): Promise<string[]> {
  const written: string[] = [];
  const write = async (name: string, value: unknown) => {
    // bundles are read by programs: compact; inputs.json is for people
    await writeFileAtomic(join(folder, name), `${toPythonJson(value, name === "inputs.json" ? 1 : undefined)}\n`);
    written.push(name);
  };
  // every student's file name first: a clash found halfway would leave half a bundle behind
  const names = new Map<string, string>();
  for (const id of Object.keys(bundle.students ?? {})) {
    const name = studentFileName(id);
    const other = names.get(name);
    // two ids one file name would hand one student another's numbers
    if (other !== undefined) throw new NngradeError("input", `students "${other}" and "${id}" would share the file students/${name}: make their ids differ in letters or digits`);
    names.set(name, id);
  }
  await write("bundle.json", bundle);
  await write("inputs.json", { assignment: bundle.assignment.id, inputs: bundle.handout.inputs });
  for (const [name, id] of names) await write(`students/${name}`, oneStudentsBundle(bundle, id));
  return written;
}

/**
 * The bundle `given` names for this student: a bundle file, or a folder
 * `nngrade build --student` wrote (the student's own file in students/ when
 * there is one, else bundle.json).
 */
export function readStudentBundle(path: string, studentId: string | undefined, given: string): StudentBundle {
  return readStudentBundleAt(path, studentId, given).bundle;
}

/** the bundle, and the folder nngrade build wrote it into (where its solver/ is, when it has one) */
export function readStudentBundleAt(path: string, studentId: string | undefined, given: string): { bundle: StudentBundle; folder: string } {
  let file = path;
  let shown = given;
  if (existsSync(path) && statSync(path).isDirectory()) {
    const own = studentId === undefined ? undefined : join("students", studentFileName(studentId));
    const name = own !== undefined && existsSync(join(path, own)) ? own : "bundle.json";
    file = join(path, name);
    shown = join(given, name);
  }
  let parsed: unknown;
  try {
    parsed = parseSubmissionText(new TextDecoder("utf-8", { fatal: true }).decode(readRegularFileSync(file, shown, MAX_BUNDLE_BYTES)), shown, { maxBytes: MAX_BUNDLE_BYTES });
  } catch (error) {
    if (error instanceof NngradeError) throw error;
    throw new NngradeError("input", `${shown}: cannot read the bundle (${(error as Error).message})`, { cause: error });
  }
  const bundle = checkedBundle(parsed, shown);
  // a student's own file lies in students/ of the folder build wrote
  const here = dirname(file);
  const folder = bundle.solver !== undefined && !existsSync(join(here, bundle.solver.module)) ? dirname(here) : here;
  return { bundle, folder };
}

/** the parts every bundle has, checked before grading trusts them */
function checkedBundle(value: unknown, shown: string): StudentBundle {
  const problem = (what: string) => new NngradeError("input", `${shown}: ${what}`);
  if (!isValueObject(value as never)) throw problem("expected a student bundle (an object), as nngrade build --student writes");
  const bundle = value as Partial<StudentBundle>;
  const format: unknown = bundle.format;
  if (format !== STUDENT_BUNDLE_FORMAT) throw problem(`format: expected "${STUDENT_BUNDLE_FORMAT}"${typeof format === "string" ? `, got "${format.slice(0, 60)}"` : ""}`);
  if (!isValueObject(bundle.assignment as never) || typeof bundle.assignment?.id !== "string") throw problem("assignment: expected { id, title, rubric_sha256 }");
  if (!isValueObject(bundle.rubric as never)) throw problem("rubric: expected the rubric the self-check grades with");
  if (!isValueObject(bundle.handout as never) || !isValueObject(bundle.handout?.solutions as never)) throw problem("handout: expected { inputs, solutions }");
  if (bundle.variants !== "default" && bundle.variants !== "per-student") throw problem('variants: expected "default" or "per-student"');
  if (bundle.students !== undefined && !isValueObject(bundle.students as never)) throw problem("students: expected an object of variants by student id");
  if (!Array.isArray(bundle.at_grading)) throw problem("at_grading: expected a list of the items graded at grading");
  return bundle as StudentBundle;
}
