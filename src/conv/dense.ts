// Flatten and Dense/Linear on one sample. A vector is a Planes of N channels × 1 × 1.
// Dense weights are PyTorch's Linear layout, [units][in] (row u holds unit u's weights); Keras'
// kernel is its transpose (in × units), generated directly in this layout by src/conv/weights.ts.

import { type Planes, planes } from "./tensor.js";

/**
 * The order in which flatten reads a C×H×W sample, outermost axis first: PyTorch's NCHW is
 * "chw", Keras' NHWC "hwc"; the others arise when Keras' Flatten(data_format) disagrees with the
 * tensor's layout.
 */
export type FlattenOrder = "chw" | "cwh" | "hcw" | "hwc" | "wch" | "whc";

/** Flattens a sample into a vector (N × 1 × 1), reading it in `order`. */
export function flatten(input: Planes, order: FlattenOrder): Planes {
  const { channels: C, height: H, width: W, data } = input;
  const out = planes(C * H * W, 1, 1);
  if (order === "chw") {
    out.data.set(data);
    return out;
  }
  const size: Record<string, number> = { c: C, h: H, w: W };
  const stride: Record<string, number> = { c: H * W, h: W, w: 1 };
  const [a, b, c] = order.split("") as [string, string, string];
  const [nA, nB, nC] = [size[a] as number, size[b] as number, size[c] as number];
  const [sA, sB, sC] = [stride[a] as number, stride[b] as number, stride[c] as number];
  let r = 0;
  for (let i = 0; i < nA; i++)
    for (let j = 0; j < nB; j++)
      for (let k = 0; k < nC; k++) out.data[r++] = data[i * sA + j * sB + k * sC] as number;
  return out;
}

export interface DenseWeights {
  units: number;
  inFeatures: number;
  /** [units][inFeatures] */
  data: Float32Array;
  bias: Float32Array | null;
}

export function denseWeights(
  units: number,
  inFeatures: number,
  data?: Float32Array,
  bias: Float32Array | null = null,
): DenseWeights {
  if (data && data.length !== units * inFeatures)
    throw new Error(`denseWeights: ${data.length} values for ${units}×${inFeatures}`);
  if (bias && bias.length !== units)
    throw new Error(`denseWeights: ${bias.length} biases for ${units} units`);
  return { units, inFeatures, data: data ?? new Float32Array(units * inFeatures), bias };
}

/** y = W·x + b on a vector (N × 1 × 1) → units × 1 × 1. */
export function dense(input: Planes, w: DenseWeights): Planes {
  const n = input.channels * input.height * input.width;
  if (input.height !== 1 || input.width !== 1 || n !== w.inFeatures)
    throw new Error(
      `dense: expects a vector of ${w.inFeatures} (got ${input.channels}×${input.height}×${input.width}); flatten first`,
    );
  return denseOverChannels(input, w);
}

/** Dense on the channel axis at every position (Keras Dense on a channels-last image): units × H × W. */
export function denseOverChannels(input: Planes, w: DenseWeights): Planes {
  const { channels: C, height: H, width: W, data } = input;
  if (C !== w.inFeatures) throw new Error(`dense: ${C} channels for ${w.inFeatures} input features`);
  const n = H * W;
  const out = planes(w.units, H, W);
  const acc = new Float64Array(n);
  for (let u = 0; u < w.units; u++) {
    acc.fill(w.bias ? (w.bias[u] as number) : 0);
    for (let c = 0; c < C; c++) {
      const wv = w.data[u * C + c] as number;
      const base = c * n;
      for (let p = 0; p < n; p++) acc[p] = (acc[p] as number) + wv * (data[base + p] as number);
    }
    out.data.set(acc, u * n);
  }
  return out;
}

/** Dense on the width axis of every row (PyTorch Linear on an NCHW tensor's last axis): C × H × units. */
export function denseOverWidth(input: Planes, w: DenseWeights): Planes {
  const { channels: C, height: H, width: W, data } = input;
  if (W !== w.inFeatures) throw new Error(`dense: width ${W} for ${w.inFeatures} input features`);
  const out = planes(C, H, w.units);
  let r = 0;
  for (let row = 0; row < C * H; row++) {
    const base = row * W;
    for (let u = 0; u < w.units; u++) {
      let sum = w.bias ? (w.bias[u] as number) : 0;
      for (let x = 0; x < W; x++) sum += (w.data[u * W + x] as number) * (data[base + x] as number);
      out.data[r++] = sum;
    }
  }
  return out;
}
