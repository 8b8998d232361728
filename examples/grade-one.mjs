// Grades one submission through the public API and writes its HTML report.
//   node examples/grade-one.mjs [submission.json] [report.html]
// `import ... from "nngrade"` resolves through package.json's exports to
// the compiled dist/ (built by `npm ci`, or `npm run build`); a course that
// installs nngrade imports it the same way.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { gradeSubmission, loadAssignment, loadSubmission, renderHtml } from "nngrade";

const file = process.argv[2] ?? "fixtures/submissions/hw4-hyperparameters/correct-numpy.json";
const out = process.argv[3] ?? "reports/example.html";
const assignment = await loadAssignment("hw4-hyperparameters");
const submission = await loadSubmission(process.cwd(), file);
const result = gradeSubmission(assignment, submission);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, renderHtml(result));
console.log(`${result.student.id}: ${result.score}/${result.max_score} -> ${out}`);
