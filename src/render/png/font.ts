// A small bitmap font embedded as data, so text renders on a machine without system fonts (sharp's
// SVG text would need fontconfig and a font file; this needs nothing).
//
// The glyphs for ASCII 32–126 are the classic 5×7 LCD font as shipped in Adafruit-GFX-Library
// (glcdfont.c, "standard ASCII" range; Copyright (c) 2012 Adafruit Industries, BSD licence). "×",
// "·" and "…" are drawn here in the same style; anything else renders as a hollow box.
//
// Each glyph is five columns, left to right, written as 10 hex digits (2 per column). In a column
// byte, bit 0 is the top row; rows 0–6 are the cap height and row 7 holds descenders (g, j, p, q, y, ",").

/** Glyph cell (pixels at scale 1). */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 8;
/** Horizontal distance from one glyph to the next (one blank column between glyphs). */
export const ADVANCE = 6;

// biome-ignore format: one row per 8 glyphs, matching the comment
const ASCII = [
  "0000000000", "00005f0000", "0007000700", "147f147f14", "242a7f2a12", "2313086462", "3649562050", "0008070300", //   ! " # $ % & '
  "001c224100", "0041221c00", "2a1c7f1c2a", "08083e0808", "0080703000", "0808080808", "0000606000", "2010080402", // ( ) * + , - . /
  "3e5149453e", "00427f4000", "7249494946", "2141494d33", "1814127f10", "2745454539", "3c4a494931", "4121110907", // 0 1 2 3 4 5 6 7
  "3649494936", "464949291e", "0000140000", "0040340000", "0008142241", "1414141414", "0041221408", "0201590906", // 8 9 : ; < = > ?
  "3e415d594e", "7c1211127c", "7f49494936", "3e41414122", "7f4141413e", "7f49494941", "7f09090901", "3e41415173", // @ A B C D E F G
  "7f0808087f", "00417f4100", "2040413f01", "7f08142241", "7f40404040", "7f021c027f", "7f0408107f", "3e4141413e", // H I J K L M N O
  "7f09090906", "3e4151215e", "7f09192946", "2649494932", "03017f0103", "3f4040403f", "1f2040201f", "3f4038403f", // P Q R S T U V W
  "6314081463", "0304780403", "6159494d43", "007f414141", "0204081020", "004141417f", "0402010204", "4040404040", // X Y Z [ \ ] ^ _
  "0003070800", "2054547840", "7f28444438", "3844444428", "384444287f", "3854545418", "00087e0902", "18a4a49c78", // ` a b c d e f g
  "7f08040478", "00447d4000", "2040403d00", "7f10284400", "00417f4000", "7c04780478", "7c08040478", "3844444438", // h i j k l m n o
  "fc18242418", "18242418fc", "7c08040408", "4854545424", "04043f4424", "3c4040207c", "1c2040201c", "3c4030403c", // p q r s t u v w
  "4428102844", "4c9090907c", "4464544c44", "0008364100", "0000770000", "0041360800", "0201020402", // x y z { | } ~
];

const EXTRA: Record<string, string> = {
  "×": "2214081422", // multiplication sign: a 5×5 cross on the cap-height centre (smaller than "x")
  "·": "0000181800", // middle dot: "." raised to the centre
  "…": "4000400040", // ellipsis: three 1-px dots on the baseline
  "−": "0808080808", // minus sign, drawn as "-"
};

const BOX = "7f4141417f";

function columns(hex: string): Uint8Array {
  const out = new Uint8Array(GLYPH_WIDTH);
  for (let c = 0; c < GLYPH_WIDTH; c++) out[c] = Number.parseInt(hex.slice(2 * c, 2 * c + 2), 16);
  return out;
}

const GLYPHS = new Map<string, Uint8Array>();
for (let i = 0; i < ASCII.length; i++) GLYPHS.set(String.fromCharCode(32 + i), columns(ASCII[i] as string));
for (const [ch, hex] of Object.entries(EXTRA)) GLYPHS.set(ch, columns(hex));
const BOX_GLYPH = columns(BOX);

/** The five column bytes for one character (a hollow box when the font does not have it). */
export function glyph(ch: string): Uint8Array {
  return GLYPHS.get(ch) ?? BOX_GLYPH;
}

/** Width in pixels of `text` drawn at `scale` (no trailing blank column). */
export function textWidth(text: string, scale = 1): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * ADVANCE - 1) * scale;
}

/**
 * Draw one glyph (five column bytes, bit 0 the top row) with its top-left corner at (x, y); each
 * font pixel becomes a scale×scale square; pixels outside the buffer are clipped.
 */
export function drawGlyph(
  buffer: Uint8Array,
  width: number,
  x: number,
  y: number,
  columns: ArrayLike<number>,
  rgb: readonly [number, number, number],
  scale: number,
): void {
  const height = Math.floor(buffer.length / (3 * width));
  for (let col = 0; col < GLYPH_WIDTH; col++) {
    const bits = columns[col] ?? 0;
    if (bits === 0) continue;
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      if (((bits >> row) & 1) === 0) continue;
      const px = x + col * scale;
      const py = y + row * scale;
      for (let dy = 0; dy < scale; dy++) {
        const yy = py + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = 0; dx < scale; dx++) {
          const xx = px + dx;
          if (xx < 0 || xx >= width) continue;
          const o = 3 * (yy * width + xx);
          buffer[o] = rgb[0];
          buffer[o + 1] = rgb[1];
          buffer[o + 2] = rgb[2];
        }
      }
    }
  }
}

/**
 * Draw `text` into an RGB buffer (3 bytes per pixel, rows of `width` pixels) with its top-left
 * corner at (x, y); each font pixel becomes a scale×scale square. Pixels outside the buffer are
 * clipped. Returns the x where a following glyph would start.
 */
export function drawText(
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
    drawGlyph(buffer, width, cx, y, glyph(ch), rgb, s);
    cx += ADVANCE * s;
  }
  return cx;
}
