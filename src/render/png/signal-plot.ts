// A 1-D map (H = 1: Conv1D outputs, sequences) drawn as a small area plot rather than a 1-pixel
// strip: position along the tile is the sample index, height is the value, and the area between the
// baseline and the value is filled with the colour map (each row the colour of the value at that
// height). So the shape of the signal reads at a glance and the colours still mean what they mean in
// the 2-D tiles. Baseline: 0 for the diverging map (with a thin zero line), the bottom for viridis.
// Samples are nearest-neighbour steps (up px wide), or min…max envelopes of `down` samples per column.
import { type Canvas, fillRect } from "./canvas.js";
import { type ColormapName, colorIndex, colorTable, NAN_RGB, type ValueRange } from "./colormap.js";
import type { Scale } from "./scale.js";
import { PANEL, TEXT_DIM } from "./style.js";

/** Height of a 1-D tile in pixels. */
export const SIGNAL_HEIGHT = 64;

export function drawSignal(
  canvas: Canvas,
  x: number,
  y: number,
  width: number,
  height: number,
  values: ArrayLike<number>,
  map: ColormapName,
  range: ValueRange,
  scale: Scale,
): void {
  fillRect(canvas, x, y, width, height, PANEL);
  const table = colorTable(map);
  const span = range.hi - range.lo;
  const yOf = (v: number) => {
    const t = (v - range.lo) / span;
    const r = Math.round((1 - Math.max(0, Math.min(1, t))) * (height - 1));
    return y + r;
  };
  // the colour of each pixel row: the value that row stands for
  const rowColor: (readonly [number, number, number])[] = [];
  for (let r = 0; r < height; r++) {
    const v = range.lo + (1 - r / Math.max(1, height - 1)) * span;
    const k = 3 * colorIndex(v, range);
    rowColor.push([table[k] as number, table[k + 1] as number, table[k + 2] as number]);
  }
  const baseline = map === "coolwarm" ? 0 : range.lo;
  const yBase = yOf(baseline);
  if (map === "coolwarm") fillRect(canvas, x, yBase, width, 1, TEXT_DIM);
  const n = values.length;
  for (let px = 0; px < width; px++) {
    const i0 = scale.down > 1 ? px * scale.down : Math.floor(px / scale.up);
    const i1 = scale.down > 1 ? Math.min(n, i0 + scale.down) : i0 + 1;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let nan = false;
    for (let i = i0; i < i1; i++) {
      const v = values[i] as number;
      if (Number.isNaN(v)) nan = true;
      else {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (lo > hi) {
      if (nan) fillRect(canvas, x + px, y, 1, height, NAN_RGB);
      continue;
    }
    const top = Math.min(yOf(hi), yBase);
    const bottom = Math.max(yOf(lo), yBase);
    for (let yy = top; yy <= bottom; yy++) fillRect(canvas, x + px, yy, 1, 1, rowColor[yy - y] ?? NAN_RGB);
  }
}
