import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { createLog, type Log } from "../../src/adapters/log.js";

// Every log line the tests make, kept for the run: each test process appends what its adapters
// logged (at debug, the most there is) and the secrets it configured to the directory the global
// setup made (SHAPEBOT_TEST_LOG_DIR); the global teardown scans the lines for the secrets.

const dir = () => process.env.SHAPEBOT_TEST_LOG_DIR ?? "";

function append(kind: "lines" | "secrets", text: string): void {
  if (dir() === "" || text === "") return;
  appendFileSync(join(dir(), `${kind}-${process.pid}.txt`), text.endsWith("\n") ? text : `${text}\n`);
}

/** A log at debug level whose lines are kept in `lines` and in the run's log. */
export function captureLog(onLine?: (line: string) => void): { log: Log; lines: string[] } {
  const lines: string[] = [];
  const log = createLog({
    level: "debug",
    write: (line) => {
      lines.push(line);
      append("lines", line);
      onLine?.(line);
    },
  });
  return { log, lines };
}

/** Output of a child process (its stderr and stdout), into the run's log. */
export function recordOutput(text: string): void {
  append("lines", text);
}

/** Secret values a test configured: the run's log must contain none of them. */
export function recordSecrets(...secrets: string[]): void {
  append("secrets", secrets.filter((s) => s !== "").join("\n"));
}
