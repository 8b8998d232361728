import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.ts";

/** Where the package's own files are, whatever the working directory. */
export { PACKAGE_ROOT };
export const BUILTIN_RUBRICS = join(PACKAGE_ROOT, "rubrics");
export const BUILTIN_REFERENCES = join(PACKAGE_ROOT, "reference");
