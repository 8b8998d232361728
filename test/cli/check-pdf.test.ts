import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runCli } from "../helpers/cli.ts";
import { flat, itWithPoppler, pdfPages } from "../report/poppler.ts";

const FIXTURE = "fixtures/submissions/hw4-hyperparameters/mistake-transposed.json";
const work = mkdtempSync(join(tmpdir(), "nngrade-check-pdf-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `nngrade check FIXTURE --pdf out` with a fixed SOURCE_DATE_EPOCH; returns the file */
async function checkToPdf(name: string, epoch: string): Promise<Buffer> {
  const out = join(work, name);
  const { code, stderr } = await runCli(["check", FIXTURE, "--pdf", out], { env: { SOURCE_DATE_EPOCH: epoch } });
  expect(stderr).toBe("");
  // the fixture has mistakes: the verdict still prints and the command succeeds
  expect(code).toBe(0);
  return readFileSync(out);
}

describe("nngrade check --pdf", () => {
  it("writes a pdf dated by SOURCE_DATE_EPOCH, the same bytes on every run", async () => {
    const first = await checkToPdf("first.pdf", "1700000000");
    const second = await checkToPdf("second.pdf", "1700000000");
    expect(first.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(first.equals(second)).toBe(true);
    // 1700000000 is 2023-11-14T22:13:20Z
    expect(first.toString("latin1")).toContain("(D:20231114221320Z)");
  });

  it("writes the file relative to the working directory, next to --html", async () => {
    const { code } = await runCli(["check", join(REPO_ROOT, FIXTURE), "--pdf", "rel.pdf", "--html", "rel.html"], {
      cwd: work,
      env: { SOURCE_DATE_EPOCH: "1" },
    });
    expect(code).toBe(0);
    expect(readFileSync(join(work, "rel.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(readFileSync(join(work, "rel.html"), "utf8")).toContain("s-transposed");
  });

  itWithPoppler(["pdftotext"], "the pdf names the student and the transposed item", async () => {
    const submission = JSON.parse(readFileSync(join(REPO_ROOT, FIXTURE), "utf8")) as { student: { id: string; name: string } };
    const text = flat(pdfPages(await checkToPdf("text.pdf", "1700000000")).join(" "));
    expect(text).toContain(submission.student.id);
    expect(text).toContain(submission.student.name);
    expect(text).toContain("q3.grad_W");
    expect(text).toContain("transposed");
  });
});
