// Deterministic initial weights for each layer, drawn from a seeded generator (src/conv/prng.ts)
// with each framework's default initializer — the same distribution, not the same numbers
// (neither framework's own generator is reproduced). Values are drawn in the engine's layouts'
// order (conv [outC][inC/g][kH][kW], transposed conv [inC][outC/g][kH][kW], dense [units][in]).
//  - Keras: glorot_uniform, limit √(6/(fan_in + fan_out)) with fans computed on Keras' kernel
//    shape (compute_fans: receptive field × the last two axes), zero bias.
//  - PyTorch: kaiming_uniform(a = √5), i.e. bound 1/√fan_in, on PyTorch's weight shape
//    (_calculate_fan_in_and_fan_out: receptive field × axis 1), and bias uniform(±1/√fan_in).

import type { Framework } from "../model/layer-config.js";
import type { ConvTransposeWeights } from "./conv-transpose.js";
import type { ConvWeights } from "./conv2d.js";
import type { DenseWeights } from "./dense.js";
import { type Rng, uniformArray } from "./prng.js";

export interface Fans {
  fanIn: number;
  fanOut: number;
}

const product = (xs: readonly number[]): number => xs.reduce((a, b) => a * b, 1);

/** Keras' compute_fans on a Keras kernel shape (spatial…, in, out). */
export function kerasFans(shape: readonly number[]): Fans {
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0] as number, fanOut: shape[0] as number };
  if (shape.length === 2) return { fanIn: shape[0] as number, fanOut: shape[1] as number };
  const receptive = product(shape.slice(0, -2));
  return { fanIn: (shape.at(-2) as number) * receptive, fanOut: (shape.at(-1) as number) * receptive };
}

/** PyTorch's _calculate_fan_in_and_fan_out on a PyTorch weight shape (out, in, spatial…). */
export function torchFans(shape: readonly number[]): Fans {
  if (shape.length < 2) throw new Error(`torchFans: a weight needs 2 or more dimensions, got [${shape}]`);
  const receptive = product(shape.slice(2));
  return { fanIn: (shape[1] as number) * receptive, fanOut: (shape[0] as number) * receptive };
}

/** glorot_uniform's limit: √(6/(fan_in + fan_out)). */
export function glorotLimit(f: Fans): number {
  return Math.sqrt(6 / (f.fanIn + f.fanOut));
}

/** kaiming_uniform(a = √5)'s bound: gain √(2/(1 + 5)) · √3/√fan_in = 1/√fan_in (also the bias bound). */
export function kaimingBound(fanIn: number): number {
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}

/** A weight array and its bias for either framework; `kerasShape`/`torchShape` give the fans. */
function draw(
  rng: Rng,
  framework: Framework,
  n: number,
  biasCount: number,
  useBias: boolean,
  kerasShape: number[],
  torchShape: number[],
): { data: Float32Array; bias: Float32Array | null } {
  if (framework === "keras") {
    const data = uniformArray(rng, n, glorotLimit(kerasFans(kerasShape)));
    return { data, bias: useBias ? new Float32Array(biasCount) : null };
  }
  const bound = kaimingBound(torchFans(torchShape).fanIn);
  const data = uniformArray(rng, n, bound);
  return { data, bias: useBias ? uniformArray(rng, biasCount, bound) : null };
}

/** Conv weights [outC][inPerGroup][kH][kW]: Keras kernel (kH, kW, inPerGroup, outC), PyTorch (outC, inPerGroup, kH, kW). */
export function initConvWeights(
  rng: Rng,
  framework: Framework,
  s: { outChannels: number; inPerGroup: number; kernelH: number; kernelW: number; useBias: boolean },
): ConvWeights {
  const { outChannels, inPerGroup, kernelH, kernelW } = s;
  const { data, bias } = draw(
    rng,
    framework,
    outChannels * inPerGroup * kernelH * kernelW,
    outChannels,
    s.useBias,
    [kernelH, kernelW, inPerGroup, outChannels],
    [outChannels, inPerGroup, kernelH, kernelW],
  );
  return { outChannels, inPerGroup, kernelH, kernelW, data, bias };
}

/**
 * Depthwise conv weights (groups = inC, outC = inC·dm) as conv weights [inC·dm][1][kH][kW]:
 * Keras' depthwise kernel is (kH, kW, inC, dm) — its fans count inC, as Keras computes them.
 */
export function initDepthwiseWeights(
  rng: Rng,
  framework: Framework,
  s: { inChannels: number; depthMultiplier: number; kernelH: number; kernelW: number; useBias: boolean },
): ConvWeights {
  const { inChannels, depthMultiplier, kernelH, kernelW } = s;
  const outChannels = inChannels * depthMultiplier;
  const { data, bias } = draw(
    rng,
    framework,
    outChannels * kernelH * kernelW,
    outChannels,
    s.useBias,
    [kernelH, kernelW, inChannels, depthMultiplier],
    [outChannels, 1, kernelH, kernelW],
  );
  return { outChannels, inPerGroup: 1, kernelH, kernelW, data, bias };
}

/** Transposed-conv weights [inC][outPerGroup][kH][kW]: Keras kernel (kH, kW, filters, inC), PyTorch (inC, outPerGroup, kH, kW). */
export function initConvTransposeWeights(
  rng: Rng,
  framework: Framework,
  s: {
    inChannels: number;
    outPerGroup: number;
    groups: number;
    kernelH: number;
    kernelW: number;
    useBias: boolean;
  },
): ConvTransposeWeights {
  const { inChannels, outPerGroup, kernelH, kernelW } = s;
  const filters = outPerGroup * s.groups;
  const { data, bias } = draw(
    rng,
    framework,
    inChannels * outPerGroup * kernelH * kernelW,
    filters,
    s.useBias,
    [kernelH, kernelW, filters, inChannels],
    [inChannels, outPerGroup, kernelH, kernelW],
  );
  return { inChannels, outPerGroup, kernelH, kernelW, data, bias };
}

/** Dense weights [units][in]: Keras kernel (in, units), PyTorch Linear (units, in). */
export function initDenseWeights(
  rng: Rng,
  framework: Framework,
  s: { units: number; inFeatures: number; useBias: boolean },
): DenseWeights {
  const { units, inFeatures } = s;
  const { data, bias } = draw(
    rng,
    framework,
    units * inFeatures,
    units,
    s.useBias,
    [inFeatures, units],
    [units, inFeatures],
  );
  return { units, inFeatures, data, bias };
}
