import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { writeFileAtomic } from "../../atomic-write.ts";
import { type ScaffoldMode, scaffoldFiles } from "../../authoring/scaffold.ts";
import { NngradeError } from "../../errors.ts";
import { PACKAGE_ROOT } from "../../package-root.ts";
import { EXIT } from "../exit-codes.ts";
import type { CommandIo } from "../io.ts";
import { ASSIGNMENT_ID } from "../../rubric/types.ts";

export interface NewOptions {
  id: string;
  python?: boolean;
  key?: boolean;
  typescript?: boolean;
  /** the folder to create; ./<id> by default */
  out?: string;
}

/** Writes a new assignment's folder (authoring/scaffold.ts) that passes `nngrade test` as it is. */
export async function newCommand(options: NewOptions, io: CommandIo): Promise<number> {
  if (!ASSIGNMENT_ID.test(options.id)) throw new NngradeError("usage", `${options.id}: an assignment id is lowercase letters, digits and dashes`);
  const modes = (["python", "key", "typescript"] as const).filter((mode) => options[mode] === true);
  if (modes.length > 1) throw new NngradeError("usage", `choose one of --python, --key, --typescript (got ${modes.map((m) => `--${m}`).join(", ")})`);
  const mode: ScaffoldMode = modes[0] ?? "python";
  const folder = resolve(io.cwd, options.out ?? options.id);
  if (existsSync(folder) && readdirSync(folder).length > 0) throw new NngradeError("usage", `${relative(io.cwd, folder) || "."}: not empty; nngrade new writes a new folder`);
  const installed = installedIn();
  const files = scaffoldFiles({ id: options.id, mode, nngradeVersion: dependencySpec(installed, folder) });
  for (const [path, content] of files) {
    const target = join(folder, path);
    mkdirSync(dirname(target), { recursive: true });
    await writeFileAtomic(target, content);
  }
  const shown = relative(io.cwd, folder) || ".";
  io.stdout(`${shown}/: ${[...files.keys()].join(", ")}\n`);
  // inside the project nngrade is installed in, the new folder already finds it
  const reachable = installed !== undefined && !relative(installed.project, folder).startsWith("..");
  io.stdout(`next: ${reachable ? "" : `cd ${shown} && npm install && `}npx nngrade test ${options.id} (its README.md says more)\n`);
  return EXIT.ok;
}

/** the project this nngrade is installed in (<project>/node_modules/nngrade) and how its package.json names it */
function installedIn(): { project: string; spec?: string } | undefined {
  if (basename(dirname(PACKAGE_ROOT)) !== "node_modules") return undefined;
  const project = dirname(dirname(PACKAGE_ROOT));
  try {
    const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const spec = manifest.dependencies?.nngrade ?? manifest.devDependencies?.nngrade;
    return spec === undefined ? { project } : { project, spec };
  } catch {
    return { project };
  }
}

/**
 * the new folder's dependency on nngrade: as the project nngrade is
 * installed in names it (a packed tarball's file: path made relative to
 * the new folder, so that npm install there finds the same tarball), else
 * this version from the registry
 */
function dependencySpec(installed: { project: string; spec?: string } | undefined, folder: string): string {
  const spec = installed?.spec;
  if (spec === undefined) {
    const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
    return `^${version}`;
  }
  if (!spec.startsWith("file:")) return spec;
  const target = resolve(installed!.project, spec.slice("file:".length));
  return `file:${relative(folder, target).split(sep).join("/")}`;
}
