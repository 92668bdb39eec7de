import type { ConvTransposeConfig, Padding } from "../model/layer-config.js";
import { inferLayer } from "../shape/registry.js";
import type { Step } from "../shape/steps.js";

// Transposed-conv settings that grow a size to another, found by trying small settings with the
// shape engine's own ConvTranspose rule (src/shape/layers/conv-transpose.ts), in PyTorch's terms
// (padding p, output_padding op < max(stride, dilation)) and in Keras' ('same': in·stride).

export type TransposeStep = Extract<Step, { code: "conv_transpose.axis" }>;

export const MAX_TRANSPOSE_KERNEL = 8;
export const MAX_TRANSPOSE_STRIDE = 4;

export interface TransposeTry {
  kernel: number;
  stride: number;
  padding: number | "same" | "valid";
  /** null: the framework default. */
  outputPadding: number | null;
}

export interface TransposeResult extends TransposeTry {
  outputs: number[];
  steps: TransposeStep[];
}

/** Runs the ConvTranspose rule (1-D per axis) with one setting on each input size. */
export function runTranspose(
  inputs: readonly number[],
  t: TransposeTry,
  framework: "keras" | "pytorch",
  axis: string | readonly string[],
): TransposeResult | null {
  const padding: Padding = typeof t.padding === "number" ? { explicit: [[t.padding, t.padding]] } : t.padding;
  const config: ConvTransposeConfig = {
    kind: "conv_transpose",
    rank: 1,
    filters: 1,
    kernel: [t.kernel],
    strides: [t.stride],
    padding,
    outputPadding: t.outputPadding === null ? null : [t.outputPadding],
    dilation: [1],
    groups: 1,
    useBias: false,
    dataFormat: "channels_first",
    activation: "linear",
    inChannels: null,
  };
  const outputs: number[] = [];
  const steps: TransposeStep[] = [];
  for (const [i, input] of inputs.entries()) {
    const r = inferLayer(config, [[1, 1, input]], framework);
    if (!r.ok) return null;
    const out = r.record.outputs[0]?.[2];
    const step = r.record.steps.find((s): s is TransposeStep => s.code === "conv_transpose.axis");
    if (typeof out !== "number" || out < 1 || step === undefined) return null;
    outputs.push(out);
    steps.push({ ...step, axis: typeof axis === "string" ? axis : (axis[i] ?? "height") });
  }
  return { ...t, outputs, steps };
}

export interface TransposeSearch {
  from: readonly number[];
  to: readonly number[];
  kernel: number | null;
  stride: number | null;
  padding: number | null;
  outputPadding: number | null;
}

/** PyTorch ConvTranspose settings (kernel ≤ 8, stride ≤ 4, padding < kernel, output_padding < stride) that give `to`. */
export function solveTranspose(
  s: TransposeSearch,
  axis: string | readonly string[] = "height_width",
): TransposeResult[] {
  const out: TransposeResult[] = [];
  for (let kernel = 1; kernel <= MAX_TRANSPOSE_KERNEL; kernel++) {
    if (s.kernel !== null && kernel !== s.kernel) continue;
    for (let stride = 1; stride <= MAX_TRANSPOSE_STRIDE; stride++) {
      if (s.stride !== null && stride !== s.stride) continue;
      for (let padding = 0; padding < kernel; padding++) {
        if (s.padding !== null && padding !== s.padding) continue;
        for (let op = 0; op < stride; op++) {
          if (s.outputPadding !== null && op !== s.outputPadding) continue;
          const r = runTranspose(s.from, { kernel, stride, padding, outputPadding: op }, "pytorch", axis);
          if (r?.outputs.every((o, i) => o === s.to[i])) out.push(r);
        }
      }
    }
  }
  return out.sort((a, b) => commonness(a) - commonness(b) || a.kernel - b.kernel);
}

/**
 * How usual a transposed setting is, lower first: kernel = stride with no padding (2×2 stride 2),
 * the DCGAN 4×4 stride 2 pad 1, then odd kernels padded (k − 1)/2 with output_padding, then the rest.
 */
export function commonness(t: TransposeTry): number {
  const p = typeof t.padding === "number" ? t.padding : 0;
  const op = t.outputPadding ?? 0;
  if (op === 0 && t.kernel === t.stride && p === 0) return 0;
  if (op === 0 && 2 * p === t.kernel - t.stride) return 1;
  if (t.kernel % 2 === 1 && 2 * p === t.kernel - 1) return 2;
  return 3 + op;
}
