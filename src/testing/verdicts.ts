/**
 * Assertions on an assignment's verdicts: what a graded submission must get
 * item by item (a status, and where it matters a diagnosis code), as a TA
 * pins the fixtures of an assignment. Framework-agnostic: the problems come
 * back as sentences, and expectVerdicts throws an Error listing them.
 */
import type { GradeResult, ItemResult, ItemStatus } from "../result/types.ts";

/** One item's expected verdict: a status, or a status and the diagnosis code it must carry (null: none). */
export type ExpectedVerdict = ItemStatus | { status: ItemStatus; diagnosis?: string | null };

/** expected verdicts by item id ("q3.grad_W", "q6.runs[2].final_w") */
export type ExpectedVerdicts = Record<string, ExpectedVerdict>;

/** Where `result` differs from `expected`: one sentence per item; empty when every verdict is as expected. */
export function verdictProblems(result: GradeResult, expected: ExpectedVerdicts): string[] {
  const items = new Map<string, ItemResult>(result.tasks.flatMap((task) => task.items.map((item) => [item.id, item] as const)));
  const problems: string[] = [];
  for (const [id, verdict] of Object.entries(expected)) {
    const item = items.get(id);
    const want = typeof verdict === "string" ? { status: verdict } : verdict;
    if (item === undefined) {
      problems.push(`${id}: no such item in the result`);
      continue;
    }
    if (item.status !== want.status) problems.push(`${id}: expected ${want.status}, got ${item.status} (${item.message})`);
    if (want.diagnosis !== undefined) {
      const code = item.diagnosis?.code ?? null;
      if (code !== want.diagnosis) problems.push(`${id}: expected diagnosis ${want.diagnosis ?? "none"}, got ${code ?? "none"}`);
    }
  }
  return problems;
}

/** Throws an Error listing every verdict of `result` that differs from `expected`. */
export function expectVerdicts(result: GradeResult, expected: ExpectedVerdicts): void {
  const problems = verdictProblems(result, expected);
  if (problems.length > 0) throw new Error(`${result.student.id}: ${problems.length} verdict${problems.length === 1 ? "" : "s"} differ:\n  ${problems.join("\n  ")}`);
}
