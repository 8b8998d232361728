/**
 * A data set as CSV: a header row `x0,x1,...,label`, then one row per sample,
 * its features and then its label (no label column for a set without
 * labels). RFC 4180 but for the line ends, which are LF: numpy.loadtxt and
 * pandas.read_csv read LF and CRLF alike, and LF keeps the files identical
 * to what a Python student writes back. No field ever needs quoting: the
 * names are fixed and the values are numbers.
 *
 * Numbers are JavaScript's shortest form that reads back to the same double
 * (`String(x)`, "0.1", "1e-7"), so numpy.loadtxt recovers every float64
 * exactly; -0 keeps its sign, and non-finite values use the spellings both
 * numpy and pandas read (nan, inf, -inf).
 */

export interface CsvData {
  rows: number;
  cols: number;
  /** row-major, element (i, j) at data[i * cols + j] */
  data: ArrayLike<number>;
  labels?: ArrayLike<number>;
}

export function csvNumber(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Number.POSITIVE_INFINITY) return "inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  return Object.is(value, -0) ? "-0" : String(value);
}

export function dataSetCsv({ rows, cols, data, labels }: CsvData): string {
  if (data.length !== rows * cols) throw new RangeError(`dataSetCsv: ${data.length} values do not fill a ${rows}x${cols} matrix`);
  if (labels !== undefined && labels.length !== rows) {
    throw new RangeError(`dataSetCsv: ${labels.length} labels for ${rows} rows`);
  }
  const header = Array.from({ length: cols }, (_, j) => `x${j}`);
  if (labels !== undefined) header.push("label");
  const lines: string[] = [header.join(",")];
  const fields: string[] = new Array(cols + (labels === undefined ? 0 : 1));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) fields[j] = csvNumber(data[i * cols + j] as number);
    if (labels !== undefined) fields[cols] = csvNumber(labels[i] as number);
    lines.push(fields.join(","));
  }
  return `${lines.join("\n")}\n`;
}
