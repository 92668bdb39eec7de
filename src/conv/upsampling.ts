// Upsampling of one sample in the Planes layout by integer factors (Keras UpSampling1D/2D,
// PyTorch Upsample with scale_factor): nearest (each pixel repeated) or bilinear with half-pixel
// centres — Keras 3's resize and PyTorch's align_corners=False agree: the source coordinate of
// output index i is (i + 0.5)/f − 0.5, clamped at 0, and the two nearest inputs are blended.

import { type Planes, planes } from "./tensor.js";
import { checkPositive } from "./window.js";

export type UpsamplingMode = "nearest" | "bilinear";

export function upsample2d(
  input: Planes,
  factors: [number, number],
  mode: UpsamplingMode = "nearest",
): Planes {
  checkPositive("upsample factors", factors);
  return mode === "nearest" ? upsampleNearest(input, factors) : upsampleBilinear(input, factors);
}

function upsampleNearest(input: Planes, [fH, fW]: [number, number]): Planes {
  const { channels: C, height: H, width: W, data } = input;
  const outH = H * fH;
  const outW = W * fW;
  const out = planes(C, outH, outW);
  let r = 0;
  for (let c = 0; c < C; c++)
    for (let y = 0; y < outH; y++) {
      const row = (c * H + Math.floor(y / fH)) * W;
      for (let x = 0; x < outW; x++) out.data[r++] = data[row + Math.floor(x / fW)] as number;
    }
  return out;
}

/** Per output index: the lower and upper source index and the weight of the upper one. */
function halfPixelTaps(inSize: number, factor: number): { lo: Int32Array; hi: Int32Array; t: Float64Array } {
  const n = inSize * factor;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const src = Math.max((i + 0.5) / factor - 0.5, 0);
    const l = Math.min(Math.floor(src), inSize - 1);
    lo[i] = l;
    hi[i] = Math.min(l + 1, inSize - 1);
    t[i] = src - l;
  }
  return { lo, hi, t };
}

function upsampleBilinear(input: Planes, [fH, fW]: [number, number]): Planes {
  const { channels: C, height: H, width: W, data } = input;
  const rows = halfPixelTaps(H, fH);
  const cols = halfPixelTaps(W, fW);
  const outH = H * fH;
  const outW = W * fW;
  const out = planes(C, outH, outW);
  let r = 0;
  for (let c = 0; c < C; c++) {
    const base = c * H * W;
    for (let y = 0; y < outH; y++) {
      const top = base + (rows.lo[y] as number) * W;
      const bottom = base + (rows.hi[y] as number) * W;
      const ty = rows.t[y] as number;
      for (let x = 0; x < outW; x++) {
        const l = cols.lo[x] as number;
        const h = cols.hi[x] as number;
        const tx = cols.t[x] as number;
        const a = (data[top + l] as number) * (1 - tx) + (data[top + h] as number) * tx;
        const b = (data[bottom + l] as number) * (1 - tx) + (data[bottom + h] as number) * tx;
        out.data[r++] = a * (1 - ty) + b * ty;
      }
    }
  }
  return out;
}
