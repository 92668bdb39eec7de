import { rateSettingsFromEnv } from "../rate-config.js";
import type { SlackSettings } from "./slack-app.js";

// The Slack adapter's settings, from the environment only (see .env.example). Null when no Slack
// credentials are set; an error message when they are set but incomplete.

export function slackSettingsFromEnv(env: NodeJS.ProcessEnv): SlackSettings | { error: string } | null {
  const botToken = env.SLACK_BOT_TOKEN ?? "";
  const appToken = env.SLACK_APP_TOKEN ?? "";
  const signingSecret = env.SLACK_SIGNING_SECRET ?? "";
  if (botToken === "" && appToken === "") return null;
  if (botToken === "")
    return { error: "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: set both for Socket Mode" };
  if (appToken === "" && signingSecret === "")
    return {
      error:
        "SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is not: the HTTP receiver needs it to verify Slack's requests (or set SLACK_APP_TOKEN for Socket Mode)",
    };
  const port = Number(env.PORT ?? "");
  const api = env.SLACK_API_URL ?? "";
  return {
    botToken,
    signingSecret,
    appToken: appToken === "" ? null : appToken,
    apiUrl: api === "" ? null : api.endsWith("/") ? api : `${api}/`,
    port:
      Number.isInteger(port) && port >= 0 && port < 65536 && env.PORT !== "" && env.PORT !== undefined
        ? port
        : 3000,
    ...rateSettingsFromEnv(env),
  };
}
