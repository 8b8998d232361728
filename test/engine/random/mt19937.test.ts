import { describe, expect, it } from "vitest";
import { MT19937 } from "../../../src/engine/random/mt19937.ts";
import { expectExact, golden } from "./golden.ts";

function draw(generator: MT19937, count: number): number[] {
  return Array.from({ length: count }, () => generator.nextUint32());
}

describe("mt19937 with numpy's legacy seeding", () => {
  it.each(golden.seeds.map((entry) => [entry.seed, entry] as const))("seed %d gives numpy's raw outputs", (seed, entry) => {
    expectExact(draw(new MT19937(seed), 10), entry.raw_uint32);
  });

  it.each(golden.seeds.map((entry) => [entry.seed, entry] as const))("seed %d fills the state as init_genrand", (seed, entry) => {
    const { key, pos } = new MT19937(seed).getState();
    expectExact(Array.from(key.slice(0, 4)), entry.state.key_head);
    expectExact(Array.from(key.slice(-2)), entry.state.key_tail);
    expect(pos).toBe(entry.state.pos);
  });

  it.each(golden.array_seeds.map((entry) => [entry.seed.length, entry] as const))(
    "a list seed of %d words goes through init_by_array",
    (_, entry) => {
      expectExact(draw(new MT19937(entry.seed), 10), entry.raw_uint32);
    },
  );

  it("keeps matching across several twists of the 624-word state", () => {
    expectExact(draw(new MT19937(5), 1300), golden.streams.raw_uint32_seed5_1300);
  });

  it("reseeding restarts the stream", () => {
    const generator = new MT19937(3);
    draw(generator, 700);
    generator.seed(0);
    expectExact(draw(generator, 10), golden.seeds[0]?.raw_uint32 ?? []);
  });

  it("restores a saved state", () => {
    const generator = new MT19937(1);
    draw(generator, 620);
    const saved = generator.getState();
    const ahead = draw(generator, 10);
    generator.setState(saved);
    expect(draw(generator, 10)).toEqual(ahead);
  });

  it.each([[-1], [2 ** 32], [1.5], [Number.NaN]])("rejects the seed %s", (seed) => {
    expect(() => new MT19937(seed)).toThrow(/seed must be an integer between 0 and 2\*\*32 - 1/);
  });

  it("rejects an empty list seed and a bad word in a list", () => {
    expect(() => new MT19937([])).toThrow(/non-empty/);
    expect(() => new MT19937([1, -2])).toThrow(/got -2/);
  });

  it("rejects a state of the wrong length", () => {
    expect(() => new MT19937(0).setState({ key: new Uint32Array(3), pos: 0 })).toThrow(/624 words, got 3/);
  });
});
