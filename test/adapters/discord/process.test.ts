import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "../../fakes/discord/fake-discord.js";
import { killAll, startMain } from "../main-process.js";

// `npm start` as an operator runs it: only DISCORD_TOKEN, DISCORD_APPLICATION_ID and
// DISCORD_API_URL set, against the local fake Discord; stdin is never read; SIGTERM ends it.

let fake: FakeDiscord | null = null;

afterEach(async () => {
  killAll();
  await fake?.close();
  fake = null;
});

describe("npm start with Discord credentials", () => {
  it("answers a mention, never reads stdin, and stops cleanly on SIGTERM", async () => {
    fake = await startFakeDiscord();
    const { child: c, stderr } = startMain({
      DISCORD_TOKEN: "test-token",
      DISCORD_APPLICATION_ID: fake.ids.applicationId,
      DISCORD_API_URL: fake.apiUrl,
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
