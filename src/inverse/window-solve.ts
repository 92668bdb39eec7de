import type { Padding } from "../model/layer-config.js";
import { type WindowAxisResult, windowAxis, windowStep } from "../shape/layers/spatial.js";
import type { WindowAxisStep } from "../shape/steps.js";

// Conv and pooling settings that take a size to another, found by trying every small setting with
// the shape engine's own per-axis rule (windowAxis in src/shape/layers/spatial.ts): no formula is
// re-derived here, so an answer is right exactly when the forward rule is.

/** The search ranges: small integers, as people write them. */
export const MAX_KERNEL = 11;
export const MAX_STRIDE = 4;

export interface WindowTry {
  kernel: number;
  stride: number;
  dilation: number;
  /** Explicit pads per side, or a Keras padding word. */
  padding: [number, number] | "same" | "valid" | "same_torch";
}

/** One setting and what the forward rule makes of it on each axis. */
export interface WindowResult extends WindowTry {
  outputs: number[];
  /** The forward rule's step per axis (the arithmetic the reply shows). */
  steps: WindowAxisStep[];
}

function toPadding(p: WindowTry["padding"]): Padding {
  return Array.isArray(p) ? { explicit: [[p[0], p[1]]] } : p;
}

/** Runs the forward rule of a conv (or pool) with one setting on each input size. */
export function runWindow(
  inputs: readonly number[],
  t: WindowTry,
  layer: "conv" | "pool",
  axis: string | readonly string[],
): WindowResult | null {
  const outputs: number[] = [];
  const steps: WindowAxisStep[] = [];
  for (const [i, input] of inputs.entries()) {
    const r: WindowAxisResult = windowAxis({
      axis: typeof axis === "string" ? axis : (axis[i] ?? "height"),
      index: 0,
      input,
      kernel: t.kernel,
      stride: t.stride,
      dilation: t.dilation,
      padding: toPadding(t.padding),
      ceilMode: false,
    });
    const out = r.geometry.output;
    if (typeof out !== "number" || out < 1) return null;
    outputs.push(out);
    steps.push(windowStep(layer === "pool" ? "pool.axis" : "conv.axis", r, false));
  }
  return { ...t, outputs, steps };
}

export interface WindowSearch {
  from: readonly number[];
  to: readonly number[];
  layer: "conv" | "pool";
  kernel: number | null;
  stride: number | null;
  /** A fixed symmetric pad, or null to search. */
  padding: number | null;
  dilation: number | null;
}

/**
 * Every (kernel, stride, symmetric padding) in the small ranges that takes `from` to `to` on every
 * axis, as PyTorch writes it (padding=p). Pads of at most half the window (PyTorch's limit for
 * pooling, and what any sensible conv uses) unless the kernel and stride are both fixed: then up to
 * k_eff − 1, since only the padding is left to reach the size.
 */
export function solveWindow(
  s: WindowSearch,
  axis: string | readonly string[] = "height_width",
): WindowResult[] {
  const out: WindowResult[] = [];
  const dilation = s.dilation ?? 1;
  const kernels = s.kernel !== null ? [s.kernel] : range(1, MAX_KERNEL);
  const strides = s.stride !== null ? [s.stride] : range(1, MAX_STRIDE);
  for (const kernel of kernels) {
    const kEff = dilation * (kernel - 1) + 1;
    const onlyPad = s.kernel !== null && s.stride !== null && s.layer === "conv";
    const maxPad = onlyPad ? kEff - 1 : Math.floor(kEff / 2);
    const pads = s.padding !== null ? [s.padding] : range(0, maxPad);
    for (const stride of strides) {
      for (const p of pads) {
        const r = runWindow(s.from, { kernel, stride, dilation, padding: [p, p] }, s.layer, axis);
        if (r?.outputs.every((o, i) => o === s.to[i])) out.push(r);
      }
    }
  }
  return out.sort((a, b) => commonness(a, s.layer) - commonness(b, s.layer) || tieBreak(a, b));
}

/** Uneven pads (F.pad, ZeroPadding2D) when no symmetric padding gives the size: the smallest total first. */
export function solveUnevenPads(
  s: WindowSearch & { kernel: number; stride: number },
  axis: string | readonly string[],
): WindowResult[] {
  const dilation = s.dilation ?? 1;
  const kEff = dilation * (s.kernel - 1) + 1;
  const out: WindowResult[] = [];
  for (let total = 0; total <= 2 * kEff; total++) {
    for (let before = Math.floor(total / 2); before >= 0; before--) {
      const after = total - before;
      if (before === after) continue;
      const r = runWindow(
        s.from,
        { kernel: s.kernel, stride: s.stride, dilation, padding: [before, after] },
        s.layer,
        axis,
      );
      if (r?.outputs.every((o, i) => o === s.to[i])) out.push(r);
    }
    if (out.length > 0) return out;
  }
  return out;
}

/**
 * How usual a setting is, lower first: odd kernels with 'same'-style padding (3×3 pad 1, 7×7 pad 3,
 * 5×5 pad 2), then non-overlapping windows (a 2×2 pool), then even kernels centred ((k − s)/2, as
 * 4×4 stride 2 pad 1) and 1×1, then big odd kernels, then the rest. Pooling puts the tiled window first.
 */
export function commonness(r: WindowTry, layer: "conv" | "pool"): number {
  const p = Array.isArray(r.padding) ? r.padding[0] : 0;
  const kEff = r.dilation * (r.kernel - 1) + 1;
  const sameStyle = kEff % 2 === 1 && p === (kEff - 1) / 2;
  const tiled = r.kernel === r.stride && p === 0 && r.kernel > 1;
  const centred = kEff % 2 === 0 && 2 * p === kEff - r.stride;
  if (layer === "pool" && tiled) return 0;
  if (sameStyle && r.kernel > 1 && r.kernel <= 7) return layer === "pool" ? 1 : 0;
  if (tiled) return 1;
  if (centred || r.kernel === 1) return 2;
  return sameStyle ? 3 : 4;
}

/** Among equally usual settings: the smaller stride, then kernels in the order people use them. */
function tieBreak(a: WindowTry, b: WindowTry): number {
  const order = (k: number): number => [3, 2, 7, 5, 4, 1].indexOf(k) + 1 || 10 + k;
  return a.stride - b.stride || order(a.kernel) - order(b.kernel);
}

function range(lo: number, hi: number): number[] {
  const xs: number[] = [];
  for (let i = lo; i <= hi; i++) xs.push(i);
  return xs;
}
