import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DiscordBot, startDiscordBot } from "../../src/adapters/discord/discord-bot.js";
import { replyParts } from "../../src/adapters/discord/reply-parts.js";
import type { SlackBot } from "../../src/adapters/slack/slack-app.js";
import { decodeSlackText, escapeMrkdwn } from "../../src/adapters/slack/slack-text.js";
import { answerWithFiles } from "../../src/core/attachments.js";
import { type FakeDiscord, startFakeDiscord } from "../fakes/discord/fake-discord.js";
import { type FakeSlack, startFakeSlack } from "../fakes/slack/fake-slack.js";
import { captureLog, recordSecrets } from "../support/log-capture.js";
import { cliOutput } from "./cli-output.js";
import { slackAppOnFake } from "./slack/slack-harness.js";

// The contract every adapter keeps: the same message gets the same table as the CLI prints —
// through the real discord.js client and the real Bolt app, each against its local fake platform,
// whatever each platform's splitting did to the text on the way.

const MESSAGES = [
  "01-seed", // Keras, the Q&A page's model (its table is split across Discord messages)
  "11-shape-error-negative", // Keras, a shape error: the table up to it
  "30-plain-seed-conv", // plain language
  "47-zh-seed", // Chinese
  "60-torch-mat1-mat2", // PyTorch error message with its code
  "62-torch-symbolic-lenet", // PyTorch, torchinfo's layout
];
const read = (name: string) =>
  readFileSync(new URL(`../golden/messages/${name}.txt`, import.meta.url), "utf8");
const quiet = captureLog().log;

/** The first fenced block's lines, after undoing the fence a split closed and reopened. */
function firstTable(text: string): string {
  const joined = text.replace(/\n```\n```[^\n`]*\n/g, "\n");
  const m = /```[^\n`]*\n([\s\S]*?)\n```/.exec(joined);
  return m?.[1] ?? "";
}

let discord: { fake: FakeDiscord; bot: DiscordBot };
let slack: { fake: FakeSlack; bot: SlackBot; url: string };

beforeAll(async () => {
  const df = await startFakeDiscord();
  recordSecrets("contract-discord-token");
  const db = startDiscordBot(
    {
      token: "contract-discord-token",
      apiUrl: df.apiUrl,
      optInChannels: new Set(),
      messageContent: false,
      perUserPerMinute: 100,
    },
    quiet,
  );
  await db.ready;
  discord = { fake: df, bot: db };
  const sf = await startFakeSlack();
  const { bot: sb, url } = await slackAppOnFake(sf, {}, quiet);
  slack = { fake: sf, bot: sb, url };
});

afterAll(async () => {
  await discord?.bot.stop();
  await discord?.fake.close();
  await slack?.bot.stop();
  await slack?.fake.close();
});

describe("the same message, the same table: CLI, Discord, Slack", () => {
  for (const name of MESSAGES)
    it(name, async () => {
      const text = read(name);
      const expected = firstTable(await cliOutput(text));
      expect(expected.split("\n").length).toBeGreaterThan(3);

      // Discord: a mention; the reply and the messages after it, in order.
      const answer = await answerWithFiles({ text });
      const count = replyParts(answer.reply.text, answer.files).length;
      if (name === "01-seed") expect(count).toBeGreaterThan(1);
      const { fake: df } = discord;
      df.resetState();
      df.dispatch(
        "MESSAGE_CREATE",
        df.messagePayload({ content: `<@${df.ids.botId}> ${text}`, mentionsBot: true }),
      );
      await df.waitFor("messages", () => df.state.messages.length >= count, 10_000);
      const discordText = df.state.messages.map((m) => m.content ?? "").join("\n");
      expect(firstTable(discordText)).toBe(expected);

      // Slack: a mention, the text escaped as Slack delivers it; the sections of the reply.
      const { fake: sf } = slack;
      sf.resetState();
      const ev = sf.eventCallback({ type: "app_mention", text: escapeMrkdwn(text) });
      expect(
        (await sf.signedRequest(slack.url, JSON.stringify(ev), { secret: sf.signingSecret })).status,
      ).toBe(200);
      const posted = await sf.waitFor("messages", undefined, 10_000);
      const slackText = (posted.blocks as { text: { text: string } }[])
        .map((b) => decodeSlackText(b.text.text))
        .join("\n");
      expect(firstTable(slackText)).toBe(expected);
    });
});
