// Loaded with --import by the hostile class test: writes the process's peak resident memory (bytes, all threads)
// to NNGRADE_PEAK_RSS_FILE when it exits, so the test can bound it without a tool of the system's.
import { writeFileSync } from "node:fs";

const file = process.env.NNGRADE_PEAK_RSS_FILE;
if (file) {
  process.on("exit", () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
