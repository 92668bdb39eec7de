import { type Logger, LogLevel } from "@slack/bolt";
import type { Log } from "../log.js";

// Bolt's and the Web API client's own logging, into our JSON lines: their info lines (connection
// chatter) at debug, warnings and errors as such; their debug lines never, since those carry whole
// request and event bodies, i.e. the users' messages. Our log masks tokens in the rest.

export function boltLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  let name = "bolt";
  const line = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p)))
      .join(" ");
  return {
    debug: () => {},
    info: (...parts: unknown[]) => log.debug(line(parts), { source: name }),
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
