/**
 * JSON as Python's json.dump writes it: NaN, Infinity and -Infinity stay
 * numbers (JSON.stringify would turn them into null), so a reference file or
 * template round-trips through nngrade and through a student's Python.
 */
export function toPythonJson(value: unknown, indent?: number): string {
  const marker = "\u0000nngrade-nonfinite:";
  const text = JSON.stringify(
    value,
    (_key, inner: unknown) => (typeof inner === "number" && !Number.isFinite(inner) ? `${marker}${inner}` : inner),
    indent,
  );
  return text.replace(/"\\u0000nngrade-nonfinite:(NaN|Infinity|-Infinity)"/g, "$1");
}
