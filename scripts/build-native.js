/**
 * Builds the native kernels (native/*.c) into build/nngrade_kernels.node.
 * `npm ci` runs it (the package's install script); `npm run build:native`
 * runs it again. It compiles with the machine's C compiler against the
 * Node-API headers of the Node.js that runs it, downloads nothing, and never
 * fails the install: where there is no compiler (the usual case on a
 * student's machine) or no headers it says so in one line and the engine runs
 * on its WebAssembly kernels, which give the same numbers.
 *
 * Plain JavaScript, not TypeScript: it runs before anything else is set up.
 * Not node-gyp: node-gyp fetches Node's headers from the internet unless
 * told where they are, and one compiler call is all this needs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "build", "nngrade_kernels.node");
const sources = ["native/gemm.c", "native/elementwise.c"].map((file) => join(root, file));

/** no addon: normal where there is no compiler, and the numbers are the same (only large training runs are slower) */
function skip(reason) {
  rmSync(target, { force: true });
  console.log(`nngrade: ${reason}; the engine uses its WebAssembly kernels, which give the same numbers`);
  process.exit(0);
}

if (process.env.NNGRADE_SKIP_NATIVE_BUILD === "1") skip("native kernels not built (NNGRADE_SKIP_NATIVE_BUILD=1)");
if (process.platform !== "linux" && process.platform !== "darwin") skip(`no native kernels for ${process.platform}`);

// a machine without a C compiler (a student's laptop, a slim CI image) is the common case, not an error
const compiler = process.env.CC || "cc";
const version = spawnSync(compiler, ["--version"], { encoding: "utf8" });
if (version.error) skip(version.error.code === "ENOENT" ? `no C compiler (${compiler})` : `${compiler}: ${version.error.message}`);

// the headers of the running Node.js: <prefix>/include/node, or npm's nodedir
const headerDirs = [join(dirname(process.execPath), "..", "include", "node")];
if (process.env.npm_config_nodedir) headerDirs.push(join(process.env.npm_config_nodedir, "include", "node"));
const headers = headerDirs.find((dir) => existsSync(join(dir, "node_api.h")));
if (headers === undefined) skip(`no Node.js headers (node_api.h) in ${headerDirs.join(", ")}`);

const temporary = join(dirname(target), `nngrade_kernels.${process.pid}.tmp.node`);
mkdirSync(dirname(target), { recursive: true });
const flags = [
  "-O3",
  "-std=c11",
  "-D_GNU_SOURCE",
  // no fused multiply-add: every backend must round each product and each sum on its own
  "-ffp-contract=off",
  "-fno-fast-math",
  "-pthread",
  "-fPIC",
  "-fvisibility=hidden",
  "-shared",
  ...(process.platform === "darwin" ? ["-undefined", "dynamic_lookup"] : []),
  `-I${headers}`,
  ...sources,
  "-o",
  temporary,
];
const build = spawnSync(compiler, flags, { encoding: "utf8" });
if (build.error || build.status !== 0) {
  rmSync(temporary, { force: true });
  skip(`native kernels not built: ${build.error ? `${compiler}: ${build.error.message}` : `${compiler} failed: ${build.stderr.trim().split("\n").slice(-3).join(" / ")}`}`);
}
// load it once in a fresh process before putting it in place: a broken build must not reach the engine
const probe = spawnSync(process.execPath, ["-e", `const m = { exports: {} }; process.dlopen(m, ${JSON.stringify(temporary)}); process.stdout.write(m.exports.info().isa)`], {
  encoding: "utf8",
});
if (probe.status !== 0) {
  rmSync(temporary, { force: true });
  skip(`native kernels not built: the addon does not load: ${probe.stderr.trim().split("\n")[0]}`);
}
renameSync(temporary, target);
console.log(`nngrade: native kernels built (${probe.stdout}), ${target}`);
