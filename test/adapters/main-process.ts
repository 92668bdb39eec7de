import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { secretsIn } from "../../src/adapters/log.js";
import { recordOutput, recordSecrets } from "../support/log-capture.js";

// `npm start` as a child process for the adapters' process tests: src/main.ts under tsx, with only
// the environment given (and PATH), stderr collected; every child started is killed by killAll.

const MAIN = join(process.cwd(), "src", "main.ts");
const children = new Set<ChildProcess>();

export function startMain(env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  let stderr = "";
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "debug", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  recordSecrets(...secretsIn(env));
  child.on("close", () => recordOutput(stderr));
  children.add(child);
  return { child, stderr: () => stderr };
}

/** For afterEach: SIGKILL whatever is still running. */
export function killAll(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  children.clear();
}
