// Compiles every grammar/*.ne with nearleyc into src/parse/generated/*.ts.
// The generated files are build output (git-ignored) and are never edited by hand.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nearleyc = join(
  dirname(createRequire(import.meta.url).resolve("nearley/package.json")),
  "bin",
  "nearleyc.js",
);
const outDir = join(root, "src", "parse", "generated");
mkdirSync(outDir, { recursive: true });
for (const file of readdirSync(join(root, "grammar"))) {
  if (!file.endsWith(".ne")) continue;
  const out = join(outDir, `${basename(file, ".ne")}-grammar.ts`);
  execFileSync(process.execPath, [nearleyc, join(root, "grammar", file), "-o", out], { stdio: "inherit" });
}
