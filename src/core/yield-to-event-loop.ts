import { setPriority } from "node:os";

/**
 * Called at the top of a worker thread: lowers that thread's CPU priority (nice +5) so that, when
 * the cores are busy, the bot's event loop — acks, deferrals, I/O, a few ms per request — runs
 * first and the long reading and picture work waits. On Linux this renices the calling thread
 * only. Where it is not permitted, the thread keeps its priority.
 */
export function yieldToEventLoop(): void {
  try {
    setPriority(5);
  } catch {
    // Not permitted here.
  }
}
