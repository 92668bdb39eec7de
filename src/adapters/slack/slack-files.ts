import type { AttachmentInfo } from "../attachments.js";

// Files shared with a message, as the attachment fetcher wants them. The bot token goes only to
// Slack's own file host (or the configured API's host, for a staging or test Slack), never to a
// URL that merely claims to be a file.

export interface SlackFileObject {
  id?: string;
  name?: string | null;
  title?: string | null;
  mimetype?: string;
  filetype?: string;
  size?: number;
  mode?: string;
  url_private?: string;
  url_private_download?: string;
}

const CODE_TYPES = new Set(["python", "text", "markdown", "plain_text"]);
const SLACK_FILE_HOST = /^https:\/\/files\.slack\.com\//;

export function slackAttachments(
  files: readonly SlackFileObject[] | undefined,
  apiUrl: string | null,
): { attachments: AttachmentInfo[]; refused: string[] } {
  const attachments: AttachmentInfo[] = [];
  const refused: string[] = [];
  for (const f of files ?? []) {
    const name = f.name ?? f.title ?? f.id ?? "file";
    const url = f.url_private_download ?? f.url_private ?? "";
    if (!trusted(url, apiUrl)) {
      refused.push(`${name}: not a Slack file link`);
      continue;
    }
    attachments.push({
      name,
      url,
      size: f.size ?? 0,
      contentType: f.mimetype ?? null,
      isCode: f.mode === "snippet" || CODE_TYPES.has(f.filetype ?? ""),
    });
  }
  return { attachments, refused };
}

function trusted(url: string, apiUrl: string | null): boolean {
  if (SLACK_FILE_HOST.test(url)) return true;
  if (!apiUrl) return false;
  try {
    return new URL(url).origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}
