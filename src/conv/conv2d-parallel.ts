// conv2d on several threads: the output positions are split into ranges of whole NR-column
// panels, which this thread and threads − 1 piscina worker threads take from a shared counter,
// all writing into one SharedArrayBuffer output (input and weights are shared the same way, so
// nothing is copied per worker). Each range does its own im2col, so no work is repeated.
// The pool is created on first use with threads − 1 workers (default threads = the machine's
// available parallelism); idle workers do not keep the process alive, and the pool is destroyed
// on process exit (or by closeConvPool). Convs below PARALLEL_MIN_MACS run synchronously here.

import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { convMacs } from "./budget.js";
import { type ConvTask, runChunks } from "./conv-worker.js";
import { type ConvOptions, ConvScratch, type ConvWeights, checkedOutputSize, conv2d } from "./conv2d.js";
import { NR } from "./gemm.js";
import { type Planes, planes } from "./tensor.js";

/** Below this many multiply-accumulates a conv runs on the calling thread (a task costs ~0.1 ms). */
export const PARALLEL_MIN_MACS = 4e6;
/** Ranges handed out per thread (about), and the fewest panels in one. */
const CHUNKS_PER_THREAD = 6;
const MIN_CHUNK_PANELS = 4;

export interface ParallelOptions {
  /** Threads in all, this one included (default: availableParallelism()). */
  threads?: number;
  /** Scratch for this thread's share; its kernel choice is passed to the workers too. */
  scratch?: ConvScratch;
  /** Run in parallel whatever the size (tests). */
  force?: boolean;
}

let pool: Piscina | null = null;
let poolThreads = 0;

function workerPool(workers: number): Piscina {
  if (pool && poolThreads >= workers) return pool;
  // A bigger pool replaces the old one, which finishes its running tasks first.
  if (pool) void pool.close();
  // From source (tsx, vitest) the worker is a .ts file and needs tsx's loader; built, a .js file.
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(`./conv-worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  const execArgv = fromSource ? ["--import", "tsx"] : [];
  pool = new Piscina({ filename, minThreads: workers, maxThreads: workers, idleTimeout: 60_000, execArgv });
  poolThreads = workers;
  return pool;
}

/** Destroys the worker pool (a later conv2dParallel makes a new one). */
export async function closeConvPool(): Promise<void> {
  const p = pool;
  pool = null;
  poolThreads = 0;
  if (p) await p.destroy();
}

process.once("exit", () => {
  if (pool) void pool.destroy();
});

function shared(a: Float32Array): Float32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const s = new Float32Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}

/** conv2d (same arguments and result) computed on `threads` threads. */
export async function conv2dParallel(
  input: Planes,
  w: ConvWeights,
  o: ConvOptions,
  options: ParallelOptions = {},
): Promise<Planes> {
  const [outH, outW] = checkedOutputSize(input, w, o);
  const scratch = options.scratch ?? new ConvScratch();
  const positions = outH * outW;
  const panels = Math.ceil(positions / NR);
  const threads = Math.min(Math.max(1, Math.floor(options.threads ?? availableParallelism())), panels);
  const macs = convMacs({ ...w, outH, outW });
  if (threads === 1 || (macs < PARALLEL_MIN_MACS && !options.force)) return conv2d(input, w, o, scratch);

  const out = planes(
    w.outChannels,
    outH,
    outW,
    new Float32Array(new SharedArrayBuffer(w.outChannels * positions * 4)),
  );
  const sharedInput: Planes = { ...input, data: shared(input.data) };
  const sharedWeights: ConvWeights = { ...w, data: shared(w.data), bias: w.bias && shared(w.bias) };
  const options2: ConvOptions = { strides: o.strides, pads: o.pads, dilation: o.dilation, groups: o.groups };
  // Ranges of whole panels, several per thread, taken from a shared counter: a thread that runs
  // slower (a busy core, a worker still warming up) simply takes fewer.
  const chunk = Math.max(MIN_CHUNK_PANELS, Math.ceil(panels / (threads * CHUNKS_PER_THREAD))) * NR;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const p = workerPool(threads - 1);
  const tasks: Promise<unknown>[] = [];
  const task: ConvTask = {
    input: sharedInput,
    weights: sharedWeights,
    options: options2,
    outH,
    outW,
    next,
    chunk,
    out: out.data,
    kernel: scratch.kernel,
  };
  for (let i = 1; i < threads; i++) tasks.push(p.run(task));
  runChunks({ ...task, input, weights: w }, scratch);
  await Promise.all(tasks);
  return out;
}
