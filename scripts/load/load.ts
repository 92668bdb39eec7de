// npm run load [-- --seconds 10]: a mix of 90% text and 10% image requests (the golden messages;
// an image with a small conv model) at concurrency 1, 8, 32 and 64, first straight through the
// core (answerWithFiles, the image part in its worker pool), then through the Slack app's HTTP
// receiver with signed requests against the local fake Slack. Prints, per concurrency: requests
// per second, p50/p99 latency (text and image apart), the receiver's ack latency, the event-loop
// delay p99 (monitorEventLoopDelay) and the peak resident memory. Loopback only.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { escapeMrkdwn } from "../../src/adapters/slack/slack-text.js";
import { answerWithFiles } from "../../src/core/attachments.js";
import { slackAppOnFake } from "../../test/adapters/slack/slack-harness.js";
import { startFakeSlack } from "../../test/fakes/slack/fake-slack.js";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "10" } } });
const SECONDS = Number(values.seconds);
const LEVELS = [1, 8, 32, 64];

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
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/** Runs `one` from `concurrency` loops for SECONDS; every 10th request is an image one. */
async function drive(concurrency: number, one: (i: number, image: boolean) => Promise<Sample>) {
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
        samples.push(await one(i, i % 10 === 9));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(rssTimer);
  loop.disable();
  const text = samples.filter((s) => s.kind === "text").map((s) => s.ms);
  const image = samples.filter((s) => s.kind === "image").map((s) => s.ms);
  const acks = samples.flatMap((s) => (s.ackMs === undefined ? [] : [s.ackMs]));
  const f = (x: number) => (Number.isNaN(x) ? "–" : x.toFixed(0));
  return [
    concurrency,
    (samples.length / elapsed).toFixed(0),
    `${f(quantile(text, 0.5))} / ${f(quantile(text, 0.99))}`,
    `${f(quantile(image, 0.5))} / ${f(quantile(image, 0.99))}`,
    acks.length ? `${f(quantile(acks, 0.5))} / ${f(quantile(acks, 0.99))}` : "–",
    (loop.percentile(99) / 1e6).toFixed(1),
    (peakRss / 2 ** 20).toFixed(0),
  ].join(" | ");
}

const HEADER =
  "| concurrency | req/s | text ms p50 / p99 | image ms p50 / p99 | ack ms p50 / p99 | loop delay p99 ms | peak RSS MB |";
const RULE = "|---|---|---|---|---|---|---|";

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

// Through the Slack receiver: signed mentions over HTTP; the ack is the HTTP response, the answer
// is the chat.postMessage the fake Slack receives for that event.
const fake = await startFakeSlack({ responseUrlMaxUses: 1_000_000 });
const { bot, url } = await slackAppOnFake(fake, { perUserPerMinute: 1_000_000, placePerMinute: 1_000_000 });
const picture = fake.addFile({ name: "photo.jpg", bytes: PICTURE, mimetype: "image/jpeg", filetype: "jpg" });
console.log(
  `\nThrough the Slack app's HTTP receiver (signed requests, local fake Slack):\n\n${HEADER}\n${RULE}`,
);
for (const c of LEVELS)
  console.log(
    `| ${await drive(c, async (i, image) => {
      const ts = `1800000000.${String(i).padStart(6, "0")}`;
      const event = image
        ? fake.eventCallback({
            type: "app_mention",
            text: escapeMrkdwn(IMAGE_MODEL),
            ts,
            files: [picture as never],
          })
        : fake.eventCallback({
            type: "app_mention",
            text: escapeMrkdwn(TEXTS[i % TEXTS.length] as string),
            ts,
          });
      const body = JSON.stringify(event);
      const t = performance.now();
      // Whichever comes (an answer, or a note to the asker); the other wait is left to time out.
      const posted = fake.waitForNext("messages", (m) => m.args.thread_ts === ts, 60_000);
      const ephemeral = fake.waitForNext("ephemerals", (m) => m.args.thread_ts === ts, 60_000);
      posted.catch(() => {});
      ephemeral.catch(() => {});
      const res = await fake.signedRequest(url, body, { secret: fake.signingSecret });
      const ackMs = performance.now() - t;
      if (res.status !== 200) throw new Error(`status ${res.status}`);
      await Promise.race([posted, ephemeral]);
      return { kind: image ? "image" : "text", ms: performance.now() - t, ackMs };
    })} |`,
  );
await bot.stop();
await fake.close();
process.exit(0);
