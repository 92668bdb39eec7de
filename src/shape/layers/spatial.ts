import type { DataFormat, Framework, Padding } from "../../model/layer-config.js";
import type { Dim, Shape } from "../../model/shape.js";
import { add, ceilDiv, floorDiv, mul, times } from "../../model/symbolic.js";
import type { ShapeIssue } from "../issues.js";
import type { AxisGeometry, LayerRecord, RuleResult } from "../rule.js";
import type { PaddingMode, WindowAxisStep } from "../steps.js";

// One formula for every window layer, as JAX does it: turn the padding word into explicit pads
// per side, then out = ⌊(in + before + after − k_eff)/s⌋ + 1 on the canonical (spatial-only) axes.

const AXIS_NAMES: Record<number, string[]> = {
  1: ["length"],
  2: ["height", "width"],
  3: ["depth", "height", "width"],
};

export function axisNames(rank: number): string[] {
  return AXIS_NAMES[rank] ?? Array.from({ length: rank }, (_, i) => `axis ${i + 1}`);
}

/** Indices of the spatial axes and of the channel axis in a batch-first shape of `rank` spatial axes. */
export function layoutOf(rank: number, dataFormat: DataFormat): { spatial: number[]; channel: number } {
  const first = dataFormat === "channels_first";
  const spatial = Array.from({ length: rank }, (_, i) => (first ? i + 2 : i + 1));
  return { spatial, channel: first ? 1 : rank + 1 };
}

/** Reassembles a batch-first shape from batch, spatial sizes and channels. */
export function assemble(batch: Dim, spatial: Dim[], channels: Dim, dataFormat: DataFormat): Shape {
  return dataFormat === "channels_first" ? [batch, channels, ...spatial] : [batch, ...spatial, channels];
}

export function paddingMode(p: Padding): PaddingMode {
  return typeof p === "string" ? p : "explicit";
}

export interface WindowAxisInput {
  axis: string;
  index: number;
  input: Dim;
  kernel: number;
  stride: number;
  dilation: number;
  padding: Padding;
  ceilMode: boolean;
}

export interface WindowAxisResult {
  geometry: AxisGeometry;
  mode: PaddingMode;
}

/** Pads per side for a padding word; null when they depend on an unknown input size. */
export function padsFor(
  padding: Padding,
  index: number,
  input: Dim,
  kEff: number,
  stride: number,
): [number, number] | null {
  if (padding === "valid") return [0, 0];
  if (padding === "causal") return [kEff - 1, 0];
  if (padding === "same_torch") {
    const total = kEff - 1;
    const before = Math.floor(total / 2);
    return [before, total - before];
  }
  if (padding === "same") {
    if (typeof input !== "number") return null;
    const out = Math.ceil(input / stride);
    const total = Math.max((out - 1) * stride + kEff - input, 0);
    const before = Math.floor(total / 2);
    return [before, total - before]; // TF puts the extra pixel after (bottom/right)
  }
  const pair = padding.explicit[index] ?? padding.explicit[0] ?? [0, 0];
  return [pair[0], pair[1]];
}

export function windowAxis(a: WindowAxisInput): WindowAxisResult {
  const kEff = a.dilation * (a.kernel - 1) + 1;
  const mode = paddingMode(a.padding);
  const pads = padsFor(a.padding, a.index, a.input, kEff, a.stride);
  let output: Dim;
  if (a.padding === "same") {
    output = ceilDiv(a.input, a.stride);
  } else if (pads !== null && typeof a.input === "number") {
    const span = a.input + pads[0] + pads[1] - kEff;
    if (a.ceilMode) {
      let out = Math.floor((span + a.stride - 1) / a.stride) + 1;
      // PyTorch: the last window must start inside the input or the left padding.
      if (out > 0 && (out - 1) * a.stride >= a.input + pads[0]) out--;
      output = out;
    } else {
      output = Math.floor(span / a.stride) + 1;
    }
  } else if (pads !== null && !(a.ceilMode && pads[0] > 0)) {
    // (With ceil_mode and left padding PyTorch may drop the last window; no closed form then.)
    const shift = pads[0] + pads[1] - kEff + (a.ceilMode ? a.stride - 1 : 0);
    output = add(floorDiv(add(a.input, shift), a.stride), 1);
  } else {
    output = null;
  }
  return {
    mode,
    geometry: {
      axis: a.axis,
      input: a.input,
      kernel: a.kernel,
      dilation: a.dilation,
      kEff,
      stride: a.stride,
      padBefore: pads ? pads[0] : null,
      padAfter: pads ? pads[1] : null,
      output,
    },
  };
}

export function windowStep(
  code: "conv.axis" | "pool.axis",
  r: WindowAxisResult,
  ceilMode: boolean,
): WindowAxisStep {
  const g = r.geometry;
  return {
    code,
    axis: g.axis,
    input: g.input,
    kernel: g.kernel,
    dilation: g.dilation,
    kEff: g.kEff,
    stride: g.stride,
    padding: r.mode,
    padBefore: g.padBefore,
    padAfter: g.padAfter,
    ceilMode,
    output: g.output,
  };
}

export interface WindowLayer {
  framework: Framework;
  layer: "conv" | "pool";
  rank: number;
  kernel: number[];
  strides: number[];
  dilation: number[];
  padding: Padding;
  ceilMode: boolean;
  dataFormat: DataFormat;
  /** Keras' kernel shape for the error text (conv: spatial…, C_in, C_out). */
  kernelShape: number[] | null;
}

/** Spatial geometry of a conv/pool layer, or the first axis whose output would be ≤ 0. */
export function windowGeometry(
  input: Shape,
  w: WindowLayer,
): { ok: true; axes: WindowAxisResult[] } | { ok: false; issue: ShapeIssue } {
  const { spatial } = layoutOf(w.rank, w.dataFormat);
  const names = axisNames(w.rank);
  const axes: WindowAxisResult[] = [];
  for (let i = 0; i < w.rank; i++) {
    const r = windowAxis({
      axis: names[i] ?? `axis ${i}`,
      index: i,
      input: input[spatial[i] ?? 0] ?? null,
      kernel: w.kernel[i] ?? 1,
      stride: w.strides[i] ?? 1,
      dilation: w.dilation[i] ?? 1,
      padding: w.padding,
      ceilMode: w.ceilMode,
    });
    const g = r.geometry;
    if (typeof g.output === "number" && g.output <= 0 && typeof g.input === "number") {
      return {
        ok: false,
        issue: {
          code: "non_positive_output",
          framework: w.framework,
          layer: w.layer,
          axis: g.axis,
          input: g.input,
          kernel: g.kernel,
          dilation: g.dilation,
          kEff: g.kEff,
          stride: g.stride,
          padding: w.padding,
          padBefore: g.padBefore ?? 0,
          padAfter: g.padAfter ?? 0,
          output: g.output,
          inputShape: input,
          kernelShape: w.kernelShape,
          strides: w.strides,
          dilations: w.dilation,
        },
      };
    }
    axes.push(r);
  }
  return { ok: true, axes };
}

/** Checks the exact rank Keras' InputSpec(ndim=…) or min_ndim asks for. */
export function checkRank(
  input: Shape,
  expected: number,
  relation: "eq" | "min",
  className: string,
): ShapeIssue | null {
  const found = input.length;
  if (relation === "eq" ? found === expected : found >= expected) return null;
  return { code: "ndim_mismatch", relation, expected, found, shape: input, className };
}

export function fail(issue: ShapeIssue): RuleResult {
  return { ok: false, issue };
}

export function done(record: Partial<LayerRecord> & { outputs: Shape[] }): RuleResult {
  return {
    ok: true,
    record: {
      params: { trainable: 0, nonTrainable: 0 },
      macs: 0,
      geometry: null,
      steps: [],
      warnings: [],
      ...record,
    },
  };
}

/** The single input of a one-input layer (an empty shape when the caller passed none). */
export function firstInput(inputs: Shape[]): Shape {
  return inputs[0] ?? [];
}

/** Product of the known output positions times per-position MACs; null when any size is symbolic. */
export function macsOf(positions: Dim[], perPosition: number | null): number | null {
  if (perPosition === null) return null;
  let p = perPosition;
  for (const d of positions) {
    if (typeof d !== "number") return null;
    p *= d;
  }
  return p;
}

export function isConvRank(n: number): n is 1 | 2 | 3 {
  return n === 1 || n === 2 || n === 3;
}

/** Number of output positions (product of sizes) as a Dim; null when any is unknown. */
export function positionsOf(dims: Dim[]): Dim {
  let known = 1;
  let symbolic: Dim = 1;
  for (const d of dims) {
    if (d === null) return null;
    if (typeof d === "number") known *= d;
    else symbolic = times(symbolic, d);
  }
  // Numbers are folded first so "H"·4·2 reads "H*8", not "(H*(4))*(2)".
  return typeof symbolic === "number" ? symbolic * known : mul(symbolic, known);
}
