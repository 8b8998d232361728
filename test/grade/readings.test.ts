import { describe, expect, it } from "vitest";
import type { PlannedItem } from "../../src/grade/plan.ts";
import { chooseReadings, readingNote, withReadings } from "../../src/grade/readings.ts";
import type { TaskSolution } from "../../src/grade/reference.ts";
import type { Value } from "../../src/value.ts";

/** a band of many seeds tightly around `center` */
const around = (center: number) => ({ samples: Array.from({ length: 20 }, (_, i) => center + (i % 5) * 0.001 - 0.002) });

const item = (path: string): PlannedItem => ({
  taskId: "e4",
  id: `e4.${path}`,
  path,
  pattern: path,
  pointsMicro: 1_000_000,
  mode: "band",
  options: {},
  visibility: "visible",
  dependsOn: [],
  ecfCredit: 1,
  diagnosisCredit: {},
  feedback: {},
});

const items = [item("depth[0]"), item("depth[1]")];
const solution: TaskSolution = {
  answers: { depth: [0.92, 0.93] },
  bands: { "depth[0]": around(0.92), "depth[1]": around(0.93) },
  readings: [{ id: "shifted", note: "the other count", bands: { "depth[0]": around(0.9), "depth[1]": around(0.92) } }],
};
const assignment = { solutions: new Map([["e4", solution]]) };
const answers = (values: Record<string, Value>) => (id: string) => values[id];

describe("other readings of a handout", () => {
  it("keeps the main reading for answers that fit it, and never mixes the two", () => {
    expect(chooseReadings(assignment, items, answers({ "e4.depth[0]": 0.92, "e4.depth[1]": 0.93 })).size).toBe(0);
    // one answer of each reading fits neither as a whole
    expect(chooseReadings(assignment, items, answers({ "e4.depth[0]": 0.9, "e4.depth[1]": 0.93 })).size).toBe(0);
    // a missing answer leaves the main reading
    expect(chooseReadings(assignment, items, answers({ "e4.depth[0]": 0.9 })).size).toBe(0);
  });

  it("grades answers that fit the other reading as a whole against its bands, and says so", () => {
    const chosen = chooseReadings(assignment, items, answers({ "e4.depth[0]": 0.9, "e4.depth[1]": 0.92 }));
    expect(chosen.get("e4")?.id).toBe("shifted");
    const read = withReadings(assignment, chosen);
    expect(read.solutions.get("e4")?.bands?.["depth[0]"]).toEqual(around(0.9));
    // the reference's own solution is left as it was
    expect(solution.bands?.["depth[0]"]).toEqual(around(0.92));
    expect(readingNote(chosen, items[0] as PlannedItem)).toBe("graded as read with the other count");
  });
});
