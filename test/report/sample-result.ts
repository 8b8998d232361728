/**
 * A realistic graded hw4 submission for rendering tests and for looking at:
 * passes, a transposed grad_W, an error-carried-forward item, a missing and an
 * unreadable answer, curves with plots (one diverging to 1e271 and NaN).
 * Reference numbers are computed here from the handout's formulas; they feed
 * the renderers only and are never used as golden values.
 */
import type { Value } from "../../src/value.ts";
import type { GradeResult, ItemResult, TaskResult } from "../../src/result/types.ts";

const dJ = (w: number) => w ** 3 - 4 * w ** 2 + 3 * w;
const J = (w: number) => w ** 4 / 4 - (4 / 3) * w ** 3 + (3 / 2) * w ** 2;
const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** J after each epoch of gradient descent; python keeps going through inf and nan. */
function descend(w0: number, lr: number, epochs = 100): { w: number[]; J: number[] } {
  const ws: number[] = [];
  let w = w0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    w = w - lr * dJ(w);
    ws.push(w);
  }
  return { w: ws, J: ws.map(J) };
}

/** the reference stops a curve at its first non-finite value */
function untilDivergence(curve: number[]): number[] {
  const end = curve.findIndex((v) => !Number.isFinite(v));
  return end === -1 ? curve : curve.slice(0, end);
}

function adam(w0: number, eta: number, epochs = 100): number[] {
  const [rho1, rho2, delta] = [0.9, 0.999, 1e-8];
  let [w, m, v] = [w0, 0, 0];
  const curve: number[] = [];
  for (let t = 1; t <= epochs; t++) {
    const g = dJ(w);
    m = rho1 * m + (1 - rho1) * g;
    v = rho2 * v + (1 - rho2) * g * g;
    w -= (eta * (m / (1 - rho1 ** t))) / (Math.sqrt(v / (1 - rho2 ** t)) + delta);
    curve.push(J(w));
  }
  return curve;
}

function item(partial: Partial<ItemResult> & Pick<ItemResult, "id" | "status" | "score" | "max_score">): ItemResult {
  return { diagnosis: null, message: "", visibility: "visible", ...partial };
}

function pass(id: string, points: number, expected: Value, received: Value = expected): ItemResult {
  return item({ id, status: "pass", score: points, max_score: points, message: "matches the reference within tolerance", expected, received });
}

function curve(id: string, points: number, expected: number[], received: (number | null)[], label: string, rest: Partial<ItemResult> = {}): ItemResult {
  return item({
    id,
    status: "pass",
    score: points,
    max_score: points,
    message: "every point matches the reference within tolerance",
    expected,
    received,
    plot: { kind: "curve", expected, received, label },
    ...rest,
  });
}

function task(id: string, title: string, items: ItemResult[]): TaskResult {
  const sum = (pick: (i: ItemResult) => number) => items.reduce((total, i) => total + pick(i), 0);
  return { id, title, score: sum((i) => i.score), max_score: sum((i) => i.max_score), items };
}

// q2, q3: the handout's network
const X = [[1, 2, -1], [0, -4, -4]];
const z = [[0, 6, 6], [-23, -4, 14]];
const yhat = z.map((row) => {
  const exps = row.map(Math.exp);
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
});
const Y = [[1, 0, 0], [0, 1, 0]];
const gradZ = yhat.map((row, r) => row.map((p, c) => p - (Y[r]?.[c] ?? 0)));
const gradW = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (X[0]![i]! * gradZ[0]![j]! + X[1]![i]! * gradZ[1]![j]!) / 2));
const gradB = [0, 1, 2].map((j) => (gradZ[0]![j]! + gradZ[1]![j]!) / 2);
const transpose = (m: number[][]) => m[0]!.map((_, c) => m.map((row) => row[c]!));

const q5w = Array.from({ length: 71 }, (_, i) => round(-2 + i * 0.1, 1));
const q5 = q5w.map(J);
const q6Starts = [-1, 0.2, 0.9, 4];
const q6 = q6Starts.map((w0) => descend(w0, 0.1));
const q7Rates = [0.001, 0.01, 1.0, 5.0];
const q7 = q7Rates.map((lr) => descend(0.2, lr));
const q8 = adam(0.2, 5);

const q6Items = q6.flatMap((run, r) => {
  const finalW = run.w[99]!;
  const finalJ = run.J[99]!;
  const prefix = `q6.runs[${r}]`;
  if (r === 2) {
    // recorded J before each update: the whole curve lags one epoch behind
    const shifted = [J(q6Starts[r]!), ...run.J.slice(0, 99)];
    return [
      pass(`${prefix}.final_w`, 0.5, finalW, round(finalW, 6)),
      pass(`${prefix}.final_J`, 0.5, finalJ, round(finalJ, 6)),
      curve(`${prefix}.J`, 1, run.J, shifted.map((v) => round(v, 6)), "J per epoch", {
        status: "fail",
        score: 0,
        message: "97 of 100 points differ from the reference",
        diagnosis: { code: "shifted", message: "your curve matches the reference shifted by one epoch" },
        feedback: "record J after each epoch's update, not before it.",
      }),
    ];
  }
  return [
    pass(`${prefix}.final_w`, 0.5, finalW, round(finalW, 6)),
    pass(`${prefix}.final_J`, 0.5, finalJ, round(finalJ, 6)),
    curve(`${prefix}.J`, 1, run.J, run.J.map((v) => round(v, 6)), "J per epoch"),
  ];
});

const q7Items = q7.flatMap((run, r) => {
  const prefix = `q7.runs[${r}]`;
  const referenceJ = untilDivergence(run.J);
  const diverged = referenceJ.length < run.J.length;
  const finalW = diverged ? null : run.w[99]!;
  const finalJ = diverged ? null : run.J[99]!;
  const studentJ = run.J.map((v) => (Number.isFinite(v) ? v : Number.NaN));
  const items: ItemResult[] = [
    pass(`${prefix}.final_w`, 0.5, finalW),
    pass(`${prefix}.final_J`, 0.5, finalJ),
  ];
  if (r === 3) {
    items.push(
      item({ id: `${prefix}.diverged`, status: "missing", score: 0, max_score: 0.5, message: "no answer given", expected: true }),
      curve(`${prefix}.J`, 0.5, referenceJ, studentJ, "J per epoch", {
        message: "matches the reference until it diverges at epoch 6",
      }),
    );
  } else {
    items.push(pass(`${prefix}.diverged`, 0.5, false), curve(`${prefix}.J`, 0.5, referenceJ, run.J.map((v) => round(v, 8)), "J per epoch"));
  }
  return items;
});

export const sampleResult: GradeResult = {
  schema: "nngrade/result@1",
  assignment: "hw4-hyperparameters",
  assignment_title: "Assignment 4 - Exploring Hyperparameters",
  student: { id: "s1234567", name: "Ada Lovelace" },
  score: 0,
  max_score: 0,
  tasks: [
    task("q1", "one-hot", [pass("q1.onehot", 5, [[1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]])]),
    task("q2", "forward, fully connected to softmax", [
      pass("q2.z", 2.5, z),
      pass("q2.yhat", 2.5, yhat, [[0.001238, 0.499381, 0.499381], [0, 0, 1]]),
    ]),
    task("q3", "backward, cross-entropy", [
      pass("q3.grad_z", 2, gradZ, [[-0.998385, 0.498789, 0.498789], [0, -1, 1]]),
      item({
        id: "q3.grad_W",
        status: "fail",
        score: 0,
        max_score: 1.5,
        message: "6 of 9 elements differ; worst at [0][1] and [1][0]",
        diagnosis: { code: "transposed", message: "your matrix equals the transpose of the expected one" },
        feedback: "dJ/dW is X^T (dJ/dz) / N: check the order of the product.",
        expected: gradW,
        received: transpose(gradW).map((row) => row.map((v) => round(v, 7))),
      }),
      pass("q3.grad_b", 1.5, gradB, [-0.4991925, -0.2506055, 0.7493945]),
    ]),
    task("q4", "objective", [
      pass("q4.grad_at", 1.5, [-8, 0.625, -2]),
      item({
        id: "q4.extrema",
        status: "fail",
        score: 0,
        max_score: 2,
        message: "2 of 3 extrema match; 2 is not a root of dJ/dw",
        feedback: "factor dJ/dw = w (w - 1)(w - 3) and set each factor to zero.",
        expected: [0, 1, 3],
        received: [0, 1, 2],
      }),
      item({
        id: "q4.J_at_extrema",
        status: "ecf",
        score: 1.5,
        max_score: 1.5,
        message: "consistent with your own extrema [0, 1, 2]",
        expected: [0, 5 / 12, -9 / 4],
        received: [0, 5 / 12, -2 / 3],
      }),
      pass("q4.kinds", 1, ["min", "max", "min"]),
    ]),
    task("q5", "plot J", [curve("q5.J", 2, q5, q5.map((v) => round(v, 4)), "J(w), w from -2 to 5")]),
    task("q6", "initialisation", q6Items),
    task("q7", "learning rate", q7Items),
    task("q8", "Adam", [
      item({
        id: "q8.J",
        status: "partial",
        score: 1.5,
        max_score: 3,
        message: "the curve converges, but to a different value than the reference",
        visibility: "hidden",
        received: q8.map((v) => round(v * 1.01, 6)),
      }),
      pass("q8.final_w", 1.5, 3, 3.000001),
      item({
        id: "q8.final_J",
        status: "invalid",
        score: 0,
        max_score: 1.5,
        message: "could not read \"0.4.2\" as a number",
        feedback: "write a number, a fraction such as \"5/12\" or a short expression.",
        expected: J(3),
        received: "0.4.2",
      }),
    ]),
  ],
  flags: [
    { code: "diverged-unreported", message: "q7: the lr 5.0 run reaches 1e+271 and then NaN, but diverged is not answered" },
  ],
  source: "submissions/hw4/s1234567.json",
  generated_at: "2024-03-01T12:00:00.000Z",
};
sampleResult.score = sampleResult.tasks.reduce((total, t) => total + t.score, 0);
sampleResult.max_score = sampleResult.tasks.reduce((total, t) => total + t.max_score, 0);
