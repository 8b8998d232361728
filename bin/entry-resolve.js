// Module resolve hooks that send nngrade's public entry points
// ("nngrade/authoring", ...) to the copy of nngrade that is running
// (bin/register-source.js installs them). The built-in references, a
// course's own reference and nngrade's workers import the entry points by
// name; package.json's exports would send the names to dist/, which a
// checkout running its sources may not have built, or built from older
// sources, and a course's reference could find another installed copy.
// One copy of each module is loaded: the sources (src/) or dist/.
const ROOT = new URL("../", import.meta.url);

/** the package's entry points, as package.json's exports name them: [source, compiled] */
export const ENTRIES = {
  nngrade: ["src/index.ts", "dist/src/index.js"],
  "nngrade/authoring": ["src/authoring.ts", "dist/src/authoring.js"],
  "nngrade/engine": ["src/engine/index.ts", "dist/src/engine/index.js"],
  "nngrade/testing": ["src/testing.ts", "dist/src/testing.js"],
};

let compiled = false;

export async function initialize(data) {
  compiled = data?.compiled === true;
}

export async function resolve(specifier, context, nextResolve) {
  const entry = ENTRIES[specifier];
  if (entry !== undefined) return { url: new URL(entry[compiled ? 1 : 0], ROOT).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
