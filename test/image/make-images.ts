// Real image files for the tests, made with sharp (or by hand, for the 10000² PNG) at run time;
// no binaries are committed.
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import type { Planes } from "../../src/conv/tensor.js";

export type RGB = readonly [number, number, number];

/** Interleaved RGB bytes, colour chosen per pixel. */
export function rgbPixels(width: number, height: number, colour: (x: number, y: number) => RGB): Buffer {
  const b = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, bl] = colour(x, y);
      const i = (y * width + x) * 3;
      b[i] = r;
      b[i + 1] = g;
      b[i + 2] = bl;
    }
  return b;
}

/** A sharp pipeline over raw RGB pixels. */
export function fromRgb(width: number, height: number, colour: (x: number, y: number) => RGB) {
  return sharp(rgbPixels(width, height, colour), { raw: { width, height, channels: 3 } });
}

export function solid(width: number, height: number, c: RGB) {
  return fromRgb(width, height, () => c);
}

/** Pixel (x, y) of a Planes, one value per channel. */
export function at(p: Planes, x: number, y: number): number[] {
  const n = p.height * p.width;
  return Array.from({ length: p.channels }, (_, c) => p.data[c * n + y * p.width + x] as number);
}

/** Every pixel of a Planes. */
export function* pixels(p: Planes): Generator<{ x: number; y: number; v: number[] }> {
  for (let y = 0; y < p.height; y++) for (let x = 0; x < p.width; x++) yield { x, y, v: at(p, x, y) };
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const v of b) c = (CRC_TABLE[(c ^ v) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A valid, fully decodable single-colour (white) PNG of any size, written by hand as 1-bit
 * greyscale so that a 10000×10000 file takes milliseconds to make (~12 KB on disk).
 */
export function hugeWhitePng(width: number, height: number): Buffer {
  const rowBytes = Math.ceil(width / 8);
  const row = Buffer.alloc(1 + rowBytes, 0xff);
  row[0] = 0; // filter: none
  const rawRows = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(rawRows, y * row.length);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rawRows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Deterministic pseudo-random bytes (xorshift32). */
export function randomBytes(n: number, seed = 0x2545f491): Buffer {
  const b = Buffer.alloc(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    b[i] = s & 0xff;
  }
  return b;
}
