import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findSecrets } from "./secret-scan.js";

// vitest globalSetup: a directory for the whole run's logs (see log-capture.ts), scanned at the
// end for every secret any test configured. A leak fails the run.

export function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "shapebot-test-logs-"));
  process.env.SHAPEBOT_TEST_LOG_DIR = dir;
  return () => {
    try {
      const read = (kind: string) =>
        readdirSync(dir)
          .filter((f) => f.startsWith(`${kind}-`))
          .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n"));
      const lines = read("lines");
      const secrets = read("secrets").filter((s) => s !== "");
      const leaks = findSecrets(lines, secrets);
      if (leaks.length > 0) {
        // A throw here is only printed; the exit status is what fails CI.
        process.stderr.write(`secrets in the test run's logs (${dir}):\n${leaks.slice(0, 20).join("\n")}\n`);
        process.exitCode = 1;
        return;
      }
      if (secrets.length > 0)
        process.stdout.write(
          `log scan: ${lines.length} log lines, ${new Set(secrets).size} secrets, none found\n`,
        );
      rmSync(dir, { recursive: true, force: true });
    } finally {
      delete process.env.SHAPEBOT_TEST_LOG_DIR;
    }
  };
}
