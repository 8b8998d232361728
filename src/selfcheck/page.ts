/**
 * The self-check page's script (bundled for the browser into the page by
 * `nngrade build --student --html`): the student picks, drops or pastes
 * their answers.json, and the page grades it from the student bundle inlined
 * beside this script, with the same grading core as `nngrade check`
 * (core.ts), and shows the same report. No request leaves the page: the
 * bundle is in it, and its Content-Security-Policy allows no connection.
 */
import { bundleAssignment, gradeSubmission, renderHtml, type StudentBundle, submissionFromBytes } from "../core.ts";
import { parseSubmissionText } from "../rubric/json.ts";
import { IDS } from "./page-ids.ts";

/**
 * The little of the DOM this script touches, declared here: the project
 * compiles for Node (no "dom" lib), and this one file runs in a page.
 */
interface PageElement {
  textContent: string | null;
  className: string;
  hidden: boolean;
  value: string;
  srcdoc: string;
  files?: ArrayLike<PageFile> | null;
  dataset: Record<string, string | undefined>;
  classList: { add(name: string): void; remove(name: string): void };
  addEventListener(type: string, listener: (event: PageEvent) => void): void;
  removeAttribute(name: string): void;
}
interface PageFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}
interface PageEvent {
  target: unknown;
  preventDefault(): void;
  dataTransfer?: { files?: ArrayLike<PageFile> } | null;
}
declare const document: { getElementById(id: string): PageElement | null };

function element<T extends PageElement = PageElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

/** the bundle the page was built with: parsed as nngrade reads files (NaN and infinities kept) */
function readBundle(): StudentBundle {
  return parseSubmissionText(element(IDS.bundle).textContent ?? "", "bundle") as StudentBundle;
}

function say(text: string, kind: "info" | "error"): void {
  const status = element(IDS.status);
  status.textContent = text;
  status.className = kind;
}

/** grades one submission's bytes and shows the report; any error is shown as the command line words it */
function check(bundle: StudentBundle, bytes: Uint8Array, name: string): void {
  const report = element(IDS.report);
  try {
    const submission = submissionFromBytes(bytes, name);
    const typed = element(IDS.student).value.trim();
    // per-student numbers: the id typed on the page, else the one the file names
    const studentId = bundle.variants === "per-student" ? typed || submission.student.id : undefined;
    if (bundle.variants === "per-student" && !studentId) {
      say("this assignment gives each student their own numbers: type your student id above", "error");
      return;
    }
    if (submission.assignment !== undefined && submission.assignment !== bundle.assignment.id) {
      say(`${name}: this page checks ${bundle.assignment.id}, but the file is for ${submission.assignment.slice(0, 60)}`, "error");
      return;
    }
    const result = gradeSubmission(bundleAssignment(bundle, studentId), submission, { scope: "visible", variant: bundle.variants });
    // the report is a document of its own: shown in a frame that runs nothing; data-loaded names the file once it shows
    delete report.dataset.loaded;
    report.dataset.for = name;
    report.srcdoc = renderHtml(result);
    report.hidden = false;
    report.dataset.score = String(result.score);
    report.dataset.maxScore = String(result.max_score);
    say(`${name}: ${result.score}/${result.max_score} on what this page can check`, "info");
  } catch (error) {
    report.hidden = true;
    report.removeAttribute("srcdoc");
    say((error as Error).message, "error");
  }
}

function start(): void {
  let bundle: StudentBundle;
  try {
    bundle = readBundle();
  } catch (error) {
    say(`this page's bundle cannot be read: ${(error as Error).message}`, "error");
    return;
  }
  const ids = Object.keys(bundle.students ?? {});
  const studentRow = element(IDS.studentRow);
  const student = element(IDS.student);
  studentRow.hidden = bundle.variants !== "per-student";
  // a page built for one student knows who it is for
  if (ids.length === 1) student.value = ids[0] as string;

  const report = element(IDS.report);
  report.addEventListener("load", () => {
    report.dataset.loaded = report.dataset.for;
  });
  const readFile = async (file: PageFile) => check(bundle, new Uint8Array(await file.arrayBuffer()), file.name);
  element(IDS.file).addEventListener("change", (event) => {
    const file = (event.target as PageElement).files?.[0];
    if (file) void readFile(file);
  });
  const drop = element(IDS.drop);
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    const file = event.dataTransfer?.files?.[0];
    if (file) void readFile(file);
  });
  element(IDS.check).addEventListener("click", () => {
    const text = element(IDS.paste).value;
    check(bundle, new TextEncoder().encode(text), "pasted answers");
  });
  say("choose, drop or paste your answers.json", "info");
}

start();
