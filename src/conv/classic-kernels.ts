// The classic 3×3 image kernels, and how a kernel bank is applied to a many-channel image.
// Applied as frameworks apply weights: cross-correlation (no flip), so sobel-x is positive where
// intensity rises to the right and sobel-y where it rises downwards.
// Per input channel, depthwise: every kernel of the bank runs on every input channel on its own
// (groups = inC), so an RGB image through "edges" (two kernels) gives 6 channels ordered
// R·sobel-x, R·sobel-y, G·sobel-x, … ; a single kernel keeps the channel count (a blur of RGB
// is an RGB blur). Sums: identity, box, gaussian, sharpen and emboss sum to 1 (brightness kept);
// sobel-x, sobel-y and laplacian sum to 0 (flat regions go to 0).

import { type ConvWeights, convWeights } from "./conv2d.js";

export type Kernel = number[][];

const CLASSIC: Record<string, Kernel[]> = {
  identity: [
    [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0],
    ],
  ],
  box: [
    [
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
      [1 / 9, 1 / 9, 1 / 9],
    ],
  ],
  gaussian: [
    [
      [1 / 16, 2 / 16, 1 / 16],
      [2 / 16, 4 / 16, 2 / 16],
      [1 / 16, 2 / 16, 1 / 16],
    ],
  ],
  sharpen: [
    [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0],
    ],
  ],
  "sobel-x": [
    [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  ],
  "sobel-y": [
    [
      [-1, -2, -1],
      [0, 0, 0],
      [1, 2, 1],
    ],
  ],
  laplacian: [
    [
      [0, 1, 0],
      [1, -4, 1],
      [0, 1, 0],
    ],
  ],
  emboss: [
    [
      [-2, -1, 0],
      [-1, 1, 1],
      [0, 1, 2],
    ],
  ],
};
CLASSIC.edges = [...(CLASSIC["sobel-x"] ?? []), ...(CLASSIC["sobel-y"] ?? [])];

export const CLASSIC_KERNEL_NAMES: readonly string[] = Object.keys(CLASSIC);

/** The kernels of a named bank (one, or two for "edges"), as fresh arrays. */
export function classicKernels(name: string): Kernel[] {
  const bank = CLASSIC[name.toLowerCase()];
  if (!bank) throw new Error(`no classic kernel "${name}" (known: ${CLASSIC_KERNEL_NAMES.join(", ")})`);
  return bank.map((k) => k.map((row) => [...row]));
}

/** A bank of equal-sized kernels as depthwise conv weights over `channels` inputs (groups = channels). */
export function depthwiseBank(kernels: Kernel[], channels: number): { weights: ConvWeights; groups: number } {
  const first = kernels[0];
  if (!first || first.length === 0 || (first[0]?.length ?? 0) === 0)
    throw new Error("depthwiseBank: no kernel");
  const kH = first.length;
  const kW = first[0]?.length ?? 0;
  for (const k of kernels)
    if (k.length !== kH || k.some((row) => row.length !== kW))
      throw new Error(`depthwiseBank: the kernels are not all ${kH}×${kW}`);
  const perChannel = kernels.length;
  const data = new Float32Array(channels * perChannel * kH * kW);
  let i = 0;
  for (let c = 0; c < channels; c++)
    for (const k of kernels) for (const row of k) for (const v of row) data[i++] = v;
  return { weights: convWeights(channels * perChannel, 1, kH, kW, data), groups: channels };
}
