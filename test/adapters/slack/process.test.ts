import { once } from "node:events";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/fake-slack.js";
import { killAll, startMain } from "../main-process.js";

// `npm start` as an operator runs it: only SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_URL
// and PORT set, against the local fake Slack; signed requests to 127.0.0.1:PORT; stdin is never
// read; SIGTERM ends it.

let fake: FakeSlack | null = null;

afterEach(async () => {
  killAll();
  await fake?.close();
  fake = null;
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, "close");
  return port;
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("npm start with Slack credentials", () => {
  it("answers a signed mention on PORT, never reads stdin, and stops cleanly on SIGTERM", async () => {
    fake = await startFakeSlack();
    const port = await freePort();
    const { child: c, stderr } = startMain({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: fake.signingSecret,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
    });
    c.stdin?.end("this is not a chat message\n\n");
    await until(() => stderr().includes('"slack ready"'), 15_000);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const event = fake.eventCallback({
      type: "app_mention",
      text: "conv 24 filters 8x8 stride 2 on 128x128x3",
    });
    const res = await fake.signedRequest(`http://127.0.0.1:${port}/slack/events`, JSON.stringify(event), {
      secret: fake.signingSecret,
    });
    expect(res.status).toBe(200);
    const posted = await fake.waitFor("messages", undefined, 10_000);
    expect(JSON.stringify(posted.blocks)).toContain("(None, 61, 61, 24)");
    expect(stderr()).not.toContain(fake.botToken);
    expect(stderr()).not.toContain(fake.signingSecret);
    c.kill("SIGTERM");
    const [code] = await once(c, "close");
    expect(code).toBe(0);
  }, 30_000);

  it("with SLACK_APP_TOKEN it uses Socket Mode: no signing secret needed, events over the WebSocket", async () => {
    fake = await startFakeSlack();
    const port = await freePort();
    const { child: c, stderr } = startMain({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_APP_TOKEN: fake.appToken,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
    });
    await until(() => stderr().includes('"slack ready"'), 15_000);
    expect(stderr()).toContain('"mode":"socket"');
    expect(fake.state.socketConnections).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const envelope = fake.socketSendEvent(
      fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }),
    );
    await fake.waitFor("socketAcks", (a) => a.envelope_id === envelope.envelope_id, 5000);
    const posted = await fake.waitFor("messages", undefined, 10_000);
    expect(JSON.stringify(posted.blocks)).toContain("(None, 6, 6, 1)");
    expect(stderr()).not.toContain(fake.appToken);
    c.kill("SIGTERM");
    const [code] = await once(c, "close");
    expect(code).toBe(0);
  }, 30_000);

  it("a token Slack refuses, or a missing signing secret, says so and exits 78", async () => {
    fake = await startFakeSlack();
    const refused = startMain({
      SLACK_BOT_TOKEN: "xoxb-not-the-token",
      SLACK_SIGNING_SECRET: "secret",
      SLACK_API_URL: fake.apiUrl,
      PORT: String(await freePort()),
    });
    const [code] = await once(refused.child, "close");
    expect(code).toBe(78);
    expect(refused.stderr()).toContain("Slack refused SLACK_BOT_TOKEN");
    expect(refused.stderr()).toContain("invalid_auth");
    expect(refused.stderr()).not.toContain("xoxb-not-the-token");
    const incomplete = startMain({ SLACK_BOT_TOKEN: fake.botToken });
    const [code2] = await once(incomplete.child, "close");
    expect(code2).toBe(78);
    expect(incomplete.stderr()).toContain("SLACK_SIGNING_SECRET is not");
  }, 30_000);
});

describe("SHAPEBOT_ADAPTERS", () => {
  it("runs only the adapters it names, and refuses a name it does not know", async () => {
    fake = await startFakeSlack();
    // Slack credentials set, but this process is the Discord worker: nothing to run, exit 78.
    const worker = startMain({
      SHAPEBOT_ADAPTERS: "discord",
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: fake.signingSecret,
      SLACK_API_URL: fake.apiUrl,
    });
    const [code] = await once(worker.child, "close");
    expect(code).toBe(78);
    expect(worker.stderr()).toContain("names no adapter whose credentials are set");
    expect(fake.calls("auth.test")).toHaveLength(0);
    const typo = startMain({ SHAPEBOT_ADAPTERS: "slak" });
    const [code2] = await once(typo.child, "close");
    expect(code2).toBe(78);
    expect(typo.stderr()).toContain('"unknown":["slak"]');
  }, 30_000);
});
