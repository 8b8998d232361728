// Writes docs/assignments.md from the built-in assignments (src/docs/assignments.ts) and
// docs/rubric-format.md from the rubric schema (src/docs/rubric-format.ts): `npm run docs`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../src/package-root.ts";
import { renderAssignmentDocs } from "../src/docs/assignments.ts";
import { renderRubricFormat } from "../src/docs/rubric-format.ts";

writeFileSync(join(PACKAGE_ROOT, "docs", "assignments.md"), await renderAssignmentDocs());
writeFileSync(join(PACKAGE_ROOT, "docs", "rubric-format.md"), renderRubricFormat());
