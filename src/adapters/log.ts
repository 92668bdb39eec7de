// One JSON line per event on stderr, at or above LOG_LEVEL. Never given a secret: callers pass
// what happened and ids, not tokens or message bodies.

export interface Log {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;

export function createLog(
  level = process.env.LOG_LEVEL ?? "info",
  write = (line: string) => process.stderr.write(line),
): Log {
  const min = Math.max(0, LEVELS.indexOf(level as (typeof LEVELS)[number]));
  const emit =
    (at: (typeof LEVELS)[number]) =>
    (message: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS.indexOf(at) < min) return;
      write(`${JSON.stringify({ time: new Date().toISOString(), level: at, message, ...fields })}\n`);
    };
  return { info: emit("info"), warn: emit("warn"), error: emit("error") };
}
