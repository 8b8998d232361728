/**
 * `nngrade new`: the files of a new assignment in a course's own folder, in
 * one of the three ways to give its reference (Python, a JSON answer key,
 * TypeScript through nngrade/authoring). The scaffold works at once:
 * `npx nngrade test <id>` passes on it. One task, forward, one dense layer Z = XW + b, with numbers a
 * person checks by hand.
 */

/** how the scaffold gives its reference */
export type ScaffoldMode = "python" | "key" | "typescript";

/** what the scaffold is made for */
export interface ScaffoldOptions {
  id: string;
  mode: ScaffoldMode;
  /** the nngrade version range the course's package.json depends on */
  nngradeVersion: string;
}

// by hand: Z[0][0] = 1 * 0.5 + 2 * 1 + -1 * -2 + 0.1 = 4.6, and so on
const INPUTS = {
  X: [
    [1, 2, -1],
    [0, -1, 3],
  ],
  W: [
    [0.5, -1],
    [1, 0],
    [-2, 1],
  ],
  b: [0.1, -0.2],
};
const Z = [
  [4.6, -2.2],
  [-6.9, 2.8],
];

function rubric(id: string, mode: ScaffoldMode): string {
  const source = mode === "key" ? { key: "key.json" } : {};
  const doc = {
    format: "nngrade/rubric@1",
    id,
    title: `${id}: one dense layer`,
    ...source,
    tasks: [
      {
        id: "forward",
        title: "Forward pass Z = XW + b",
        points: 2,
        items: [
          {
            answer: "Z",
            points: 2,
            compare: { mode: "array", element: { mode: "relabs", rtol: 1e-6, atol: 1e-9 } },
            feedback: { fail: "Z = X @ W + b, one row per sample.", diagnosis: { transposed: "one row per sample, one column per unit." } },
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

const PYTHON = `"""The reference of this assignment, in plain numpy.

nngrade runs inputs() and one solve_<task>(inputs, upstream) per task in a
Python worker. upstream holds a student's own earlier answers by item id
("forward.Z") when an item with depends_on is graded with error carried
forward.
"""
import numpy as np


def inputs(seed=None):
    """the handout's inputs by task; given a seed, one student's (per-student variants)"""
    return {"forward": ${JSON.stringify(INPUTS)}}


def solve_forward(inputs, upstream):
    X, W, b = (np.array(inputs[k], dtype=float) for k in ("X", "W", "b"))
    return {"Z": X @ W + b}
`;

const TYPESCRIPT = `import { defineAssignment, type TaskSolution } from "nngrade/authoring";

type Inputs = { forward: { X: number[][]; W: number[][]; b: number[] } };

/** Z = XW + b, row by row */
function dense({ X, W, b }: Inputs["forward"]): number[][] {
  return X.map((row) => b.map((bias, j) => row.reduce((sum, x, k) => sum + x * (W[k]?.[j] ?? 0), bias)));
}

export default defineAssignment<Inputs>({
  id: "{{id}}",
  title: "{{id}}: one dense layer",
  defaultInputs: () => ({ forward: ${JSON.stringify(INPUTS)} }),
  tasks: {
    forward: { id: "forward", solve: (inputs): TaskSolution => ({ answers: { Z: dense(inputs) } }) },
  },
});
`;

function submission(id: string, student: string, z: number[][]): string {
  return `${JSON.stringify({ assignment: id, student: { id: student }, answers: { forward: { Z: z } } }, null, 2)}\n`;
}

function readme(id: string, mode: ScaffoldMode): string {
  const reference = { python: `${id}.py, in plain numpy`, key: "key.json, the expected answers as the solution notebook writes them", typescript: `${id}.ts, through nngrade/authoring` }[mode];
  return `# ${id}

The course staff's folder for this assignment: its rubric (\`${id}.json\`),
its reference (${reference}) and fixtures (\`fixtures/\`: submissions, each
with the verdicts it must get in \`<name>.expect.json\`).

\`\`\`sh
npx nngrade test ${id}                 # the assignment's own test (fixtures/ beside the rubric): exit 1 on any failure
npx nngrade check fixtures/correct.json -a ${id}
npx nngrade grade submissions/ -a ${id} -o reports/
${mode === "key" ? "" : `npx nngrade reference ${id} --rebuild   # keeps the reference's answers in cache/, shipped with the assignment\n`}npx nngrade gradescope build ${id} -o autograder.zip
\`\`\`

Run them here, or anywhere up to two folders above: nngrade finds the
assignment by its id. nngrade itself is the dependency in \`package.json\`
(\`npm install\` here, unless the folder above already has it installed).

How to write rubrics and references: nngrade's docs/authoring.md.
`;
}

/** The scaffold's files, by path inside the new folder. */
export function scaffoldFiles(options: ScaffoldOptions): Map<string, string> {
  const { id, mode } = options;
  const files = new Map<string, string>();
  const manifest = { name: `${id}-course`, private: true, type: "module", scripts: { test: `nngrade test ${id}` }, dependencies: { nngrade: options.nngradeVersion } };
  files.set("package.json", `${JSON.stringify(manifest, null, 2)}\n`);
  files.set("README.md", readme(id, mode));
  files.set(`${id}.json`, rubric(id, mode));
  if (mode === "python") files.set(`${id}.py`, PYTHON);
  if (mode === "typescript") files.set(`${id}.ts`, TYPESCRIPT.replaceAll("{{id}}", id));
  if (mode === "key") files.set("key.json", submission(id, "key", Z));
  files.set("fixtures/correct.json", submission(id, "correct", Z));
  files.set("fixtures/correct.expect.json", `${JSON.stringify({ "forward.Z": "pass" }, null, 2)}\n`);
  // a typical mistake, and the diagnosis it must get
  files.set("fixtures/transposed.json", submission(id, "transposed", Z[0]!.map((_, j) => Z.map((row) => row[j]!))));
  files.set("fixtures/transposed.expect.json", `${JSON.stringify({ "forward.Z": { status: "fail", diagnosis: "transposed" } }, null, 2)}\n`);
  return files;
}
