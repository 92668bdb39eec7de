import type { ReplyFile } from "../../core/image-answer.js";
import { splitForChat } from "../../render/chat-split.js";

// A reply as Discord messages: at most 2,000 characters each (split on lines, the ``` fence
// reopened); a long answer (more than 3 messages) becomes its first 2 messages plus the whole text
// attached as summary.txt; the PNGs go with the last message, at most 10 files per message.

export const DISCORD_LIMIT = 2000;
const MAX_MESSAGES = 3;
const MAX_FILES = 10;

export interface DiscordFile {
  name: string;
  data: Buffer;
  description?: string;
}

export interface DiscordPart {
  content: string;
  files: DiscordFile[];
}

/** Discord's upload limit unless the interaction says otherwise. */
export const DEFAULT_FILE_LIMIT = 10 * 1024 * 1024;

export function replyParts(
  text: string,
  files: ReplyFile[] = [],
  fileLimit = DEFAULT_FILE_LIMIT,
): DiscordPart[] {
  const fits = files.filter((f) => f.png.length <= fileLimit);
  if (fits.length < files.length)
    text += `\n(${files.length - fits.length} picture${files.length - fits.length === 1 ? " was" : "s were"} over Discord's ${Math.round(fileLimit / 1024 / 1024)} MB limit and left out.)`;
  const pngs: DiscordFile[] = fits.map((f) => ({ name: f.name, data: f.png, description: f.caption }));
  let parts = splitForChat(text, DISCORD_LIMIT).map((content): DiscordPart => ({ content, files: [] }));
  if (parts.length > MAX_MESSAGES) {
    const note = `\n(The whole answer, ${text.length.toLocaleString("en-US")} characters, is attached as summary.txt.)`;
    const head = splitForChat(text, DISCORD_LIMIT - note.length).slice(0, MAX_MESSAGES - 1);
    parts = head.map((content) => ({ content, files: [] }));
    const last = parts[parts.length - 1] as DiscordPart;
    last.content += note;
    last.files.push({
      name: "summary.txt",
      data: Buffer.from(text, "utf8"),
      description: "the whole answer",
    });
  }
  const last = parts[parts.length - 1] as DiscordPart;
  const room = MAX_FILES - last.files.length;
  last.files.push(...pngs.slice(0, room));
  // More PNGs than fit: a message of their own for each further ten.
  for (let i = room; i < pngs.length; i += MAX_FILES)
    parts.push({ content: "", files: pngs.slice(i, i + MAX_FILES) });
  return parts;
}
