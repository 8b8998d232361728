// The thread that owns a Python worker process (python/nngrade_worker.py)
// for python-session.ts. A reference's solve is synchronous, so the calling
// thread posts a request, then sleeps on a shared flag (Atomics.wait) until
// this thread has the answer line and wakes it; this thread does the
// process's asynchronous I/O. Plain JavaScript: it imports nothing of
// nngrade, so it runs the same from the sources and compiled.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { workerData } from "node:worker_threads";

const { python, script, module, cwd, port, flag } = workerData;
const signal = new Int32Array(flag);
const child = spawn(python, [script, module], { cwd, stdio: ["pipe", "pipe", "pipe"] });
let stderr = "";
let exited = null;

function wake(message) {
  port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

child.stderr.setEncoding("utf8");
child.stderr.on("data", (chunk) => {
  // the last 20,000 characters: a traceback, what the module printed
  stderr = (stderr + chunk).slice(-20_000);
});
createInterface({ input: child.stdout }).on("line", (line) => wake({ line }));
child.on("error", (error) => {
  exited = `could not start ${python}: ${error.message}`;
  wake({ exited, stderr });
});
child.on("exit", (code, sig) => {
  exited = `python exited (${sig ?? `code ${code}`})`;
  wake({ exited, stderr });
});
port.on("message", (request) => {
  if (request === "close") {
    child.stdin.end();
    port.close();
    return;
  }
  if (exited !== null) return wake({ exited, stderr });
  child.stdin.write(`${request}\n`);
});
