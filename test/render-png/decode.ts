// Test helper: decode a PNG with sharp to raw RGB pixels, and look at them.
import sharp from "sharp";
import { expect } from "vitest";
import { drawText, GLYPH_HEIGHT, textWidth } from "../../src/render/png/font.js";

export interface Raw {
  width: number;
  height: number;
  data: Uint8Array;
}

export async function decode(png: Buffer): Promise<Raw> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(3);
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

export function px(img: Raw, x: number, y: number): [number, number, number] {
  const o = 3 * (y * img.width + x);
  return [img.data[o] as number, img.data[o + 1] as number, img.data[o + 2] as number];
}

export function tableColor(table: Uint8Array, i: number): [number, number, number] {
  return [table[3 * i] as number, table[3 * i + 1] as number, table[3 * i + 2] as number];
}

/** Is `text`, drawn with the bitmap font in `rgb` at `scale`, somewhere inside rows y0…y1 of the image? */
export function containsText(
  img: Raw,
  text: string,
  rgb: readonly [number, number, number],
  scale: number,
  y0 = 0,
  y1 = img.height,
): boolean {
  const w = textWidth(text, scale) + scale;
  const h = GLYPH_HEIGHT * scale;
  const mask = new Uint8Array(w * h * 3);
  drawText(mask, w, 0, 0, text, [255, 255, 255], scale);
  const on: [number, number][] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (mask[3 * (y * w + x)] === 255) on.push([x, y]);
  for (let y = y0; y + h <= y1; y++) {
    for (let x = 0; x + w <= img.width; x++) {
      let all = true;
      for (const [dx, dy] of on) {
        const o = 3 * ((y + dy) * img.width + x + dx);
        if (img.data[o] !== rgb[0] || img.data[o + 1] !== rgb[1] || img.data[o + 2] !== rgb[2]) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
  }
  return false;
}
