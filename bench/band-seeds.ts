/**
 * How many seeds does a band need? For each band item of an assignment's
 * shipped reference runs, the band built from the first K of its seeds for
 * growing K, and how far its edges still move: a stable cell's edges settle
 * by K = 10-15, a chaotic one's keep moving (a stall seen for the first time
 * drags its lower edge down). Reads the shipped cache only; trains nothing.
 *
 *   node --import tsx bench/band-seeds.ts hw3b-hyperparameter-optimization t2
 *   node --import tsx bench/band-seeds.ts hw4-hyperparameters q9
 *
 * Prints, per item, the lower and upper edge at K = 10, 15, 20, 25, 30 (as
 * many as there are seeds) and the largest move of either edge over the last
 * 10 seeds; the items whose edges move most come first. docs/bands.md says
 * which K each task got from this.
 */
import { bandOf } from "../src/compare/band.ts";
import { loadAssignment } from "../src/grade/assignment.ts";

const [assignmentId, taskId] = process.argv.slice(2);
if (assignmentId === undefined || taskId === undefined) throw new Error("usage: bench/band-seeds.ts <assignment> <task>");
const assignment = await loadAssignment(assignmentId);
const solution = assignment.solutions.get(taskId);
if (solution?.bands === undefined) throw new Error(`${assignmentId} ${taskId}: no bands`);
const items = assignment.plan.tasks.find((task) => task.id === taskId)?.items ?? [];

const rows: { path: string; edges: string; moved: number }[] = [];
for (const [path, { samples }] of Object.entries(solution.bands)) {
  const item = items.find((candidate) => candidate.path === path);
  const options = item?.mode === "band" ? item.options : {};
  const ks = [10, 15, 20, 25, 30, 40, 60].filter((k) => k <= samples.length);
  if (ks.length === 0) continue;
  const bands = ks.map((k) => bandOf(samples.slice(0, k), options));
  const last = bands.at(-1)!;
  const earlier = bands.filter((_, i) => ks[i]! >= ks.at(-1)! - 10);
  const moved = Math.max(...earlier.map((b) => Math.max(Math.abs(b.low - last.low), Math.abs(b.high - last.high))));
  rows.push({ path, edges: bands.map((b, i) => `K${ks[i]} ${b.low.toFixed(3)}-${b.high.toFixed(3)}`).join("  "), moved });
}
rows.sort((a, b) => b.moved - a.moved);
for (const row of rows) console.log(`${row.path.padEnd(28)} moved ${row.moved.toFixed(3)}  ${row.edges}`);
