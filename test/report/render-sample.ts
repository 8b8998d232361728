/** Renders the sample result so a person can look at it: npx tsx test/report/render-sample.ts [out.html] */
import { renderHtml } from "../../src/report/html.ts";
import { renderText } from "../../src/report/text.ts";
import { writeFileAtomic } from "../../src/atomic-write.ts";
import { sampleResult } from "./sample-result.ts";

const out = process.argv[2] ?? "/tmp/nngrade-sample.html";
await writeFileAtomic(out, renderHtml(sampleResult));
process.stdout.write(renderText(sampleResult, { color: process.stdout.isTTY === true }));
process.stdout.write(`wrote ${out}\n`);
