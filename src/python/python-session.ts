/**
 * A persistent Python worker for a reference written in plain numpy
 * (python/nngrade_worker.py), called synchronously: a reference's solve is
 * synchronous, so each call posts one JSON line to a thread that owns the
 * process (bridge-worker.js) and sleeps on a shared flag until the answer
 * line is back. One process per reference module, started on first use and
 * kept for the life of the program. An edge of the library (a process and a
 * thread): the grading core never imports it.
 */
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { NngradeError, ReferenceUnavailableError } from "../errors.ts";
import { PACKAGE_ROOT } from "../package-root.ts";
import { parseSubmissionText } from "../rubric/json.ts";
import type { Value } from "../value.ts";

/** how long one call may take before the worker is called stuck */
export const PYTHON_TIMEOUT_DEFAULT_MS = 120_000;

export interface PythonSessionOptions {
  /** the interpreter; `python3` on PATH by default (NNGRADE_PYTHON overrides) */
  python?: string;
  /** the folder the module runs in (its relative files); the module's own by default */
  cwd?: string;
  timeoutMs?: number;
}

/** a traceback under a message, indented, at most its last 40 lines */
function indented(traceback: string): string {
  const lines = traceback.trimEnd().split("\n");
  // no frame of the TA's own: the message says it all
  if (!lines.some((line) => line.trimStart().startsWith("File "))) return "";
  return `\n${lines.slice(-40).map((line) => `    ${line}`).join("\n")}`;
}

/** what a TA or student is told when the reference's python cannot run */
const NEEDS_PYTHON = " (this assignment's reference needs python3 with numpy, or NNGRADE_PYTHON naming one, for error carried forward and per-student variants)";

/** A failure inside the course's Python code, with its traceback for the TA. */
export class PythonError extends NngradeError {
  readonly traceback: string;
  constructor(message: string, traceback: string) {
    // the reference's fault, never the student's: a command exits 1 for it, as for a broken rubric
    super("reference", message);
    this.traceback = traceback;
  }
}

type Answer = { id: number; ok: true; value: Value } | { id: number; ok: false; error: { type: string; message: string; where?: string; traceback: string } };
type Message = { line: string } | { exited: string; stderr: string };

/** One Python process running one reference module. */
export class PythonSession {
  readonly module: string;
  readonly #worker: Worker;
  readonly #port: MessageChannel["port1"];
  readonly #flag = new Int32Array(new SharedArrayBuffer(4));
  readonly #timeoutMs: number;
  #next = 1;

  constructor(module: string, options: PythonSessionOptions = {}) {
    this.module = resolve(module);
    this.#timeoutMs = options.timeoutMs ?? PYTHON_TIMEOUT_DEFAULT_MS;
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    const workerData = {
      python: options.python ?? process.env.NNGRADE_PYTHON ?? "python3",
      script: join(PACKAGE_ROOT, "python", "nngrade_worker.py"),
      module: this.module,
      cwd: options.cwd ?? dirname(this.module),
      port: port2,
      flag: this.#flag.buffer,
    };
    // plain JavaScript in src/, the same file from the sources and compiled
    this.#worker = new Worker(pathToFileURL(join(PACKAGE_ROOT, "src", "python", "bridge-worker.js")), { workerData, transferList: [port2] });
    // the session never keeps a finished program alive
    this.#worker.unref();
    this.#port.unref();
  }

  /** sends one request and waits for its answer; a Python exception is a PythonError with the TA's traceback */
  call(request: Record<string, unknown>): Value {
    const id = this.#next++;
    Atomics.store(this.#flag, 0, 0);
    // NaN and infinities as Python's json reads them
    this.#port.postMessage(JSON.stringify({ id, ...request }, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? `__nonfinite__${v}` : v)).replace(/"__nonfinite__(NaN|-?Infinity)"/g, "$1"));
    for (;;) {
      const message = receiveMessageOnPort(this.#port)?.message as Message | undefined;
      if (message === undefined) {
        if (Atomics.wait(this.#flag, 0, 0, this.#timeoutMs) === "timed-out") {
          throw new ReferenceUnavailableError(`${this.module}: no answer from python within ${this.#timeoutMs / 1000} s`);
        }
        Atomics.store(this.#flag, 0, 0);
        continue;
      }
      if ("exited" in message) {
        // the traceback's last line says what went wrong (a SyntaxError, a missing module)
        // the traceback's last line says what went wrong (a SyntaxError, a missing module); a python that is not there, or
        // has no numpy, is told what the assignment needs
        const last = message.stderr.trim().split("\n").at(-1) ?? "";
        const missing = message.exited.startsWith("could not start") || /No module named 'numpy'/.test(message.stderr);
        // the worker writes the module's own frames last (a SyntaxError's line and caret have no "Traceback" header)
        const traceback = message.stderr.includes("Traceback") ? message.stderr.slice(message.stderr.lastIndexOf("Traceback")) : message.stderr.split("\n").slice(-6).join("\n");
        const detail = missing ? "" : indented(traceback);
        throw new ReferenceUnavailableError(`${this.module}: ${message.exited}${last === "" ? "" : `: ${last}`}${missing ? NEEDS_PYTHON : detail}`, message.stderr);
      }
      const answer = parseSubmissionText(message.line, `${this.module} (python worker)`) as Answer;
      // an answer to an earlier call that timed out: not this one's
      if (answer.id !== id) continue;
      if (answer.ok) return answer.value;
      // the TA's own frames under the message: where in their code it failed
      const { type, message: said, where, traceback } = answer.error;
      throw new PythonError(`${this.module}: ${where ? `${where}: ` : ""}${type}: ${said}${indented(traceback)}`, traceback);
    }
  }

  /** ends the Python process */
  close(): void {
    this.#port.postMessage("close");
  }
}
