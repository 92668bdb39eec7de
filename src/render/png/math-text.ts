// Text with the few mathematical signs the conv arithmetic needs (⌊ ⌋ ⌈ ⌉ →), drawn in the style of
// the embedded 5×7 font (font.ts, which would draw them as hollow boxes). Same glyph format: five
// column bytes, bit 0 the top row; every other character goes through font.ts unchanged, so widths
// are font.ts's textWidth.
import { ADVANCE, drawText, GLYPH_HEIGHT, GLYPH_WIDTH } from "./font.js";

const MATH: Record<string, readonly number[]> = {
  "⌊": [0x00, 0x7f, 0x40, 0x40, 0x00],
  "⌋": [0x00, 0x40, 0x40, 0x7f, 0x00],
  "⌈": [0x00, 0x7f, 0x01, 0x01, 0x00],
  "⌉": [0x00, 0x01, 0x01, 0x7f, 0x00],
  "→": [0x08, 0x08, 0x2a, 0x1c, 0x08],
};

/** Like font.ts's drawText, but also draws ⌊ ⌋ ⌈ ⌉ →. Returns the x after the text. */
export function drawMathText(
  buffer: Uint8Array,
  width: number,
  x: number,
  y: number,
  text: string,
  rgb: readonly [number, number, number],
  scale = 1,
): number {
  const s = Math.max(1, Math.floor(scale));
  const height = Math.floor(buffer.length / (3 * width));
  let cx = x;
  for (const ch of text) {
    const cols = MATH[ch];
    if (cols === undefined) {
      cx = drawText(buffer, width, cx, y, ch, rgb, s);
      continue;
    }
    for (let col = 0; col < GLYPH_WIDTH; col++) {
      const bits = cols[col] as number;
      for (let row = 0; row < GLYPH_HEIGHT; row++) {
        if (((bits >> row) & 1) === 0) continue;
        for (let dy = 0; dy < s; dy++) {
          const yy = y + row * s + dy;
          if (yy < 0 || yy >= height) continue;
          for (let dx = 0; dx < s; dx++) {
            const xx = cx + col * s + dx;
            if (xx < 0 || xx >= width) continue;
            const o = 3 * (yy * width + xx);
            buffer[o] = rgb[0];
            buffer[o + 1] = rgb[1];
            buffer[o + 2] = rgb[2];
          }
        }
      }
    }
    cx += ADVANCE * s;
  }
  return cx;
}
