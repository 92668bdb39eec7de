import { runConsole } from "./adapters/console.js";

const PLATFORM_VARIABLES = ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"];

/** Starts the adapters whose credentials are set; with none, the local console chat. */
async function main(): Promise<void> {
  const configured = PLATFORM_VARIABLES.filter((name) => (process.env[name] ?? "") !== "");
  if (configured.length > 0)
    process.stderr.write(
      `${configured.join(", ")} set, but the Discord and Slack adapters are not in this build yet; starting the console chat.\n`,
    );
  await runConsole(process.stdin, process.stdout);
}

main().catch((e: unknown) => {
  process.stderr.write(`shapebot: something went wrong on our side: ${(e as Error).message}\n`);
  process.exitCode = 1;
});
