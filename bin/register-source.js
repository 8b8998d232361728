// Loaders for this thread. registerSource: nngrade runs from its TypeScript
// sources (tsx, and "nngrade/..." names sent to src/); every thread that
// loads the sources calls it (the cli's main thread, the batch pool's and
// the rebuild's workers), since hooks are not inherited by worker threads
// on Node 20. registerForCourse: compiled nngrade loads a course's own
// TypeScript reference (tsx, and "nngrade/..." sent to dist/).
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

let registered = false;

function registerOnce(compiled) {
  if (registered) return;
  registered = true;
  register(new URL("./entry-resolve.js", import.meta.url), { data: { compiled } });
  registerTsx();
}

export function registerSource() {
  registerOnce(false);
}

export function registerForCourse() {
  registerOnce(true);
}
