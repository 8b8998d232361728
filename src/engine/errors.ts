/**
 * A public engine op was called with arguments it cannot work with. The
 * message starts with the op's name so that a stack-less log line still says
 * where it came from: "matmul: inner shapes 3x2 and 3x3 do not match".
 */
export class EngineArgumentError extends Error {
  readonly code = "ENGINE_ARGUMENT";
  readonly op: string;

  constructor(op: string, detail: string) {
    super(`${op}: ${detail}`);
    this.name = "EngineArgumentError";
    this.op = op;
  }
}

export function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new EngineArgumentError(op, `${name} must be a finite number, got ${String(value)}`);
  }
}

export function checkPositive(op: string, name: string, value: number): void {
  checkFinite(op, name, value);
  if (value <= 0) throw new EngineArgumentError(op, `${name} must be > 0, got ${value}`);
}

export function checkNonNegativeInteger(op: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new EngineArgumentError(op, `${name} must be a non-negative integer, got ${String(value)}`);
  }
}

export function checkPositiveInteger(op: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new EngineArgumentError(op, `${name} must be a positive integer, got ${String(value)}`);
  }
}
