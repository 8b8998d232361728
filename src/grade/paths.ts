import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the package's own files are, whatever the working directory. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BUILTIN_RUBRICS = join(PACKAGE_ROOT, "rubrics");
export const BUILTIN_REFERENCES = join(PACKAGE_ROOT, "reference");
