// The RGB image every renderer here assembles in plain TypeScript: 3 bytes per pixel, row-major,
// no alpha. sharp only encodes the finished buffer to PNG (DESIGN: filling one buffer and encoding
// once is ~3× faster than asking sharp to composite() tiles).
//
// PNG choice: truecolour RGB, zlib level 6, no adaptive row filtering. The grids are large flat
// runs (nearest-neighbour blocks, gutters, header) that zlib alone packs well: on the seed model's
// maps this was 7× faster to encode than level 9 with adaptive filtering (24 vs 171 ms for three
// grids) and smaller too (conv_1: 136 KB vs 175 KB). Palette mode is not used: one colour map
// already has 256 entries, plus the NaN colour, UI colours and the label boxes, so a 256-colour
// palette would have to quantise, and quantising a colour map is exactly the loss we must avoid.
import sharp from "sharp";

export type Rgb = readonly [number, number, number];

export interface Canvas {
  width: number;
  height: number;
  /** data[3·(y·width + x) + channel]. */
  data: Uint8Array;
}

export function createCanvas(width: number, height: number, background: Rgb): Canvas {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0))
    throw new Error(`createCanvas: bad size ${width}×${height}`);
  const canvas = { width, height, data: new Uint8Array(width * height * 3) };
  fillRect(canvas, 0, 0, width, height, background);
  return canvas;
}

/** Fill the rectangle (clipped to the canvas) with one colour. */
export function fillRect(canvas: Canvas, x: number, y: number, w: number, h: number, rgb: Rgb): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(canvas.width, x + w);
  const y1 = Math.min(canvas.height, y + h);
  if (x1 <= x0 || y1 <= y0) return;
  const d = canvas.data;
  const rowBytes = 3 * (x1 - x0);
  // Paint the first row pixel by pixel, then copy it down.
  const first = 3 * (y0 * canvas.width + x0);
  for (let o = first; o < first + rowBytes; o += 3) {
    d[o] = rgb[0];
    d[o + 1] = rgb[1];
    d[o + 2] = rgb[2];
  }
  for (let yy = y0 + 1; yy < y1; yy++) d.copyWithin(3 * (yy * canvas.width + x0), first, first + rowBytes);
}

/** Mix `rgb` over the rectangle with weight `alpha` (0…1): a see-through box behind a label. */
export function blendRect(
  canvas: Canvas,
  x: number,
  y: number,
  w: number,
  h: number,
  rgb: Rgb,
  alpha: number,
) {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(canvas.width, x + w);
  const y1 = Math.min(canvas.height, y + h);
  const d = canvas.data;
  const keep = 1 - alpha;
  for (let yy = y0; yy < y1; yy++) {
    for (let o = 3 * (yy * canvas.width + x0), end = 3 * (yy * canvas.width + x1); o < end; o += 3) {
      d[o] = Math.round((d[o] as number) * keep + rgb[0] * alpha);
      d[o + 1] = Math.round((d[o + 1] as number) * keep + rgb[1] * alpha);
      d[o + 2] = Math.round((d[o + 2] as number) * keep + rgb[2] * alpha);
    }
  }
}

/** A 1-px frame just outside the rectangle, mixed in with weight `alpha`. */
export function frameRect(
  canvas: Canvas,
  x: number,
  y: number,
  w: number,
  h: number,
  rgb: Rgb,
  alpha: number,
) {
  blendRect(canvas, x - 1, y - 1, w + 2, 1, rgb, alpha);
  blendRect(canvas, x - 1, y + h, w + 2, 1, rgb, alpha);
  blendRect(canvas, x - 1, y, 1, h, rgb, alpha);
  blendRect(canvas, x + w, y, 1, h, rgb, alpha);
}

/** Encode the canvas as a PNG (truecolour, level 6, no adaptive filtering; see the note at the top). */
export async function encodePng(canvas: Canvas): Promise<Buffer> {
  return sharp(canvas.data, { raw: { width: canvas.width, height: canvas.height, channels: 3 } })
    .png({ compressionLevel: 6, adaptiveFiltering: false, palette: false })
    .toBuffer();
}
