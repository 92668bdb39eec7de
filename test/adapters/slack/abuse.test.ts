import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackBot } from "../../../src/adapters/slack/slack-app.js";
import { slackReply } from "../../../src/adapters/slack/slack-blocks.js";
import { type FakeSlack, slackSignature, startFakeSlack } from "../../fakes/slack/fake-slack.js";
import { slackAppOnFake } from "./slack-harness.js";

// Abuse of the Slack app: echoed text never becomes a live mention, and a request that is not
// signed by Slack right now is refused, whatever was changed in it.

const MENTIONS = [
  "<!channel>",
  "<!here>",
  "<!everyone>",
  "<@U024BE7LH>",
  "<#C024BE7LR|general>",
  "<!subteam^S123>",
  "<!date^1392734382^x|y>",
  "<https://evil.example|click>",
];

describe("echoed text", () => {
  it("10,000 replies with mentions and links pasted in: none is live", () => {
    const piece = fc.oneof(
      fc.constantFrom(...MENTIONS, "```", "\n", "&", "<", ">"),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const reply = slackReply(pieces.join(" "));
        for (const m of reply.messages) {
          expect(m.text).not.toMatch(/<[!@#]|<https?:/);
          for (const b of m.blocks) expect(b.text.text).not.toMatch(/<[!@#]|<https?:/);
        }
      }),
      { seed: 20261126, numRuns: 10_000 },
    );
  });
});

describe("signatures", () => {
  let fake: FakeSlack;
  let bot: SlackBot;
  let url = "";
  beforeAll(async () => {
    fake = await startFakeSlack();
    ({ bot, url } = await slackAppOnFake(fake));
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(url, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }).then(
      (r) => r.status,
    );

  it("300 tampered or stale requests: every one refused with 401, nothing answered", async () => {
    const tamper = fc.record({
      kind: fc.constantFrom("body", "timestamp", "signature", "secret", "missing"),
      at: fc.nat(),
      skew: fc.integer({ min: 301, max: 10_000_000 }),
      sign: fc.constantFrom(-1, 1),
    });
    const cases = fc.sample(tamper, { seed: 20261126, numRuns: 300 });
    const statuses: number[] = [];
    for (const t of cases) {
      const body = JSON.stringify(fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
      const now = Math.floor(Date.now() / 1000);
      let ts = now;
      let sent = body;
      let sig = slackSignature(fake.signingSecret, ts, body);
      if (t.kind === "body") {
        const i = t.at % body.length;
        sent = body.slice(0, i) + (body[i] === "a" ? "b" : "a") + body.slice(i + 1);
      } else if (t.kind === "timestamp") {
        // Stale (or from the future) and signed for that time: the replay window refuses it.
        ts = now + t.sign * t.skew;
        sig = slackSignature(fake.signingSecret, ts, body);
        if (t.sign === 1) {
          // Bolt checks only the past; a future time signed for now is a mismatch instead.
          sig = slackSignature(fake.signingSecret, now, body);
        }
      } else if (t.kind === "signature") sig = `v0=${"0".repeat(64)}`;
      else if (t.kind === "secret") sig = slackSignature(`${fake.signingSecret}x`, ts, body);
      const headers: Record<string, string> =
        t.kind === "missing" ? {} : { "x-slack-request-timestamp": String(ts), "x-slack-signature": sig };
      statuses.push(await post(sent, headers));
    }
    expect(statuses.filter((s) => s !== 401)).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.state.messages).toHaveLength(0);
    // And the same request, signed now, is answered.
    const body = JSON.stringify(fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    const now = Math.floor(Date.now() / 1000);
    expect(
      await post(body, {
        "x-slack-request-timestamp": String(now),
        "x-slack-signature": slackSignature(fake.signingSecret, now, body),
      }),
    ).toBe(200);
    await fake.waitFor("messages", undefined, 5000);
  });
});

describe("one user flooding", () => {
  it("100 mentions from one user in 10 s: at most 4 answered, one notice", async () => {
    const fake = await startFakeSlack();
    const { bot, url } = await slackAppOnFake(fake, { perUserPerMinute: 6 });
    try {
      for (let i = 0; i < 100; i++) {
        const body = JSON.stringify(fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
        expect((await fake.signedRequest(url, body, { secret: fake.signingSecret })).status).toBe(200);
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(fake.state.messages.length).toBeGreaterThan(0);
      expect(fake.state.messages.length).toBeLessThanOrEqual(4);
      expect(fake.state.ephemerals).toHaveLength(1);
      expect(fake.state.ephemerals[0]?.text).toMatch(/faster than I answer; try again in \d+ s/);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });
});
