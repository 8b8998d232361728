import { describe, expect, it } from "vitest";
import { inLanes, threadCount } from "../../src/batch/pool.ts";

describe("inLanes", () => {
  it("takes every item once, in order, with never more than the lanes at work", async () => {
    const items = Array.from({ length: 25 }, (_, k) => k);
    let next = 0;
    const taken: number[] = [];
    let busy = 0;
    let most = 0;
    await inLanes(
      4,
      () => items[next++],
      async (item) => {
        taken.push(item);
        busy++;
        most = Math.max(most, busy);
        // items finish out of order
        await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
        busy--;
      },
    );
    expect(taken).toEqual(items);
    expect(most).toBe(4);
  });

  it("settles at once when there is nothing to do", async () => {
    await expect(inLanes(3, () => undefined, async () => undefined)).resolves.toBeUndefined();
  });
});

describe("threadCount", () => {
  it("grades a tiny batch in one thread unless told otherwise", () => {
    expect(threadCount(undefined, 2)).toBe(1);
    expect(threadCount(2, 2)).toBe(2);
    expect(threadCount(8, 3)).toBe(3);
  });

  it("starts no thread when there is nothing to grade", () => {
    expect(threadCount(undefined, 0)).toBe(0);
    expect(threadCount(4, 0)).toBe(0);
  });
});
