/**
 * What CI tools make of a JUnit file: libxml2's xmllint validates it against
 * the schemas tools read JUnit by (schemas/: the Jenkins xUnit plugin's
 * junit-10.xsd and Ant's JUnit.xsd), and junit2json, a parser CI reporters
 * use, reads it. Where xmllint is missing the tests that need it are
 * skipped, and say why; CI sets NNGRADE_REQUIRE_XMLLINT=1, and then a
 * missing xmllint fails them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, type TestSuite, type TestSuites } from "junit2json";
import { it } from "vitest";

export const JUNIT_SCHEMAS = {
  "jenkins junit-10.xsd": fileURLToPath(new URL("./schemas/junit-10.xsd", import.meta.url)),
  "ant JUnit.xsd": fileURLToPath(new URL("./schemas/JUnit.xsd", import.meta.url)),
} as const;

const REQUIRED = process.env.NNGRADE_REQUIRE_XMLLINT === "1";
let present: boolean | undefined;

export function hasXmllint(): boolean {
  if (present === undefined) {
    const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
    present = !(probe.error && (probe.error as NodeJS.ErrnoException).code === "ENOENT");
  }
  return present;
}

/** `it` when xmllint is on PATH; otherwise a skip that says so, or a failure when it is required */
export function itWithXmllint(name: string, test: () => Promise<void> | void): void {
  if (hasXmllint()) {
    it(name, test);
  } else if (REQUIRED) {
    it(name, () => {
      throw new Error("xmllint not on PATH, and NNGRADE_REQUIRE_XMLLINT=1: install libxml2-utils");
    });
  } else {
    it.skip(`${name} (skipped: xmllint not on PATH; install libxml2-utils to run it)`, test);
  }
}

/** what xmllint --schema says against each schema: empty when the file is valid against both */
export function schemaProblems(xml: string): string[] {
  const folder = mkdtempSync(join(tmpdir(), "nngrade-junit-"));
  try {
    const file = join(folder, "report.xml");
    writeFileSync(file, xml);
    const problems: string[] = [];
    for (const [name, schema] of Object.entries(JUNIT_SCHEMAS)) {
      const run = spawnSync("xmllint", ["--noout", "--schema", schema, file], { encoding: "utf8" });
      if (run.error) throw run.error;
      if (run.status !== 0) problems.push(`${name}: ${run.stderr.trim()}`);
    }
    return problems;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** the file as junit2json reads it: its suites, each with its test cases */
export async function readJunit(xml: string): Promise<TestSuite[]> {
  const parsed = await parse(xml);
  if (parsed === null || parsed === undefined) throw new Error("junit2json read nothing");
  // a <testsuites> root gives its suites (none when it is empty); a lone <testsuite>, itself
  return /^\s*(<\?xml[^>]*\?>)?\s*<testsuites[\s/>]/.test(xml) ? ((parsed as TestSuites).testsuite ?? []) : [parsed as TestSuite];
}
