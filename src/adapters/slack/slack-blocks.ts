import type { ReplyFile } from "../../core/image-answer.js";
import { splitForChat } from "../../render/chat-split.js";
import { bareFences, escapeMrkdwn } from "./slack-text.js";

// An answer as Slack messages: the text in mrkdwn sections of at most 3,000 characters (split on
// lines, the ``` fence reopened in each), at most INLINE_SECTIONS of them in one message; a longer
// answer becomes its first sections, a note, and the whole text uploaded as summary.txt. Every
// message has a short plain `text` for notifications and clients that do not show blocks.

export const SECTION_LIMIT = 3000;
/** Sections shown in the thread before the rest goes into summary.txt (≈ 12,000 characters). */
export const INLINE_SECTIONS = 4;
const HEAD_SECTIONS = 2;
const FALLBACK_LIMIT = 300;

export interface SectionBlock {
  type: "section";
  text: { type: "mrkdwn"; text: string };
}

export interface SlackMessage {
  text: string;
  blocks: SectionBlock[];
}

export interface SlackFile {
  filename: string;
  title: string;
  data: Buffer;
}

export interface SlackReply {
  messages: SlackMessage[];
  /** Uploaded into the same thread, in this order. */
  files: SlackFile[];
}

/**
 * `canUpload: false` (an ephemeral message, which cannot carry files): a long answer is cut after
 * its head with a note saying so, instead of pointing at a summary.txt that will not come.
 */
export function slackReply(answer: string, pngs: ReplyFile[] = [], canUpload = true): SlackReply {
  const text = bareFences(answer);
  let sections = mrkdwnSections(text, SECTION_LIMIT);
  const files: SlackFile[] = [];
  if (sections.length > INLINE_SECTIONS) {
    const size = answer.length.toLocaleString("en-US");
    const note = canUpload
      ? `\n_(The whole answer, ${size} characters, is in summary.txt below.)_`
      : `\n_(The answer goes on: ${size} characters in all, more than fits here.)_`;
    sections = mrkdwnSections(text, SECTION_LIMIT - note.length).slice(0, HEAD_SECTIONS);
    sections[sections.length - 1] += note;
    if (canUpload)
      files.push({ filename: "summary.txt", title: "The whole answer", data: Buffer.from(answer, "utf8") });
  }
  if (canUpload) files.push(...pngs.map((p) => ({ filename: p.name, title: p.caption, data: p.png })));
  const blocks = sections.map((s): SectionBlock => ({ type: "section", text: { type: "mrkdwn", text: s } }));
  return { messages: [{ text: fallbackText(answer), blocks }], files };
}

/** Escaped pieces of at most `limit` characters (escaping can lengthen a piece, so re-split). */
function mrkdwnSections(text: string, limit: number, splitAt = limit): string[] {
  const out: string[] = [];
  for (const piece of splitForChat(text, splitAt)) {
    if (piece.trim() === "") continue;
    const escaped = escapeMrkdwn(piece);
    if (escaped.length <= limit) out.push(escaped);
    else {
      // `&` becomes five characters: split this piece finer, in proportion (40 × 5 ≤ any limit).
      const finer = Math.max(40, Math.floor((splitAt * piece.length) / escaped.length) - 1);
      out.push(...mrkdwnSections(piece, limit, finer));
    }
  }
  return out.length > 0 ? out : ["(no text)"];
}

/** The headline (first line that is not a fence), for notifications. */
export function fallbackText(answer: string): string {
  const line = (
    answer.split("\n").find((l) => l.trim() !== "" && !l.trim().startsWith("```")) ?? "shapebot"
  ).trimEnd();
  const short = line.length > FALLBACK_LIMIT ? `${line.slice(0, FALLBACK_LIMIT - 1)}…` : line;
  return escapeMrkdwn(short);
}
