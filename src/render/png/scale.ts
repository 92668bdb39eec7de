// Integer resampling only: a map is shown at its real resolution, each value an up×up block
// (nearest neighbour, no smoothing that would invent detail), or, when it is too big, averaged over
// down×down blocks (a box filter over the values, before colour mapping).
import type { Canvas } from "./canvas.js";

/** Exactly one of up, down is > 1 (or both are 1). */
export interface Scale {
  up: number;
  down: number;
}

/**
 * The integer scale that brings `length` pixels closest to `target` without passing it, but at
 * least to `min` when that is reachable by enlarging (e.g. 61 px, target 145 → up 2 = 122 px;
 * 30 px, min 64 → up 3 = 90 px even if the target is 80; 600 px, target 256 → down 3 = 200 px).
 */
export function chooseScale(length: number, target: number, min = 1): Scale {
  if (length <= target) {
    const up = Math.max(1, Math.floor(target / length), Math.ceil(min / length));
    return { up, down: 1 };
  }
  return { up: 1, down: Math.ceil(length / target) };
}

/** One step smaller: a smaller enlargement, or a coarser average. */
export function smallerScale(s: Scale): Scale {
  return s.up > 1 ? { up: s.up - 1, down: 1 } : { up: 1, down: s.down + 1 };
}

export function scaled(length: number, s: Scale): number {
  return s.down > 1 ? Math.ceil(length / s.down) : length * s.up;
}

/**
 * Box-average `values` (h×w, row-major) over down×down blocks; the last row/column of blocks may be
 * partial. NaN and ±Infinity are left out of the average (a block of nothing but NaN stays NaN).
 */
export function downsample(
  values: ArrayLike<number>,
  h: number,
  w: number,
  down: number,
): { values: Float32Array; height: number; width: number } {
  const oh = Math.ceil(h / down);
  const ow = Math.ceil(w / down);
  const sum = new Float64Array(oh * ow);
  const count = new Uint32Array(oh * ow);
  for (let y = 0; y < h; y++) {
    const orow = Math.floor(y / down) * ow;
    for (let x = 0; x < w; x++) {
      const v = values[y * w + x] as number;
      if (!Number.isFinite(v)) continue;
      const o = orow + Math.floor(x / down);
      sum[o] = (sum[o] as number) + v;
      count[o] = (count[o] as number) + 1;
    }
  }
  const out = new Float32Array(oh * ow);
  for (let i = 0; i < out.length; i++) {
    const c = count[i] as number;
    out[i] = c > 0 ? (sum[i] as number) / c : Number.NaN;
  }
  return { values: out, height: oh, width: ow };
}

/** Copy an h×w RGB image into the canvas at (x, y), each pixel as an up×up block. */
export function blitScaled(
  canvas: Canvas,
  x: number,
  y: number,
  rgb: Uint8Array,
  h: number,
  w: number,
  up: number,
) {
  const d = canvas.data;
  const cw = canvas.width;
  const rowBytes = 3 * w * up;
  for (let sy = 0; sy < h; sy++) {
    const first = 3 * ((y + sy * up) * cw + x);
    // one scaled row…
    for (let sx = 0, o = first; sx < w; sx++) {
      const i = 3 * (sy * w + sx);
      const r = rgb[i] as number;
      const g = rgb[i + 1] as number;
      const b = rgb[i + 2] as number;
      for (let k = 0; k < up; k++, o += 3) {
        d[o] = r;
        d[o + 1] = g;
        d[o + 2] = b;
      }
    }
    // …repeated up − 1 times below it
    for (let k = 1; k < up; k++) d.copyWithin(first + 3 * k * cw, first, first + rowBytes);
  }
}
