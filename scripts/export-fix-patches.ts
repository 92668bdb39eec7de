// npm run fixes:export — step 1 of the fix fixtures (step 2: scripts/gen-fix-fixtures.py).
// For every snippet in test/fixtures/fixes/cases/, writes the checked fixes shapebot proposes
// now (the whole patched snippet of each) to test/fixtures/fixes/patches.json, so that the real
// frameworks can run them.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fixesForMessage } from "../test/diagnose/fix-cases.js";

const dir = join(process.cwd(), "test", "fixtures", "fixes");
const cases = readdirSync(join(dir, "cases"))
  .filter((f) => f.endsWith(".py"))
  .sort();
const out = cases.map((file) => {
  const message = readFileSync(join(dir, "cases", file), "utf8");
  const { code, fixes, minSide } = fixesForMessage(message);
  return { case: file, framework: file.startsWith("t") ? "pytorch" : "keras", code, patched: fixes, minSide };
});
writeFileSync(join(dir, "patches.json"), `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(
  `${out.length} cases, ${out.reduce((n, c) => n + c.patched.length, 0)} patched snippets\n`,
);
