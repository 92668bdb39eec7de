import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import { runConsole } from "./adapters/console.js";
import { type DiscordSettings, startDiscordBot } from "./adapters/discord/discord-bot.js";
import { discordSettingsFromEnv } from "./adapters/discord/discord-config.js";
import { startHealthServer } from "./adapters/health.js";
import { createLog, type Log, secretsIn } from "./adapters/log.js";
import { type SlackSettings, startSlackApp } from "./adapters/slack/slack-app.js";
import { slackSettingsFromEnv } from "./adapters/slack/slack-config.js";

/** Exit status when the platform refuses our configuration (disallowed intents, bad token). */
const EX_CONFIG = 78;

type Stop = () => Promise<void>;

/** Each running adapter's readiness, for /readyz. */
const readiness: Record<string, () => boolean> = {};
const readinessReport = () =>
  Object.fromEntries(Object.entries(readiness).map(([name, isReady]) => [name, isReady()]));

/** Starts the adapters whose credentials are set; with none, the local console chat. */
async function main(): Promise<void> {
  const log = createLog({ secrets: secretsIn(process.env) });
  // SHAPEBOT_ADAPTERS (e.g. "slack"): run only these, so a Procfile's web and worker processes
  // do not both answer on the same platform.
  const only = adaptersWanted(process.env.SHAPEBOT_ADAPTERS ?? "");
  const unknown = [...(only ?? [])].filter((n) => n !== "discord" && n !== "slack");
  if (unknown.length > 0) {
    log.error("SHAPEBOT_ADAPTERS lists discord and/or slack, comma-separated", { unknown });
    process.exit(EX_CONFIG);
  }
  const discord = only && !only.has("discord") ? null : discordSettingsFromEnv(process.env);
  const slack = only && !only.has("slack") ? null : slackSettingsFromEnv(process.env);
  if (slack && "error" in slack) {
    log.error(slack.error);
    process.exit(EX_CONFIG);
  }
  if (only && !discord && !slack) {
    log.error("SHAPEBOT_ADAPTERS names no adapter whose credentials are set", { adapters: [...only] });
    process.exit(EX_CONFIG);
  }
  if (!discord && !slack) {
    await runConsole(process.stdin, process.stdout);
    return;
  }
  // With platform credentials set, stdin is never read: the process runs until SIGTERM.
  const stops: Stop[] = [];
  const stopAll = async (signal: string) => {
    log.info("stopping", { signal });
    await Promise.allSettled(stops.map((s) => s()));
    process.exit(0);
  };
  process.once("SIGTERM", () => void stopAll("SIGTERM"));
  process.once("SIGINT", () => void stopAll("SIGINT"));
  const inShard = process.env.SHARDING_MANAGER !== undefined;
  const servesSlack = slack !== null && !inShard;
  // Slack's receiver serves /healthz and /readyz; without it, PORT (if set) gets a server of its own.
  if (!servesSlack && !inShard && process.env.PORT) await startHealth(Number(process.env.PORT), log, stops);
  if (discord) await startDiscord(discord, log, (s) => stops.push(s));
  // Shard processes run this file again; only the first process serves Slack.
  if (servesSlack) await startSlack(slack, log, (s) => stops.push(s));
}

async function startHealth(port: number, log: Log, stops: Stop[]): Promise<void> {
  try {
    const health = await startHealthServer(port, readinessReport);
    stops.push(() => health.close());
    log.info("health routes listening", { port: health.port });
  } catch (e) {
    log.error("PORT is already in use or not a port", { port, error: (e as Error).message });
    process.exit(EX_CONFIG);
  }
}

/** Starts the Discord bot (or its shard processes); `onStop` gets how to stop it at once. */
async function startDiscord(discord: DiscordSettings, log: Log, onStop: (s: Stop) => void): Promise<void> {
  // SHAPEBOT_SHARDS: this process only manages shard processes (each runs this file again).
  const shards = process.env.SHAPEBOT_SHARDS ?? "";
  if (shards !== "" && process.env.SHARDING_MANAGER === undefined)
    return runShards(shards, discord.token, log, onStop);
  const bot = startDiscordBot(discord, log);
  readiness.discord = bot.isReady;
  onStop(() => bot.stop());
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

async function startSlack(settings: SlackSettings, log: Log, onStop: (s: Stop) => void): Promise<void> {
  const app = startSlackApp({ ...settings, readiness: readinessReport }, log);
  readiness.slack = app.isReady;
  onStop(() => app.stop());
  try {
    await app.ready;
  } catch (e) {
    const err = e as { code?: string; data?: { error?: string }; message: string };
    if (err.data?.error)
      log.error("Slack refused SLACK_BOT_TOKEN: check the Bot User OAuth Token of the installed app", {
        error: err.data.error,
      });
    else if (err.code === "EADDRINUSE") log.error("PORT is already in use", { port: settings.port });
    else log.error("the Slack app could not start", { error: err.message });
    await app.stop().catch(() => {});
    process.exit(EX_CONFIG);
  }
}

function adaptersWanted(value: string): Set<string> | null {
  const names = value
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== "");
  return names.length === 0 ? null : new Set(names);
}

async function runShards(count: string, token: string, log: Log, onStop: (s: Stop) => void): Promise<void> {
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
  readiness.discord = () =>
    manager.shards.size > 0 && [...manager.shards.values()].every((shard) => shard.ready);
  onStop(async () => {
    for (const shard of manager.shards.values()) shard.kill();
  });
  await manager.spawn();
}

main().catch((e: unknown) => {
  process.stderr.write(`shapebot: something went wrong on our side: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
