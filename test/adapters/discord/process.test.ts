import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import { killAll, startMain } from "../main-process.js";

// `npm start` as an operator runs it: only DISCORD_TOKEN, DISCORD_APPLICATION_ID and
// DISCORD_API_URL set, against the local fake Discord; stdin is never read; SIGTERM ends it.

let fake: FakeDiscord | null = null;

/** GETs `url` every 10 ms until it answers `status` (5 s at most); its JSON body. */
async function pollStatus(url: string, status: number): Promise<unknown> {
  const end = Date.now() + 5000;
  for (;;) {
    const res = await fetch(url);
    if (res.status === status) return res.json();
    if (Date.now() > end) return { stillStatus: res.status, ...(await res.json()) };
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  killAll();
  await fake?.close();
  fake = null;
});

describe("npm start with Discord credentials", () => {
  it("answers a mention, serves /healthz and /readyz on PORT, never reads stdin, stops on SIGTERM", async () => {
    fake = await startFakeDiscord();
    const { child: c, stderr } = startMain({
      DISCORD_TOKEN: "test-token",
      DISCORD_APPLICATION_ID: fake.ids.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      PORT: "0",
    });
    c.stdin?.end("this is not a chat message\n\n");
    await fake.waitFor("identifies", undefined, 15_000);
    // No privileged intent without opted-in channels: 1 | 512 | 4096 (guilds, guild messages, DMs).
    expect((fake.state.identifies[0] as { intents: number }).intents & (1 << 15)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({
        content: `<@${fake.ids.botId}> conv 24 filters 8x8 stride 2 on 128x128x3`,
        mentionsBot: true,
      }),
    );
    const reply = await fake.waitFor("messages", (m) => m.messageReference !== null, 10_000);
    expect(reply.content).toContain("(None, 61, 61, 24)");
    expect(stderr()).toContain('"discord ready"');
    expect(stderr()).not.toContain("test-token");
    // A Discord-only process has no Slack receiver: PORT gets the health routes alone.
    const listening = stderr()
      .split("\n")
      .find((l) => l.includes('"health routes listening"'));
    const port = Number((JSON.parse(listening ?? "{}") as { port?: number }).port);
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, adapters: { discord: true } });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/readyz`, { method: "POST" })).status).toBe(405);
    // A dropped gateway: not ready until the session is resumed.
    await fake.closeGateway(4000);
    expect(await pollStatus(`${base}/readyz`, 503)).toEqual({ ready: false, adapters: { discord: false } });
    expect(await pollStatus(`${base}/readyz`, 200)).toEqual({ ready: true, adapters: { discord: true } });
    c.kill("SIGTERM");
    const [code] = await once(c, "close");
    expect(code).toBe(0);
  }, 30_000);

  it("a refused privileged intent (4014) says what to enable and exits 78", async () => {
    fake = await startFakeDiscord({ identifyCloseCode: 4014 });
    const { child: c, stderr } = startMain({
      DISCORD_TOKEN: "test-token",
      DISCORD_API_URL: fake.apiUrl,
      SHAPEBOT_DISCORD_CHANNELS: fake.ids.channelId,
    });
    const [code] = await once(c, "close");
    expect(code).toBe(78);
    expect(stderr()).toContain("Privileged Gateway Intents");
  }, 30_000);
});

describe("npm start with SHAPEBOT_SHARDS", () => {
  it("spawns one process per shard, each identifying with its [id, count]", async () => {
    fake = await startFakeDiscord();
    const { child: c } = startMain({
      DISCORD_TOKEN: "test-token",
      DISCORD_API_URL: fake.apiUrl,
      SHAPEBOT_SHARDS: "2",
    });
    await fake.waitFor(
      "identifies",
      (i) => JSON.stringify((i as { shard?: unknown }).shard) === "[1,2]",
      20_000,
    );
    const shards = fake.state.identifies.map((i) => JSON.stringify((i as { shard?: unknown }).shard)).sort();
    expect(shards).toEqual(["[0,2]", "[1,2]"]);
    c.kill("SIGTERM");
    const [code] = await once(c, "close");
    expect(code).toBe(0);
  }, 40_000);
});
