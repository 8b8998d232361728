import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
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
  const version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
  const files = scaffoldFiles({ id: options.id, mode, nngradeVersion: `^${version}` });
  for (const [path, content] of files) {
    const target = join(folder, path);
    mkdirSync(dirname(target), { recursive: true });
    await writeFileAtomic(target, content);
  }
  const shown = relative(io.cwd, folder) || ".";
  io.stdout(`${shown}/: ${[...files.keys()].join(", ")}\n`);
  io.stdout(`next: cd ${shown} && npm install && npx nngrade test ${options.id}.json --fixtures fixtures (its README.md says more)\n`);
  return EXIT.ok;
}
