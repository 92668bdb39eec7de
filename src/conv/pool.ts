// Pooling of one sample in the Planes layout: windowed max/avg (pads per side, dilation, PyTorch's
// ceil_mode), global max/avg, and PyTorch's adaptive max/avg.
//
// Windowed: output (oy, ox) looks at taps (oy·sH − top + ky·dH, ox·sW − left + kx·dW). Max ignores
// taps outside the input (padding is −∞). Avg sums the taps inside the input and divides by
//  - countIncludePad false (Keras 'same', tfjs, PyTorch count_include_pad=False): the taps inside;
//  - countIncludePad true (PyTorch's default): the taps inside the input or its pads — a window
//    that ceil_mode lets hang past the right pad does not count the overhang (PyTorch's
//    hend = min(hstart + k, in + pad)).

import { type Planes, planes } from "./tensor.js";
import { checkPads, checkPositive, type Window2d, windowOutputSize } from "./window.js";

export type PoolOp = "max" | "avg";

export interface PoolOptions extends Window2d {
  kernel: [number, number];
  ceilMode: boolean;
  /** Avg only: whether the padding counts in the divisor (see the file comment). */
  countIncludePad: boolean;
}

/** Output height and width of a windowed pool (PyTorch's ceil_mode rule included); may be ≤ 0. */
export function poolOutputSize(input: Planes, o: PoolOptions): [number, number] {
  const [top, bottom, left, right] = o.pads;
  return [
    windowOutputSize(input.height, o.kernel[0], o.strides[0], o.dilation[0], top, bottom, o.ceilMode),
    windowOutputSize(input.width, o.kernel[1], o.strides[1], o.dilation[1], left, right, o.ceilMode),
  ];
}

/** Windowed max or average pooling (see the file comment). */
export function pool2d(input: Planes, op: PoolOp, o: PoolOptions): Planes {
  checkPositive("pool kernel", o.kernel);
  checkPositive("pool strides", o.strides);
  checkPositive("pool dilation", o.dilation);
  checkPads("pool pads", o.pads);
  const [outH, outW] = poolOutputSize(input, o);
  if (outH <= 0 || outW <= 0)
    throw new RangeError(`pool: output ${outH}×${outW} from input ${input.height}×${input.width}`);
  const { height: H, width: W, data } = input;
  const [kH, kW] = o.kernel;
  const [sH, sW] = o.strides;
  const [dH, dW] = o.dilation;
  const [top, bottom, left, right] = o.pads;
  const out = planes(input.channels, outH, outW);
  const res = out.data;
  // Per output row/column: the first tap and how many taps lie inside the input / the pads.
  const rows = axisTaps(outH, H, kH, sH, dH, top, bottom);
  const cols = axisTaps(outW, W, kW, sW, dW, left, right);
  let r = 0;
  for (let c = 0; c < input.channels; c++) {
    const base = c * H * W;
    for (let oy = 0; oy < outH; oy++) {
      const y0 = oy * sH - top;
      for (let ox = 0; ox < outW; ox++) {
        const x0 = ox * sW - left;
        let best = Number.NEGATIVE_INFINITY;
        let sum = 0;
        for (let ky = 0; ky < kH; ky++) {
          const y = y0 + ky * dH;
          if (y < 0 || y >= H) continue;
          for (let kx = 0; kx < kW; kx++) {
            const x = x0 + kx * dW;
            if (x < 0 || x >= W) continue;
            const v = data[base + y * W + x] as number;
            sum += v;
            if (v > best || Number.isNaN(v)) best = v;
          }
        }
        if (op === "max") {
          res[r++] = best;
        } else {
          const count = o.countIncludePad
            ? (rows.padded[oy] as number) * (cols.padded[ox] as number)
            : (rows.inside[oy] as number) * (cols.inside[ox] as number);
          res[r++] = count > 0 ? sum / count : 0;
        }
      }
    }
  }
  return out;
}

/** Per output index along one axis: taps inside the input, and taps inside input + pads. */
function axisTaps(
  outSize: number,
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  before: number,
  after: number,
): { inside: Int32Array; padded: Int32Array } {
  const inside = new Int32Array(outSize);
  const padded = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const start = i * stride - before;
    let n = 0;
    let m = 0;
    for (let k = 0; k < kernel; k++) {
      const p = start + k * dilation;
      if (p >= 0 && p < size) n++;
      if (p >= -before && p < size + after) m++;
    }
    inside[i] = n;
    padded[i] = m;
  }
  return { inside, padded };
}

/** Global max/avg over each channel's plane: C × 1 × 1. */
export function globalPool(input: Planes, op: PoolOp): Planes {
  const n = input.height * input.width;
  if (n === 0) throw new RangeError("globalPool: empty input");
  const out = planes(input.channels, 1, 1);
  for (let c = 0; c < input.channels; c++) {
    let best = Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let i = c * n; i < (c + 1) * n; i++) {
      const v = input.data[i] as number;
      sum += v;
      if (v > best || Number.isNaN(v)) best = v;
    }
    out.data[c] = op === "max" ? best : sum / n;
  }
  return out;
}

/** PyTorch's adaptive bins along one axis: bin i covers [⌊i·in/out⌋, ⌈(i+1)·in/out⌉). */
export function adaptiveBins(input: number, output: number): { start: number; end: number }[] {
  return Array.from({ length: output }, (_, i) => ({
    start: Math.floor((i * input) / output),
    end: Math.ceil(((i + 1) * input) / output),
  }));
}

/** PyTorch's AdaptiveMaxPool2d / AdaptiveAvgPool2d to [outH, outW] (bins may overlap). */
export function adaptivePool2d(input: Planes, op: PoolOp, size: [number, number]): Planes {
  checkPositive("adaptive pool output size", size);
  const [outH, outW] = size;
  const { height: H, width: W, data } = input;
  if (H === 0 || W === 0) throw new RangeError("adaptivePool2d: empty input");
  const rows = adaptiveBins(H, outH);
  const cols = adaptiveBins(W, outW);
  const out = planes(input.channels, outH, outW);
  let r = 0;
  for (let c = 0; c < input.channels; c++) {
    const base = c * H * W;
    for (const row of rows) {
      for (const col of cols) {
        let best = Number.NEGATIVE_INFINITY;
        let sum = 0;
        for (let y = row.start; y < row.end; y++) {
          for (let x = col.start; x < col.end; x++) {
            const v = data[base + y * W + x] as number;
            sum += v;
            if (v > best || Number.isNaN(v)) best = v;
          }
        }
        out.data[r++] = op === "max" ? best : sum / ((row.end - row.start) * (col.end - col.start));
      }
    }
  }
  return out;
}
