import { afterEach, describe, expect, it } from "vitest";
import type { SlackBot } from "../../../src/adapters/slack/slack-app.js";
import { type FakeSlack, startFakeSlack } from "../../fakes/slack/fake-slack.js";
import { slackAppOnFake } from "./slack-harness.js";

// Slack's Web API misbehaving, through the local fake: a 5xx (retried, answered once), a 403
// (never retried: one refused call, then the apology, and the app keeps answering) and a slow
// Web API (events still acked at once, a retried delivery answered once, other users not held up).

let fake: FakeSlack | null = null;
let bot: SlackBot | null = null;

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = null;
  fake = null;
});

async function setup(): Promise<{ fake: FakeSlack; url: string }> {
  fake = await startFakeSlack();
  // The production retry policy: 2 retries for network failures and 5xx.
  const started = await slackAppOnFake(fake, { webRetries: 2, perUserPerMinute: 100 });
  bot = started.bot;
  return { fake, url: started.url };
}

function mention(
  f: FakeSlack,
  url: string,
  text: string,
  user?: string,
  headers: Record<string, string> = {},
) {
  const ev = f.eventCallback({ type: "app_mention", text, ...(user ? { user } : {}) });
  return deliver(f, url, ev, headers);
}

async function deliver(f: FakeSlack, url: string, ev: unknown, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await f.signedRequest(url, JSON.stringify(ev), { secret: f.signingSecret, headers });
  return { status: res.status, ackMs: performance.now() - started };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const posts = (f: FakeSlack) => f.calls("chat.postMessage");

describe("Slack Web API faults", () => {
  it("a 500 on chat.postMessage is retried and the answer is posted once", async () => {
    const { fake, url } = await setup();
    fake.failNext("chat.postMessage", { status: 500, body: { ok: false, error: "internal_error" } });
    await mention(fake, url, "conv 3x3 on 8x8x1");
    const posted = await fake.waitFor("messages", undefined, 10_000);
    expect(JSON.stringify(posted.blocks)).toContain("(None, 6, 6, 1)");
    await sleep(300);
    expect(posts(fake).map((c) => c.httpStatus)).toEqual([500, 200]);
    expect(fake.state.messages).toHaveLength(1);
    expect(fake.state.ephemerals).toHaveLength(0);
  });

  it("a 403 is never retried: one refused call, the apology to the asker, and the next mention answered", async () => {
    const { fake, url } = await setup();
    fake.failNext("chat.postMessage", { status: 403, body: { ok: false, error: "forbidden" } });
    await mention(fake, url, "conv 3x3 on 8x8x1");
    const apology = await fake.waitFor("ephemerals", (e) => String(e.text).includes("error id"), 10_000);
    expect(apology.user).toBe(fake.ids.userId);
    // Longer than the retry policy's first pause (1 s): a retry would have shown by now.
    await sleep(1500);
    expect(posts(fake).map((c) => c.httpStatus)).toEqual([403]);
    expect(fake.state.messages).toHaveLength(0);
    await mention(fake, url, "maxpool 2 on 32x32x3");
    const next = await fake.waitFor("messages", undefined, 10_000);
    expect(JSON.stringify(next.blocks)).toContain("(None, 16, 16, 3)");
    expect(posts(fake).map((c) => c.httpStatus)).toEqual([403, 200]);
  });

  it("a slow Web API: acks stay instant, Slack's retried delivery is answered once, others are not held up", async () => {
    const { fake, url } = await setup();
    // Slower than Slack's 3-second event deadline, for the first answer only.
    fake.slowNext("chat.postMessage", 3500);
    const ev = fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" });
    const first = await deliver(fake, url, ev);
    await sleep(1000);
    // Slack redelivers an event it thinks timed out; the same event_id must not be answered twice.
    const retried = await deliver(fake, url, ev, {
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    const other = await mention(fake, url, "maxpool 2 on 32x32x3", "U0OTHERUSER");
    for (const r of [first, retried, other]) {
      expect(r.status).toBe(200);
      expect(r.ackMs).toBeLessThan(500);
    }
    // The other user's answer is posted while the first is still waiting on Slack.
    const otherPosted = await fake.waitFor("messages", undefined, 3000);
    expect(JSON.stringify(otherPosted.blocks)).toContain("(None, 16, 16, 3)");
    await fake.waitFor("messages", (m) => JSON.stringify(m.blocks).includes("(None, 6, 6, 1)"), 8000);
    expect(fake.state.messages.map((m) => JSON.stringify(m.blocks).includes("(None, 16, 16, 3)"))).toEqual([
      true,
      false,
    ]);
    await sleep(500);
    expect(fake.state.messages).toHaveLength(2);
    expect(posts(fake)).toHaveLength(2);
  });
});
