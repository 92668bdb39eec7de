import { readFileSync } from "node:fs";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import {
  type DiscordBot,
  type DiscordSettings,
  startDiscordBot,
} from "../../../src/adapters/discord/discord-bot.js";
import { answer } from "../../../src/core/answer.js";
import { answerWithFiles } from "../../../src/core/attachments.js";
import { splitForChat } from "../../../src/render/chat-split.js";
import { type FakeDiscord, startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import { captureLog, recordSecrets } from "../../support/log-capture.js";

// The real Discord adapter (discord.js Client) against the local fake Discord on 127.0.0.1:
// what a user sends, what the fake receives — in Discord's limits, with Discord's rules.

const SEED = readFileSync(new URL("../../golden/messages/01-seed.txt", import.meta.url), "utf8");
const LOGS: string[] = [];

let fake: FakeDiscord | null = null;
let bot: DiscordBot | null = null;

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  bot = null;
  fake = null;
});

async function setup(
  perMinute = 100,
  answerer?: DiscordSettings["answerer"],
): Promise<{ fake: FakeDiscord; bot: DiscordBot }> {
  fake = await startFakeDiscord();
  recordSecrets("test-token");
  bot = startDiscordBot(
    {
      token: "test-token",
      apiUrl: fake.apiUrl,
      optInChannels: new Set([fake.ids.channelId]),
      messageContent: true,
      perUserPerMinute: perMinute,
      ...(answerer ? { answerer } : {}),
    },
    captureLog((line) => LOGS.push(line)).log,
  );
  await bot.ready;
  return { fake, bot };
}

const mention = (f: FakeDiscord, content: string) => `<@${f.ids.botId}> ${content}`;

/** Polls every millisecond until `ok()` holds: true, or false after `ms`. */
async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return true;
    await new Promise((r) => setTimeout(r, 1));
  }
  return ok();
}

describe("Discord adapter", () => {
  it("a mention with pasted code gets the CLI's answer as a reply, in Discord's limits", async () => {
    const { fake } = await setup();
    const incoming = fake.messagePayload({ content: mention(fake, SEED), mentionsBot: true });
    fake.dispatch("MESSAGE_CREATE", incoming);
    const reply = await fake.waitFor("messages", (m) => m.messageReference !== null, 5000);
    expect((reply.messageReference as { message_id: string }).message_id).toBe(incoming.id);
    // The same text the CLI prints, cut at Discord's 2,000 characters.
    const expected = splitForChat(answer({ text: SEED }).text, 2000)[0];
    expect(reply.content).toBe(expected);
    expect(reply.content).toContain("conv_1 (Conv2D)");
    expect((reply.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
      parse: [],
      replied_user: true,
    });
  });

  it("a .py attachment is read as code", async () => {
    const { fake } = await setup();
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({
        content: mention(fake, "what does this give?"),
        mentionsBot: true,
        attachments: [
          { name: "model.py", bytes: Buffer.from("model = nn.Sequential(nn.Linear(4, 8), nn.ReLU())\n") },
        ],
      }),
    );
    const reply = await fake.waitFor("messages", (m) => m.messageReference !== null, 5000);
    expect(reply.content).toContain("Layer (type:depth-idx)");
  });

  it("an image attachment comes back as feature-map PNGs in a multipart upload", async () => {
    const { fake } = await setup();
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } })
      .png()
      .toBuffer();
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({
        content: mention(fake, "model = Sequential([Conv2D(8, 3, input_shape=(32, 32, 3))])"),
        mentionsBot: true,
        attachments: [{ name: "photo.png", bytes: png }],
      }),
    );
    const withFiles = await fake.waitFor("messages", (m) => m.files.length > 0, 8000);
    expect(withFiles.multipart).toBe(true);
    // A single conv layer also gets its arithmetic drawn.
    expect(withFiles.files.map((f) => f.name)).toEqual(["00-input.png", "01-conv2d.png", "arithmetic.png"]);
    const meta = await sharp(withFiles.files[1]?.bytes ?? Buffer.alloc(0)).metadata();
    expect(meta.format).toBe("png");
  });

  it("a 60-layer model never sends over 2,000 characters: split messages or summary.txt", async () => {
    const { fake } = await setup();
    const layers = Array.from({ length: 60 }, (_, i) => `    nn.Linear(${32 + i}, ${33 + i}),`).join("\n");
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({
        content: mention(fake, `model = nn.Sequential(\n${layers}\n)`),
        mentionsBot: true,
      }),
    );
    // The last table row arrives, in a message or in summary.txt.
    await fake.waitFor(
      "messages",
      (m) =>
        (m.content ?? "").includes("Linear: 1-60") ||
        m.files.some((f) => f.name === "summary.txt" && f.bytes.toString("utf8").includes("Linear: 1-60")),
      8000,
    );
    expect(fake.state.messages.length).toBeGreaterThan(1);
    for (const m of fake.state.messages) expect((m.content ?? "").length).toBeLessThanOrEqual(2000);
    expect(fake.state.requests.every((r) => r.status < 400)).toBe(true);
  });

  it("@everyone in pasted text pings nobody", async () => {
    const { fake } = await setup();
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "@everyone conv 3x3 on 32x32x3"), mentionsBot: true }),
    );
    const reply = await fake.waitFor("messages", (m) => m.messageReference !== null, 5000);
    expect((reply.body as { allowed_mentions: { parse: string[] } }).allowed_mentions.parse).toEqual([]);
  });

  it("code blocks in an opted-in channel are answered without a mention; other chatter is not", async () => {
    const { fake } = await setup();
    fake.dispatch("MESSAGE_CREATE", fake.messagePayload({ content: "nice weather today" }));
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: "```python\nmodel = nn.Sequential(nn.Linear(4, 2))\n```" }),
    );
    const reply = await fake.waitFor("messages", (m) => m.messageReference !== null, 5000);
    expect(reply.content).toContain("Linear: 1-1");
    expect(fake.state.messages.filter((m) => m.messageReference !== null)).toHaveLength(1);
  });

  it("a direct message is answered", async () => {
    const { fake } = await setup();
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: "conv 24 filters 8x8 stride 2 on 128x128x3", dm: true }),
    );
    const reply = await fake.waitFor("messages", (m) => m.messageReference !== null, 5000);
    expect(reply.content).toContain("(None, 61, 61, 24)");
  });

  it("/shape: deferred within the deadline, the answer is the edited original response", async () => {
    const { fake } = await setup();
    fake.dispatchInteraction(fake.slashInteraction({ name: "shape", options: { code: SEED } }));
    const deferred = await fake.waitFor("interactionResponses", undefined, 5000);
    expect(deferred.type).toBe(5);
    const edit = await fake.waitFor("webhookEdits", undefined, 5000);
    expect(edit.messageId).toBe("@original");
    expect(edit.content).toContain("conv_1 (Conv2D)");
  });

  it("a slow answer: the defer reaches Discord before the work ends, well within 3 seconds", async () => {
    let finished = 0;
    const slow: DiscordSettings["answerer"] = async (...args) => {
      await new Promise((r) => setTimeout(r, 400));
      finished = Date.now();
      return answerWithFiles(...args);
    };
    const { fake } = await setup(100, slow);
    const sent = Date.now();
    fake.dispatchInteraction(
      fake.slashInteraction({
        name: "explain",
        options: { question: "what is None in (None, 61, 61, 24)?" },
      }),
    );
    const deferred = await fake.waitFor("interactionResponses", undefined, 5000);
    const deferredAt = Date.now();
    expect(deferred.type).toBe(5);
    expect(deferredAt - sent).toBeLessThan(3000);
    const edit = await fake.waitFor("webhookEdits", undefined, 5000);
    expect(finished).toBeGreaterThan(deferredAt);
    expect(edit.content).toContain("None");
  });

  it("/conv maps its options onto the structured question; the arithmetic picture is attached", async () => {
    const { fake } = await setup();
    fake.dispatchInteraction(
      fake.slashInteraction({
        name: "conv",
        options: { input: "128x128x3", filters: 24, kernel: "8", stride: "2" },
      }),
    );
    const edit = await fake.waitFor("webhookEdits", undefined, 5000);
    expect(edit.content).toContain("(None, 61, 61, 24)");
    expect(edit.files.map((f) => f.name)).toContain("arithmetic.png");
  });

  it("/pool and /filters: the structured pool question, and named kernels on a picture", async () => {
    const { fake } = await setup();
    fake.dispatchInteraction(
      fake.slashInteraction({
        name: "pool",
        options: { input: "64x55x55", pool: "3", stride: "2", ceil_mode: true, framework: "pytorch" },
      }),
    );
    const pooled = await fake.waitFor("webhookEdits", undefined, 5000);
    expect(pooled.content).toContain("[1, 64, 27, 27]");
    const png = await sharp({ create: { width: 80, height: 60, channels: 3, background: "#888" } })
      .png()
      .toBuffer();
    fake.dispatchInteraction(
      fake.slashInteraction({
        name: "filters",
        options: { kernels: "sobel-x" },
        attachments: { image: { name: "p.png", bytes: png } },
      }),
    );
    const filtered = await fake.waitFor("webhookEdits", (e) => (e.content ?? "").includes("sobel-x"), 8000);
    expect(filtered.content).toContain("The filters are sobel-x");
    expect(filtered.files.map((f) => f.name)).toContain("01-conv2d.png");
  });

  it("our own bug: an apology with an error id to the asker, the details in the log", async () => {
    const broken: DiscordSettings["answerer"] = async () => {
      throw new Error("boom in the engine");
    };
    const { fake } = await setup(100, broken);
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "conv 3x3 on 8x8x1"), mentionsBot: true }),
    );
    const apology = await fake.waitFor("messages", (m) => (m.content ?? "").includes("error id"), 5000);
    const id = /error id (\w+)/.exec(apology.content ?? "")?.[1];
    expect(id).toBeTruthy();
    expect(apology.content).not.toContain("boom");
    expect(LOGS.some((l) => l.includes(`"req":"${id}"`) && l.includes("boom in the engine"))).toBe(true);
  });

  it("a user mistake is answered to the asker only (ephemeral)", async () => {
    const { fake } = await setup();
    fake.dispatchInteraction(fake.slashInteraction({ name: "shape", options: { code: "   " } }));
    const followUp = await fake.waitFor("followUps", undefined, 5000);
    expect(((followUp.body as { flags?: number }).flags ?? 0) & 64).toBe(64);
  });

  it("'Analyze shapes' on someone's message answers its code", async () => {
    const { fake } = await setup();
    const target = fake.messagePayload({ content: "```py\nmodel = nn.Sequential(nn.Conv2d(3, 8, 3))\n```" });
    fake.dispatchInteraction(
      fake.messageContextInteraction({ name: "Analyze shapes", targetMessage: target }),
    );
    const edit = await fake.waitFor("webhookEdits", undefined, 5000);
    expect(edit.content).toContain("Conv2d: 1-1");
  });

  it("survives a 429 and a gateway resume, and still answers", async () => {
    const { fake } = await setup();
    fake.rateLimitNext("POST /channels/:channelId/messages", { retryAfter: 0.05 });
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "conv 3x3 on 32x32x3"), mentionsBot: true }),
    );
    await fake.waitFor("messages", (m) => m.messageReference !== null, 5000);
    const live = bot;
    expect(live?.isReady()).toBe(true);
    await fake.closeGateway(4000);
    // /readyz follows the gateway: not ready while the session is resumed, ready again after.
    const notReadySeen = await until(() => live?.isReady() === false, 2000);
    expect(notReadySeen).toBe(true);
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "maxpool 2 on 32x32x3"), mentionsBot: true }),
    );
    const second = await fake.waitFor(
      "messages",
      (m) => m.messageReference !== null && (m.content ?? "").includes("(None, 16, 16, 3)"),
      5000,
    );
    expect(second).toBeTruthy();
    expect(fake.state.resumes).toHaveLength(1);
    expect(await until(() => live?.isReady() === true, 2000)).toBe(true);
  });

  it("a 500 from Discord is retried and the reply arrives once; a 403 is not retried, and the bot keeps answering", async () => {
    const { fake } = await setup();
    const route = "POST /channels/:channelId/messages";
    const posts = () => fake.state.requests.filter((r) => r.route === route).length;
    fake.failNext(route, { status: 500, body: { message: "Internal Server Error", code: 0 } });
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "conv 3x3 on 32x32x3"), mentionsBot: true }),
    );
    await fake.waitFor("messages", (m) => m.messageReference !== null, 10_000);
    await fake.waitFor("requests", (r) => r.route === route && r.status === 200, 10_000);
    expect(posts()).toBe(2);
    expect(fake.state.messages.filter((m) => m.messageReference !== null)).toHaveLength(1);

    const before = posts();
    fake.failNext(route, { status: 403, body: { message: "Missing Permissions", code: 50013 } });
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "maxpool 2 on 32x32x3"), mentionsBot: true }),
    );
    // The refused reply is not sent again; the apology (with its error id) is the one other POST.
    await fake.waitFor("messages", (m) => (m.content ?? "").includes("error id"), 10_000);
    await fake.waitFor("requests", () => posts() - before >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(posts() - before).toBe(2);
    expect(fake.state.requests.filter((r) => r.route === route && r.status === 403)).toHaveLength(1);
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({ content: mention(fake, "conv 5x5 on 16x16x1"), mentionsBot: true }),
    );
    await fake.waitFor("messages", (m) => (m.content ?? "").includes("(None, 12, 12, 1)"), 10_000);
  });

  it("a user asking too fast is told once, then not answered until the minute moves on", async () => {
    const { fake } = await setup(1);
    for (let i = 0; i < 3; i++)
      fake.dispatch(
        "MESSAGE_CREATE",
        fake.messagePayload({ content: mention(fake, "conv 3x3 on 32x32x3"), mentionsBot: true }),
      );
    await fake.waitFor("messages", (m) => (m.content ?? "").includes("faster than I answer"), 5000);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.state.messages.filter((m) => m.messageReference !== null)).toHaveLength(2);
  });
});
