/**
 * `npm run lint`: Biome's linter through its WebAssembly build. The native
 * @biomejs/biome CLI ships per-platform binaries that the registry this
 * project installs from does not all carry, which breaks `npm ci`; the wasm
 * build is one platform-independent package with the same rules.
 */
import { type Dirent, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Biome } from "@biomejs/js-api/nodejs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const FOLDERS = ["src", "reference", "test", "bench", "bin", "scripts"];
const EXTENSIONS = /\.(ts|js|mjs)$/;

function sourceFiles(folder: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return EXTENSIONS.test(entry.name) ? [path] : [];
    });
}

const biome = new Biome();
const { projectKey } = biome.openProject(ROOT);
const configuration = JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8"));
delete configuration.$schema;
biome.applyConfiguration(projectKey, configuration);

let errors = 0;
let warnings = 0;
const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));
for (const file of files) {
  const filePath = relative(ROOT, file);
  const content = readFileSync(file, "utf8");
  const { diagnostics } = biome.lintContent(projectKey, content, { filePath });
  const shown = diagnostics.filter((diagnostic) => diagnostic.severity === "error" || diagnostic.severity === "warning");
  if (shown.length === 0) continue;
  errors += shown.filter((diagnostic) => diagnostic.severity === "error").length;
  warnings += shown.filter((diagnostic) => diagnostic.severity === "warning").length;
  process.stdout.write(plainText(biome.printDiagnostics(shown, { filePath, fileSource: content })));
}
process.stdout.write(`lint: ${files.length} files, ${errors} error(s), ${warnings} warning(s)\n`);
process.exitCode = errors > 0 ? 1 : 0;

/** printDiagnostics writes HTML markup; a terminal wants the text */
function plainText(html: string): string {
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
  return html.replace(/<[^>]+>/g, "").replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity);
}
