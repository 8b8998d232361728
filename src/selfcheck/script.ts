/**
 * The self-check page's script: page.ts and the grading core bundled for a
 * browser, one IIFE. An installed nngrade runs compiled and ships it built
 * (dist/selfcheck/page.js, written with dist/ by scripts/build-dist.js); a
 * checkout runs its sources and bundles them here with esbuild (a
 * development dependency), so the page always holds the code that runs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { NngradeError } from "../errors.ts";
import { COMPILED, PACKAGE_ROOT } from "../package-root.ts";

/** where build-dist.js writes the page's script */
export const PAGE_SCRIPT = join("dist", "selfcheck", "page.js");

/** esbuild's options for the page: also what build-dist.js uses */
export const PAGE_BUILD_OPTIONS = {
  entryPoints: [join(PACKAGE_ROOT, "src", "selfcheck", "page.ts")],
  absWorkingDir: PACKAGE_ROOT,
  bundle: true,
  write: false,
  platform: "browser",
  format: "iife",
  target: "es2020",
  minify: true,
  // the bundled libraries' licence notices travel with their code, at the end of the script
  legalComments: "eof",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "silent",
} as const;

export async function selfCheckScript(): Promise<string> {
  const built = join(PACKAGE_ROOT, PAGE_SCRIPT);
  if (COMPILED && existsSync(built)) return readFileSync(built, "utf8");
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch (error) {
    throw new NngradeError("input", `the self-check page's script is not built (${PAGE_SCRIPT}) and esbuild is not installed to build it: reinstall nngrade`, { cause: error });
  }
  const result = await esbuild.build({ ...PAGE_BUILD_OPTIONS, entryPoints: [...PAGE_BUILD_OPTIONS.entryPoints] });
  return result.outputFiles[0]?.text ?? "";
}
