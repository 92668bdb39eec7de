#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { runCli } from "./cli.js";

const code = await runCli(process.argv.slice(2), {
  readStdin: () => readFileSync(0, "utf8"),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
process.exitCode = code;
