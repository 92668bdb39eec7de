// npm run register: bulk-overwrites shapebot's application commands — in DISCORD_DEV_GUILD_ID when
// set (instant, for development), else globally (Discord takes up to an hour to show them).
// Needs DISCORD_TOKEN and DISCORD_APPLICATION_ID; DISCORD_API_URL points it at a fake.
// --invite prints the URL that adds the bot to a server with the scopes and permissions it needs.
import { OAuth2Scopes, PermissionFlagsBits, REST, Routes } from "discord.js";
import { commandDefinitions } from "../src/adapters/discord/commands.js";

const PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory;

export function inviteUrl(applicationId: string): string {
  const scopes = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join("%20");
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=${scopes}&permissions=${PERMISSIONS}`;
}

async function main(): Promise<void> {
  const applicationId = process.env.DISCORD_APPLICATION_ID ?? "";
  if (applicationId === "") throw new Error("set DISCORD_APPLICATION_ID");
  if (process.argv.includes("--invite")) {
    console.log(inviteUrl(applicationId));
    return;
  }
  const token = process.env.DISCORD_TOKEN ?? "";
  if (token === "") throw new Error("set DISCORD_TOKEN");
  const api = process.env.DISCORD_API_URL ?? "";
  const rest = new REST(api === "" ? {} : { api }).setToken(token);
  const guild = process.env.DISCORD_DEV_GUILD_ID ?? "";
  const route =
    guild === ""
      ? Routes.applicationCommands(applicationId)
      : Routes.applicationGuildCommands(applicationId, guild);
  const body = commandDefinitions();
  await rest.put(route, { body });
  console.log(
    `registered ${body.length} commands ${guild === "" ? "globally" : `in guild ${guild}`}: ${body.map((c) => c.name).join(", ")}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(`register: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
