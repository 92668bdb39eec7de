import { type Logger, LogLevel } from "@slack/bolt";
import type { Log } from "../log.js";

// Bolt's and the Web API client's own logging, into our JSON lines: warnings and errors only
// (their info lines are connection chatter), with anything shaped like a Slack token masked.

const TOKEN = /\bx(?:ox[abposr]|app)-[A-Za-z0-9-]+/g;

export function boltLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  let name = "bolt";
  const line = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p)))
      .join(" ")
      .replace(TOKEN, "x***");
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => log.warn(line(parts), { source: name }),
    error: (...parts: unknown[]) => log.error(line(parts), { source: name }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}
