// Layer configs' per-axis arguments turned into the engine's 2-D geometry: pads per side from the
// padding words (the shape engine's own `padsFor`, so sizes agree), transposed-conv sizes by each
// framework's arithmetic, and the order Flatten reads a sample in.

import type { DataFormat, Framework, LayerConfig, Padding } from "../model/layer-config.js";
import { padsFor } from "../shape/layers/spatial.js";
import {
  type ConvTransposeOptions,
  convTransposeOutputSize,
  kerasConvTransposeAxis,
} from "./conv-transpose.js";
import type { FlattenOrder } from "./dense.js";
import type { FeatureMap } from "./feature-map.js";
import { effectiveKernel, type Pads2d } from "./window.js";

/** Spatial sizes of the sample in axis order (height, width for images; length for signals). */
export function spatialSizes(fm: FeatureMap): number[] {
  return fm.rank === 2 ? [fm.planes.height, fm.planes.width] : [fm.planes.width];
}

/** Per-axis values of a layer (rank 1 or 2) as [height, width] (height 1 for signals). */
export function asPair(rank: 1 | 2, values: number[], fill: number): [number, number] {
  return rank === 2 ? [values[0] ?? fill, values[1] ?? fill] : [fill, values[0] ?? fill];
}

export interface LayerWindow {
  kernel: number[];
  strides: number[];
  dilation: number[];
  padding: Padding;
}

/** Pads [top, bottom, left, right] for a window layer, from its padding word, as the shape engine computes them. */
export function windowPads(fm: FeatureMap, w: LayerWindow): Pads2d {
  const sizes = spatialSizes(fm);
  const perAxis = sizes.map((size, i) => {
    const kEff = effectiveKernel(w.kernel[i] ?? 1, w.dilation[i] ?? 1);
    return padsFor(w.padding, i, size, kEff, w.strides[i] ?? 1) ?? [0, 0];
  });
  if (fm.rank === 2) {
    const [h, wd] = perAxis as [[number, number], [number, number]];
    return [h[0], h[1], wd[0], wd[1]];
  }
  const [l] = perAxis as [[number, number]];
  return [0, 0, l[0], l[1]];
}

/**
 * Transposed-conv options per axis: Keras' words by Keras' arithmetic, else PyTorch's formula with
 * the explicit pair as given (PyTorch's padding is symmetric; the shape engine reads pair[0] for
 * both sides, so an asymmetric pair — which no PyTorch code produces — would differ there).
 */
export function transposeOptions(
  fm: FeatureMap,
  c: Extract<LayerConfig, { kind: "conv_transpose" }>,
  framework: Framework,
): ConvTransposeOptions {
  const sizes = spatialSizes(fm);
  const axes = sizes.map((size, i) => {
    const k = c.kernel[i] ?? 1;
    const s = c.strides[i] ?? 1;
    const d = c.dilation[i] ?? 1;
    const op = c.outputPadding ? (c.outputPadding[i] ?? 0) : null;
    if (framework === "keras" && typeof c.padding === "string") {
      // As the shape engine: any word but 'same' takes the 'valid' arithmetic.
      const axis = kerasConvTransposeAxis(size, k, s, d, c.padding === "same" ? "same" : "valid", op);
      return { before: axis.padBefore, after: 0, output: axis.output };
    }
    const pair =
      typeof c.padding === "object" ? (c.padding.explicit[i] ?? c.padding.explicit[0] ?? [0, 0]) : [0, 0];
    const [before, after] = [pair[0] ?? 0, pair[1] ?? 0];
    return { before, after, output: convTransposeOutputSize(size, k, s, d, before, after, op ?? 0) };
  });
  const [h, w] = fm.rank === 2 ? axes : [{ before: 0, after: 0, output: 1 }, axes[0]];
  if (!h || !w) throw new Error("conv_transpose: missing axes");
  const rank = fm.rank === 2 ? 2 : 1;
  return {
    strides: asPair(rank, c.strides, 1),
    dilation: asPair(rank, c.dilation, 1),
    groups: c.groups,
    pads: [h.before, h.after, w.before, w.after],
    outputSize: [h.output, w.output],
  };
}

/** The order in which a full flatten reads the sample, given the tensor's layout and (Keras) Flatten's data_format. */
export function flattenOrder(
  fm: FeatureMap,
  layout: DataFormat,
  flattenFormat: DataFormat,
  framework: Framework,
): FlattenOrder {
  // The tensor's own axis order (outermost first), as the framework stores it.
  const axes = fm.rank === 2 ? ["h", "w"] : ["w"];
  const order = layout === "channels_first" ? ["c", ...axes] : [...axes, "c"];
  // Keras' Flatten(data_format="channels_first") first moves axis 1 last.
  if (framework === "keras" && flattenFormat === "channels_first") order.push(order.shift() as string);
  if (fm.rank === 1) order.unshift("h");
  return order.join("") as FlattenOrder;
}
