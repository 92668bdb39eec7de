// Which messages the bot answers, and the text it reads from them: a mention of the bot, any
// direct message, and — in the channels listed in SHAPEBOT_DISCORD_CHANNELS — any message with a
// ``` code block. Never its own messages or other bots'.

export interface IncomingMessage {
  authorId: string;
  authorIsBot: boolean;
  inGuild: boolean;
  channelId: string;
  content: string;
  mentionsBot: boolean;
  hasAttachments: boolean;
}

export function shouldAnswer(m: IncomingMessage, botId: string, optInChannels: ReadonlySet<string>): boolean {
  if (m.authorIsBot || m.authorId === botId) return false;
  if (!m.inGuild || m.mentionsBot) return true;
  return optInChannels.has(m.channelId) && /```/.test(m.content);
}

/** The message without the bot's mention (<@id> or <@!id>), trimmed. */
export function questionText(content: string, botId: string): string {
  return content.replaceAll(new RegExp(`<@!?${botId}>`, "g"), "").trim();
}
