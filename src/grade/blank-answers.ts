/**
 * An answers skeleton from a reference's answers: what `nngrade template`
 * prints and docs/assignments.md lists the keys of. Here rather than in the
 * template command, so the docs (library code) need nothing from src/cli/.
 */
import { isValueObject, numericShape, type Value } from "../value.ts";

/** Every answer becomes null; lists of runs keep their objects so students see the keys. */
export function blankAnswers(value: Value): Value {
  if (Array.isArray(value)) {
    if (numericShape(value) !== null) return null;
    return value.every(isValueObject) ? value.map(blankAnswers) : null;
  }
  if (isValueObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, blankAnswers(inner)]));
  return null;
}
