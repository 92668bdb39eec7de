import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { jsonReply } from "../render/json-reply.js";
import { detectLang, localeFor } from "../render/locale/index.js";
import { answerDetailed } from "./answer.js";
import type { AnswerTask } from "./answer-worker.js";
import type { Limits, Request } from "./request.js";
import { LazyPool } from "./worker-pool.js";

// Messages are read in worker threads with a bounded heap and a time limit: a message that would
// take too long or too much memory costs its own worker (which piscina replaces), never the bot;
// the asker gets a plain reply saying so. Where the worker file is not beside this module (the
// single-file CLI bundle), the message is read here.

/** Heap of each reading thread, and how long one message may take. */
export const ANSWER_HEAP_MB = 256;
export const ANSWER_TIMEOUT_MS = 5_000;

type Detailed = ReturnType<typeof answerDetailed>;

// One reading thread per core: reading is the bulk of a bot's work.
const pool = new LazyPool({
  worker: "answer-worker",
  maxThreads: Math.max(2, availableParallelism()),
  heapMb: ANSWER_HEAP_MB,
});

/**
 * The message read in a worker. The analysis comes back only when it will be used (`withImage`,
 * or a single layer to draw); otherwise it is null, and the reply is complete without it.
 */
export async function answerOffThread(
  request: Request,
  limits?: Limits,
  { withImage = false, timeoutMs = ANSWER_TIMEOUT_MS }: { withImage?: boolean; timeoutMs?: number } = {},
): Promise<Detailed> {
  const p = pool.get();
  if (!p) return answerDetailed(request, limits);
  const task: AnswerTask = { request, withImage, ...(limits ? { limits } : {}) };
  try {
    return (await p.run(task, { signal: AbortSignal.timeout(timeoutMs) })) as Detailed;
  } catch (e) {
    const lang = detectLang((request.text ?? "").slice(0, 4096));
    const m = localeFor(lang).messages;
    const timedOut =
      (e as { name?: string }).name === "AbortError" || (e as { name?: string }).name === "TimeoutError";
    const text = timedOut ? m.tooSlow(Math.max(1, Math.ceil(timeoutMs / 1000))) : m.internalError;
    return { reply: { understood: false, text, json: jsonReply(null, [], text) }, analysis: null, lang };
  }
}

/** The reading threads alive now (for tests that kill one mid-message). */
export function readingThreads(): readonly Worker[] {
  return pool.threads();
}

/** Lets a process that used the pool exit at once (tests). */
export function closeAnswerPool(): Promise<void> {
  return pool.close();
}
