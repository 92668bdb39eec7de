import type { Log } from "../../../src/adapters/log.js";
import { type SlackBot, type SlackSettings, startSlackApp } from "../../../src/adapters/slack/slack-app.js";
import type { FakeSlack } from "../../fakes/slack/fake-slack.js";
import { captureLog, recordSecrets } from "../../support/log-capture.js";

// The Slack app as the tests (and `npm run load`) run it: HTTP receiver on 127.0.0.1, talking to
// the local fake Slack, no WebClient retries, quiet unless a test passes its own log. `start` is
// the app to run: the sources (tests) or the built dist/ (the load script).

type FakeCredentials = Pick<FakeSlack, "botToken" | "signingSecret" | "apiUrl"> & { appToken?: string };

export async function slackAppOnFake(
  fake: FakeCredentials,
  overrides: Partial<SlackSettings> = {},
  log: Log = captureLog().log,
  start: typeof startSlackApp = startSlackApp,
): Promise<{ bot: SlackBot; url: string; port: number | null }> {
  recordSecrets(fake.botToken, fake.signingSecret, fake.appToken ?? "");
  const bot = start(
    {
      botToken: fake.botToken,
      signingSecret: fake.signingSecret,
      appToken: null,
      apiUrl: fake.apiUrl,
      port: 0,
      host: "127.0.0.1",
      perUserPerMinute: 10_000,
      webRetries: 0,
      ...overrides,
    },
    log,
  );
  const { port } = await bot.ready;
  return { bot, url: `http://127.0.0.1:${port}/slack/events`, port };
}
