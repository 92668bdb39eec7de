// npm run load [-- --seconds 10 --only core,slack,discord]: a mix of 90% text and 10% image
// requests (the golden messages; an image with a small conv model) at concurrency 1, 8, 16, 32
// and 64, first straight through the core (answerWithFiles, the image part in its worker pool),
// then through the Slack app's HTTP receiver with signed requests against the local fake Slack,
// then through the Discord bot (the real discord.js client) against the local fake Discord as
// slash commands (text) and "Analyze shapes" on a message with a picture (image). Prints, per
// concurrency: requests per second, p50/p99 latency (text and image apart), the ack latency
// (Slack: the HTTP response; Discord: the deferral reaching Discord), interactions that expired
// (Discord's 3 s deadline), the event-loop delay p99 (monitorEventLoopDelay) and the peak
// resident memory. Loopback only.

import { fork, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { slackAppOnFake } from "../../test/adapters/slack/slack-harness.js";
import { startFakeDiscord } from "../../test/fakes/discord/fake-discord.js";
import { eventCallback, signedRequest } from "../../test/fakes/slack/payloads.js";
import type { ChildPosted, ChildReady } from "./fake-slack-child.js";
import { loadProduct } from "./product.js";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    only: { type: "string", default: "core,slack,discord" },
  },
});
const SECONDS = Number(values.seconds);
const ONLY = new Set(values.only.split(","));
/** The mix at each concurrency, then pictures alone at 4 (the issue's image target). */
const LEVELS: Level[] = [
  ...[1, 8, 16, 32, 64].map((concurrency) => ({ concurrency, imagesOnly: false })),
  { concurrency: 4, imagesOnly: true },
];

interface Level {
  concurrency: number;
  imagesOnly: boolean;
}

// Each platform in a process of its own, so its peak RSS is its own.
if (ONLY.size > 1) {
  for (const name of ["core", "slack", "discord"].filter((n) => ONLY.has(n)))
    spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--seconds", String(SECONDS), "--only", name],
      {
        stdio: "inherit",
      },
    );
  process.exit(0);
}

// Loaded here, not before the split above: the parent only starts the children.
const { answerWithFiles, startDiscordBot, createLog, startSlackApp, escapeMrkdwn } = await loadProduct();
const dir = join(process.cwd(), "test", "golden", "messages");
const TEXTS = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(dir, f), "utf8"));
const IMAGE_MODEL =
  "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input((64, 64, 3)), layers.Conv2D(8, 3, activation='relu'), layers.MaxPooling2D(2), layers.Conv2D(16, 3)])";
const PICTURE = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#4a7" } })
  .jpeg()
  .toBuffer();

interface Sample {
  kind: "text" | "image";
  ms: number;
  ackMs?: number;
  expired?: boolean;
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/** Runs `one` from `concurrency` loops for SECONDS; every 10th request is an image one. */
async function drive(
  { concurrency, imagesOnly }: Level,
  one: (i: number, image: boolean) => Promise<Sample>,
) {
  const samples: Sample[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const end = performance.now() + SECONDS * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = next++;
        samples.push(await one(i, imagesOnly || i % 10 === 9));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(rssTimer);
  loop.disable();
  const text = samples.filter((s) => s.kind === "text").map((s) => s.ms);
  const image = samples.filter((s) => s.kind === "image").map((s) => s.ms);
  const acks = samples.flatMap((s) => (s.ackMs === undefined ? [] : [s.ackMs]));
  const expired = samples.filter((s) => s.expired).length;
  const f = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(0));
  return [
    imagesOnly ? `${concurrency}, images only` : concurrency,
    (samples.length / elapsed).toFixed(0),
    `${f(quantile(text, 0.5))} / ${f(quantile(text, 0.99))}`,
    `${f(quantile(image, 0.5))} / ${f(quantile(image, 0.99))}`,
    acks.length ? `${f(quantile(acks, 0.5))} / ${f(quantile(acks, 0.99))}` : "–",
    samples.some((s) => s.expired !== undefined) ? String(expired) : "–",
    (loop.percentile(99) / 1e6).toFixed(1),
    (peakRss / 2 ** 20).toFixed(0),
  ].join(" | ");
}

const HEADER =
  "| concurrency | req/s | text ms p50 / p99 | image ms p50 / p99 | ack ms p50 / p99 | expired | loop delay p99 ms | peak RSS MB |";
const RULE = "|---|---|---|---|---|---|---|---|";

if (ONLY.has("core")) await throughCore();
if (ONLY.has("slack")) await throughSlack();
if (ONLY.has("discord")) await throughDiscord();
process.exit(0);

async function throughCore(): Promise<void> {
  console.log(
    `Through the core (answerWithFiles), ${SECONDS} s per level, 90% text / 10% image:\n\n${HEADER}\n${RULE}`,
  );
  for (const c of LEVELS)
    console.log(
      `| ${await drive(c, async (i, image) => {
        const t = performance.now();
        if (image) await answerWithFiles({ text: IMAGE_MODEL }, PICTURE);
        else await answerWithFiles({ text: TEXTS[i % TEXTS.length] as string });
        return { kind: image ? "image" : "text", ms: performance.now() - t };
      })} |`,
    );
}

// Through the Slack receiver: signed mentions over HTTP; the ack is the HTTP response, the answer
// is the chat.postMessage the fake Slack receives for that event.
async function throughSlack(): Promise<void> {
  // The fake Slack runs in a child process, as Slack is elsewhere: only the bot (and this driver's
  // few lines per request) share the event loop whose delay is measured.
  const child = fork(
    fileURLToPath(new URL("./fake-slack-child.ts", import.meta.url)),
    [PICTURE.toString("base64")],
    {
      execArgv: ["--import", "tsx"],
    },
  );
  const fake = await new Promise<ChildReady>((resolve) =>
    child.once("message", (m) => resolve(m as ChildReady)),
  );
  const posted = new Map<string, () => void>();
  child.on("message", (m) => {
    const ts = (m as Partial<ChildPosted>).posted;
    if (ts) posted.get(ts)?.();
  });
  const { bot, url } = await slackAppOnFake(
    fake,
    { perUserPerMinute: 1_000_000, placePerMinute: 1_000_000 },
    // As deployed: info lines (one per request), written nowhere.
    createLog({ level: "info", write: () => {} }),
    startSlackApp,
  );
  console.log(
    `\nThrough the Slack app's HTTP receiver (signed requests, the fake Slack in another process):\n\n${HEADER}\n${RULE}`,
  );
  let round = 0;
  for (const c of LEVELS) {
    // What the fake recorded for the last level is not needed: keep its memory down.
    child.send("reset");
    round += 1;
    console.log(
      `| ${await drive(c, async (i, image) => {
        // Unique per level too: a thread is answered once.
        const ts = `18${String(round).padStart(8, "0")}.${String(i).padStart(6, "0")}`;
        const text = escapeMrkdwn(image ? IMAGE_MODEL : (TEXTS[i % TEXTS.length] as string));
        const event = eventCallback(fake.ids, {
          type: "app_mention",
          text,
          ts,
          ...(image ? { files: [fake.picture as never] } : {}),
        });
        // An answer, or a note to the asker, in the event's thread.
        const answered = new Promise<void>((resolve) => posted.set(ts, resolve));
        const t = performance.now();
        const res = await signedRequest(url, JSON.stringify(event), { secret: fake.signingSecret });
        const ackMs = performance.now() - t;
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        await answered;
        posted.delete(ts);
        return { kind: image ? "image" : "text", ms: performance.now() - t, ackMs };
      })} |`,
    );
  }
  await bot.stop();
  child.send("close");
}

// Through the Discord bot: INTERACTION_CREATE over the fake gateway; the ack is the deferral
// (type 5) reaching the fake, the answer is the edited original response (or a follow-up). An
// interaction whose deferral came after Discord's 3 s, or never, has expired.
async function throughDiscord(): Promise<void> {
  const fake = await startFakeDiscord();
  const bot = startDiscordBot(
    {
      token: "load-test-token",
      apiUrl: fake.apiUrl,
      optInChannels: new Set(),
      messageContent: false,
      perUserPerMinute: 1_000_000,
      placePerMinute: 1_000_000,
    },
    createLog({ level: "info", write: () => {} }),
  );
  await bot.ready;
  // A slash command's string option holds at most 6,000 characters.
  const texts = TEXTS.filter((t) => t.length <= 6000);
  const imageMessage = `\`\`\`py\n${IMAGE_MODEL}\n\`\`\``;
  console.log(
    `\nThrough the Discord bot (discord.js, local fake Discord; slash commands and "Analyze shapes"):\n\n${HEADER}\n${RULE}`,
  );
  for (const c of LEVELS) {
    fake.resetState();
    const row = await drive(c, async (i, image) => {
      const interaction = (
        image
          ? fake.messageContextInteraction({
              name: "Analyze shapes",
              targetMessage: fake.messagePayload({
                content: imageMessage,
                attachments: [{ name: "photo.jpg", bytes: PICTURE }],
              }),
            })
          : fake.slashInteraction({ name: "shape", options: { code: texts[i % texts.length] as string } })
      ) as { id: string; token: string };
      const deferred = fake.waitForNext(
        "interactionResponses",
        (r) => r.interactionId === interaction.id,
        10_000,
      );
      const edited = fake
        .waitForNext("webhookEdits", (e) => e.token === interaction.token, 60_000)
        .then(() => {});
      const followed = fake
        .waitForNext("followUps", (e) => e.token === interaction.token, 60_000)
        .then(() => {});
      for (const p of [deferred, edited, followed]) p.catch(() => {});
      const t = performance.now();
      fake.dispatchInteraction(interaction);
      let ackMs: number;
      try {
        await deferred;
        ackMs = performance.now() - t;
      } catch {
        return { kind: image ? "image" : "text", ms: performance.now() - t, expired: true };
      }
      await Promise.race([edited, followed]);
      const refused = fake.state.requests.some(
        (r) => r.path.includes(`/interactions/${interaction.id}/`) && r.status >= 400,
      );
      return {
        kind: image ? "image" : "text",
        ms: performance.now() - t,
        ackMs,
        expired: refused || ackMs > 3000,
      };
    });
    console.log(`| ${row} |`);
  }
  await bot.stop();
  await fake.close();
}
