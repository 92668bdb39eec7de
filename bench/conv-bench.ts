import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { ConvScratch, conv2d, convWeights } from "../src/conv/conv2d.js";
import { closeConvPool, conv2dParallel } from "../src/conv/conv2d-parallel.js";
import { wasmGemm } from "../src/conv/gemm-wasm.js";
import { type Planes, planes } from "../src/conv/tensor.js";
import type { Pads2d } from "../src/conv/window.js";

// Conv throughput, side by side in one process: the engine (TS GEMM, wasm SIMD GEMM on one
// thread, and conv2dParallel on all cores) against @tensorflow/tfjs's 'cpu' backend and
// @tensorflow/tfjs-backend-wasm (XNNPACK). Same input and weights everywhere (engine CHW, tfjs
// NHWC/HWIO, converted once, outside the timing); the results are checked to agree first.
// Per engine: untimed warm-ups (≥ 3 runs and ≥ 300 ms), then the median of RUNS runs. GFLOP/s = 2·MACs / time.
// Last line: the geometric means, over the cases, of parallel-engine / peer throughput.

const RUNS = 7;
const WARMUP = 3;
const WARMUP_MS = 300;

interface Case {
  name: string;
  c: number;
  h: number;
  w: number;
  filters: number;
  k: number;
  stride: number;
  padding: "same" | "valid";
}

const CASES: Case[] = [
  {
    name: "1×224×224×3 → 64×7×7/2 same",
    c: 3,
    h: 224,
    w: 224,
    filters: 64,
    k: 7,
    stride: 2,
    padding: "same",
  },
  {
    name: "1×128×128×3 → 24×8×8/2 valid",
    c: 3,
    h: 128,
    w: 128,
    filters: 24,
    k: 8,
    stride: 2,
    padding: "valid",
  },
  { name: "1×56×56×64 → 64×3×3/1 same", c: 64, h: 56, w: 56, filters: 64, k: 3, stride: 1, padding: "same" },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timeMedian(fn: () => unknown): Promise<number> {
  // Warm-up: WARMUP runs and at least WARMUP_MS (V8 tiers wasm and JS up after some calls, in
  // every worker thread separately).
  const start = performance.now();
  for (let i = 0; i < WARMUP || performance.now() - start < WARMUP_MS; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = (s / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** TF's 'same': output ⌈in/stride⌉, the odd padding pixel after. */
function tfPads(size: number, k: number, stride: number, padding: "same" | "valid"): [number, number] {
  if (padding === "valid") return [0, 0];
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + k - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

function toNHWC(p: Planes): Float32Array {
  const { channels: C, height: H, width: W } = p;
  const d = new Float32Array(C * H * W);
  for (let c = 0; c < C; c++) for (let i = 0; i < H * W; i++) d[i * C + c] = p.data[c * H * W + i] as number;
  return d;
}

/** Largest |a − b| over the largest |b|. */
function relativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return diff / scale;
}

function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

async function useBackend(name: "cpu" | "wasm"): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' did not initialise`);
  await tf.ready();
}

export async function convBench(): Promise<void> {
  // In Node the wasm backend reads its .wasm files from a filesystem directory (trailing slash).
  const wasmDir = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
  setWasmPaths(`${join(wasmDir)}/`);
  const threads = availableParallelism();
  console.log(
    `conv: ${threads} cores; engine wasm SIMD kernel ${wasmGemm() ? "loaded" : "UNAVAILABLE (TS fallback)"}; median of ${RUNS} after ≥ ${WARMUP} warm-ups (≥ ${WARMUP_MS} ms)`,
  );
  const vsCpu: number[] = [];
  const vsWasm: number[] = [];
  for (const cs of CASES) {
    const [top, bottom] = tfPads(cs.h, cs.k, cs.stride, cs.padding);
    const [left, right] = tfPads(cs.w, cs.k, cs.stride, cs.padding);
    const x = planes(cs.c, cs.h, cs.w, values(cs.c * cs.h * cs.w, 1));
    const w = convWeights(cs.filters, cs.c, cs.k, cs.k, values(cs.filters * cs.c * cs.k * cs.k, 2));
    const o = {
      strides: [cs.stride, cs.stride] as [number, number],
      pads: [top, bottom, left, right] as Pads2d,
      dilation: [1, 1] as [number, number],
      groups: 1,
    };
    // HWIO filter for tfjs.
    const hwio = new Float32Array(w.data.length);
    for (let f = 0; f < cs.filters; f++)
      for (let c = 0; c < cs.c; c++)
        for (let t = 0; t < cs.k * cs.k; t++)
          hwio[(t * cs.c + c) * cs.filters + f] = w.data[(f * cs.c + c) * cs.k * cs.k + t] as number;

    const tsScratch = new ConvScratch("ts");
    const wasmScratch = new ConvScratch("wasm");
    const single = conv2d(x, w, o, wasmScratch);
    const outH = single.height;
    const outW = single.width;
    const flops = 2 * cs.filters * cs.c * cs.k * cs.k * outH * outW;
    const gflops = (ms: number) => flops / ms / 1e6;

    const peer = async (backend: "cpu" | "wasm") => {
      await useBackend(backend);
      const xt = tf.tensor4d(toNHWC(x), [1, cs.h, cs.w, cs.c]);
      const ft = tf.tensor4d(hwio, [cs.k, cs.k, cs.c, cs.filters]);
      const run = () => {
        const y = tf.conv2d(xt, ft, cs.stride, cs.padding);
        const d = y.dataSync();
        y.dispose();
        return d;
      };
      const result = run();
      const ms = await timeMedian(run);
      xt.dispose();
      ft.dispose();
      return { result, ms };
    };
    const cpu = await peer("cpu");
    const wasm = await peer("wasm");

    // Agreement before timing: every engine against the TS GEMM (float64 accumulation).
    const reference = toNHWC(conv2d(x, w, o, tsScratch));
    const parallel = await conv2dParallel(x, w, o, { scratch: wasmScratch });
    const diffs = {
      "wasm 1 thread": relativeDiff(toNHWC(single), reference),
      parallel: relativeDiff(toNHWC(parallel), reference),
      "tfjs-cpu": relativeDiff(cpu.result, reference),
      "tfjs-wasm": relativeDiff(wasm.result, reference),
    };
    for (const [name, d] of Object.entries(diffs))
      if (!(d <= 1e-5))
        throw new Error(`conv bench ${cs.name}: ${name} differs from the TS GEMM by ${d} (relative)`);

    const tsMs = await timeMedian(() => conv2d(x, w, o, tsScratch));
    const singleMs = await timeMedian(() => conv2d(x, w, o, wasmScratch));
    const parallelMs = await timeMedian(() => conv2dParallel(x, w, o, { scratch: wasmScratch }));
    const best = gflops(parallelMs);
    vsCpu.push(best / gflops(cpu.ms));
    vsWasm.push(best / gflops(wasm.ms));
    const maxDiff = Math.max(...Object.values(diffs));
    console.log(
      `conv ${cs.name} → ${cs.filters}×${outH}×${outW} (${(flops / 1e9).toFixed(3)} GFLOP; engines agree to ${maxDiff.toExponential(1)})`,
    );
    console.log(
      `  GFLOP/s: ours ts ${gflops(tsMs).toFixed(2)}, wasm 1 thread ${gflops(singleMs).toFixed(2)}, parallel ×${threads} ${best.toFixed(2)}; ` +
        `tfjs-cpu ${gflops(cpu.ms).toFixed(2)}, tfjs-wasm ${gflops(wasm.ms).toFixed(2)}`,
    );
    console.log(
      `  ratio (parallel): ×${(best / gflops(cpu.ms)).toFixed(2)} tfjs-cpu, ×${(best / gflops(wasm.ms)).toFixed(2)} tfjs-wasm; ` +
        `ms: ts ${tsMs.toFixed(2)}, wasm ${singleMs.toFixed(2)}, parallel ${parallelMs.toFixed(2)}, tfjs-cpu ${cpu.ms.toFixed(2)}, tfjs-wasm ${wasm.ms.toFixed(2)}`,
    );
  }
  await closeConvPool();
  console.log(
    `conv ratio vs tfjs-cpu: ${geomean(vsCpu).toFixed(2)}, vs tfjs-wasm: ${geomean(vsWasm).toFixed(2)}`,
  );
}
