// The window arithmetic every sliding-window op shares, in the engine's own terms: explicit pads
// per side, never padding words. Turning a word ('same', 'causal', …) into pads is the shape
// engine's `padsFor` (src/shape/layers/spatial.ts); src/conv/run-layer.ts calls it so both agree.

/** Pads per side of a 2-D window: [top, bottom, left, right]. A 1-D signal uses [0, 0, left, right]. */
export type Pads2d = [number, number, number, number];

/** Where a 2-D window goes: strides [sH, sW], pads per side, dilation [dH, dW]. */
export interface Window2d {
  strides: [number, number];
  pads: Pads2d;
  dilation: [number, number];
}

/** The extent of a dilated kernel: d·(k − 1) + 1. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/**
 * Output length of a window sweep: ⌊(in + before + after − k_eff)/s⌋ + 1, or with `ceilMode`
 * PyTorch's rule: ⌈…⌉ + 1, then one less when the last window would start past the input and the
 * left padding (it must start inside them). Can be ≤ 0; callers decide what that means.
 */
export function windowOutputSize(
  input: number,
  kernel: number,
  stride: number,
  dilation: number,
  padBefore: number,
  padAfter: number,
  ceilMode = false,
): number {
  const span = input + padBefore + padAfter - effectiveKernel(kernel, dilation);
  if (!ceilMode) return Math.floor(span / stride) + 1;
  let out = Math.floor((span + stride - 1) / stride) + 1;
  if (out > 0 && (out - 1) * stride >= input + padBefore) out--;
  return out;
}

/** Checks that sizes are positive integers (strides, dilations, kernels) with a readable error. */
export function checkPositive(what: string, values: readonly number[]): void {
  for (const v of values)
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`${what} must be positive integers, got ${values}`);
}

/** Checks that pads are non-negative integers. */
export function checkPads(what: string, values: readonly number[]): void {
  for (const v of values)
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${what} must be integers ≥ 0, got ${values}`);
}
