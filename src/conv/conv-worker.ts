// A piscina worker for conv2dParallel (src/conv/conv2d-parallel.ts): takes ranges of output positions
// of a conv (from a shared counter) and computes them into the shared output. Each worker thread instantiates its own wasm kernel
// (src/conv/gemm-wasm.ts) on its first task.

import { type ConvKernel, type ConvOptions, ConvScratch, type ConvWeights, conv2dRange } from "./conv2d.js";
import type { Planes } from "./tensor.js";

/** One worker's share of a conv; the arrays are views of SharedArrayBuffers (nothing is copied). */
export interface ConvTask {
  input: Planes;
  weights: ConvWeights;
  options: ConvOptions;
  outH: number;
  outW: number;
  /** Positions are handed out in ranges of `chunk`: the next one is Atomics.add(next, 0, 1). */
  next: Int32Array;
  chunk: number;
  out: Float32Array;
  kernel: ConvKernel;
}

const scratches = new Map<ConvKernel, ConvScratch>();

export default function runConvTask(t: ConvTask): number {
  let scratch = scratches.get(t.kernel);
  if (!scratch) {
    scratch = new ConvScratch(t.kernel);
    scratches.set(t.kernel, scratch);
  }
  return runChunks(t, scratch);
}

/** Takes ranges of positions until none is left; returns how many positions this thread did. */
export function runChunks(t: ConvTask, scratch: ConvScratch): number {
  const positions = t.outH * t.outW;
  let done = 0;
  for (;;) {
    const first = Atomics.add(t.next, 0, 1) * t.chunk;
    if (first >= positions) return done;
    const last = Math.min(positions, first + t.chunk);
    conv2dRange(t.input, t.weights, t.options, t.outH, t.outW, first, last, t.out, scratch);
    done += last - first;
  }
}
