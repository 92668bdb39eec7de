// Text with the few mathematical signs the conv arithmetic needs (⌊ ⌋ ⌈ ⌉ →), drawn in the style of
// the embedded 5×7 font (font.ts, which would draw them as hollow boxes). Same glyph format: five
// column bytes, bit 0 the top row; every other character goes through font.ts unchanged, so widths
// are font.ts's textWidth.
import { ADVANCE, drawGlyph, drawText } from "./font.js";

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
  let cx = x;
  for (const ch of text) {
    const cols = MATH[ch];
    if (cols === undefined) cx = drawText(buffer, width, cx, y, ch, rgb, s);
    else {
      drawGlyph(buffer, width, cx, y, cols, rgb, s);
      cx += ADVANCE * s;
    }
  }
  return cx;
}
