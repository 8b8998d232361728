/** the element ids the self-check page's HTML (page-html.ts) gives and its script (page.ts) finds */
export const IDS = {
  bundle: "nngrade-bundle",
  file: "answers-file",
  drop: "drop-zone",
  paste: "answers-text",
  check: "check-pasted",
  student: "student-id",
  studentRow: "student-row",
  status: "status",
  report: "report",
} as const;
