/**
 * A page's use of the grading core (src/core.ts): a toy assignment made in
 * memory, a submission read from its text, graded and rendered.
 * browser-core.test.ts runs it from the sources and from the core bundled
 * for a browser, and the two must agree byte for byte.
 */
import { assignmentFrom, gradeSubmission, parseSubmissionText, type Reference, renderHtml, renderJson, type Rubric } from "../../src/core.ts";

const rubric: Rubric = {
  format: "nngrade/rubric@1",
  id: "toy-browser",
  title: "A toy graded in a page",
  tasks: [
    {
      id: "t1",
      title: "a sum and a run",
      points: 3,
      items: [
        { answer: "total", points: 1, compare: { mode: "relabs", rtol: 1e-9, atol: 1e-12 } },
        { answer: "share", points: 1, compare: { mode: "relabs", rtol: 1e-9, atol: 1e-12 } },
        { answer: "loss", points: 1, compare: { mode: "relabs", rtol: 1e-6, atol: 1e-9 } },
      ],
    },
    { id: "t2", title: "doubled", points: 1, items: [{ answer: "doubled", points: 1, compare: { mode: "array" } }] },
  ],
};

const sum = (inputs: unknown) => (inputs as { x: number[] }).x.reduce((total, value) => total + value, 0);

const reference: Reference = {
  id: rubric.id,
  title: rubric.title,
  defaultInputs: () => ({ t1: { x: [1, 2, 3] }, t2: { x: [1, 2, 3] } }),
  tasks: [
    {
      id: "t1",
      solve: (inputs, _upstream, { cache }) => ({
        answers: { total: sum(inputs), share: 1 / sum(inputs), loss: cache.get({ run: "t1", x: (inputs as { x: number[] }).x }, () => Math.exp(-sum(inputs))) },
      }),
    },
    { id: "t2", solve: (inputs) => ({ answers: { doubled: (inputs as { x: number[] }).x.map((value) => 2 * value) } }) },
  ],
};

// a fraction, an expression (the parser's mathjs), right answers and a wrong one, and a name to escape
const TEXT = `{
  "student": { "id": "s1", "name": "Ada <b>Lovelace</b>" },
  "answers": { "t1": { "total": 6, "share": "1/6", "loss": "e^-6" }, "t2": { "doubled": [2, 4, 7] } }
}`;

export function gradeInPage(): { json: string; html: string } {
  const assignment = assignmentFrom(rubric, reference);
  const { student, answers } = parseSubmissionText(TEXT, "answers.json") as { student: { id: string; name: string }; answers: Record<string, unknown> };
  const result = gradeSubmission(assignment, { student, answers, source: "answers.json" }, { generatedAt: "2025-01-01T00:00:00Z" });
  return { json: renderJson(result), html: renderHtml(result) };
}
