import {
  AttachmentBuilder,
  type ChatInputCommandInteraction,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  Partials,
} from "discord.js";
import { answerWithFiles } from "../../core/attachments.js";
import type { ImageReply } from "../../core/image-answer.js";
import type { Limits, Request } from "../../core/request.js";
import { weightsFromOption } from "../../core/weight-choice.js";
import { chatLimits, fetchAttachments, questionWithCode, withSkippedNote } from "../attachments.js";
import { ERROR_TEXT, SLOW_TEXT } from "../chat-texts.js";
import type { Log } from "../log.js";
import { RateLimiter } from "../rate-limit.js";
import { beginRequest } from "../request-log.js";
import { ANALYZE_SHAPES } from "./commands.js";
import { questionText, shouldAnswer } from "./message-route.js";
import { DEFAULT_FILE_LIMIT, type DiscordPart, replyParts } from "./reply-parts.js";

// The Discord adapter: a gateway bot (discord.js 14) that answers mentions, direct messages, code
// blocks in opted-in channels, the slash commands and the "Analyze shapes" context menu, with the
// same answer the CLI prints (core's answerWithFiles), split to Discord's limits.

export interface DiscordSettings {
  token: string;
  /** REST base (a local fake in tests): discord.js' rest.api. */
  apiUrl: string | null;
  optInChannels: ReadonlySet<string>;
  /** Ask for the privileged MessageContent intent (needed for opt-in channels). */
  messageContent: boolean;
  perUserPerMinute: number;
  /** Answers a user may get at once (default: half a minute's worth). */
  rateBurst?: number;
  /** Answers per minute for a whole server (default 60). */
  placePerMinute?: number;
  /** How a request becomes an answer: core's answerWithFiles (tests may slow it down). */
  answerer?: typeof answerWithFiles;
}

export interface DiscordBot {
  client: Client;
  /** Resolves once logged in and ready. */
  ready: Promise<void>;
  /** Logged in, with a live gateway session (false while reconnecting). */
  isReady(): boolean;
  /** Finish the replies in flight, then leave the gateway. */
  stop(): Promise<void>;
}

export function startDiscordBot(settings: DiscordSettings, log: Log): DiscordBot {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    GatewayIntentBits.DirectMessages,
  ];
  if (settings.messageContent) intents.push(GatewayIntentBits.MessageContent);
  const client = new Client({
    intents,
    partials: [Partials.Channel],
    // Echoed text must never ping @everyone, a role or a user; the reply itself may notify the asker.
    allowedMentions: { parse: [], repliedUser: true },
    ...(settings.apiUrl ? { rest: { api: settings.apiUrl } } : {}),
  });
  const limit = new RateLimiter({
    perMinute: settings.perUserPerMinute,
    ...(settings.rateBurst ? { burst: settings.rateBurst } : {}),
    ...(settings.placePerMinute ? { placePerMinute: settings.placePerMinute } : {}),
  });
  const answerer = settings.answerer ?? answerWithFiles;
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
  };

  client.on(Events.MessageCreate, (message) => track(onMessage(message)));
  client.on(Events.InteractionCreate, (interaction) => track(onInteraction(interaction)));
  client.on(Events.Error, (e) => log.error("discord client error", { error: e.message }));
  // The gateway session, for /readyz: down from a drop until it is resumed or identified again.
  let sessionLive = false;
  client.on(Events.ShardReady, () => {
    sessionLive = true;
  });
  client.on(Events.ShardResume, () => {
    sessionLive = true;
  });
  client.on(Events.ShardReconnecting, () => {
    sessionLive = false;
    log.warn("discord gateway reconnecting");
  });
  client.on(Events.ShardDisconnect, (event) => {
    sessionLive = false;
    log.warn("discord gateway disconnected", { code: event.code });
  });

  async function onMessage(message: Message): Promise<void> {
    const botId = client.user?.id ?? "";
    const incoming = {
      authorId: message.author.id,
      authorIsBot: message.author.bot,
      inGuild: message.inGuild(),
      channelId: message.channelId,
      content: message.content,
      mentionsBot: botId !== "" && message.mentions.users.has(botId),
      hasAttachments: message.attachments.size > 0,
    };
    if (!shouldAnswer(incoming, botId, settings.optInChannels)) return;
    const req = beginRequest(log, {
      platform: "discord",
      kind: message.channel.isDMBased() ? "dm" : "message",
      user: message.author.id,
      guild: message.guildId,
    });
    const verdict = limit.take(message.author.id, message.guildId);
    if (verdict !== "ok") {
      req.finish("rate_limited", { noticed: verdict === "warn" });
      if (verdict === "warn")
        await message.reply({ content: SLOW_TEXT(limit.waitSeconds(message.author.id)) });
      return;
    }
    try {
      if ("sendTyping" in message.channel) void message.channel.sendTyping().catch(() => {});
      const { text, image, skipped, limits } = await readMessage(
        message.content,
        [...message.attachments.values()],
        botId,
      );
      const answer = await answerer({ text }, image, { limits });
      const parts = replyParts(withSkippedNote(answer.reply.text, skipped), answer.files);
      const [first, ...rest] = parts;
      if (first) await message.reply(payload(first));
      for (const part of rest) if ("send" in message.channel) await message.channel.send(payload(part));
      req.finish(answer.reply.understood ? "answered" : "not_understood", {
        messages: parts.length,
        files: answer.files.length,
        image: image !== null,
      });
    } catch (e) {
      req.log.error("answering a message failed", { error: (e as Error).stack ?? String(e) });
      req.finish("failed");
      await message.reply({ content: ERROR_TEXT(req.id) }).catch(() => {});
    }
  }

  async function onInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isChatInputCommand() && !interaction.isMessageContextMenuCommand()) return;
    const req = beginRequest(log, {
      platform: "discord",
      kind: interaction.commandName,
      user: interaction.user.id,
      guild: interaction.guildId,
    });
    const verdict = limit.take(interaction.user.id, interaction.guildId);
    if (verdict !== "ok") {
      req.finish("rate_limited", { noticed: true });
      await interaction.reply({
        content: SLOW_TEXT(limit.waitSeconds(interaction.user.id)),
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    try {
      // Within Discord's 3 seconds, always: the answer follows as the edited original response.
      await interaction.deferReply();
      const answer = interaction.isChatInputCommand()
        ? await commandAnswer(interaction, answerer)
        : await contextAnswer(interaction, client.user?.id ?? "", answerer);
      if (!answer.reply.understood) {
        // A user mistake: said to the asker only.
        await interaction.deleteReply().catch(() => {});
        await interaction.followUp({
          content: answer.reply.text.slice(0, 2000),
          flags: MessageFlags.Ephemeral,
        });
        req.finish("not_understood");
        return;
      }
      const [first, ...rest] = replyParts(
        answer.reply.text,
        answer.files,
        interaction.attachmentSizeLimit ?? DEFAULT_FILE_LIMIT,
      );
      if (first) await interaction.editReply(payload(first));
      for (const part of rest) await interaction.followUp(payload(part));
      req.finish("answered", { messages: rest.length + 1, files: answer.files.length });
    } catch (e) {
      req.log.error("answering an interaction failed", { error: (e as Error).stack ?? String(e) });
      req.finish("failed");
      const content = ERROR_TEXT(req.id);
      await (interaction.deferred || interaction.replied
        ? interaction.editReply({ content })
        : interaction.reply({ content, flags: MessageFlags.Ephemeral })
      ).catch(() => {});
    }
  }

  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, (c) => {
      log.info("discord ready", { user: c.user.tag, guilds: c.guilds.cache.size });
      resolve();
    });
    client.login(settings.token).catch(reject);
  });

  return {
    client,
    ready,
    isReady: () => sessionLive && client.isReady(),
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}

async function readMessage(
  content: string,
  attachments: { name: string; url: string; size: number; contentType: string | null }[],
  botId: string,
): Promise<{ text: string; image: Buffer | null; skipped: string[]; limits: Limits }> {
  const fetched = await fetchAttachments(attachments);
  const question = questionText(content, botId);
  const text = questionWithCode(question, fetched.code);
  return {
    text,
    image: fetched.image?.bytes ?? null,
    skipped: fetched.skipped,
    limits: chatLimits(question, fetched.code),
  };
}

async function commandAnswer(i: ChatInputCommandInteraction, answerWithFiles: Answerer): Promise<ImageReply> {
  const image = i.options.getAttachment("image");
  const bytes = image ? ((await fetchAttachments([image])).image?.bytes ?? null) : null;
  const framework = (i.options.getString("framework") as Request["framework"]) ?? null;
  switch (i.commandName) {
    case "shape":
      return answerWithFiles(
        { text: i.options.getString("code", true), input: i.options.getString("input"), framework },
        bytes,
      );
    case "explain":
      return answerWithFiles({ text: i.options.getString("question", true) }, null);
    case "filters": {
      const weights = weightsFromOption(i.options.getString("kernels") ?? "edges");
      const options = { input: "256x256x3", layer: "conv", kernel: 3 };
      return answerWithFiles({ text: "", options }, bytes, "error" in weights ? {} : { weights });
    }
    default: {
      // /conv and /pool: the structured options of a plain-language question.
      const options: Record<string, string | number | boolean> = { layer: i.commandName };
      for (const o of i.options.data)
        if (o.value !== undefined && o.name !== "image") options[o.name] = o.value;
      return answerWithFiles({ text: "", options }, bytes);
    }
  }
}

async function contextAnswer(
  i: MessageContextMenuCommandInteraction,
  botId: string,
  answerWithFiles: Answerer,
): Promise<ImageReply> {
  const target = i.targetMessage;
  const { text, image, limits } = await readMessage(target.content, [...target.attachments.values()], botId);
  return answerWithFiles({ text }, image, { limits });
}

type Answerer = typeof answerWithFiles;

function payload(part: DiscordPart) {
  return {
    content: part.content,
    files: part.files.map(
      (f) =>
        new AttachmentBuilder(f.data, {
          name: f.name,
          ...(f.description ? { description: f.description } : {}),
        }),
    ),
    allowedMentions: { parse: [], repliedUser: true },
  };
}

export { ANALYZE_SHAPES };
