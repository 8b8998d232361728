import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/index.ts";
import { order } from "../../src/diagnose/order.ts";
import type { DiagnoseInput } from "../../src/diagnose/types.ts";
import type { Value } from "../../src/value.ts";

// hw4 q4: J at the extrema w = 0, 1, 3 is 0, 5/12, -9/4 (the seed's own fractions)
const J_AT_EXTREMA = [0, 5 / 12, -9 / 4];

function input(received: Value, expected: Value = J_AT_EXTREMA): DiagnoseInput {
  return { itemId: "q4.J_at_extrema", expected, received, siblings: [], tolerance: { rtol: 1e-3, atol: 1e-6 } };
}

describe("order", () => {
  it("names values listed by size instead of in the order asked", () => {
    const diagnosis = order.diagnose(input([-9 / 4, 0, 5 / 12]));
    expect(diagnosis).toEqual({ code: "order", message: "the values are right but not in the order the question asks for" });
    expect(diagnose(input([-2.25, 0, 0.4167]))?.code).toBe("order");
  });

  it.each<[string, Value]>([
    ["in order already", J_AT_EXTREMA],
    ["one value wrong", [-9 / 4, 0, 0.5]],
    ["a value missing", [-9 / 4, 0]],
    ["not finite", [Number.NaN, 0, 5 / 12]],
    ["not numbers", ["a", "b", "c"]],
    ["a matrix", [[0, 1], [2, 3]]],
  ])("stays silent when the answer is %s", (_, received) => {
    expect(order.diagnose(input(received))).toBeNull();
  });
});
