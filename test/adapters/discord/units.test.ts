import { describe, expect, it } from "vitest";
import { commandDefinitions } from "../../../src/adapters/discord/commands.js";
import { discordSettingsFromEnv } from "../../../src/adapters/discord/discord-config.js";
import { questionText, shouldAnswer } from "../../../src/adapters/discord/message-route.js";
import { replyParts } from "../../../src/adapters/discord/reply-parts.js";
import { RateLimiter } from "../../../src/adapters/rate-limit.js";

// The Discord adapter's pure parts: which messages it answers, how a reply is cut to Discord's
// limits, the per-user rate limit, the settings from the environment, the command definitions.

const base = {
  authorId: "42",
  authorIsBot: false,
  inGuild: true,
  channelId: "100",
  content: "hello",
  mentionsBot: false,
  hasAttachments: false,
};

describe("message route", () => {
  it("answers mentions and direct messages, code blocks only in opted-in channels, never bots", () => {
    const channels = new Set(["100"]);
    expect(shouldAnswer({ ...base, mentionsBot: true }, "7", new Set())).toBe(true);
    expect(shouldAnswer({ ...base, inGuild: false }, "7", new Set())).toBe(true);
    expect(shouldAnswer(base, "7", channels)).toBe(false);
    expect(shouldAnswer({ ...base, content: "```py\nx\n```" }, "7", channels)).toBe(true);
    expect(shouldAnswer({ ...base, content: "```py\nx\n```", channelId: "200" }, "7", channels)).toBe(false);
    expect(shouldAnswer({ ...base, mentionsBot: true, authorIsBot: true }, "7", channels)).toBe(false);
    expect(shouldAnswer({ ...base, inGuild: false, authorId: "7" }, "7", channels)).toBe(false);
  });

  it("reads the question without the bot's mention", () => {
    expect(questionText("<@7> conv 3x3 on 32x32x3 <@!7>", "7")).toBe("conv 3x3 on 32x32x3");
  });
});

describe("reply parts", () => {
  it("short answers are one message with the PNGs", () => {
    const parts = replyParts("hi", [{ name: "a.png", png: Buffer.from("x"), caption: "a" }]);
    expect(parts).toHaveLength(1);
    expect(parts[0]?.files.map((f) => f.name)).toEqual(["a.png"]);
  });

  it("long answers: two messages and the whole text as summary.txt, never over 2,000", () => {
    const text = `\`\`\`text\n${"│ row of a table with numbers 1,234\n".repeat(400)}\`\`\``;
    const parts = replyParts(text);
    expect(parts.length).toBeLessThanOrEqual(3);
    for (const p of parts) expect(p.content.length).toBeLessThanOrEqual(2000);
    const summary = parts.flatMap((p) => p.files).find((f) => f.name === "summary.txt");
    expect(summary?.data.toString("utf8")).toBe(text);
  });

  it("more than ten files go ten per message", () => {
    const files = Array.from({ length: 23 }, (_, i) => ({
      name: `${i}.png`,
      png: Buffer.from("x"),
      caption: "",
    }));
    const parts = replyParts("hi", files);
    expect(parts.map((p) => p.files.length)).toEqual([10, 10, 3]);
  });
});

describe("rate limit", () => {
  it("a burst, then the refill rate; told once a minute, silent otherwise", () => {
    let now = 0;
    const limit = new RateLimiter({ perMinute: 6, burst: 3 }, () => now);
    expect([limit.take("u"), limit.take("u"), limit.take("u"), limit.take("u"), limit.take("u")]).toEqual([
      "ok",
      "ok",
      "ok",
      "warn",
      "drop",
    ]);
    expect(limit.take("other")).toBe("ok");
    expect(limit.waitSeconds("u")).toBe(10);
    now = 10_000; // one token back (6 a minute)
    expect([limit.take("u"), limit.take("u")]).toEqual(["ok", "drop"]);
    now = 70_000; // a minute after the notice: told again
    expect([limit.take("u"), limit.take("u"), limit.take("u")]).toEqual(["ok", "ok", "ok"]);
    expect(limit.take("u")).toBe("warn");
  });

  it("100 requests from one user in 10 s: at most 4 answered, 1 notice", () => {
    let now = 0;
    const limit = new RateLimiter({ perMinute: 6, burst: 3 }, () => now);
    const verdicts: string[] = [];
    for (let i = 0; i < 100; i++) {
      now = i * 100;
      verdicts.push(limit.take("u", "guild"));
    }
    expect(verdicts.filter((v) => v === "ok").length).toBeLessThanOrEqual(4);
    expect(verdicts.filter((v) => v === "warn")).toHaveLength(1);
  });

  it("a busy place is limited as a whole: users of another place are not", () => {
    const now = 0;
    const limit = new RateLimiter({ perMinute: 6, burst: 3, placePerMinute: 10, placeBurst: 5 }, () => now);
    const answered = ["a", "b", "c", "d", "e", "f", "g"].filter((u) => limit.take(u, "busy") === "ok");
    expect(answered).toEqual(["a", "b", "c", "d", "e"]);
    expect(limit.take("h", "quiet")).toBe("ok");
  });
});

describe("settings from the environment", () => {
  it("no token, no Discord; the privileged intent only when channels opt in", () => {
    expect(discordSettingsFromEnv({})).toBeNull();
    const plain = discordSettingsFromEnv({ DISCORD_TOKEN: "t" });
    expect(plain?.messageContent).toBe(false);
    const withChannels = discordSettingsFromEnv({
      DISCORD_TOKEN: "t",
      SHAPEBOT_DISCORD_CHANNELS: "1, 2,x",
      DISCORD_API_URL: "http://127.0.0.1:1/api",
    });
    expect(withChannels?.messageContent).toBe(true);
    expect([...(withChannels?.optInChannels ?? [])]).toEqual(["1", "2"]);
    expect(withChannels?.apiUrl).toBe("http://127.0.0.1:1/api");
  });
});

describe("commands", () => {
  it("are valid for Discord: names, descriptions ≤ 100, required options first, a message context menu", () => {
    const commands = commandDefinitions();
    expect(commands.map((c) => c.name)).toEqual([
      "shape",
      "conv",
      "pool",
      "explain",
      "filters",
      "Analyze shapes",
    ]);
    for (const c of commands) {
      const options = ("options" in c ? c.options : undefined) ?? [];
      const required = options.map((o) => ("required" in o && o.required) === true);
      expect(required.indexOf(false) === -1 || required.lastIndexOf(true) < required.indexOf(false)).toBe(
        true,
      );
      for (const o of options) expect(o.description.length).toBeLessThanOrEqual(100);
      expect(options.length).toBeLessThanOrEqual(25);
    }
  });
});
