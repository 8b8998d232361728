/**
 * Well-formed arithmetic for the expression parser, and a small evaluator of
 * its own to check the parser's value against: a recursive-descent reading
 * of the text with the usual precedence (^ binds tighter than a unary minus
 * on its left and is right-associative, as in mathjs and Python), written
 * without mathjs so that a precedence slip in either shows as a difference.
 */
import fc from "fast-check";

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_]\w*/;
const CONSTANTS = new Map([
  ["e", Math.E],
  ["pi", Math.PI],
]);
const FUNCTIONS = new Map<string, (x: number) => number>([
  ["sqrt", Math.sqrt],
  ["exp", Math.exp],
  ["log", Math.log],
  ["ln", Math.log],
]);

/**
 * value, and depth as the parser's tree counts it: every number, name,
 * operator, parenthesis and call is one level, the outermost level 1
 */
export interface Evaluated {
  value: number;
  depth: number;
}

/** Throws on text outside the grammar below; the generator writes none. */
export function evaluateArithmetic(text: string): Evaluated {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] ?? "")) at++;
  };
  const peek = (): string => {
    skipSpace();
    return text[at] ?? "";
  };
  const take = (expected: string): void => {
    if (peek() !== expected) throw new Error(`expected '${expected}' at ${at} in ${text}`);
    at++;
  };

  // sum := product (("+" | "-") product)*
  const sum = (): Evaluated => {
    let left = product();
    for (let op = peek(); op === "+" || op === "-"; op = peek()) {
      at++;
      const right = product();
      left = { value: op === "+" ? left.value + right.value : left.value - right.value, depth: 1 + Math.max(left.depth, right.depth) };
    }
    return left;
  };
  // product := unary (("*" | "/") unary)*
  const product = (): Evaluated => {
    let left = unary();
    for (let op = peek(); op === "*" || op === "/"; op = peek()) {
      at++;
      const right = unary();
      left = { value: op === "*" ? left.value * right.value : left.value / right.value, depth: 1 + Math.max(left.depth, right.depth) };
    }
    return left;
  };
  // unary := ("-" | "+") unary | power
  const unary = (): Evaluated => {
    const op = peek();
    if (op === "-" || op === "+") {
      at++;
      const operand = unary();
      return { value: op === "-" ? -operand.value : operand.value, depth: 1 + operand.depth };
    }
    return power();
  };
  // power := primary ("^" unary)?   (right-associative through unary)
  const power = (): Evaluated => {
    const base = primary();
    if (peek() !== "^") return base;
    at++;
    const exponent = unary();
    return { value: Math.pow(base.value, exponent.value), depth: 1 + Math.max(base.depth, exponent.depth) };
  };
  // primary := number | constant | function "(" sum ")" | "(" sum ")"
  const primary = (): Evaluated => {
    if (peek() === "(") {
      at++;
      const inner = sum();
      take(")");
      return { value: inner.value, depth: 1 + inner.depth };
    }
    const rest = text.slice(at);
    const number = NUMBER.exec(rest);
    if (number !== null) {
      at += number[0].length;
      return { value: Number(number[0]), depth: 1 };
    }
    const name = NAME.exec(rest)?.[0];
    if (name === undefined) throw new Error(`unexpected '${rest.slice(0, 10)}' in ${text}`);
    at += name.length;
    const constant = CONSTANTS.get(name);
    if (constant !== undefined) return { value: constant, depth: 1 };
    const apply = FUNCTIONS.get(name);
    if (apply === undefined) throw new Error(`unknown name '${name}' in ${text}`);
    take("(");
    const argument = sum();
    take(")");
    return { value: apply(argument.value), depth: 1 + argument.depth };
  };

  const result = sum();
  if (peek() !== "") throw new Error(`unexpected '${text.slice(at, at + 10)}' in ${text}`);
  return result;
}

const space = fc.constantFrom("", "", "", " ", "  ", "\t");

const literal = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom("0.5", "2.5", ".25", "3.", "1e3", "2E-2", "1e308", "1e400", "10", "1024", "0.1") },
  { weight: 2, arbitrary: fc.constantFrom("e", "pi") },
);

/**
 * Text of an arithmetic expression, parenthesised only where the generator
 * chose to: precedence decides the rest, so the text is read by the
 * grammar, not by how it was built.
 */
export const arithmetic: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: "medium", maxDepth: 8 },
    { weight: 3, arbitrary: literal },
    { weight: 3, arbitrary: fc.tuple(tie("node"), space, fc.constantFrom("+", "-", "*", "/", "^"), space, tie("node")).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("-", "+"), space, tie("node")).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: fc.tuple(space, tie("node"), space).map(([before, inner, after]) => `(${before}${inner}${after})`) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("sqrt", "exp", "log", "ln"), tie("node")).map(([name, inner]) => `${name}(${inner})`) },
  ),
})).node;

/** huge powers and deep parentheses: overflow to Infinity, NaN, and the parser's depth limit from both sides */
export const extremeArithmetic: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom("10", "2", "e", "-2", "(-8)", "0", "1"), fc.constantFrom("400", "1024", "-1075", "1/3", "1e308", "-1e308", "0.5", "(1/0)")).map(([base, exponent]) => `${base}^${exponent}`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), arithmetic).map(([depth, inner]) => `${"(".repeat(depth)}${inner}${")".repeat(depth)}`),
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom("-", "+", "- ")).map(([count, sign]) => `${sign.repeat(count)}1`),
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.constantFrom("+1", "*2", "/3", "^1")).map(([count, term]) => `1${term.repeat(count)}`),
  fc.tuple(fc.integer({ min: 1, max: 20 }), fc.constantFrom("exp(", "sqrt(", "log(", "ln(")).map(([count, call]) => `${call.repeat(count)}2${")".repeat(count)}`),
);
