// Runs one canonical layer config (src/model/layer-config.ts) on real numbers, layer by layer:
// the padding words become pads with the shape engine's own `padsFor`, so every output size is
// the one the shape engine reports; weights come from the seeded initializers; each layer is
// charged to the compute budget before it runs.
//
// A sample is a FeatureMap (src/conv/feature-map.ts). `layout` says how the framework lays the
// tensor out (Keras channels-last, PyTorch channels-first by default); it decides which axis is
// "last" for Dense and the order Flatten reads. Rank-3 (volumetric) layers are not supported.

import type { DataFormat, Framework, LayerConfig } from "../model/layer-config.js";
import { ComputeBudget, convMacs, convTransposeMacs, denseMacs, elementCost, poolCost } from "./budget.js";
import { convTranspose2d } from "./conv-transpose.js";
import { type ConvScratch, type ConvWeights, conv2d, conv2dOutputSize } from "./conv2d.js";
import { dense, denseOverChannels, denseOverWidth, flatten } from "./dense.js";
import { applyElementwise, BATCH_NORM_EPSILON, batchNormInitial, isElementwiseOp } from "./elementwise.js";
import { type FeatureMap, frameworkShape } from "./feature-map.js";
import {
  asPair,
  flattenOrder,
  type LayerWindow,
  spatialSizes,
  transposeOptions,
  windowPads,
} from "./layer-geometry.js";
import { adaptivePool2d, globalPool, type PoolOptions, pool2d, poolOutputSize } from "./pool.js";
import type { Rng } from "./prng.js";
import { type Planes, planes } from "./tensor.js";
import { upsample2d } from "./upsampling.js";
import {
  initConvTransposeWeights,
  initConvWeights,
  initDenseWeights,
  initDepthwiseWeights,
} from "./weights.js";
import type { Pads2d } from "./window.js";
import { zeroPad2d } from "./zero-padding.js";

export { type FeatureMap, featureMap, frameworkShape } from "./feature-map.js";

export interface RunOptions {
  framework: Framework;
  rng: Rng;
  budget?: ComputeBudget;
  /** How the framework lays the tensor out; default Keras channels_last, PyTorch channels_first. */
  layout?: DataFormat;
  scratch?: ConvScratch;
}

export class UnsupportedLayerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedLayerError";
  }
}

function layoutOf(o: RunOptions): DataFormat {
  return o.layout ?? (o.framework === "keras" ? "channels_last" : "channels_first");
}

function spatialRank(fm: FeatureMap, rank: number, kind: string): 1 | 2 {
  if (rank === 3) throw new UnsupportedLayerError(`${kind}: 3-D (volumetric) layers are not supported`);
  if (fm.rank !== rank)
    throw new Error(
      `${kind}: a rank-${rank} layer on a rank-${fm.rank} sample (${frameworkShape(fm, "channels_first")})`,
    );
  return rank as 1 | 2;
}

function activate(fm: FeatureMap, activation: string, o: RunOptions): FeatureMap {
  if (activation === "linear" || activation === "identity") return fm;
  if (!isElementwiseOp(activation))
    throw new UnsupportedLayerError(`activation "${activation}" is not supported`);
  o.budget?.charge(elementCost(fm.planes.data.length), activation);
  return { planes: applyElementwise(fm.planes, activation, { framework: o.framework }), rank: fm.rank };
}

function runConv(
  fm: FeatureMap,
  rank: 1 | 2,
  w: ConvWeights,
  win: LayerWindow,
  groups: number,
  what: string,
  o: RunOptions,
): FeatureMap {
  const options = {
    strides: asPair(rank, win.strides, 1),
    dilation: asPair(rank, win.dilation, 1),
    pads: windowPads(fm, win),
    groups,
  };
  const [outH, outW] = conv2dOutputSize(fm.planes, w, options);
  o.budget?.charge(convMacs({ ...w, outH, outW }), what);
  return { planes: conv2d(fm.planes, w, options, o.scratch), rank: fm.rank };
}

/** Runs one layer on one sample (see the file comment). */
export function runLayer(config: LayerConfig, fm: FeatureMap, o: RunOptions): FeatureMap {
  const budget = o.budget;
  const { channels: C } = fm.planes;
  switch (config.kind) {
    case "conv": {
      const rank = spatialRank(fm, config.rank, "conv");
      if (config.inChannels !== null && config.inChannels !== C)
        throw new Error(`conv: declared ${config.inChannels} input channels, the input has ${C}`);
      if (C % config.groups !== 0 || config.filters % config.groups !== 0)
        throw new Error(
          `conv: groups ${config.groups} must divide ${C} input channels and ${config.filters} filters`,
        );
      const [kernelH, kernelW] = asPair(rank, config.kernel, 1);
      const w = initConvWeights(o.rng, o.framework, {
        outChannels: config.filters,
        inPerGroup: C / config.groups,
        kernelH,
        kernelW,
        useBias: config.useBias,
      });
      const out = runConv(fm, rank, w, config, config.groups, "conv", o);
      return activate(out, config.activation, o);
    }
    case "depthwise_conv": {
      const rank = spatialRank(fm, config.rank, "depthwise_conv");
      const [kernelH, kernelW] = asPair(rank, config.kernel, 1);
      const w = initDepthwiseWeights(o.rng, o.framework, {
        inChannels: C,
        depthMultiplier: config.depthMultiplier,
        kernelH,
        kernelW,
        useBias: config.useBias,
      });
      return activate(runConv(fm, rank, w, config, C, "depthwise conv", o), config.activation, o);
    }
    case "separable_conv": {
      const rank = spatialRank(fm, config.rank, "separable_conv");
      const [kernelH, kernelW] = asPair(rank, config.kernel, 1);
      const depthwise = initDepthwiseWeights(o.rng, o.framework, {
        inChannels: C,
        depthMultiplier: config.depthMultiplier,
        kernelH,
        kernelW,
        useBias: false,
      });
      const mid = runConv(fm, rank, depthwise, config, C, "separable conv (depthwise)", o);
      const pointwise = initConvWeights(o.rng, o.framework, {
        outChannels: config.filters,
        inPerGroup: C * config.depthMultiplier,
        kernelH: 1,
        kernelW: 1,
        useBias: config.useBias,
      });
      const one: LayerWindow = { kernel: [1, 1], strides: [1, 1], dilation: [1, 1], padding: "valid" };
      const out = runConv(mid, rank, pointwise, one, 1, "separable conv (pointwise)", o);
      return activate(out, config.activation, o);
    }
    case "conv_transpose": {
      const rank = spatialRank(fm, config.rank, "conv_transpose");
      if (config.inChannels !== null && config.inChannels !== C)
        throw new Error(`conv_transpose: declared ${config.inChannels} input channels, the input has ${C}`);
      if (C % config.groups !== 0 || config.filters % config.groups !== 0)
        throw new Error(`conv_transpose: groups ${config.groups} must divide ${C} and ${config.filters}`);
      const [kernelH, kernelW] = asPair(rank, config.kernel, 1);
      const w = initConvTransposeWeights(o.rng, o.framework, {
        inChannels: C,
        outPerGroup: config.filters / config.groups,
        groups: config.groups,
        kernelH,
        kernelW,
        useBias: config.useBias,
      });
      const options = transposeOptions(fm, config, o.framework);
      budget?.charge(
        convTransposeMacs({ ...w, inH: fm.planes.height, inW: fm.planes.width }),
        "transposed conv",
      );
      const out: FeatureMap = { planes: convTranspose2d(fm.planes, w, options), rank: fm.rank };
      return activate(out, config.activation, o);
    }
    case "pool": {
      const rank = spatialRank(fm, config.rank, "pool");
      const options: PoolOptions = {
        kernel: asPair(rank, config.pool, 1),
        strides: asPair(rank, config.strides, 1),
        dilation: asPair(rank, config.dilation, 1),
        pads: windowPads(fm, { ...config, kernel: config.pool }),
        // The shape engine gives 'same' ⌈in/s⌉ whatever ceil_mode says.
        ceilMode: config.ceilMode && config.padding !== "same",
        // PyTorch's AvgPool counts its explicit padding by default; Keras' 'same' does not.
        countIncludePad: typeof config.padding === "object",
      };
      const [outH, outW] = poolOutputSize(fm.planes, options);
      budget?.charge(poolCost(C, outH, outW, options.kernel[0], options.kernel[1]), `${config.op} pool`);
      return { planes: pool2d(fm.planes, config.op, options), rank: fm.rank };
    }
    case "global_pool": {
      if (fm.rank === 0) throw new Error("global_pool: needs spatial axes, the input is a vector");
      spatialRank(fm, config.rank, "global_pool");
      budget?.charge(elementCost(fm.planes.data.length), `global ${config.op} pool`);
      const out = globalPool(fm.planes, config.op);
      return config.keepdims ? { planes: out, rank: fm.rank } : { planes: out, rank: 0 };
    }
    case "adaptive_pool": {
      const rank = spatialRank(fm, config.rank, "adaptive_pool");
      const sizes = spatialSizes(fm);
      const target = sizes.map((s, i) => config.outputSize[i] ?? s);
      budget?.charge(elementCost(fm.planes.data.length), `adaptive ${config.op} pool`);
      return { planes: adaptivePool2d(fm.planes, config.op, asPair(rank, target, 1)), rank: fm.rank };
    }
    case "dense": {
      const last = fm.rank === 0 || layoutOf(o) === "channels_last" ? C : fm.planes.width;
      if (config.inFeatures !== null && config.inFeatures !== last)
        throw new Error(
          `dense: declared ${config.inFeatures} input features, the input's last axis has ${last}`,
        );
      const w = initDenseWeights(o.rng, o.framework, {
        units: config.units,
        inFeatures: last,
        useBias: config.useBias,
      });
      const positions = fm.planes.data.length / last;
      budget?.charge(denseMacs(last, config.units, positions), "dense");
      let out: Planes;
      if (fm.rank === 0) out = dense(fm.planes, w);
      else if (layoutOf(o) === "channels_last") out = denseOverChannels(fm.planes, w);
      else out = denseOverWidth(fm.planes, w);
      return activate({ planes: out, rank: fm.rank }, config.activation, o);
    }
    case "flatten":
      budget?.charge(elementCost(fm.planes.data.length), "flatten");
      return runFlatten(fm, config.startDim, config.endDim, config.dataFormat, o);
    case "elementwise": {
      if (!isElementwiseOp(config.op))
        throw new UnsupportedLayerError(`elementwise op "${config.op}" is not supported`);
      budget?.charge(elementCost(fm.planes.data.length), config.op);
      return { planes: applyElementwise(fm.planes, config.op, { framework: o.framework }), rank: fm.rank };
    }
    case "batch_norm":
      budget?.charge(elementCost(fm.planes.data.length), "batch norm");
      return { planes: batchNormInitial(fm.planes, BATCH_NORM_EPSILON[o.framework]), rank: fm.rank };
    case "zero_padding": {
      const rank = spatialRank(fm, config.rank, "zero_padding");
      const [h, w] = rank === 2 ? [config.padding[0], config.padding[1]] : [[0, 0], config.padding[0]];
      const pads: Pads2d = [h?.[0] ?? 0, h?.[1] ?? 0, w?.[0] ?? 0, w?.[1] ?? 0];
      const out = zeroPad2d(fm.planes, pads);
      budget?.charge(elementCost(out.data.length), "zero padding");
      return { planes: out, rank: fm.rank };
    }
    case "upsampling": {
      const rank = spatialRank(fm, config.rank, "upsampling");
      const mode = config.interpolation;
      if (mode !== "nearest" && mode !== "bilinear")
        throw new UnsupportedLayerError(`upsampling "${mode}" is not supported (nearest, bilinear)`);
      const factors = asPair(rank, config.size, 1);
      budget?.charge(elementCost(fm.planes.data.length * factors[0] * factors[1]), "upsampling");
      return { planes: upsample2d(fm.planes, factors, mode), rank: fm.rank };
    }
    default:
      throw new UnsupportedLayerError(`the conv engine does not run "${config.kind}" layers`);
  }
}

function runFlatten(
  fm: FeatureMap,
  startDim: number,
  endDim: number,
  flattenFormat: DataFormat,
  o: RunOptions,
): FeatureMap {
  const layout = layoutOf(o);
  const rank = fm.rank + 2; // with the batch axis
  const start = startDim < 0 ? rank + startDim : startDim;
  const end = endDim < 0 ? rank + endDim : endDim;
  if (fm.rank === 0 || start === end) return fm;
  if (start === 1 && end === rank - 1)
    return { planes: flatten(fm.planes, flattenOrder(fm, layout, flattenFormat, o.framework)), rank: 0 };
  // A partial flatten of a channels-first tensor is a reshape of the same memory: (C, H, W) with
  // two adjacent axes merged is a signal.
  if (layout === "channels_first" && fm.rank === 2 && end === start + 1 && start >= 1) {
    const { channels: C, height: H, width: W, data } = fm.planes;
    const p = start === 1 ? planes(C * H, 1, W, data.slice()) : planes(C, 1, H * W, data.slice());
    return { planes: p, rank: 1 };
  }
  throw new UnsupportedLayerError(`flatten of axes ${startDim}..${endDim} is not supported here`);
}

/** Runs layers in order, returning every layer's output (the last one is the result). */
export function runLayers(configs: readonly LayerConfig[], input: FeatureMap, o: RunOptions): FeatureMap[] {
  const options = { ...o, budget: o.budget ?? new ComputeBudget() };
  const outputs: FeatureMap[] = [];
  let current = input;
  for (const c of configs) {
    current = runLayer(c, current, options);
    outputs.push(current);
  }
  return outputs;
}
