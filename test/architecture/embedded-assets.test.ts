/**
 * The grading core reads no file: the report's templates and the rubric
 * meta-schema reach it as modules written from templates/ and
 * rubrics/rubric.schema.json (scripts/embedded-assets.ts). A template edited
 * without `npm run embed` would leave every report as it was.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedModules } from "../../scripts/embedded-assets.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("the embedded assets", () => {
  for (const { path, text } of embeddedModules(ROOT)) {
    it(`${path} is what its sources give now (npm run embed rewrites it)`, () => {
      expect(readFileSync(join(ROOT, path), "utf8") === text, `${path} is out of date: run npm run embed`).toBe(true);
    });
  }

  it("embeds every template, partials under partials/", async () => {
    const { TEMPLATES } = await import("../../src/report/templates.generated.ts");
    expect(Object.keys(TEMPLATES)).toEqual(expect.arrayContaining(["report.hbs", "summary.hbs", "partials/styles.hbs", "partials/item.hbs"]));
    expect(TEMPLATES["report.hbs"]).toBe(readFileSync(join(ROOT, "templates", "report.hbs"), "utf8"));
  });
});
