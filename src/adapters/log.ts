import { destination, type Logger, pino, stdTimeFunctions } from "pino";

// Structured logs: one JSON line per event on stderr (pino), at or above LOG_LEVEL. Callers pass
// what happened and ids, never tokens or message bodies; three guards catch a mistake anyway:
// secret-named fields are redacted, token-shaped strings are masked, and the configured secret
// values themselves are cut out of every line before it is written.

export type Fields = Record<string, unknown>;

export interface Log {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** A log whose every line carries `bindings` too (e.g. a request id). */
  child(bindings: Fields): Log;
}

export interface LogOptions {
  level?: string;
  /** Where each line goes (default: stderr, synchronously, so nothing is lost at exit). */
  write?: (line: string) => void;
  /** Values never to be written, whatever field or message they turn up in. */
  secrets?: readonly string[];
}

const REDACTED = "[redacted]";
const SECRET_FIELDS = [
  "token",
  "botToken",
  "appToken",
  "signingSecret",
  "secret",
  "password",
  "authorization",
  "headers.authorization",
  "*.token",
  "*.authorization",
  "*.headers.authorization",
];
/** Slack tokens (xoxb-, xoxp-, xapp-, …) and Discord bot tokens (three base64url parts). */
const TOKEN_SHAPES = [
  /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]{6,}/g,
  /\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,40}\b/g,
];
const LEVELS = new Set(["trace", "debug", "info", "warn", "error", "fatal", "silent"]);

export function createLog(options: LogOptions = {}): Log {
  const requested = options.level ?? process.env.LOG_LEVEL ?? "info";
  const level = LEVELS.has(requested) ? requested : "info";
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  const write = options.write ?? stderrWriter();
  const logger = pino(
    {
      level,
      base: undefined,
      messageKey: "message",
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_FIELDS, censor: REDACTED },
    },
    { write: (line: string) => write(scrub(line, secrets)) },
  );
  return wrap(logger);
}

/** Cuts the secret values and anything token-shaped out of a finished line. */
export function scrub(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, REDACTED);
  return out;
}

/** The configured secret values in an environment, for `createLog({ secrets })`. */
export function secretsIn(env: NodeJS.ProcessEnv): string[] {
  return ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"]
    .map((name) => env[name] ?? "")
    .filter((v) => v !== "");
}

function wrap(logger: Logger): Log {
  const at =
    (level: "debug" | "info" | "warn" | "error") =>
    (message: string, fields: Fields = {}) =>
      logger[level](fields, message);
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}

function stderrWriter(): (line: string) => void {
  const stderr = destination({ dest: 2, sync: true });
  return (line) => stderr.write(line);
}
