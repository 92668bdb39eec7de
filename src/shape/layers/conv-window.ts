import type { DataFormat, Framework, Padding } from "../../model/layer-config.js";
import type { Dim, Shape } from "../../model/shape.js";
import type { AxisGeometry, RuleResult } from "../rule.js";
import type { Step } from "../steps.js";
import { checkRank, fail, layoutOf, macsOf, positionsOf, windowGeometry, windowStep } from "./spatial.js";

/** The window arguments every convolution shares. */
export interface ConvWindowConfig {
  rank: 1 | 2 | 3;
  kernel: number[];
  strides: number[];
  dilation: number[];
  padding: Padding;
  dataFormat: DataFormat;
}

export interface ConvWindow {
  inC: Dim;
  outSpatial: Dim[];
  geometry: AxisGeometry[];
  /** The per-axis "conv.axis" steps. */
  steps: Step[];
  kernelVolume: number;
}

/**
 * The part conv, depthwise and separable convs share: the rank check, the input channels and
 * the per-axis output sizes (one formula, in spatial.ts). `kernelOut` gives the last axis of
 * Keras' kernel shape from the input channels, quoted in the non-positive-size message.
 */
export function convWindow(
  input: Shape,
  c: ConvWindowConfig,
  framework: Framework,
  className: string,
  kernelOut: (inChannels: number) => number,
  exactRank: boolean,
): { ok: true; window: ConvWindow } | { ok: false; result: RuleResult } {
  const relation = exactRank || input.length >= c.rank + 2 ? "eq" : "min";
  const rankIssue = checkRank(input, c.rank + 2, relation, className);
  if (rankIssue) return { ok: false, result: fail(rankIssue) };
  const { channel } = layoutOf(c.rank, c.dataFormat);
  const inC = input[channel] ?? null;
  const geo = windowGeometry(input, {
    framework,
    layer: "conv",
    rank: c.rank,
    kernel: c.kernel,
    strides: c.strides,
    dilation: c.dilation,
    padding: c.padding,
    ceilMode: false,
    dataFormat: c.dataFormat,
    kernelShape: typeof inC === "number" ? [...c.kernel, inC, kernelOut(inC)] : null,
  });
  if (!geo.ok) return { ok: false, result: fail(geo.issue) };
  return {
    ok: true,
    window: {
      inC,
      outSpatial: geo.axes.map((a) => a.geometry.output),
      geometry: geo.axes.map((a) => a.geometry),
      steps: geo.axes.map((a) => windowStep("conv.axis", a, false)),
      kernelVolume: c.kernel.reduce((a, b) => a * b, 1),
    },
  };
}

/** MACs of a conv-like layer and its explanation step (bias excluded). */
export function convMacs(outSpatial: Dim[], perPosition: number | null, steps: Step[]): number | null {
  const macs = macsOf(outSpatial, perPosition);
  if (perPosition !== null)
    steps.push({ code: "macs", positions: positionsOf(outSpatial), perPosition, total: macs, note: "conv" });
  return macs;
}

/**
 * PyTorch's declared in_channels against the input's channels, and groups dividing both channel
 * counts; `weightShape` is the weight tensor PyTorch would name in its message.
 */
export function checkChannels(
  c: { inChannels: number | null; groups: number; filters: number },
  input: Shape,
  inC: Dim,
  layer: "conv" | "conv_transpose",
  weightShape: number[],
): RuleResult | null {
  if (c.inChannels !== null && typeof inC === "number" && inC !== c.inChannels)
    return fail({
      code: "channel_mismatch",
      layer,
      declared: c.inChannels,
      actual: inC,
      groups: c.groups,
      inputShape: input,
      weightShape,
    });
  if (c.filters % c.groups !== 0 || (typeof inC === "number" && inC % c.groups !== 0))
    return fail({
      code: "groups_mismatch",
      groups: c.groups,
      inChannels: inC,
      filters: c.filters,
      inputShape: input,
    });
  return null;
}

/**
 * Params of a (transposed) conv: filters·(kernel volume·C_in/groups + bias), with its step, and
 * the multiply-accumulates per position. PyTorch's declared in_channels fixes the weights even
 * when the input size is symbolic.
 */
export function convParams(
  c: { filters: number; groups: number; useBias: boolean; kernel: number[]; inChannels: number | null },
  inC: Dim,
  kernelVolume: number,
  steps: Step[],
): { knownC: number | null; params: number | null; perPosition: number | null } {
  const knownC = typeof inC === "number" ? inC : c.inChannels;
  if (knownC === null) return { knownC, params: null, perPosition: null };
  const weightsPerFilter = kernelVolume * (knownC / c.groups);
  const params = c.filters * (weightsPerFilter + (c.useBias ? 1 : 0));
  steps.push({
    code: "conv.params",
    kernel: c.kernel,
    filters: c.filters,
    kernelVolume,
    inChannels: knownC,
    groups: c.groups,
    weightsPerFilter,
    bias: c.useBias,
    total: params,
  });
  return { knownC, params, perPosition: c.filters * weightsPerFilter };
}
