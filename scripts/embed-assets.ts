// Writes the modules that embed the grading core's assets (scripts/embedded-assets.ts): `npm run embed`.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../src/package-root.ts";
import { embeddedModules } from "./embedded-assets.ts";

for (const { path, text } of embeddedModules(PACKAGE_ROOT)) {
  writeFileSync(join(PACKAGE_ROOT, path), text);
  console.log(`wrote ${path}`);
}
