/**
 * Numbers students write as strings: "0.25", "5/12", "e^6/(1+2*e^6)", "nan".
 * mathjs only turns the text into a syntax tree; the tree is then walked here
 * against a whitelist and computed in plain float64 arithmetic. Nothing of the
 * text is ever evaluated by mathjs, so no mathjs function, unit, matrix or
 * assignment can be reached from a submission.
 */
import type { FactoryFunctionMap, MathNode } from "mathjs";
import { asTyped, NOT_PLAIN_ASCII, separatorProblem } from "./typed-number.ts";

/** `overBudget`: refused for the submission's budget, not for what the text says */
export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string; overBudget?: true };

export const EXPRESSION_MAX_LENGTH = 200;
export const EXPRESSION_MAX_DEPTH = 32;

/**
 * What one submission may spend on the parser: a string costs a tree parse
 * (up to a third of a millisecond at the length limit), so a file of nothing
 * but expressions once took 16 s to grade. Plain decimals and fractions never
 * reach the parser and cost nothing; the most a class's answers use is a few
 * hundred short expressions.
 */
export const EXPRESSIONS_PER_SUBMISSION = 10_000;
export const EXPRESSION_CHARACTERS_PER_SUBMISSION = 250_000;

/** What is left to spend; one per submission, made by expressionBudget() and spent by parseNumber. */
export interface ExpressionBudget {
  expressions: number;
  characters: number;
}

export function expressionBudget(): ExpressionBudget {
  return { expressions: EXPRESSIONS_PER_SUBMISSION, characters: EXPRESSION_CHARACTERS_PER_SUBMISSION };
}

/** what the parser needs of mathjs's plain-number build ("mathjs/number") */
export interface MathjsNumber {
  create: typeof import("mathjs").create;
  parseDependencies: unknown;
}

let provided: MathjsNumber | undefined;

/**
 * Gives the parser its mathjs where Node's require is not there to load it
 * (a browser page: `provideMathjs(await import("mathjs/number"))`, or a
 * static import its bundle holds).
 */
export function provideMathjs(mathjs: MathjsNumber): void {
  provided = mathjs;
}

/**
 * A private mathjs instance with the parser alone (no configuration
 * elsewhere changes how we parse), from mathjs's plain-number build, loaded
 * on the first expression that is not a plain decimal or fraction: the full
 * mathjs with all its functions takes most of a second to load and set up,
 * this about a quarter, and most submissions never need it.
 */
let parser: ((text: string) => MathNode) | undefined;
function parse(text: string): MathNode {
  if (parser === undefined) {
    const mathjs = provided ?? requireMathjs();
    parser = mathjs.create({ parseDependencies: mathjs.parseDependencies as FactoryFunctionMap }).parse;
  }
  return parser(text);
}

/**
 * mathjs loaded synchronously, when first needed, through Node's require:
 * reached through process.getBuiltinModule (Node >= 20.16) rather than an
 * import of node:module, so that the grading core bundles for a browser.
 */
function requireMathjs(): MathjsNumber {
  const modules = globalThis.process?.getBuiltinModule?.("node:module");
  if (modules === undefined) throw new Error("expressions need mathjs here: provideMathjs(await import(\"mathjs/number\")) first");
  return modules.createRequire(import.meta.url)("mathjs/number") as MathjsNumber;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_PART = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const FRACTION = new RegExp(String.raw`^(${DECIMAL_PART})\s*/\s*(${DECIMAL_PART})$`);
// mathjs reads 0x1F, 0b11 and 0o17 as numbers; Python's float() does not, and
// the tree no longer shows them, so they are refused on the text
const NON_DECIMAL_LITERAL = /(?<![\w.])0[xXbBoO]/;

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ["e", Math.E],
  ["pi", Math.PI],
]);

// as Python and numpy print them ("inf", "nan"), in any case; mathjs itself
// reads only "Infinity" and "NaN"
const NON_FINITE: ReadonlyMap<string, number> = new Map([
  ["inf", Number.POSITIVE_INFINITY],
  ["infinity", Number.POSITIVE_INFINITY],
  ["nan", Number.NaN],
]);

const FUNCTIONS: ReadonlyMap<string, (x: number) => number> = new Map([
  ["sqrt", Math.sqrt],
  ["exp", Math.exp],
  // natural logarithm, as numpy's log
  ["log", Math.log],
  ["ln", Math.log],
]);

const BINARY: ReadonlyMap<string, (a: number, b: number) => number> = new Map([
  ["add", (a: number, b: number) => a + b],
  ["subtract", (a: number, b: number) => a - b],
  ["multiply", (a: number, b: number) => a * b],
  ["divide", (a: number, b: number) => a / b],
  ["pow", Math.pow],
]);

const UNARY: ReadonlyMap<string, (a: number) => number> = new Map([
  ["unaryMinus", (a: number) => -a],
  ["unaryPlus", (a: number) => a],
]);

class Rejected extends Error {}

/**
 * Without a budget nothing is counted (a single answer, a test); the grader
 * passes one budget for all of a submission's answers.
 */
export function parseNumber(text: string, budget?: ExpressionBudget): ParsedNumber {
  if (typeof text !== "string") return { ok: false, message: "expected a string" };
  if (text.length > EXPRESSION_MAX_LENGTH) {
    return { ok: false, message: `expression is longer than ${EXPRESSION_MAX_LENGTH} characters` };
  }
  let source = text.trim();
  if (source === "") return { ok: false, message: "empty string" };
  // the common case, and the only one in a long curve of numeric strings
  if (DECIMAL.test(source)) return { ok: true, value: Number(source) };
  if (NOT_PLAIN_ASCII.test(source)) {
    const typed = asTyped(source);
    if (!typed.ok) return typed;
    source = typed.text.trim();
    if (DECIMAL.test(source)) return { ok: true, value: Number(source) };
  }
  const fraction = FRACTION.exec(source);
  if (fraction !== null) return { ok: true, value: Number(fraction[1]) / Number(fraction[2]) };
  const separator = separatorProblem(source);
  if (separator !== undefined) return { ok: false, message: separator };
  if (source.includes("**")) return { ok: false, message: "'**' is not allowed, write ^ for a power" };
  // mathjs reads "#" as the start of a comment and drops the rest ("0.5 # x" as 0.5); the rest of what
  // arithmetic never uses is refused by the whitelist of nodes, with the parser's own message
  if (source.includes("#")) return { ok: false, message: "unexpected character '#'" };
  if (NON_DECIMAL_LITERAL.test(source)) {
    return { ok: false, message: "hexadecimal, binary and octal numbers are not allowed" };
  }
  if (budget !== undefined) {
    if (budget.expressions <= 0) {
      return { ok: false, overBudget: true, message: `more than ${EXPRESSIONS_PER_SUBMISSION} expressions in one submission` };
    }
    if (budget.characters < source.length) {
      return { ok: false, overBudget: true, message: `more than ${EXPRESSION_CHARACTERS_PER_SUBMISSION} characters of expressions in one submission` };
    }
    budget.expressions--;
    budget.characters -= source.length;
  }
  let tree: MathNode;
  try {
    tree = parse(source);
  } catch (error) {
    return { ok: false, message: lowercaseFirst(error instanceof Error ? error.message : String(error)) };
  }
  try {
    return { ok: true, value: evaluateNode(tree, 1) };
  } catch (error) {
    if (error instanceof Rejected) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Recursion is bounded by EXPRESSION_MAX_DEPTH, checked before descending.
 *
 * Implicit multiplication ("2pi", "2(1+e)") is refused: mathjs gives it a
 * precedence of its own ("1/2pi" is (1/2)*pi to mathjs and 1/(2*pi) to many
 * people), so a reading that is wrong half the time is worse than asking for
 * an explicit "*".
 */
function evaluateNode(node: MathNode, depth: number): number {
  if (depth > EXPRESSION_MAX_DEPTH) {
    throw new Rejected(`expression nests deeper than ${EXPRESSION_MAX_DEPTH} levels`);
  }
  switch (node.type) {
    case "ConstantNode": {
      const value: unknown = (node as unknown as { value: unknown }).value;
      if (typeof value === "number") return value;
      if (typeof value === "string") throw new Rejected("strings are not allowed");
      throw new Rejected(`'${String(value)}' is not allowed`);
    }
    case "ParenthesisNode":
      return evaluateNode((node as unknown as { content: MathNode }).content, depth + 1);
    case "SymbolNode": {
      const name = (node as unknown as { name: string }).name;
      const value = CONSTANTS.get(name) ?? NON_FINITE.get(name.toLowerCase());
      if (value !== undefined) return value;
      if (FUNCTIONS.has(name)) throw new Rejected(`'${name}' must be called with an argument, e.g. ${name}(2)`);
      throw new Rejected(`'${name}' is not an allowed name`);
    }
    case "OperatorNode":
      return evaluateOperator(node as unknown as OperatorLike, depth);
    case "FunctionNode": {
      const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
      if (fn.type !== "SymbolNode") throw new Rejected("only sqrt, exp, log and ln may be called");
      const name = (fn as unknown as { name: string }).name;
      const apply = FUNCTIONS.get(name);
      if (apply === undefined) throw new Rejected(`'${name}' is not an allowed function`);
      const [argument] = args;
      if (args.length !== 1 || argument === undefined) throw new Rejected(`${name} takes one argument`);
      return apply(evaluateNode(argument, depth + 1));
    }
    default:
      throw new Rejected(describeForbidden(node.type));
  }
}

interface OperatorLike {
  op: string;
  fn: string;
  args: MathNode[];
  implicit: boolean;
  isPercentage?: boolean;
}

function evaluateOperator(node: OperatorLike, depth: number): number {
  if (node.isPercentage) throw new Rejected("'%' is not allowed");
  // operands first, so that "one half" is refused for 'one', not for the missing *
  const operands = node.args.map((argument) => evaluateNode(argument, depth + 1));
  if (node.implicit) {
    const written = node.args.map((argument) => argument.toString().replace(/\s+/g, ""));
    throw new Rejected(`implicit multiplication is not allowed, write '${written.join("*")}'`);
  }
  const [left, right] = operands;
  const unary = UNARY.get(node.fn);
  if (unary !== undefined && operands.length === 1 && left !== undefined) return unary(left);
  const binary = BINARY.get(node.fn);
  if (binary !== undefined && operands.length === 2 && left !== undefined && right !== undefined) {
    return binary(left, right);
  }
  throw new Rejected(`operator '${node.op}' is not allowed`);
}

function describeForbidden(type: string): string {
  switch (type) {
    case "AssignmentNode":
    case "FunctionAssignmentNode":
      return "assignments are not allowed";
    case "AccessorNode":
    case "IndexNode":
      return "property access and indexing are not allowed";
    case "ArrayNode":
    case "ObjectNode":
    case "RangeNode":
      return "arrays, objects and ranges are not allowed";
    case "BlockNode":
      return "only one expression is allowed";
    case "ConditionalNode":
      return "conditionals are not allowed";
    default:
      return `${type.replace(/Node$/, "").toLowerCase()} expressions are not allowed`;
  }
}

function lowercaseFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
