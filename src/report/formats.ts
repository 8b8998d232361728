/**
 * The report formats of one result, by registration: each says what it is
 * and renders a GradeResult. Commands pick formats by id (`check --html`,
 * `--format json`, the batch's per-student files) instead of branching on
 * them; a new format is one renderer and one entry here. The PDF renderer
 * (pdfkit and its fonts) is imported only when a PDF is asked for.
 */
import { renderAnnotations, renderStepSummary } from "./github.ts";
import { renderGradescope } from "./gradescope.ts";
import { renderHtml } from "./html.ts";
import { renderJsonBytes } from "../result/json.ts";
import { renderJunit } from "./junit.ts";
import type { GradeResult } from "../result/types.ts";
import { renderText } from "./text.ts";

/** what a renderer may be told besides the result */
export interface RenderContext {
  /** terminal colours (text) */
  color?: boolean;
  /** the submission file as the annotations should name it (github) */
  file?: string;
}

/** one way of rendering a result */
export interface ReportFormat {
  /** "html", "json", ... as commands name it */
  id: string;
  /** one line: what it is and who reads it */
  description: string;
  /** the file name ending a batch gives it: ".html" */
  extension: string;
  /** bytes (a PDF) or text */
  render(result: GradeResult, context: RenderContext): string | Uint8Array | Promise<string | Uint8Array>;
}

const BUILTIN_FORMATS: readonly ReportFormat[] = [
  { id: "text", description: "the terminal's report (nngrade check)", extension: ".txt", render: (result, context) => renderText(result, { color: context.color ?? false }) },
  // as bytes: a batch writes thousands of these, and encoding while serialising saves a copy
  { id: "json", description: "the nngrade/result@1 contract", extension: ".json", render: (result) => renderJsonBytes(result) },
  { id: "html", description: "one self-contained page for a student", extension: ".html", render: (result) => renderHtml(result) },
  {
    id: "pdf",
    description: "a PDF report for a student",
    extension: ".pdf",
    render: async (result) => (await import("./pdf.ts")).renderPdf(result, result.generated_at === undefined ? {} : { generatedAt: result.generated_at }),
  },
  { id: "junit", description: "JUnit XML: a test suite per task, a test case per item", extension: ".xml", render: (result) => renderJunit(result) },
  { id: "gradescope", description: "Gradescope's results.json", extension: ".json", render: (result) => renderGradescope(result) },
  { id: "github", description: "GitHub Actions annotations on the submission file", extension: ".txt", render: (result, context) => renderAnnotations(result, context.file ?? "answers.json") },
  { id: "step-summary", description: "a GitHub Actions step summary (Markdown)", extension: ".md", render: (result) => renderStepSummary(result) },
];

/** the built-in formats by id */
export const REPORT_FORMATS: ReadonlyMap<string, ReportFormat> = new Map(BUILTIN_FORMATS.map((format) => [format.id, format]));

/** the format with this id; an unknown id is a bug in the caller (commands offer only registered ones) */
export function reportFormat(id: string): ReportFormat {
  const format = REPORT_FORMATS.get(id);
  if (format === undefined) throw new Error(`unknown report format "${id}": one of ${[...REPORT_FORMATS.keys()].join(", ")}`);
  return format;
}

/** renders `result` in the format `id` */
export async function renderReport(id: string, result: GradeResult, context: RenderContext = {}): Promise<string | Uint8Array> {
  return reportFormat(id).render(result, context);
}

/** a text format's rendering as a string (for a terminal), whether it came as text or UTF-8 bytes */
export function asText(rendered: string | Uint8Array): string {
  return typeof rendered === "string" ? rendered : new TextDecoder().decode(rendered);
}
