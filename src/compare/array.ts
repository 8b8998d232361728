import { formatShape, numericShape, type Value } from "../value.ts";
import { comparator as decdig, decdigAllowedError } from "./decdig.ts";
import { dataNumber, describeType, formatNumber, formatPosition, nestedDeeperThan } from "./format.ts";
import { comparator as relabs, relabsAllowedError } from "./relabs.ts";
import { badReferenceOutcome, COMMON_MESSAGES, nonFiniteVerdict, nullOutcome } from "./scalar.ts";
import { taggedUnion, withMode } from "./schema.ts";
import { comparator as sigfig, sigfigAllowedError } from "./sigfig.ts";
import type { Comparator, CompareOutcome } from "./types.ts";
import { nestedTolerance } from "./stated-tolerance.ts";

export type ElementOptions =
  | ({ mode: "relabs" } & Partial<typeof relabs.meta.defaults>)
  | ({ mode: "sigfig" } & Partial<typeof sigfig.meta.defaults>)
  | ({ mode: "decdig" } & Partial<typeof decdig.meta.defaults>);

export type ArrayOptions = { element: ElementOptions; partial: boolean };

export const ELEMENT_DEFAULT: ElementOptions = { mode: "relabs" };
export const PARTIAL_DEFAULT = false;
/** how many of the worst positions a failure names */
export const WORST_COUNT = 5;

interface Element {
  path: number[];
  received: number;
  expected: number;
}

/** Pairs up the numbers of two arrays of the same numeric shape, in row-major order. */
function pairElements(received: Value, expected: Value, path: number[] = [], into: Element[] = []): Element[] {
  if (typeof received === "number" && typeof expected === "number") {
    into.push({ path, received, expected });
  } else if (Array.isArray(received) && Array.isArray(expected)) {
    expected.forEach((item, i) => {
      pairElements(received[i] as Value, item, [...path, i], into);
    });
  }
  return into;
}

function assertNever(value: never): never {
  throw new Error(`unknown element mode ${JSON.stringify(value)}`);
}

/** The largest error the element comparator accepts at `expected`, to rank failures by how far off they are. */
export function elementAllowedError(element: ElementOptions, expected: number): number {
  switch (element.mode) {
    case "relabs":
      return relabsAllowedError(expected, { ...relabs.meta.defaults, ...element });
    case "sigfig":
      return sigfigAllowedError(expected, { ...sigfig.meta.defaults, ...element });
    case "decdig":
      return decdigAllowedError(expected, { ...decdig.meta.defaults, ...element });
    default:
      return assertNever(element);
  }
}

/** an element tolerance in words, for a pass that is not exact: "within rtol 0.002, atol 1e-8", "to 3 significant figures" */
export function toleranceWords(element: ElementOptions): string {
  switch (element.mode) {
    case "relabs": {
      const { rtol, atol } = { ...relabs.meta.defaults, ...element };
      return `within rtol ${formatNumber(rtol)}, atol ${formatNumber(atol)}`;
    }
    case "sigfig":
      return `to ${{ ...sigfig.meta.defaults, ...element }.digits} significant figures`;
    case "decdig":
      return `to ${{ ...decdig.meta.defaults, ...element }.digits} decimal places`;
    default:
      return assertNever(element);
  }
}

/** How many tolerances away a failing element is; non-finite mismatches rank first. */
function severity(element: Element, options: ElementOptions): number {
  if (nonFiniteVerdict(element.received, element.expected) !== undefined) return Number.POSITIVE_INFINITY;
  const error = Math.abs(element.received - element.expected);
  const allowed = elementAllowedError(options, element.expected);
  return allowed > 0 ? error / allowed : Number.POSITIVE_INFINITY;
}

function isFullCredit(outcome: CompareOutcome): boolean {
  return outcome.score === true || outcome.score === 1;
}

export const comparator: Comparator<ArrayOptions> = {
  meta: {
    id: "array",
    expects: "answer",
    diagnosable: true,
    plot: "vector",
    tolerance: (options, toleranceOf) => nestedTolerance(options.element, options, toleranceOf),
    description: "a vector or matrix of numbers: shape first, then element by element",
    optionsSchema: {
      type: "object",
      properties: {
        element: {
          ...taggedUnion(
            "mode",
            [relabs, sigfig, decdig].map((inner) => withMode(inner.meta.id, inner.meta.optionsSchema)),
          ),
          description:
            "how each element is compared once the shapes match: a number mode and its options beside it, each option left out taking that mode's default",
        },
        partial: {
          type: "boolean",
          description: "true: the share of elements that match, as partial credit; false: any element off fails the item",
        },
      },
      additionalProperties: false,
    },
    defaults: { element: ELEMENT_DEFAULT, partial: PARTIAL_DEFAULT },
    messages: {
      ok: "every element matches",
      // a pass whose digits differ from the expected ones says by what measure it passed
      close: "every element matches {{tolerance}}",
      shape: "expected {{expected_shape}}, got {{received_shape}}",
      elements: "{{bad}} of {{total}} elements are off; the worst, at {{worst_at}}, is {{worst_received}} (expected {{worst_expected}})",
      "elements-hidden": "{{bad}} of {{total}} elements are off; the worst, at {{worst_at}}, is {{worst_received}}",
      ...COMMON_MESSAGES,
    },
  },
  compare(received, expected, options, context) {
    const nullCase = nullOutcome(received, expected);
    if (nullCase) return nullCase;
    const expectedShape = numericShape(expected);
    if (expectedShape === null) return badReferenceOutcome(expected);
    const receivedShape = nestedDeeperThan(received, expectedShape.length) ? null : numericShape(received);
    const sameShape =
      receivedShape !== null &&
      receivedShape.length === expectedShape.length &&
      receivedShape.every((d, k) => d === expectedShape[k]);
    if (!sameShape) {
      const messageId = receivedShape === null && !Array.isArray(received) && typeof received !== "number" ? "type" : "shape";
      const expectedDescription = formatShape(expectedShape);
      return messageId === "type"
        ? { score: false, messageId, data: { expected_type: expectedDescription, received_type: describeType(received) } }
        : { score: false, messageId, data: { expected_shape: expectedDescription, received_shape: describeType(received) } };
    }

    const { mode, ...elementOptions } = options.element;
    const elements = pairElements(received, expected);
    const failures = elements
      .filter((e) => !isFullCredit(context.compareWith(mode, e.received, e.expected, elementOptions)))
      .map((e) => ({ element: e, severity: severity(e, options.element) }))
      // stable sort: equally bad elements (two infinities too) keep row-major order
      .sort((x, y) => (y.severity > x.severity ? 1 : y.severity < x.severity ? -1 : 0));
    const total = elements.length;
    const worst = failures[0];
    if (worst === undefined) {
      const exact = elements.every((e) => e.received === e.expected || (Number.isNaN(e.received) && Number.isNaN(e.expected)));
      return exact ? { score: true, messageId: "ok", data: { total } } : { score: true, messageId: "close", data: { total, tolerance: toleranceWords(options.element) } };
    }
    const passed = total - failures.length;
    return {
      score: options.partial ? passed / total : false,
      messageId: "elements",
      data: {
        bad: failures.length,
        total,
        worst_at: formatPosition(worst.element.path),
        worst_received: dataNumber(worst.element.received),
        worst_expected: dataNumber(worst.element.expected),
      },
      worst: failures.slice(0, WORST_COUNT).map((f) => formatPosition(f.element.path)),
    };
  },
};
