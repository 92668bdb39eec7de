// Activations and the other shape-keeping ops, by the op names layer configs use
// (ElementwiseConfig.op, a conv's `activation`): Keras and PyTorch spellings alike. Inference
// semantics: dropout and noise layers are the identity. Softmax-like ops run over the channels at
// each position (Keras' axis −1 of channels-last, PyTorch's dim 1 of NCHW).
// Where the frameworks' defaults differ the framework picks: LeakyReLU's slope (Keras 0.3,
// PyTorch 0.01) and PReLU's initial slope (Keras 0, PyTorch 0.25). GELU is the exact erf form
// (both defaults); hard_sigmoid is Keras 3's relu6(x + 3)/6, as PyTorch's hardsigmoid.

import type { Framework } from "../model/layer-config.js";
import { type Planes, planes } from "./tensor.js";

export interface ElementwiseOptions {
  framework: Framework;
  /** leaky_relu's slope; default per framework. */
  negativeSlope?: number;
  /** elu / celu alpha; default 1. */
  alpha?: number;
}

type Scalar = (x: number, o: Required<ElementwiseOptions>) => number;

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

const relu6 = (x: number): number => Math.min(Math.max(x, 0), 6);
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** erf via Numerical Recipes' Chebyshev fit of erfc (fractional error < 1.2e-7 everywhere). */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let i = ERFC_COEFFICIENTS.length - 1; i >= 0; i--) poly = poly * t + (ERFC_COEFFICIENTS[i] as number);
  const erfc = t * Math.exp(-z * z + poly);
  return x >= 0 ? 1 - erfc : erfc - 1;
}

const IDENTITY: Scalar = (x) => x;

const SCALARS: Record<string, Scalar> = {
  linear: IDENTITY,
  identity: IDENTITY,
  dropout: IDENTITY,
  dropout2d: IDENTITY,
  spatial_dropout: IDENTITY,
  alpha_dropout: IDENTITY,
  gaussian_dropout: IDENTITY,
  gaussian_noise: IDENTITY,
  relu: (x) => Math.max(x, 0),
  relu6,
  leaky_relu: (x, o) => (x >= 0 ? x : o.negativeSlope * x),
  prelu: (x, o) => (x >= 0 ? x : (o.framework === "pytorch" ? 0.25 : 0) * x),
  elu: (x, o) => (x > 0 ? x : o.alpha * Math.expm1(x)),
  celu: (x, o) => (x > 0 ? x : o.alpha * Math.expm1(x / o.alpha)),
  selu: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  silu: (x) => x * sigmoid(x),
  swish: (x) => x * sigmoid(x),
  mish: (x) => x * Math.tanh(softplus(x)),
  sigmoid,
  hard_sigmoid: (x) => relu6(x + 3) / 6,
  hardsigmoid: (x) => relu6(x + 3) / 6,
  hard_silu: (x) => (x * relu6(x + 3)) / 6,
  hard_swish: (x) => (x * relu6(x + 3)) / 6,
  hardswish: (x) => (x * relu6(x + 3)) / 6,
  hardtanh: (x) => Math.min(Math.max(x, -1), 1),
  tanh: Math.tanh,
  tanhshrink: (x) => x - Math.tanh(x),
  softplus,
  softsign: (x) => x / (1 + Math.abs(x)),
  exponential: Math.exp,
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

/** Ops over the channels at each position. */
const ACROSS_CHANNELS = new Set(["softmax", "log_softmax", "softmin"]);

/** True when `op` is an op name this module computes. */
export function isElementwiseOp(op: string): boolean {
  return op in SCALARS || ACROSS_CHANNELS.has(op);
}

export function elementwiseOps(): string[] {
  return [...Object.keys(SCALARS), ...ACROSS_CHANNELS].sort();
}

function resolve(o: ElementwiseOptions): Required<ElementwiseOptions> {
  return {
    framework: o.framework,
    negativeSlope: o.negativeSlope ?? (o.framework === "keras" ? 0.3 : 0.01),
    alpha: o.alpha ?? 1,
  };
}

/** Applies the op named `op` (see the file comment); a new Planes, the input untouched. */
export function applyElementwise(input: Planes, op: string, options: ElementwiseOptions): Planes {
  if (ACROSS_CHANNELS.has(op)) return softmaxOverChannels(input, op as "softmax" | "log_softmax" | "softmin");
  const f = SCALARS[op];
  if (!f) throw new Error(`elementwise: no op "${op}" (known: ${elementwiseOps().join(", ")})`);
  const out = planes(input.channels, input.height, input.width);
  if (f === IDENTITY) {
    out.data.set(input.data);
    return out;
  }
  const o = resolve(options);
  const src = input.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = f(src[i] as number, o);
  return out;
}

/** softmax / log_softmax / softmin over the channels at each (y, x), max-subtracted. */
export function softmaxOverChannels(
  input: Planes,
  kind: "softmax" | "log_softmax" | "softmin" = "softmax",
): Planes {
  const { channels: C, height: H, width: W, data } = input;
  const n = H * W;
  const out = planes(C, H, W);
  const sign = kind === "softmin" ? -1 : 1;
  for (let p = 0; p < n; p++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) max = Math.max(max, sign * (data[c * n + p] as number));
    let sum = 0;
    for (let c = 0; c < C; c++) sum += Math.exp(sign * (data[c * n + p] as number) - max);
    const logSum = Math.log(sum);
    for (let c = 0; c < C; c++) {
      const z = sign * (data[c * n + p] as number) - max;
      out.data[c * n + p] = kind === "log_softmax" ? z - logSum : Math.exp(z) / sum;
    }
  }
  return out;
}

/** Batch norm's epsilon by framework (Keras BatchNormalization 1e-3, PyTorch BatchNorm 1e-5). */
export const BATCH_NORM_EPSILON: Record<Framework, number> = { keras: 1e-3, pytorch: 1e-5 };

/**
 * Batch norm at its initial state (γ = 1, β = 0, moving mean 0, moving variance 1), in inference
 * mode: (x − 0)/√(1 + ε)·1 + 0 = x/√(1 + ε).
 */
export function batchNormInitial(input: Planes, epsilon: number): Planes {
  const out = planes(input.channels, input.height, input.width);
  const scale = 1 / Math.sqrt(1 + epsilon);
  for (let i = 0; i < input.data.length; i++) out.data[i] = (input.data[i] as number) * scale;
  return out;
}
