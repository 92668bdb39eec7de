import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../src/image/save-png.js";

/** Decode a PNG back to interleaved bytes with `channels` channels (grey+alpha via RGBA). */
async function decode(png: Buffer, channels: number) {
  if (channels === 1) return sharp(png).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
  if (channels === 3) return sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const rgba = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (channels === 4) return rgba;
  const ga = Buffer.alloc((rgba.data.length / 4) * 2);
  for (let i = 0, j = 0; i < rgba.data.length; i += 4, j += 2) {
    ga[j] = rgba.data[i] as number;
    ga[j + 1] = rgba.data[i + 3] as number;
  }
  return { data: ga, info: { ...rgba.info, channels: 2 } };
}

/** A 1024² grid of 16×16 feature maps, each 64², drawn through a 256-entry colour map. */
function featureGrid(): Uint8Array {
  const W = 1024;
  const lut = Array.from({ length: 256 }, (_, i) => [
    Math.round(68 + i * 0.7),
    Math.round(i * 0.9),
    255 - Math.round(i * 0.6),
  ]);
  const px = new Uint8Array(W * W * 3);
  for (let y = 0; y < W; y++)
    for (let x = 0; x < W; x++) {
      const m = (y >> 6) * 16 + (x >> 6);
      const v = Math.floor(
        127.5 + 127.49 * Math.sin((x & 63) * 0.1 * (1 + (m % 5))) * Math.cos((y & 63) * 0.07 + m),
      );
      px.set(lut[v] as number[], (y * W + x) * 3);
    }
  return px;
}

describe("encodePng", () => {
  it("a 1024² colour-mapped feature grid: palette PNG, lossless, well under 1 MB", async () => {
    const px = featureGrid();
    const t0 = performance.now();
    const png = await encodePng(px, 1024, 1024, 3);
    const ms = performance.now() - t0;
    const meta = await sharp(png).metadata();
    expect(meta.isPalette).toBe(true);
    expect(png.length).toBeLessThan(700 * 1024);
    const back = await decode(png, 3);
    expect(Buffer.compare(back.data, Buffer.from(px))).toBe(0);
    expect(ms).toBeLessThan(2000);
  });

  it("more than 256 colours: truecolour, never quantised", async () => {
    const w = 64;
    const px = new Uint8Array(w * w * 3);
    for (let i = 0; i < w * w; i++) px.set([i & 255, (i >> 4) & 255, (i * 7) & 255], i * 3);
    const png = await encodePng(px, w, w, 3);
    expect((await sharp(png).metadata()).isPalette).toBe(false);
    expect(Buffer.compare((await decode(png, 3)).data, Buffer.from(px))).toBe(0);
  });

  it("RGBA with few colours round-trips exactly, alpha included", async () => {
    const px = new Uint8Array(8 * 8 * 4);
    for (let i = 0; i < 64; i++)
      px.set(i % 3 === 0 ? [255, 0, 0, 255] : i % 3 === 1 ? [0, 0, 255, 128] : [9, 9, 9, 0], i * 4);
    const png = await encodePng(px, 8, 8, 4);
    const back = await decode(png, 4);
    expect(back.info.channels).toBe(4);
    expect(Buffer.compare(back.data, Buffer.from(px))).toBe(0);
  });

  it("greyscale stays one channel and round-trips", async () => {
    const px = Uint8Array.from({ length: 300 * 200 }, (_, i) => (i * 13) & 255);
    const png = await encodePng(px, 300, 200, 1);
    const meta = await sharp(png).metadata();
    expect([meta.channels, meta.width, meta.height]).toEqual([1, 300, 200]);
    expect(Buffer.compare((await decode(png, 1)).data, Buffer.from(px))).toBe(0);
  });

  it("grey + alpha stays two channels and round-trips", async () => {
    const px = Uint8Array.from({ length: 16 * 8 * 2 }, (_, i) => (i % 2 ? (i * 29) & 255 : (i * 7) & 255));
    const png = await encodePng(px, 16, 8, 2);
    expect((await sharp(png).metadata()).channels).toBe(2);
    expect(Buffer.compare((await decode(png, 2)).data, Buffer.from(px))).toBe(0);
  });

  it("a view into a larger buffer is encoded from its own bytes", async () => {
    const big = new Uint8Array(100).fill(7);
    big.set([1, 2, 3, 4, 5, 6], 10);
    const png = await encodePng(big.subarray(10, 16), 2, 1, 3);
    expect(Array.from((await decode(png, 3)).data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("a size that does not match the bytes is a bug and throws", async () => {
    await expect(encodePng(new Uint8Array(11), 2, 2, 3)).rejects.toThrow(RangeError);
    await expect(encodePng(new Uint8Array(0), 0, 0, 3)).rejects.toThrow(RangeError);
  });
});
