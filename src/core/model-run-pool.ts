import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import type { Planes } from "../conv/tensor.js";
import { type ModelRun, type RunPlan, runPlan } from "./model-run.js";

// Runs the model on the picture in a worker thread (one task per request, a small pool), so the
// event loop of a bot keeps answering while the arithmetic runs. Where the worker file is not
// beside this module — the single-file CLI bundle, where no event loop waits — it runs here.

let pool: Piscina | null = null;

function workerPool(): Piscina | null {
  if (pool) return pool;
  // From source (tsx, vitest) the worker is a .ts file and needs tsx's loader; built, a .js file.
  const fromSource = import.meta.url.endsWith(".ts");
  const url = new URL(`./model-run-worker.${fromSource ? "ts" : "js"}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return null;
  pool = new Piscina({
    filename: url.href,
    minThreads: 0,
    maxThreads: 2,
    idleTimeout: 30_000,
    execArgv: fromSource ? ["--import", "tsx"] : [],
  });
  return pool;
}

export async function runPlanOffThread(plan: RunPlan, input: Planes, budgetMacs: number): Promise<ModelRun> {
  const p = workerPool();
  if (!p) return runPlan(plan, input, budgetMacs);
  const result = (await p.run({ plan, input, budgetMacs })) as ModelRun;
  return result;
}

/** Lets a process that used the pool exit at once (tests, the CLI). */
export async function closeModelRunPool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.destroy();
}
