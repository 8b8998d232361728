/**
 * The files `nngrade data export` writes for an assignment's data sets:
 * per set `<name>_X.npy` and `<name>_y.npy` (numpy's own format) and/or
 * `<name>.csv`, a README.txt that says what each set is and how to load it,
 * and SHA256SUMS in the form `sha256sum -c` checks.
 */
import { createHash } from "node:crypto";
import { contentChecksum } from "../engine/data/checksum.ts";
import type { DataSet } from "../grade/reference.ts";
import { dataSetCsv } from "./data-csv.ts";
import { float64Npy, int64Npy } from "./npy.ts";

export type ExportFormat = "npy" | "csv" | "both";

export interface ExportFile {
  name: string;
  content: Uint8Array | string;
}

const NAME = /^[a-z0-9][a-z0-9_]*$/;

/** a reference's data sets must make safe, distinct file names and consistent arrays: a mistake here is the reference's */
export function checkDataSets(sets: readonly DataSet[]): void {
  const seen = new Set<string>();
  for (const { name, features, labels } of sets) {
    if (!NAME.test(name)) throw new Error(`data set "${name}": a name must be lowercase letters, digits and _`);
    if (seen.has(name)) throw new Error(`data set "${name}" is listed twice`);
    seen.add(name);
    if (features.data.length !== features.rows * features.cols) {
      throw new Error(`data set "${name}": ${features.data.length} values do not fill ${features.rows} x ${features.cols}`);
    }
    if (labels === undefined) continue;
    if (labels.length !== features.rows) throw new Error(`data set "${name}": ${labels.length} labels for ${features.rows} rows`);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i] as number;
      if (!Number.isInteger(label) || label < 0 || label > 0x7fffffff) {
        throw new Error(`data set "${name}": label ${i} is ${label}, not a 0-based class`);
      }
    }
  }
}

export function includesNpy(format: ExportFormat): boolean {
  return format !== "csv";
}

export function includesCsv(format: ExportFormat): boolean {
  return format !== "npy";
}

/** the file names of one set in the order they are written */
export function dataSetFileNames(set: DataSet, format: ExportFormat): string[] {
  const names: string[] = [];
  if (includesNpy(format)) {
    names.push(`${set.name}_X.npy`);
    if (set.labels !== undefined) names.push(`${set.name}_y.npy`);
  }
  if (includesCsv(format)) names.push(`${set.name}.csv`);
  return names;
}

/** one set's files, built when asked so that a big set's bytes are not all held at once */
export function* dataSetFiles(set: DataSet, format: ExportFormat): Generator<ExportFile> {
  const { rows, cols, data } = set.features;
  if (includesNpy(format)) {
    yield { name: `${set.name}_X.npy`, content: float64Npy(rows, cols, data) };
    if (set.labels !== undefined) yield { name: `${set.name}_y.npy`, content: int64Npy(set.labels) };
  }
  if (includesCsv(format)) {
    const csv = set.labels === undefined ? { rows, cols, data } : { rows, cols, data, labels: set.labels };
    yield { name: `${set.name}.csv`, content: dataSetCsv(csv) };
  }
}

/** checksum.ts's content checksum: the same hex whatever file format the student loads */
export function dataSetContentChecksum(set: DataSet): string {
  return contentChecksum(set.features.data, Int32Array.from(set.labels ?? []));
}

export function sha256Hex(content: Uint8Array | string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** `sha256sum` output: hex, two spaces (text mode), the name */
export function sha256SumsLine(name: string, hex: string): string {
  return `${hex}  ${name}\n`;
}

/**
 * The Python a student runs to load one set, with `path` turning a file name
 * into the string they pass (the bare name in the README beside the files).
 * JSON's string quoting is also a valid Python string literal.
 */
export function pythonLoadLines(set: DataSet, format: ExportFormat, path: (file: string) => string = (file) => file): string[] {
  const quoted = (file: string) => JSON.stringify(path(file));
  const lines: string[] = [];
  if (includesNpy(format)) {
    const loadX = `X = np.load(${quoted(`${set.name}_X.npy`)})`;
    lines.push(set.labels === undefined ? loadX : `${loadX}; y = np.load(${quoted(`${set.name}_y.npy`)})`);
  }
  if (includesCsv(format)) {
    const load = `np.loadtxt(${quoted(`${set.name}.csv`)}, delimiter=",", skiprows=1)`;
    lines.push(set.labels === undefined ? `X = ${load}` : `data = ${load}; X, y = data[:, :-1], data[:, -1].astype(np.int64)`);
  }
  return lines;
}

export function shapeText(set: DataSet): string {
  const { rows, cols } = set.features;
  return `${rows} x ${cols}${set.labels === undefined ? "" : `, ${set.labels.length} labels`}`;
}

export function exportReadme(assignment: { id: string; title: string }, sets: readonly DataSet[], format: ExportFormat): string {
  const out: string[] = [
    `${assignment.id}: ${assignment.title}`,
    "",
    "The data sets this assignment is graded on, exactly as the grader evaluates",
    "them (written by `nngrade data export`). Check the files with",
    "  sha256sum -c SHA256SUMS",
    "",
  ];
  for (const set of sets) {
    out.push(`${set.name}: ${shapeText(set)}`, `  ${set.description}`, `  files: ${dataSetFileNames(set, format).join(", ")}`);
    out.push(`  content sha256: ${dataSetContentChecksum(set)}`);
    out.push("  load in python (import numpy as np):", ...pythonLoadLines(set, format).map((line) => `    ${line}`), "");
  }
  out.push(
    "Content sha256: of the values as float64 little-endian, then the labels as",
    "int32 little-endian; it is the same for the .npy and the .csv files:",
    '  hashlib.sha256(X.astype("<f8").tobytes() + y.astype("<i4").tobytes()).hexdigest()',
    "",
  );
  if (includesNpy(format)) {
    out.push(".npy: numpy's format 1.0; X is float64 (rows x features), y int64 (0-based classes).", "");
  }
  if (includesCsv(format)) {
    out.push(
      ".csv: a header row x0,x1,...,label, then one row per sample: its features, then",
      "its label. Numbers are written in the shortest form that reads back to the",
      "same float64. Line ends are LF (numpy.loadtxt and pandas.read_csv read LF",
      'and CRLF alike); with pandas pass float_precision="round_trip" to get every',
      "value exactly:",
      '  df = pd.read_csv("<name>.csv", float_precision="round_trip")',
      '  X, y = df.drop(columns="label").to_numpy(), df["label"].to_numpy()',
      "",
    );
  }
  return out.join("\n");
}
