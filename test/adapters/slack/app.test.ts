import { readFileSync } from "node:fs";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { fetchAttachments } from "../../../src/adapters/attachments.js";
import type { SlackBot, SlackSettings } from "../../../src/adapters/slack/slack-app.js";
import { bareFences, decodeSlackText, escapeMrkdwn } from "../../../src/adapters/slack/slack-text.js";
import { answerWithFiles } from "../../../src/core/attachments.js";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "../../fakes/slack/fake-slack.js";
import { captureLog } from "../../support/log-capture.js";
import { cliOutput } from "../cli-output.js";
import { slackAppOnFake } from "./slack-harness.js";

// The real Slack adapter (a Bolt App with its HTTP receiver, or Socket Mode) against the local fake
// Slack on 127.0.0.1: signed requests in, Web API calls and response_url posts out, in Slack's
// limits (the fake rejects a block over 3,000 characters or a 51st block as Slack does).

const SEED = readFileSync(new URL("../../golden/messages/01-seed.txt", import.meta.url), "utf8");
const LOGS: string[] = [];
const SECRETS: string[] = [];

let fake: FakeSlack | null = null;
let bot: SlackBot | null = null;

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = null;
  fake = null;
});

interface Setup {
  perMinute?: number;
  answerer?: SlackSettings["answerer"];
  socket?: boolean;
  fakeOptions?: FakeSlackOptions;
}

async function setup(o: Setup = {}): Promise<{ fake: FakeSlack; url: string; port: number | null }> {
  const f = await startFakeSlack(o.fakeOptions);
  fake = f;
  SECRETS.push(f.botToken, f.signingSecret, f.appToken);
  const { log } = captureLog((line) => LOGS.push(line));
  const started = await slackAppOnFake(
    f,
    {
      appToken: o.socket ? f.appToken : null,
      perUserPerMinute: o.perMinute ?? 100,
      ...(o.answerer ? { answerer: o.answerer } : {}),
    },
    log,
  );
  bot = started.bot;
  return { fake: f, url: started.url, port: started.port };
}

/** Message text as Slack delivers it: &, < and > escaped. */
const asSlackSends = (text: string) => escapeMrkdwn(text);

/** What a reader sees in a posted message: its sections, unescaped, joined. */
function shown(blocks: unknown): string {
  return ((blocks ?? []) as { text: { text: string } }[]).map((b) => decodeSlackText(b.text.text)).join("\n");
}

async function send(f: FakeSlack, url: string, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return f.signedRequest(url, text, { secret: f.signingSecret, headers });
}

/** /shape with `text`, from the default user in the default channel. */
async function shape(f: FakeSlack, url: string, text: string) {
  const responseUrl = f.responseUrl();
  const res = await send(f, url, f.slashCommand({ command: "/shape", text, response_url: responseUrl }));
  return { responseUrl, res };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The real answer, `ms` late: a slow step to show what is sent before the answer is ready. */
const slowAnswerer =
  (ms: number): SlackSettings["answerer"] =>
  async (request, image, options) => {
    await sleep(ms);
    return answerWithFiles(request, image, options);
  };

describe("Slack adapter", () => {
  it("a mention with pasted code gets the CLI's table in the thread under it", async () => {
    const { fake, url } = await setup();
    const ev = fake.eventCallback({ type: "app_mention", text: asSlackSends(SEED) }) as {
      event: { ts: string };
    };
    const res = await send(fake, url, ev);
    expect(res.status).toBe(200);
    const posted = await fake.waitFor("messages", undefined, 10_000);
    expect(posted.channel).toBe(fake.ids.channelId);
    expect(posted.args.thread_ts).toBe(ev.event.ts);
    // The same text the CLI prints for this message, with Slack's bare ``` fences.
    const cli = await cliOutput(SEED);
    expect(shown(posted.blocks)).toBe(bareFences(cli.trimEnd()));
    expect(shown(posted.blocks)).toContain("conv_1 (Conv2D)");
    expect(posted.text).toBe(escapeMrkdwn((cli.split("\n")[0] as string).trimEnd()));
    expect(String(posted.args.unfurl_links)).toBe("false");
  });

  it("answers in the mention's thread when it was in one, and never answers itself or other bots", async () => {
    const { fake, url } = await setup();
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: "hi", bot_id: "B999" }));
    await send(
      fake,
      url,
      fake.eventCallback({
        type: "message",
        channel: fake.ids.dmChannelId,
        text: "conv 3x3 on 8x8x1",
        user: fake.ids.botUserId,
      }),
    );
    await send(
      fake,
      url,
      fake.eventCallback({ type: "message", channel: fake.ids.channelId, text: "conv 3x3 on 8x8x1" }),
    );
    await send(
      fake,
      url,
      fake.eventCallback({
        type: "app_mention",
        text: "conv 3x3 on 32x32x3",
        thread_ts: "1700000000.000001",
      }),
    );
    const posted = await fake.waitFor("messages");
    expect(posted.args.thread_ts).toBe("1700000000.000001");
    await sleep(200);
    expect(fake.state.messages).toHaveLength(1);
    expect(fake.state.ephemerals).toHaveLength(0);
  });

  it("a DM with an image gets the feature maps uploaded into its thread (the three-step upload)", async () => {
    const { fake, url } = await setup();
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    const file = fake.addFile({ name: "photo.png", bytes: png, mimetype: "image/png", filetype: "png" });
    const ev = fake.eventCallback({
      type: "message",
      channel: fake.ids.dmChannelId,
      text: "conv 8 filters 3x3 on 32x32x3",
      files: [file as never],
    }) as { event: { ts: string } };
    await send(fake, url, ev);
    const share = await fake.waitFor("fileShares", undefined, 20_000);
    expect(share.channel_id).toBe(fake.ids.dmChannelId);
    expect(share.thread_ts).toBe(ev.event.ts);
    const names = share.uploads.map((u) => u.filename);
    expect(names).toContain("00-input.png");
    for (const u of share.uploads) {
      const meta = await sharp(u.bytes).metadata();
      expect(meta.format).toBe("png");
      expect(u.size).toBe(u.declaredLength);
    }
    const text = await fake.waitFor("messages");
    expect(text.args.thread_ts).toBe(ev.event.ts);
    expect(shown(text.blocks)).toContain("(None, 30, 30, 8)");
    // The picture was fetched with the bot token: the real bytes, not the sign-in page.
    expect(fake.state.fileDownloads.map((d) => [d.authorized, d.loginPage])).toEqual([[true, false]]);
  });

  it("a .py file shared with a mention is read as code", async () => {
    const { fake, url } = await setup();
    const file = fake.addFile({
      name: "model.py",
      bytes: Buffer.from(SEED),
      mimetype: "text/plain",
      filetype: "python",
    });
    await send(
      fake,
      url,
      fake.eventCallback({ type: "app_mention", text: "why this shape?", files: [file as never] }),
    );
    const posted = await fake.waitFor("messages", undefined, 10_000);
    expect(shown(posted.blocks)).toContain("conv_1 (Conv2D)");
  });

  it("refuses the HTML page Slack serves instead of a file to a request without the token", async () => {
    const { fake } = await setup();
    const file = fake.addFile({ name: "model.py", bytes: Buffer.from("x = 1"), filetype: "python" }) as {
      url_private: string;
    };
    const wrong = await fetchAttachments(
      [{ name: "model.py", url: file.url_private, size: 5, contentType: "text/plain" }],
      { headers: { Authorization: "Bearer xoxb-wrong" } },
    );
    expect(wrong.code).toEqual([]);
    expect(wrong.skipped[0]).toMatch(/web page instead of the file/);
    const right = await fetchAttachments(
      [{ name: "model.py", url: file.url_private, size: 5, contentType: "text/plain" }],
      { headers: { Authorization: `Bearer ${fake.botToken}` } },
    );
    expect(right.code).toEqual([{ name: "model.py", text: "x = 1" }]);
  });

  it("/shape acks at once with an empty body, then answers in the channel through response_url", async () => {
    const { fake, url } = await setup({ answerer: slowAnswerer(1500) });
    const { res } = await shape(fake, url, asSlackSends("conv 24 filters 8x8 stride 2 on 128x128x3"));
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    // The ack is back long before the (slowed) answer, well within Slack's 3 seconds.
    expect(res.elapsedMs).toBeLessThan(1000);
    expect(fake.state.responseUrlPosts).toHaveLength(0);
    const post = await fake.waitFor("responseUrlPosts", undefined, 10_000);
    const body = post.body as { response_type: string; text: string };
    expect(body.response_type).toBe("in_channel");
    expect(shown(post.blocks)).toContain("⌊(128 − 8 + 2·0)/2⌋ + 1 = 61");
    // The arithmetic picture of the single layer goes to the channel.
    const share = await fake.waitFor("fileShares", undefined, 10_000);
    expect(share.channel_id).toBe(fake.ids.channelId);
    expect(share.uploads.map((u) => u.filename)).toEqual(["arithmetic.png"]);
  });

  it("/shape with something it cannot read answers the asker only", async () => {
    const { fake, url } = await setup();
    await shape(fake, url, "what is the meaning of life");
    const post = await fake.waitFor("responseUrlPosts", undefined, 10_000);
    expect((post.body as { response_type: string }).response_type).toBe("ephemeral");
    const { responseUrl: empty } = await shape(fake, url, "  ");
    const hint = await fake.waitFor("responseUrlPosts", (p) => p.url === empty);
    expect((hint.body as { response_type: string; text: string }).text).toMatch(
      /Paste a model after \/shape/,
    );
    expect(fake.state.messages).toHaveLength(0);
  });

  it("/shape in a channel the app is not in: the answer through response_url, a note instead of the files", async () => {
    const { fake, url } = await setup({
      fakeOptions: { ids: { channelId: "C0OUTSIDE" }, notInChannel: ["C0OUTSIDE"] },
    });
    await shape(fake, url, "conv 24 filters 8x8 stride 2 on 128x128x3");
    const answer = await fake.waitFor("responseUrlPosts", undefined, 10_000);
    expect((answer.body as { response_type: string }).response_type).toBe("in_channel");
    const note = await fake.waitFor(
      "responseUrlPosts",
      (p) => (p.body as { response_type: string }).response_type === "ephemeral",
      10_000,
    );
    expect((note.body as { text: string }).text).toMatch(/not a member of this channel.*\/invite @shapebot/);
    expect(fake.state.fileShares).toHaveLength(0);
  });

  it("the message shortcut answers in the thread of the message it was used on", async () => {
    const { fake, url } = await setup();
    const ts = "1700000123.000200";
    await send(
      fake,
      url,
      fake.messageShortcut({
        callback_id: "analyze_shapes",
        message: { ts, text: asSlackSends(SEED), user: "UOTHER" },
        response_url: fake.responseUrl(),
      }),
    );
    const posted = await fake.waitFor("messages", undefined, 10_000);
    expect(posted.args.thread_ts).toBe(ts);
    expect(shown(posted.blocks)).toContain("conv_1 (Conv2D)");
  });

  it("a large model: the head in the thread, the whole table as summary.txt, no block over Slack's limits", async () => {
    const { fake, url } = await setup();
    const layers = Array.from({ length: 300 }, () => "    layers.Dense(64, activation='relu'),").join("\n");
    const code = `model = keras.Sequential([\n    keras.Input(shape=(64,)),\n${layers}\n    layers.Dense(10),\n])`;
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: asSlackSends(code) }));
    const posted = await fake.waitFor("messages", undefined, 20_000);
    const blocks = posted.blocks as { text: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(shown(blocks)).toMatch(/whole answer, [\d,]+ characters, is in summary\.txt/);
    const share = await fake.waitFor("fileShares", undefined, 10_000);
    const summary = share.uploads.find((u) => u.filename === "summary.txt");
    expect(summary?.bytes.toString("utf8")).toContain("dense_300 (Dense)");
    expect(share.thread_ts).toBe(posted.args.thread_ts);
    expect(
      fake.state.requests.filter((r) => r.response && (r.response as { ok?: boolean }).ok === false),
    ).toEqual([]);
  });

  it("a mention over 16 KB of typed text: told to the asker, not read", async () => {
    const { fake, url } = await setup();
    const code = `model = keras.Sequential([\n${"    layers.Dense(64, activation='relu'),\n".repeat(450)}])`;
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: asSlackSends(code) }));
    const note = await fake.waitFor("ephemerals", undefined, 10_000);
    expect(shown(note.blocks)).toMatch(/That message is \d+ KB; I read at most 16 KB/);
    expect(fake.state.messages).toHaveLength(0);
  });

  it("bad signature, stale timestamp and unsigned requests get 401 and no reply", async () => {
    const { fake, url } = await setup();
    const body = JSON.stringify(fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    const bad = await fake.signedRequest(url, body, { secret: fake.signingSecret, signature: "v0=deadbeef" });
    const stale = await fake.signedRequest(url, body, {
      secret: fake.signingSecret,
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    const unsigned = await fake.signedRequest(url, body, { unsigned: true });
    const otherSecret = await fake.signedRequest(url, body, { secret: "not-the-secret" });
    expect([bad.status, stale.status, unsigned.status, otherSecret.status]).toEqual([401, 401, 401, 401]);
    await sleep(300);
    expect(fake.state.messages).toHaveLength(0);
    expect(fake.state.ephemerals).toHaveLength(0);
  });

  it("a retried delivery (x-slack-retry-num) arriving while the first is being answered is answered once", async () => {
    const { fake, url } = await setup({ answerer: slowAnswerer(500) });
    const ev = fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" });
    expect((await send(fake, url, ev)).status).toBe(200);
    const retry = await send(fake, url, ev, {
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(retry.status).toBe(200);
    await fake.waitFor("messages", undefined, 5000);
    await sleep(800);
    expect(fake.state.messages).toHaveLength(1);
    expect(LOGS.some((l) => l.includes("repeated delivery ignored"))).toBe(true);
  });

  it("chat.postMessage answering not_in_channel becomes a clear note to the asker, with the answer", async () => {
    const { fake, url } = await setup();
    fake.failNext("chat.postMessage", { error: "not_in_channel" });
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    const note = await fake.waitFor("ephemerals", undefined, 5000);
    expect(note.user).toBe(fake.ids.userId);
    expect(shown(note.blocks)).toMatch(/I'm not a member of it\. Add me with `\/invite @shapebot`/);
    expect(shown(note.blocks)).toContain("(None, 6, 6, 1)");
    expect(fake.state.messages).toHaveLength(0);
  });

  it("a 429 with Retry-After is waited out and the reply still arrives", async () => {
    const { fake, url } = await setup();
    fake.rateLimitNext("chat.postMessage", { retryAfter: 1 });
    const t0 = Date.now();
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    const posted = await fake.waitFor("messages", undefined, 5000);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(shown(posted.blocks)).toContain("(None, 6, 6, 1)");
    expect(fake.calls("chat.postMessage").map((c) => c.httpStatus)).toEqual([429, 200]);
  });

  it("asking too fast gets one ephemeral note, then silence", async () => {
    const { fake, url } = await setup({ perMinute: 1 });
    for (let i = 0; i < 3; i++)
      await send(fake, url, fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    await fake.waitFor("messages");
    const note = await fake.waitFor("ephemerals");
    expect(note.text).toMatch(/faster than I answer/);
    await sleep(300);
    expect(fake.state.messages).toHaveLength(1);
    expect(fake.state.ephemerals).toHaveLength(1);
  });

  it("stop() finishes the answer in flight before it stops receiving", async () => {
    const { fake, url } = await setup({ answerer: slowAnswerer(400) });
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    await sleep(50);
    await bot?.stop();
    expect(fake.state.messages).toHaveLength(1);
    await expect(fetch(url.replace("/slack/events", "/healthz"))).rejects.toThrow();
    bot = null;
  });

  it("serves /healthz and /readyz on the receiver's port", async () => {
    const { url } = await setup();
    const base = url.replace("/slack/events", "");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it("Socket Mode: connects with the app token, acks an envelope and answers", async () => {
    const { fake } = await setup({ socket: true });
    expect(fake.state.socketConnections).toHaveLength(1);
    const envelope = fake.socketSendEvent(
      fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }),
    );
    const ack = await fake.waitFor("socketAcks", (a) => a.envelope_id === envelope.envelope_id);
    expect(ack.latencyMs).toBeLessThan(1000);
    const posted = await fake.waitFor("messages", undefined, 5000);
    expect(shown(posted.blocks)).toContain("(None, 6, 6, 1)");
  });
});

describe("Slack adapter logs", () => {
  it("each request logs its id, user and outcome; a bug of ours shows that id in the apology", async () => {
    const failing: SlackSettings["answerer"] = async () => {
      throw new Error("boom in the engine");
    };
    const { fake, url } = await setup({ answerer: failing });
    const from = LOGS.length;
    await send(fake, url, fake.eventCallback({ type: "app_mention", text: "conv 3x3 on 8x8x1" }));
    const apology = await fake.waitFor("ephemerals", (e) => String(e.text).includes("error id"), 5000);
    const id = /error id (\w+)/.exec(String(apology.text))?.[1] ?? "";
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(String(apology.text)).not.toContain("boom");
    const mine = LOGS.slice(from)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.req === id);
    expect(mine.map((l) => l.message)).toEqual(["answering a message failed", "request finished"]);
    expect(mine[0]).toMatchObject({
      level: "error",
      platform: "slack",
      kind: "mention",
      user: fake.ids.userId,
    });
    expect(String(mine[0]?.error)).toContain("boom in the engine");
    expect(mine[1]).toMatchObject({ outcome: "failed" });
    // Never the question itself.
    expect(LOGS.slice(from).join("\n")).not.toContain("8x8x1");
  });

  it("never contain the bot token or the signing secret", () => {
    const all = LOGS.join("\n");
    expect(LOGS.length).toBeGreaterThan(0);
    expect(SECRETS.length).toBeGreaterThan(0);
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
