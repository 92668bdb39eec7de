// Attachments of a chat message, fetched at once (Discord's CDN URLs expire): code files (.py,
// .txt, .ipynb is not read) become part of the message text, the first image goes to the image
// path. Sizes are checked before downloading, and every download has a timeout.

export interface AttachmentInfo {
  name: string;
  url: string;
  size: number;
  contentType: string | null;
}

export interface FetchedAttachments {
  code: { name: string; text: string }[];
  image: { name: string; bytes: Buffer } | null;
  /** What was skipped and why, for the reply. */
  skipped: string[];
}

export const MAX_CODE_BYTES = 256 * 1024;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

const CODE = /\.(py|txt|md)$/i;
const IMAGE = /\.(jpe?g|png|webp|gif|avif|tiff?|heic|heif)$/i;

async function download(url: string, limit: number): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > limit) throw new Error(`larger than ${limit} bytes`);
  return bytes;
}

export async function fetchAttachments(list: AttachmentInfo[]): Promise<FetchedAttachments> {
  const out: FetchedAttachments = { code: [], image: null, skipped: [] };
  for (const a of list.slice(0, 10)) {
    const isImage = (a.contentType ?? "").startsWith("image/") || IMAGE.test(a.name);
    const isCode = !isImage && (CODE.test(a.name) || (a.contentType ?? "").startsWith("text/"));
    try {
      if (isImage && !out.image) {
        if (a.size > MAX_IMAGE_BYTES) out.skipped.push(`${a.name}: over ${MAX_IMAGE_BYTES / 1024 / 1024} MB`);
        else out.image = { name: a.name, bytes: await download(a.url, MAX_IMAGE_BYTES) };
      } else if (isCode) {
        if (a.size > MAX_CODE_BYTES) out.skipped.push(`${a.name}: over ${MAX_CODE_BYTES / 1024} KB`);
        else out.code.push({ name: a.name, text: (await download(a.url, MAX_CODE_BYTES)).toString("utf8") });
      }
    } catch (e) {
      out.skipped.push(`${a.name}: could not be downloaded (${(e as Error).message})`);
    }
  }
  return out;
}
