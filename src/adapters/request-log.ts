import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Fields, Log } from "./log.js";

// One id per chat request: every line logged while answering it carries `req`, the last one says
// how it ended and how long it took, and an apology shows the same id so a user's report can be
// found in the logs. Never the message's text.

export type Outcome = "answered" | "not_understood" | "rate_limited" | "not_in_channel" | "failed";

export interface RequestLog {
  readonly id: string;
  readonly log: Log;
  finish(outcome: Outcome, fields?: Fields): void;
}

export function beginRequest(log: Log, fields: Fields): RequestLog {
  const id = randomBytes(4).toString("hex");
  const child = log.child({ req: id, ...fields });
  const started = performance.now();
  let finished = false;
  return {
    id,
    log: child,
    finish(outcome, more = {}) {
      if (finished) return;
      finished = true;
      const ms = Math.round(performance.now() - started);
      child[outcome === "failed" ? "warn" : "info"]("request finished", { outcome, ms, ...more });
    },
  };
}
