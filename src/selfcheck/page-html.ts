/**
 * The self-check page as one file: its script, styles and the student
 * bundle inline, and a Content-Security-Policy that lets the page run its
 * own script (by hash) and nothing else, and connect nowhere. Opened from
 * file:// or a course site alike.
 */
import { createHash } from "node:crypto";
import { deferredSummary, type StudentBundle } from "../bundle/student-bundle.ts";
import { toPythonJson } from "../result/python-json.ts";
import { IDS } from "./page-ids.ts";

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; color: #1d1d1f; }
h1 { font-size: 1.35rem; margin: 0.5rem 0; }
.lede { color: #444; margin: 0 0 1rem; }
#drop-zone { border: 2px dashed #8a8a8a; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
#drop-zone.over { border-color: #0b57d0; background: #eef4ff; }
label { font-weight: 600; display: block; margin: 0.5rem 0 0.25rem; }
textarea { width: 100%; min-height: 6rem; font: 13px ui-monospace, monospace; box-sizing: border-box; }
button { font: inherit; padding: 0.35rem 0.9rem; margin-top: 0.5rem; }
#status { padding: 0.5rem 0.75rem; border-radius: 6px; white-space: pre-wrap; }
#status.error { background: #fdecea; color: #8c1d18; }
#status.info { background: #eef4ff; color: #0b3d91; }
#report { width: 100%; height: 80vh; border: 1px solid #ccc; border-radius: 6px; margin-top: 1rem; }
.later { color: #444; font-size: 0.95em; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/** JSON inside a <script> element: nothing in it may close the element or open a comment */
function scriptSafe(json: string): string {
  return json.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

/** the whole page: `script` is the bundled page.ts, `bundle` what it grades from */
export function selfCheckPage(bundle: StudentBundle, script: string): string {
  const title = `${bundle.assignment.title} (${bundle.assignment.id}): self-check`;
  const deferred = deferredSummary(bundle);
  const later =
    deferred.count === 0
      ? ""
      : `<p class="later">Graded only by your TA, not here: ${deferred.count} item(s), ${deferred.points} point(s) (${escapeHtml(deferred.ids.join(", "))}). Where an answer builds on an earlier wrong one, whether it follows from your own value is also checked by your TA.</p>`;
  // a script element's text is raw: the bundled code must not close it early
  const code = script.replace(/<\/(script)/gi, "<\\/$1");
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${sha256(code)}'`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p class="lede">Check your answers before you hand them in. Everything happens in this page: your file is not sent anywhere.</p>
${later}
<div id="${IDS.studentRow}" hidden>
<label for="${IDS.student}">Your student id (each student has their own numbers)</label>
<input id="${IDS.student}" autocomplete="off" spellcheck="false">
</div>
<div id="${IDS.drop}">
<label for="${IDS.file}">Your answers.json: choose it, or drop it here</label>
<input type="file" id="${IDS.file}" accept=".json,application/json">
<label for="${IDS.paste}">or paste it</label>
<textarea id="${IDS.paste}" spellcheck="false"></textarea>
<button type="button" id="${IDS.check}">Check pasted answers</button>
</div>
<p id="${IDS.status}" role="status" aria-live="polite"></p>
<iframe id="${IDS.report}" title="your report" sandbox hidden></iframe>
</main>
<script type="application/json" id="${IDS.bundle}">${scriptSafe(toPythonJson(bundle))}</script>
<script>${code}</script>
</body>
</html>
`;
}
