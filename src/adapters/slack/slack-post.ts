import { webApi } from "@slack/bolt";
import type { ImageReply } from "../../core/image-answer.js";
import { slackReply } from "./slack-blocks.js";

// Sending an answer with the Web API: the messages, then the files (summary.txt and the PNGs,
// uploaded with files.uploadV2 into the same thread). A 429 is waited out as its Retry-After says
// (up to MAX_WAIT_S, at most RATE_LIMIT_ATTEMPTS tries), so a burst does not drop a reply; any
// other error is the caller's.

const MAX_WAIT_S = 30;
const RATE_LIMIT_ATTEMPTS = 3;
const FILES_PER_UPLOAD = 10;

export interface Destination {
  channel: string;
  /** Thread to answer in; undefined for the channel itself. */
  threadTs?: string;
}

export async function waitingOutRateLimits<T>(call: () => Promise<T>, sleep = delay): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const retryAfter = (e as { code?: string; retryAfter?: number }).retryAfter;
      const limited = (e as { code?: string }).code === webApi.ErrorCode.RateLimitedError;
      if (!limited || attempt >= RATE_LIMIT_ATTEMPTS || retryAfter === undefined || retryAfter > MAX_WAIT_S)
        throw e;
      await sleep(retryAfter * 1000);
    }
  }
}

/** The platform error code of a failed call ("not_in_channel"), if it was one. */
export function platformError(e: unknown): string | null {
  const err = e as { code?: string; data?: { error?: string } };
  return err.code === webApi.ErrorCode.PlatformError ? (err.data?.error ?? null) : null;
}

export async function postAnswer(
  client: webApi.WebClient,
  to: Destination,
  answer: ImageReply,
): Promise<void> {
  const reply = slackReply(answer.reply.text, answer.files);
  for (const m of reply.messages)
    await waitingOutRateLimits(() =>
      client.chat.postMessage({
        channel: to.channel,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
  await uploadFiles(client, to, reply.files);
}

export async function uploadFiles(
  client: webApi.WebClient,
  to: Destination,
  files: ReturnType<typeof slackReply>["files"],
): Promise<void> {
  for (let i = 0; i < files.length; i += FILES_PER_UPLOAD) {
    const batch = files.slice(i, i + FILES_PER_UPLOAD);
    await waitingOutRateLimits(() =>
      client.filesUploadV2({
        channel_id: to.channel,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        file_uploads: batch.map((f) => ({ file: f.data, filename: f.filename, title: f.title })),
      }),
    );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
