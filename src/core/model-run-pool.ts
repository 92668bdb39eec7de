import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Planes } from "../conv/tensor.js";
import { type ModelRun, type RunPlan, runPlan } from "./model-run.js";
import { LazyPool } from "./worker-pool.js";

// Runs the model on the picture in a worker thread (one task per request, a small pool), so the
// event loop of a bot keeps answering while the arithmetic runs. Where the worker file is not
// beside this module — the single-file CLI bundle, where no event loop waits — it runs here.

export const MAX_WAITING_IMAGES = 8;

/** Heap of each picture thread (maps and weights are ArrayBuffers, bounded by MAX_RUN_BYTES), and how long one run may take. */
export const RUN_HEAP_MB = 256;
export const RUN_TIMEOUT_MS = 20_000;

/** The picture queue is full: say so at once instead of waiting. */
export class ImageQueueFull extends Error {
  constructor() {
    super("too many pictures are waiting to be run");
  }
}

/** The run's worker died (out of memory) or ran out of time; piscina replaces the worker. */
export class ImageRunFailed extends Error {
  constructor(readonly why: unknown) {
    super(`the picture run failed: ${why instanceof Error ? why.message : JSON.stringify(why)}`);
  }
}

const pool = new LazyPool({
  worker: "model-run-worker",
  // Pictures are rare and heavy: half the cores at most, so text answers keep the rest.
  maxThreads: Math.max(2, Math.floor(availableParallelism() / 2)),
  heapMb: RUN_HEAP_MB,
  // Pictures waiting beyond the running ones: more are refused at once (ImageQueueFull), so an
  // asker hears "busy" now rather than after the platform's deadline.
  maxQueue: MAX_WAITING_IMAGES,
});

export async function runPlanOffThread(
  plan: RunPlan,
  input: Planes,
  budgetMacs: number,
  timeoutMs = RUN_TIMEOUT_MS,
): Promise<ModelRun> {
  const p = pool.get();
  if (!p) return runPlan(plan, input, budgetMacs);
  if (p.queueSize >= MAX_WAITING_IMAGES) throw new ImageQueueFull();
  try {
    return (await p.run({ plan, input, budgetMacs }, { signal: AbortSignal.timeout(timeoutMs) })) as ModelRun;
  } catch (e) {
    if (/queue is at limit/i.test((e as { message?: string }).message ?? "")) throw new ImageQueueFull();
    throw new ImageRunFailed(e);
  }
}

/** The picture threads alive now (for tests that kill one mid-run). */
export function pictureThreads(): readonly Worker[] {
  return pool.threads();
}

/** Lets a process that used the pool exit at once (tests, the CLI). */
export function closeModelRunPool(): Promise<void> {
  return pool.close();
}
