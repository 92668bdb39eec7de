import { describe, expect, it } from "vitest";
import { createLog, secretsIn } from "../../src/adapters/log.js";
import { beginRequest } from "../../src/adapters/request-log.js";
import { boltLogger } from "../../src/adapters/slack/bolt-logger.js";
import { findSecrets } from "../support/secret-scan.js";

function logTo(level = "debug", secrets: string[] = []) {
  const lines: string[] = [];
  const log = createLog({ level, secrets, write: (l) => lines.push(l) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("structured logs (pino)", () => {
  it("one JSON line per event: ISO time, level by name, message, fields", () => {
    const { log, lines, parsed } = logTo("info");
    log.debug("hidden below info");
    log.info("slack ready", { mode: "http", port: 3000 });
    log.error("boom", { code: "E1" });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.endsWith("\n") && !l.slice(0, -1).includes("\n"))).toBe(true);
    const [ready, boom] = parsed();
    expect(ready).toMatchObject({ level: "info", message: "slack ready", mode: "http", port: 3000 });
    expect(String(ready?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(boom).toMatchObject({ level: "error", message: "boom", code: "E1" });
    expect(ready).not.toHaveProperty("pid");
  });

  it("an unknown LOG_LEVEL falls back to info", () => {
    const { log, lines } = logTo("loud");
    log.debug("no");
    log.info("yes");
    expect(lines).toHaveLength(1);
  });

  it("secret-named fields are redacted, at the top and one level down", () => {
    const { log, parsed } = logTo();
    log.info("x", {
      token: "abc123456",
      headers: { authorization: "Bearer abc123456" },
      cfg: { token: "t0k3n-value" },
    });
    expect(parsed()[0]).toMatchObject({
      token: "[redacted]",
      headers: { authorization: "[redacted]" },
      cfg: { token: "[redacted]" },
    });
  });

  it("token-shaped strings are masked wherever they are, Slack's and Discord's", () => {
    const { log, lines } = logTo();
    const slack = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
    const app = "xapp-1-A0123-4567-abcdef0123";
    const discord = "MTA4NjEyMzQ1Njc4OTAxMjM0NQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";
    log.error(`request failed with ${slack}`, { error: `url?token=${app}`, stack: [discord] });
    const all = lines.join("");
    for (const t of [slack, app, discord]) expect(all).not.toContain(t);
    expect(all).toContain("request failed with [redacted]");
  });

  it("the configured secret values are cut out of every line, whatever the field or message", () => {
    const env = {
      SLACK_SIGNING_SECRET: "8f14e45fceea167a5a36dedd4bea2543",
      DISCORD_TOKEN: "plain-token-xyz",
    };
    const { log, lines } = logTo("debug", secretsIn(env));
    log.warn(`signature computed with ${env.SLACK_SIGNING_SECRET}`, { nested: { a: [env.DISCORD_TOKEN] } });
    expect(findSecrets(lines, Object.values(env))).toEqual([]);
    expect(lines[0]).toContain("[redacted]");
  });

  it("the scan used over a whole test run finds a secret when there is one", () => {
    expect(findSecrets(['{"a":1}', '{"m":"sk-12345 leaked"}'], ["sk-12345"])).toEqual([
      "line 2 contains a secret starting sk-1…",
    ]);
    expect(findSecrets(["nothing"], ["sk-12345"])).toEqual([]);
  });

  it("a request's lines all carry its id; the last says how it ended and how long it took", () => {
    const { log, parsed } = logTo("info");
    const req = beginRequest(log, { platform: "slack", kind: "mention", user: "U1" });
    req.log.warn("an ephemeral message failed");
    req.finish("answered", { files: 2 });
    req.finish("failed");
    const lines = parsed();
    expect(lines).toHaveLength(2);
    expect(req.id).toMatch(/^[0-9a-f]{8}$/);
    for (const l of lines) expect(l).toMatchObject({ req: req.id, platform: "slack", user: "U1" });
    expect(lines[1]).toMatchObject({ message: "request finished", outcome: "answered", files: 2 });
    expect(typeof lines[1]?.ms).toBe("number");
    expect(beginRequest(log, {}).id).not.toBe(req.id);
  });

  it("Bolt's own lines: debug (request and event bodies) dropped, info at debug, warnings kept and masked", () => {
    const { log, parsed } = logTo("debug");
    const bolt = boltLogger(log);
    bolt.debug(`http request body: {"text":"my model is secret"}`);
    bolt.info("Now connected to Slack");
    bolt.warn("http request failed", new Error("token xoxb-123456789-abcdefgh refused"));
    const lines = parsed();
    expect(lines.map((l) => [l.level, l.message])).toEqual([
      ["debug", "Now connected to Slack"],
      ["warn", "http request failed token [redacted] refused"],
    ]);
    expect(JSON.stringify(lines)).not.toContain("my model is secret");
  });
});
