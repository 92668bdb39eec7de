// Builders for what Slack sends to an app (Events API envelopes, slash commands, shortcuts) and the
// v0 request signing Slack applies to them. Pure functions; fake-slack.ts binds them to its ids.

import { createHmac, randomBytes } from "node:crypto";

// biome-ignore lint/suspicious/noExplicitAny: Slack payloads are loosely typed JSON.
export type Json = any;

export interface FakeSlackIds {
  teamId: string;
  teamDomain: string;
  enterpriseId: string | null;
  apiAppId: string;
  botUserId: string;
  botId: string;
  /** A human user (the default author of events / invoker of commands). */
  userId: string;
  userName: string;
  /** The default channel of events and commands. */
  channelId: string;
  channelName: string;
  /** A DM channel between userId and the bot. */
  dmChannelId: string;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** A Slack-looking id: prefix + 10 upper-case alphanumerics (e.g. "C0123ABCDE"). */
export function slackId(prefix: string, length = 10): string {
  const bytes = randomBytes(length);
  let s = prefix;
  for (const b of bytes) s += ALNUM[b % ALNUM.length];
  return s;
}

let tsCounter = 0;
/** A message ts "1700000000.000100": unique and increasing within the process. */
export function slackTs(nowMs = Date.now()): string {
  tsCounter = (tsCounter + 1) % 1_000_000;
  return `${Math.floor(nowMs / 1000)}.${String(tsCounter).padStart(6, "0")}`;
}

export function makeIds(): FakeSlackIds {
  return {
    teamId: slackId("T"),
    teamDomain: "fake-team",
    enterpriseId: null,
    apiAppId: slackId("A"),
    botUserId: slackId("U"),
    botId: slackId("B"),
    userId: slackId("U"),
    userName: "alice",
    channelId: slackId("C"),
    channelName: "general",
    dmChannelId: slackId("D"),
  };
}

// ------------------------------------------------------------------ signing

/** Slack's v0 signature: `v0=` + hex HMAC-SHA256(secret, `v0:${timestamp}:${body}`). */
export function slackSignature(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** The two headers Slack adds to every request: x-slack-request-timestamp and x-slack-signature. */
export function signatureHeaders(
  secret: string,
  body: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(secret, timestamp, body),
  };
}

export interface SignedRequestOptions {
  /** The app's signing secret. Omit (or set `unsigned`) to send no signature headers. */
  secret?: string;
  /** Unix seconds; default now. A value > 5 minutes old is "stale" to Bolt. */
  timestamp?: number;
  /** Override the x-slack-signature header (e.g. "v0=deadbeef"). */
  signature?: string;
  /** Send neither x-slack-signature nor x-slack-request-timestamp. */
  unsigned?: boolean;
  /**
   * Default: `application/json` when the body starts with "{", else
   * `application/x-www-form-urlencoded` — exactly, without "; charset": Bolt's HTTPReceiver compares
   * the header with === before parsing a form body.
   */
  contentType?: string;
  /** Extra headers (e.g. x-slack-retry-num). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface SignedResponse {
  status: number;
  headers: Headers;
  text: string;
  /** JSON-parsed text, or undefined if it is not JSON. */
  json: Json;
  /** Milliseconds from sending to the full response. */
  elapsedMs: number;
}

/** POST `body` to an app's receiver (e.g. http://127.0.0.1:PORT/slack/events) the way Slack does. */
export async function signedRequest(
  url: string,
  body: string,
  opts: SignedRequestOptions = {},
): Promise<SignedResponse> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type":
      opts.contentType ??
      (body.trimStart().startsWith("{") ? "application/json" : "application/x-www-form-urlencoded"),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (!opts.unsigned && opts.secret !== undefined) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = opts.signature ?? slackSignature(opts.secret, timestamp, body);
  } else if (opts.signature !== undefined) {
    headers["x-slack-request-timestamp"] = String(timestamp);
    headers["x-slack-signature"] = opts.signature;
  }
  Object.assign(headers, opts.headers);
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers,
    body,
    signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
  });
  const text = await res.text();
  let json: Json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, elapsedMs: performance.now() - started };
}

// ------------------------------------------------------------------ Events API

export interface SlackFileInput {
  id: string;
  name: string;
  [key: string]: Json;
}

export interface EventInput {
  type: "app_mention" | "message";
  channel?: string;
  user?: string;
  text: string;
  ts?: string;
  thread_ts?: string;
  /** "channel" | "group" | "im" | "mpim"; default "im" for D… channels, else "channel". */
  channel_type?: string;
  /** File objects (e.g. from fake.addFile); a message with files gets subtype "file_share". */
  files?: SlackFileInput[];
  subtype?: string;
  /** Set bot_id on the event (a message from a bot; Bolt's ignoreSelf drops the app's own). */
  bot_id?: string;
  event_id?: string;
  event_time?: number;
  blocks?: Json[];
  /** app_mention only: prepend `<@botUserId> ` when the text does not mention the bot. Default true. */
  addMention?: boolean;
}

/** The `event_callback` envelope Slack POSTs to the Request URL (or wraps in a Socket Mode envelope). */
export function eventCallback(ids: FakeSlackIds, e: EventInput): Json {
  const ts = e.ts ?? slackTs();
  const channel = e.channel ?? ids.channelId;
  const mention = `<@${ids.botUserId}>`;
  const text =
    e.type === "app_mention" && e.addMention !== false && !e.text.includes(mention)
      ? `${mention} ${e.text}`
      : e.text;
  const event: Json = {
    type: e.type,
    user: e.user ?? ids.userId,
    text,
    ts,
    channel,
    event_ts: ts,
    team: ids.teamId,
    client_msg_id: crypto.randomUUID(),
    blocks: e.blocks ?? [
      {
        type: "rich_text",
        block_id: slackId("", 5),
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text }] }],
      },
    ],
  };
  if (e.thread_ts !== undefined) event.thread_ts = e.thread_ts;
  if (e.type === "message")
    event.channel_type = e.channel_type ?? (channel.startsWith("D") ? "im" : "channel");
  else if (e.channel_type !== undefined) event.channel_type = e.channel_type;
  if (e.files !== undefined) {
    event.files = e.files;
    event.upload = false;
    event.display_as_bot = false;
    if (e.type === "message") event.subtype = e.subtype ?? "file_share";
  } else if (e.subtype !== undefined) {
    event.subtype = e.subtype;
  }
  if (e.bot_id !== undefined) event.bot_id = e.bot_id;
  return {
    token: "fake-verification-token",
    team_id: ids.teamId,
    context_team_id: ids.teamId,
    context_enterprise_id: ids.enterpriseId,
    api_app_id: ids.apiAppId,
    event,
    type: "event_callback",
    event_id: e.event_id ?? slackId("Ev"),
    event_time: e.event_time ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: ids.enterpriseId,
        team_id: ids.teamId,
        user_id: ids.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify({ ts, channel })).toString("base64url")}`,
  };
}

export function urlVerification(challenge: string): Json {
  return { token: "fake-verification-token", challenge, type: "url_verification" };
}

// ------------------------------------------------------------------ slash commands

export interface SlashCommandInput {
  command: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  /** Default: none (pass fake.responseUrl()). */
  response_url?: string;
  trigger_id?: string;
}

/** The slash command fields, as an object (what Bolt hands to `command` listeners). */
export function slashCommandFields(ids: FakeSlackIds, c: SlashCommandInput): Record<string, string> {
  const fields: Record<string, string> = {
    token: "fake-verification-token",
    team_id: ids.teamId,
    team_domain: ids.teamDomain,
    channel_id: c.channel_id ?? ids.channelId,
    channel_name: c.channel_name ?? ids.channelName,
    user_id: c.user_id ?? ids.userId,
    user_name: c.user_name ?? ids.userName,
    command: c.command,
    text: c.text ?? "",
    api_app_id: ids.apiAppId,
    is_enterprise_install: "false",
    response_url: c.response_url ?? "",
    trigger_id: c.trigger_id ?? triggerId(),
  };
  if (ids.enterpriseId) fields.enterprise_id = ids.enterpriseId;
  return fields;
}

/** The application/x-www-form-urlencoded body Slack POSTs for a slash command. */
export function slashCommand(ids: FakeSlackIds, c: SlashCommandInput): string {
  return new URLSearchParams(slashCommandFields(ids, c)).toString();
}

export function triggerId(): string {
  return `${Math.floor(Math.random() * 1e13)}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`;
}

// ------------------------------------------------------------------ shortcuts

export interface MessageShortcutInput {
  callback_id: string;
  /** The message the shortcut was used on; defaults filled in (type, user, ts, text). */
  message?: Json;
  channel_id?: string;
  channel_name?: string;
  user_id?: string;
  user_name?: string;
  response_url?: string;
  trigger_id?: string;
}

/** The `message_action` interaction payload (as an object). */
export function messageShortcutPayload(ids: FakeSlackIds, s: MessageShortcutInput): Json {
  const message = { type: "message", user: ids.userId, ts: slackTs(), text: "", ...s.message };
  return {
    type: "message_action",
    token: "fake-verification-token",
    action_ts: slackTs(),
    team: { id: ids.teamId, domain: ids.teamDomain },
    user: {
      id: s.user_id ?? ids.userId,
      username: s.user_name ?? ids.userName,
      team_id: ids.teamId,
      name: s.user_name ?? ids.userName,
    },
    channel: { id: s.channel_id ?? ids.channelId, name: s.channel_name ?? ids.channelName },
    is_enterprise_install: false,
    enterprise: ids.enterpriseId ? { id: ids.enterpriseId } : null,
    callback_id: s.callback_id,
    trigger_id: s.trigger_id ?? triggerId(),
    response_url: s.response_url ?? "",
    message_ts: message.ts,
    message,
  };
}

/** An interactivity form body: `payload=<url-encoded JSON>` (what Slack POSTs for any interaction). */
export function interactionBody(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The form body Slack POSTs for a message shortcut. */
export function messageShortcut(ids: FakeSlackIds, s: MessageShortcutInput): string {
  return interactionBody(messageShortcutPayload(ids, s));
}
