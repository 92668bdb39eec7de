import type { SlackFileObject } from "./slack-files.js";

// Which Slack events the app answers: a mention of the app in a channel, and a direct message to
// it (typed, or a file shared in the DM). Never its own messages, other bots', or edits and
// deletions (message subtypes other than file_share and thread_broadcast).

export interface SlackMessageEvent {
  type: string;
  channel: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  files?: SlackFileObject[];
}

const ANSWERED_SUBTYPES = new Set([undefined, "file_share", "thread_broadcast"]);

export function shouldAnswerEvent(e: SlackMessageEvent, botUserId: string): boolean {
  if (e.bot_id !== undefined || e.user === undefined || e.user === botUserId) return false;
  if (e.type === "app_mention") return true;
  return e.type === "message" && e.channel_type === "im" && ANSWERED_SUBTYPES.has(e.subtype);
}

/** The thread a reply goes in: the message's own thread, else the message starts one. */
export function replyThread(e: { ts: string; thread_ts?: string }): string {
  return e.thread_ts ?? e.ts;
}
