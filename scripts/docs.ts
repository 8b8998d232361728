// Writes docs/assignments.md from the built-in assignments (src/docs/assignments.ts): `npm run docs`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../src/package-root.ts";
import { renderAssignmentDocs } from "../src/docs/assignments.ts";

writeFileSync(join(PACKAGE_ROOT, "docs", "assignments.md"), await renderAssignmentDocs());
