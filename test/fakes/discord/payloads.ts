// Realistic Discord API v10 payloads (gateway dispatches and REST responses) for the fake.
// Shapes follow discord-api-types/v10; only what discord.js 14 reads is guaranteed complete.

import { ApplicationCommandOptionType, ApplicationCommandType, PermissionFlagsBits } from "discord.js";

// Discord's epoch (2015-01-01) for snowflakes.
const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh, time-ordered snowflake string. */
export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

export interface FakeIds {
  botId: string;
  /** Equal to botId, as for every bot created since 2019. */
  applicationId: string;
  guildId: string;
  /** The guild's one text channel. */
  channelId: string;
  botRoleId: string;
  /** The default human author of messages and interactions. */
  userId: string;
}

export function makeIds(): FakeIds {
  const botId = snowflake();
  return {
    botId,
    applicationId: botId,
    guildId: snowflake(),
    channelId: snowflake(),
    botRoleId: snowflake(),
    userId: snowflake(),
  };
}

/** What the builders need from a running fake. */
export interface BuilderContext {
  ids: FakeIds;
  botName: string;
  /** Serves bytes from the fake's HTTP server and returns their URL. */
  serveFile(name: string, bytes: Uint8Array, contentType?: string): string;
  /** Makes the fake know a DM channel (for GET /channels/:id and sends to it). */
  registerDmChannel(channelId: string, recipient: Record<string, unknown>): void;
}

export const perm = PermissionFlagsBits;
const bits = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();

/** @everyone's permissions in the fake guild: what a default server grants. */
export const EVERYONE_PERMISSIONS = bits(
  perm.ViewChannel,
  perm.SendMessages,
  perm.SendMessagesInThreads,
  perm.EmbedLinks,
  perm.AttachFiles,
  perm.ReadMessageHistory,
  perm.AddReactions,
  perm.UseApplicationCommands,
  perm.UseExternalEmojis,
);

/** What the bot needs in a channel; granted by a member overwrite on the text channel. */
export const BOT_CHANNEL_ALLOW = bits(
  perm.ViewChannel,
  perm.SendMessages,
  perm.SendMessagesInThreads,
  perm.EmbedLinks,
  perm.AttachFiles,
  perm.ReadMessageHistory,
);

export function userPayload(id: string, username: string, bot = false): Record<string, unknown> {
  return {
    id,
    username,
    global_name: bot ? null : username,
    discriminator: "0",
    avatar: null,
    bot,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export function botUser(ctx: Pick<BuilderContext, "ids" | "botName">): Record<string, unknown> {
  return {
    ...userPayload(ctx.ids.botId, ctx.botName, true),
    verified: true,
    mfa_enabled: false,
    locale: "en-US",
    email: null,
  };
}

export function memberPayload(
  user: Record<string, unknown> | null,
  roles: string[],
): Record<string, unknown> {
  return {
    ...(user ? { user } : {}),
    nick: null,
    avatar: null,
    banner: null,
    roles,
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function applicationPayload(ctx: Pick<BuilderContext, "ids" | "botName">): Record<string, unknown> {
  return {
    id: ctx.ids.applicationId,
    name: ctx.botName,
    icon: null,
    description: "",
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: "0".repeat(64),
    flags: 0,
    team: null,
    owner: userPayload(ctx.ids.userId, "owner"),
  };
}

export interface ChannelOptions {
  /** false: a member overwrite denies the bot SendMessages (and the fake answers 403 50013). */
  botCanSend: boolean;
}

export function textChannelPayload(
  ctx: Pick<BuilderContext, "ids">,
  o: ChannelOptions,
): Record<string, unknown> {
  const { ids } = ctx;
  return {
    id: ids.channelId,
    type: 0,
    guild_id: ids.guildId,
    name: "general",
    position: 0,
    parent_id: null,
    topic: null,
    nsfw: false,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
    permission_overwrites: [
      // @everyone may not ping everyone here (a realistic, harmless overwrite)…
      { id: ids.guildId, type: 0, allow: "0", deny: bits(perm.MentionEveryone) },
      // …and the bot member is explicitly allowed what it needs (or denied sending).
      o.botCanSend
        ? { id: ids.botId, type: 1, allow: BOT_CHANNEL_ALLOW, deny: "0" }
        : { id: ids.botId, type: 1, allow: "0", deny: bits(perm.SendMessages, perm.AttachFiles) },
    ],
  };
}

export function dmChannelPayload(
  channelId: string,
  recipient: Record<string, unknown>,
): Record<string, unknown> {
  return { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [recipient] };
}

export function guildCreatePayload(
  ctx: Pick<BuilderContext, "ids" | "botName">,
  o: ChannelOptions,
): Record<string, unknown> {
  const { ids } = ctx;
  const role = (id: string, name: string, permissions: string, position: number, extra = {}) => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0,
    ...extra,
  });
  return {
    id: ids.guildId,
    name: "Fake Guild",
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: ids.userId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_subscription_count: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: "en-US",
    features: [],
    application_id: null,
    system_channel_id: ids.channelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    vanity_url_code: null,
    max_members: 500000,
    max_video_channel_users: 25,
    roles: [
      role(ids.guildId, "@everyone", EVERYONE_PERMISSIONS, 0),
      role(ids.botRoleId, ctx.botName, bits(perm.ViewChannel, perm.SendMessages), 1, {
        managed: true,
        tags: { bot_id: ids.botId },
      }),
    ],
    emojis: [],
    stickers: [],
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [
      memberPayload(botUser(ctx), [ids.botRoleId]),
      memberPayload(userPayload(ids.userId, "alice"), []),
    ],
    channels: [textChannelPayload(ctx, o)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export interface AttachmentInput {
  /** File name, e.g. "model.py". */
  name: string;
  /** Bytes to serve from the fake (the attachment's url then points at them). */
  bytes?: Uint8Array;
  /** Or an explicit url (size/contentType then as given). */
  url?: string;
  size?: number;
  contentType?: string;
  width?: number;
  height?: number;
  id?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  py: "text/x-python; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export function guessContentType(name: string): string | undefined {
  return CONTENT_TYPES[name.split(".").pop()?.toLowerCase() ?? ""];
}

export function attachmentPayload(ctx: BuilderContext, a: AttachmentInput): Record<string, unknown> {
  const id = a.id ?? snowflake();
  const contentType = a.contentType ?? guessContentType(a.name);
  const url =
    a.url ??
    (a.bytes ? ctx.serveFile(`${id}/${a.name}`, a.bytes, contentType) : `https://cdn.invalid/${a.name}`);
  return {
    id,
    filename: a.name,
    size: a.size ?? a.bytes?.length ?? 0,
    url,
    proxy_url: url,
    ...(contentType ? { content_type: contentType } : {}),
    ...(a.width !== undefined ? { width: a.width, height: a.height ?? a.width } : {}),
    flags: 0,
  };
}

export interface MessageInput {
  content: string;
  /** Defaults to ids.userId (a human). */
  authorId?: string;
  authorName?: string;
  authorBot?: boolean;
  /** Defaults to the guild text channel (or the author's DM channel when dm). */
  channelId?: string;
  /** Defaults to the fake guild; null (or dm: true) for a direct message. */
  guildId?: string | null;
  dm?: boolean;
  /** Adds the bot to `mentions` and prefixes `<@botId> ` to the content unless it already has it. */
  mentionsBot?: boolean;
  attachments?: AttachmentInput[];
  messageId?: string;
  /** The message replied to (a payload from this module), for message_reference/referenced_message. */
  replyTo?: Record<string, unknown>;
  embeds?: Record<string, unknown>[];
}

/** The DM channel id the fake uses for a user (stable per user). */
export function dmChannelIdFor(userId: string): string {
  return (BigInt(userId) + 7n).toString();
}

export function messagePayload(ctx: BuilderContext, m: MessageInput): Record<string, unknown> {
  const { ids } = ctx;
  const authorId = m.authorId ?? ids.userId;
  const author = userPayload(
    authorId,
    m.authorName ?? (authorId === ids.userId ? "alice" : "user"),
    m.authorBot,
  );
  const dm = m.dm === true || m.guildId === null;
  const guildId = dm ? null : (m.guildId ?? ids.guildId);
  const channelId = m.channelId ?? (dm ? dmChannelIdFor(authorId) : ids.channelId);
  if (dm) ctx.registerDmChannel(channelId, author);
  const mention = `<@${ids.botId}>`;
  const content =
    m.mentionsBot && !m.content.includes(mention) && !m.content.includes(`<@!${ids.botId}>`)
      ? `${mention} ${m.content}`
      : m.content;
  const id = m.messageId ?? snowflake();
  const ref = m.replyTo;
  return {
    id,
    type: ref ? 19 : 0,
    channel_id: channelId,
    // Gateway MESSAGE_CREATE carries channel_type; discord.js needs it to build an uncached DM channel.
    channel_type: dm ? 1 : 0,
    ...(guildId ? { guild_id: guildId, member: memberPayload(null, []) } : {}),
    author,
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: m.mentionsBot
      ? [
          {
            ...userPayload(ids.botId, ctx.botName, true),
            ...(guildId ? { member: memberPayload(null, [ids.botRoleId]) } : {}),
          },
        ]
      : [],
    mention_roles: [],
    mention_channels: [],
    attachments: (m.attachments ?? []).map((a) => attachmentPayload(ctx, a)),
    embeds: m.embeds ?? [],
    reactions: [],
    nonce: id,
    pinned: false,
    flags: 0,
    components: [],
    ...(ref
      ? {
          message_reference: {
            type: 0,
            message_id: ref.id,
            channel_id: ref.channel_id,
            ...(guildId ? { guild_id: guildId } : {}),
          },
          referenced_message: ref,
        }
      : {}),
  };
}

type OptionValue = string | number | boolean;

export interface InteractionCommon {
  /** Defaults to ids.userId. */
  userId?: string;
  userName?: string;
  /** Defaults to the guild text channel, or the user's DM channel when dm. */
  channelId?: string;
  dm?: boolean;
  id?: string;
  token?: string;
  locale?: string;
}

export interface SlashInput extends InteractionCommon {
  name: string;
  /** Either raw API options, or a name → value record (strings, integers, numbers, booleans). */
  options?: Record<string, OptionValue> | Record<string, unknown>[];
  /** Attachment options: option name → attachment (goes into data.resolved.attachments). */
  attachments?: Record<string, AttachmentInput>;
  commandId?: string;
}

function interactionBase(
  ctx: BuilderContext,
  i: InteractionCommon,
  type: number,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const { ids } = ctx;
  const userId = i.userId ?? ids.userId;
  const user = userPayload(userId, i.userName ?? (userId === ids.userId ? "alice" : "user"));
  const dm = i.dm === true;
  const channelId = i.channelId ?? (dm ? dmChannelIdFor(userId) : ids.channelId);
  const channel = dm
    ? dmChannelPayload(channelId, user)
    : { ...textChannelPayload(ctx, { botCanSend: true }), id: channelId };
  if (dm) ctx.registerDmChannel(channelId, user);
  return {
    id: i.id ?? snowflake(),
    application_id: ids.applicationId,
    type,
    data,
    token: i.token ?? `itoken-${snowflake()}-${Math.random().toString(36).slice(2)}`,
    version: 1,
    channel,
    channel_id: channelId,
    ...(dm
      ? { user, context: 1 }
      : {
          guild_id: ids.guildId,
          guild: { id: ids.guildId, locale: "en-US", features: [] },
          guild_locale: "en-US",
          member: { ...memberPayload(user, []), permissions: EVERYONE_PERMISSIONS },
          context: 0,
        }),
    app_permissions: BOT_CHANNEL_ALLOW,
    locale: i.locale ?? "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": ids.guildId, "1": userId },
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

function toOptions(options: SlashInput["options"]): Record<string, unknown>[] {
  if (!options) return [];
  if (Array.isArray(options)) return options;
  return Object.entries(options).map(([name, value]) => {
    if (typeof value === "boolean") return { name, type: ApplicationCommandOptionType.Boolean, value };
    if (typeof value === "number")
      return {
        name,
        type: Number.isInteger(value)
          ? ApplicationCommandOptionType.Integer
          : ApplicationCommandOptionType.Number,
        value,
      };
    return { name, type: ApplicationCommandOptionType.String, value: String(value) };
  });
}

/** An APPLICATION_COMMAND (type 2) interaction for a chat-input (slash) command. */
export function slashInteraction(ctx: BuilderContext, s: SlashInput): Record<string, unknown> {
  const options = toOptions(s.options);
  const resolvedAttachments: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(s.attachments ?? {})) {
    const payload = attachmentPayload(ctx, a);
    const id = payload.id as string;
    resolvedAttachments[id] = payload;
    options.push({ name, type: ApplicationCommandOptionType.Attachment, value: id });
  }
  return interactionBase(ctx, s, 2, {
    id: s.commandId ?? snowflake(),
    name: s.name,
    type: ApplicationCommandType.ChatInput,
    options,
    ...(Object.keys(resolvedAttachments).length ? { resolved: { attachments: resolvedAttachments } } : {}),
  });
}

export interface MessageContextInput extends InteractionCommon {
  /** e.g. "Analyze shapes". */
  name: string;
  /** A message payload (messagePayload(...)) the command was used on. */
  targetMessage: Record<string, unknown>;
  commandId?: string;
}

/** An APPLICATION_COMMAND (type 2) interaction for a message context-menu command (type 3). */
export function messageContextInteraction(
  ctx: BuilderContext,
  c: MessageContextInput,
): Record<string, unknown> {
  const target = c.targetMessage;
  const targetId = target.id as string;
  return interactionBase(ctx, { channelId: target.channel_id as string, dm: !target.guild_id, ...c }, 2, {
    id: c.commandId ?? snowflake(),
    name: c.name,
    type: ApplicationCommandType.Message,
    target_id: targetId,
    resolved: { messages: { [targetId]: target } },
  });
}
