import { rateSettingsFromEnv } from "../rate-config.js";
import type { DiscordSettings } from "./discord-bot.js";

// The Discord adapter's settings, from the environment only (see .env.example).

export function discordSettingsFromEnv(env: NodeJS.ProcessEnv): DiscordSettings | null {
  const token = env.DISCORD_TOKEN ?? "";
  if (token === "") return null;
  const optInChannels = new Set(
    (env.SHAPEBOT_DISCORD_CHANNELS ?? "")
      .split(",")
      .map((c) => c.trim())
      .filter((c) => /^\d+$/.test(c)),
  );
  const api = env.DISCORD_API_URL ?? "";
  return {
    token,
    apiUrl: api === "" ? null : api,
    optInChannels,
    // The privileged intent is only needed to read code blocks that do not mention the bot.
    messageContent: optInChannels.size > 0 || env.SHAPEBOT_DISCORD_MESSAGE_CONTENT === "1",
    ...rateSettingsFromEnv(env),
  };
}
