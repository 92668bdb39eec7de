import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { Piscina } from "piscina";

// A piscina pool for one of the worker modules beside this file, started on first use, with a
// bounded heap per thread. A worker that dies is replaced by piscina; its task rejects and the
// caller turns that into a reply. Where the worker file is not here (the single-file CLI bundle)
// there is no pool, and the caller does the work in its own thread.

export interface PoolSpec {
  /** The worker module's name beside this file, without extension: "answer-worker". */
  worker: string;
  maxThreads: number;
  heapMb: number;
  /** Tasks waiting beyond the running ones before run() rejects. */
  maxQueue?: number;
}

export class LazyPool {
  #pool: Piscina | null = null;

  constructor(private readonly spec: PoolSpec) {}

  /** The pool, started on first use; null where the worker file is missing. */
  get(): Piscina | null {
    if (this.#pool) return this.#pool;
    // From source (tsx, vitest) the worker is a .ts file and needs tsx's loader; built, a .js file.
    const fromSource = import.meta.url.endsWith(".ts");
    const url = new URL(`./${this.spec.worker}.${fromSource ? "ts" : "js"}`, import.meta.url);
    if (!existsSync(fileURLToPath(url))) return null;
    const pool = new Piscina({
      filename: url.href,
      minThreads: 0,
      maxThreads: this.spec.maxThreads,
      ...(this.spec.maxQueue !== undefined ? { maxQueue: this.spec.maxQueue } : {}),
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: this.spec.heapMb },
      execArgv: fromSource ? ["--import", "tsx"] : [],
    });
    // A worker that dies between tasks is replaced by piscina; nothing to do but not crash.
    pool.on("error", () => {});
    this.#pool = pool;
    return pool;
  }

  /** The threads alive now (for tests that kill one mid-task). */
  threads(): readonly Worker[] {
    return this.#pool?.threads ?? [];
  }

  /** Lets a process that used the pool exit at once (tests, the CLI). */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    if (pool) await pool.destroy();
  }
}
