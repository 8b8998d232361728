/**
 * nngrade as an npm tarball, made by `npm pack` of the package this module
 * belongs to: what the autograder image installs. npm pack stamps every file
 * with a fixed date and lists them in a fixed order, so the same tree gives
 * the same bytes.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { NngradeError } from "../errors.ts";
import { PACKAGE_ROOT } from "../grade/paths.ts";

const run = promisify(execFile);

export interface PackedPackage {
  name: string;
  version: string;
  tarball: Uint8Array;
  /** paths inside the package, as npm pack lists them */
  files: string[];
  /** the package's package-lock.json, when it has one */
  lockfile?: Uint8Array;
}

export async function packPackage(root: string = PACKAGE_ROOT): Promise<PackedPackage> {
  const destination = await mkdtemp(join(tmpdir(), "nngrade-pack-"));
  try {
    let stdout: string;
    try {
      // --ignore-scripts: packing must not run the package's own lifecycle scripts
      ({ stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      }));
    } catch (error) {
      const detail = ((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split("\n").slice(-3).join("; ");
      throw new NngradeError("input", `npm pack in ${root} failed: ${detail}`, { cause: error });
    }
    const [packed] = JSON.parse(stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
    if (!packed) throw new NngradeError("input", `npm pack in ${root} printed no package`);
    const result: PackedPackage = {
      name: packed.name,
      version: packed.version,
      tarball: await readFile(join(destination, packed.filename)),
      files: packed.files.map((file) => file.path).sort(),
    };
    // a checkout's lockfile, else the copy an installed package carries in dist/ (npm pack leaves the root one out)
    const lockfile = (await readFile(join(root, "package-lock.json")).catch(() => undefined)) ?? (await readFile(join(root, "dist", "package-lock.json")).catch(() => undefined));
    if (lockfile) result.lockfile = lockfile;
    return result;
  } finally {
    await rm(destination, { recursive: true, force: true });
  }
}
