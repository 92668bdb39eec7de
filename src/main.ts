import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import { runConsole } from "./adapters/console.js";
import { startDiscordBot } from "./adapters/discord/discord-bot.js";
import { discordSettingsFromEnv } from "./adapters/discord/discord-config.js";
import { createLog } from "./adapters/log.js";

/** Exit status when the platform refuses our configuration (disallowed intents, bad token). */
const EX_CONFIG = 78;

/** Starts the adapters whose credentials are set; with none, the local console chat. */
async function main(): Promise<void> {
  const log = createLog();
  const discord = discordSettingsFromEnv(process.env);
  const slack = (process.env.SLACK_BOT_TOKEN ?? "") !== "" || (process.env.SLACK_APP_TOKEN ?? "") !== "";
  if (slack)
    log.warn("SLACK_BOT_TOKEN / SLACK_APP_TOKEN set, but the Slack adapter is not in this build yet");
  if (!discord) {
    if (slack) return;
    await runConsole(process.stdin, process.stdout);
    return;
  }
  // SHAPEBOT_SHARDS: this process only manages shard processes (each runs this file again).
  const shards = process.env.SHAPEBOT_SHARDS ?? "";
  if (shards !== "" && process.env.SHARDING_MANAGER === undefined) {
    await runShards(shards, discord.token, log);
    return;
  }
  // With platform credentials set, stdin is never read: the process runs until SIGTERM.
  const bot = startDiscordBot(discord, log);
  const stop = async (signal: string) => {
    log.info("stopping", { signal });
    await bot.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  try {
    await bot.ready;
  } catch (e) {
    const message = (e as Error).message;
    if (/disallowed intents|4014/i.test(message))
      log.error(
        "Discord refused the privileged Message Content intent: enable it for the bot in the developer portal (Bot → Privileged Gateway Intents), or leave SHAPEBOT_DISCORD_CHANNELS empty to run without it",
        { error: message },
      );
    else log.error("Discord login failed", { error: message });
    await bot.stop().catch(() => {});
    process.exit(EX_CONFIG);
  }
}

async function runShards(count: string, token: string, log: ReturnType<typeof createLog>): Promise<void> {
  const totalShards = count === "auto" ? "auto" : Number(count);
  if (totalShards !== "auto" && !(Number.isInteger(totalShards) && totalShards >= 1)) {
    log.error("SHAPEBOT_SHARDS must be 'auto' or a positive number", { value: count });
    process.exit(EX_CONFIG);
  }
  const manager = new ShardingManager(fileURLToPath(import.meta.url), {
    token,
    totalShards,
    execArgv: process.execArgv,
  });
  manager.on("shardCreate", (shard) => log.info("shard started", { id: shard.id }));
  const stop = async () => {
    for (const shard of manager.shards.values()) shard.kill();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  await manager.spawn();
}

main().catch((e: unknown) => {
  process.stderr.write(`shapebot: something went wrong on our side: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
