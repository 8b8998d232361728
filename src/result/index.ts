/**
 * The result contract, `nngrade/result@1`: what grading produces and every
 * report, gradebook and consumer reads. Its types, its JSON writer (keys in
 * the contract's order, non-finite numbers as Python writes them) and
 * reader, and the Python-compatible JSON text it is written as. Grading
 * (src/grade/) writes results; reports (src/report/) only read them.
 */
export {
  type CurveAxes,
  type CurvePlot,
  type GradeResult,
  type HeatmapPlot,
  type ItemPlot,
  type ItemResult,
  type ItemStatus,
  RESULT_SCHEMA,
  type TaskResult,
  type VectorPlot,
} from "./types.ts";
export { isTaOnlyFlag, studentFlags, TA_ONLY_FLAGS } from "./flags.ts";
export { parseResultJson, renderJson, renderJsonBytes } from "./json.ts";
export { toPythonJson } from "./python-json.ts";
export type { PlotKindHint, PlotSource } from "./plot-source.ts";
