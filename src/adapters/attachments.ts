import { DEFAULT_LIMITS, type Limits } from "../core/request.js";

// Attachments of a chat message, fetched at once (Discord's CDN URLs expire; Slack's need the bot
// token): code files (.py, .txt, .md, text/* and Slack's code snippets) become part of the message
// text, the first image goes to the image path. Sizes are checked before downloading, every
// download has a timeout, and a page of HTML where a file was expected (what Slack serves to a
// request without a valid token, with status 200) is refused rather than read as code.

export interface AttachmentInfo {
  name: string;
  url: string;
  size: number;
  contentType: string | null;
  /** Read as code whatever its name (a Slack snippet). */
  isCode?: boolean;
}

export interface FetchedAttachments {
  code: { name: string; text: string }[];
  image: { name: string; bytes: Buffer } | null;
  /** What was skipped and why, for the reply. */
  skipped: string[];
}

export interface FetchOptions {
  /** Sent with every download (Slack: the bot token). */
  headers?: Record<string, string>;
}

/** An attached code file (a whole training script is fine; a dataset is not). */
export const MAX_CODE_BYTES = 64 * 1024;
/** The typed part of a chat message: a model pasted in, with some prose. */
export const MAX_CHAT_TEXT_BYTES = 16 * 1024;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

const CODE = /\.(py|txt|md)$/i;
const IMAGE = /\.(jpe?g|png|webp|gif|avif|tiff?|heic|heif)$/i;

export class LoginPageError extends Error {
  constructor() {
    super("the platform sent a web page instead of the file (is the app allowed to read files?)");
  }
}

async function download(a: AttachmentInfo, limit: number, options: FetchOptions): Promise<Buffer> {
  const response = await fetch(a.url, {
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: options.headers ?? {},
    redirect: "follow",
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = response.headers.get("content-type") ?? "";
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > limit) throw new Error(`larger than ${limit} bytes`);
  if (looksLikeLoginPage(type, bytes, a)) throw new LoginPageError();
  return bytes;
}

function looksLikeLoginPage(type: string, bytes: Buffer, a: AttachmentInfo): boolean {
  if (/\.html?$/i.test(a.name) || (a.contentType ?? "").includes("html")) return false;
  if (type.includes("text/html")) return true;
  return /^\s*<(!doctype html|html)/i.test(bytes.subarray(0, 64).toString("latin1"));
}

export async function fetchAttachments(
  list: AttachmentInfo[],
  options: FetchOptions = {},
): Promise<FetchedAttachments> {
  const out: FetchedAttachments = { code: [], image: null, skipped: [] };
  for (const a of list.slice(0, 10)) {
    const isImage = !a.isCode && ((a.contentType ?? "").startsWith("image/") || IMAGE.test(a.name));
    const isCode =
      !isImage && (a.isCode === true || CODE.test(a.name) || (a.contentType ?? "").startsWith("text/"));
    try {
      if (isImage && !out.image) {
        if (a.size > MAX_IMAGE_BYTES) out.skipped.push(`${a.name}: over ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
        else out.image = { name: a.name, bytes: await download(a, MAX_IMAGE_BYTES, options) };
      } else if (isCode) {
        if (a.size > MAX_CODE_BYTES) out.skipped.push(`${a.name}: over ${MAX_CODE_BYTES / 1024} KB`);
        else
          out.code.push({
            name: a.name,
            text: (await download(a, MAX_CODE_BYTES, options)).toString("utf8"),
          });
      }
    } catch (e) {
      out.skipped.push(`${a.name}: could not be downloaded (${(e as Error).message})`);
    }
  }
  return out;
}

/**
 * The limits a chat message is read with: its typed text at most MAX_CHAT_TEXT_BYTES, its attached
 * code on top of that. Over them, the answer says how long it was and what is read.
 */
export function chatLimits(question: string, code: FetchedAttachments["code"]): Limits {
  const typed = Buffer.byteLength(question, "utf8");
  const attached = code.reduce((n, c) => n + Buffer.byteLength(c.text, "utf8") + 20, 0);
  const maxInputBytes =
    typed > MAX_CHAT_TEXT_BYTES ? MAX_CHAT_TEXT_BYTES : typed + Math.min(attached, MAX_CODE_BYTES) + 64;
  return { ...DEFAULT_LIMITS, maxInputBytes };
}

/** The question with the code files appended as fenced blocks, as if pasted. */
export function questionWithCode(question: string, code: FetchedAttachments["code"]): string {
  const blocks = code.map((c) => `\`\`\`python\n${c.text}\n\`\`\``);
  return [question, ...blocks].filter((t) => t !== "").join("\n");
}

/** The answer with a last line naming the files that were not read. */
export function withSkippedNote(text: string, skipped: string[]): string {
  return skipped.length === 0 ? text : `${text}\n\nNot read: ${skipped.join("; ")}.`;
}
