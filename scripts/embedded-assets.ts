/**
 * The assets the grading core needs, as TypeScript modules: the report's
 * handlebars templates (templates/) and the rubric meta-schema
 * (rubrics/rubric.schema.json). The core reads no file, so that it runs in a
 * browser page as it runs in Node; the files stay the sources an editor
 * opens, and these modules are written from them by `npm run embed`
 * (scripts/embed-assets.ts) and committed. test/architecture/embedded-assets.test.ts
 * fails while a committed module differs from what its files give.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Handlebars from "handlebars";

/**
 * how every template is compiled: escaping output, strict lookups, and only
 * the helpers the renderers register (report.ts's itemPlot, summary's plotSvg)
 */
export const TEMPLATE_COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { itemPlot: true, plotSvg: true },
} as const;

export interface EmbeddedModule {
  /** relative to the repository */
  path: string;
  text: string;
}

const HEADER = (from: string) =>
  `// Written by scripts/embed-assets.ts from ${from}: edit the source, then run \`npm run embed\`.\n` +
  "// test/architecture/embedded-assets.test.ts fails while this module is out of date.\n";

/** every .hbs under templates/, by its path there, in code-unit order */
function templateFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, "templates", relative), { withFileTypes: true })) {
      const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".hbs")) found.push(path);
    }
  };
  walk("");
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function embeddedModules(root: string): EmbeddedModule[] {
  const templates = templateFiles(root)
    .map((path) => `  ${JSON.stringify(path)}: ${JSON.stringify(readFileSync(join(root, "templates", path), "utf8"))},\n`)
    .join("");
  // compiled here, once: the renderers then need handlebars' runtime alone, which builds no function from text
  // (a page with a strict Content-Security-Policy, no 'unsafe-eval', runs them)
  const specs = templateFiles(root)
    .map((path) => `  ${JSON.stringify(path)}: ${Handlebars.precompile(readFileSync(join(root, "templates", path), "utf8"), TEMPLATE_COMPILE_OPTIONS)},\n`)
    .join("");
  const schema = readFileSync(join(root, "rubrics", "rubric.schema.json"), "utf8");
  // parsed here, so that a broken schema fails the embedding rather than the first rubric check
  JSON.parse(schema);
  return [
    {
      path: "src/report/templates.generated.ts",
      text:
        `${HEADER("templates/")}\n` +
        "/** each handlebars template's source, by its path under templates/ (partials under partials/) */\n" +
        `export const TEMPLATES: Readonly<Record<string, string>> = {\n${templates}};\n`,
    },
    {
      path: "src/report/templates.compiled.generated.ts",
      text:
        // handlebars' own output is untyped JavaScript: checked by handlebars, not by us
        `// @ts-nocheck\n${HEADER("templates/")}// biome-ignore-all lint: handlebars' precompiled output, as Handlebars.precompile writes it\n\n` +
        'import type Handlebars from "handlebars";\n\n' +
        "/** each template precompiled (Handlebars.precompile, TEMPLATE_COMPILE_OPTIONS of scripts/embedded-assets.ts), by its path under templates/ */\n" +
        `export const TEMPLATE_SPECS: Readonly<Record<string, Parameters<typeof Handlebars.template>[0]>> = {\n${specs}};\n`,
    },
    {
      path: "src/rubric/rubric-schema.generated.ts",
      text:
        `${HEADER("rubrics/rubric.schema.json")}\n` +
        "/** the rubric meta-schema, as its file's text: parsed where it is compiled, as the file was */\n" +
        `export const RUBRIC_SCHEMA_TEXT = ${JSON.stringify(schema)};\n`,
    },
  ];
}
