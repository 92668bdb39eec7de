// Where the tiles go: a near-square grid of equal tiles, then pixel positions with gutters.
import { GUTTER, MARGIN } from "./style.js";

export interface GridShape {
  cols: number;
  rows: number;
}

/**
 * A near-square arrangement of n tiles of aspect tileW:tileH. Starts from the column count that
 * makes the whole grid about square (⌈√(n·tileH/tileW)⌉) and takes one more column when that leaves
 * fewer empty cells: 64 → 8×8, 24 → 6×4 (not 5×5 with a hole), 3 → 3×1, 10 → 5×2; wide 1-D
 * tiles get fewer columns.
 */
export function gridShape(n: number, tileW: number, tileH: number): GridShape {
  if (n <= 0) return { cols: 0, rows: 0 };
  const c0 = Math.min(n, Math.max(1, Math.ceil(Math.sqrt((n * tileH) / tileW))));
  const empty = (c: number) => Math.ceil(n / c) * c - n;
  const cols = c0 < n && empty(c0 + 1) < empty(c0) ? c0 + 1 : c0;
  return { cols, rows: Math.ceil(n / cols) };
}

/** Pixel size of the tile area (tiles, gutters between them, outer margin on every side). */
export function gridPixelSize(
  shape: GridShape,
  tileW: number,
  tileH: number,
): { width: number; height: number } {
  return {
    width: 2 * MARGIN + shape.cols * tileW + Math.max(0, shape.cols - 1) * GUTTER,
    height: 2 * MARGIN + shape.rows * tileH + Math.max(0, shape.rows - 1) * GUTTER,
  };
}

/** Top-left corner of tile i (row-major), relative to the tile area's top-left corner. */
export function tileOrigin(
  i: number,
  shape: GridShape,
  tileW: number,
  tileH: number,
): { x: number; y: number } {
  const col = i % shape.cols;
  const row = Math.floor(i / shape.cols);
  return { x: MARGIN + col * (tileW + GUTTER), y: MARGIN + row * (tileH + GUTTER) };
}
