// The tensor operations of a model's graph that join or reshape maps rather than compute new ones:
// element-wise sums and products of two maps (residual connections, with PyTorch's broadcasting
// of size-1 axes), concatenation along the channels, and PyTorch's view/flatten of a contiguous
// (C, H, W) sample, which keeps the memory order and only changes how it is read.

import type { FeatureMap } from "./feature-map.js";
import { type Planes, planes } from "./tensor.js";

export type MergeOp = "add" | "sub" | "mul" | "div" | "average" | "maximum" | "minimum";

const APPLY: Record<MergeOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  average: (a, b) => a + b,
  maximum: Math.max,
  minimum: Math.min,
};

/** a op b, broadcasting an axis of size 1 on either side; null when the sizes cannot broadcast. */
export function combine(a: Planes, b: Planes, op: MergeOp): Planes | null {
  const dim = (x: number, y: number) => (x === y || y === 1 ? x : x === 1 ? y : -1);
  const C = dim(a.channels, b.channels);
  const H = dim(a.height, b.height);
  const W = dim(a.width, b.width);
  if (C < 0 || H < 0 || W < 0) return null;
  const out = planes(C, H, W);
  const f = APPLY[op];
  const at = (p: Planes, c: number, y: number, x: number) =>
    p.data[
      (p.channels === 1 ? 0 : c) * p.height * p.width +
        (p.height === 1 ? 0 : y) * p.width +
        (p.width === 1 ? 0 : x)
    ] as number;
  let i = 0;
  for (let c = 0; c < C; c++)
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out.data[i++] = f(at(a, c, y, x), at(b, c, y, x));
  return out;
}

/** Keras Average and a chain of PyTorch additions over several maps. */
export function combineAll(maps: Planes[], op: MergeOp): Planes | null {
  let acc: Planes | null = maps[0] ?? null;
  for (const m of maps.slice(1)) acc = acc && combine(acc, m, op);
  if (acc && op === "average")
    for (let i = 0; i < acc.data.length; i++) acc.data[i] = (acc.data[i] as number) / maps.length;
  return acc;
}

/** Maps with the same height and width stacked along the channels. */
export function concatChannels(maps: Planes[]): Planes | null {
  const first = maps[0];
  if (!first || maps.some((m) => m.height !== first.height || m.width !== first.width)) return null;
  const out = planes(
    maps.reduce((s, m) => s + m.channels, 0),
    first.height,
    first.width,
  );
  let offset = 0;
  for (const m of maps) {
    out.data.set(m.data, offset);
    offset += m.data.length;
  }
  return out;
}

/** PyTorch view/reshape/flatten of one contiguous (C, H, W) sample to `dims` (batch excluded). */
export function reshapeContiguous(fm: FeatureMap, dims: number[]): FeatureMap | null {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== fm.planes.data.length) return null;
  const data = fm.planes.data;
  if (dims.length === 1) return { planes: planes(dims[0] as number, 1, 1, data), rank: 0 };
  if (dims.length === 2) return { planes: planes(dims[0] as number, 1, dims[1] as number, data), rank: 1 };
  if (dims.length === 3)
    return { planes: planes(dims[0] as number, dims[1] as number, dims[2] as number, data), rank: 2 };
  return null;
}
