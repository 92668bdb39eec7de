import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Planes } from "../../src/conv/tensor.js";
import { canDecode, LOCAL_FORMATS } from "../../src/image/formats.js";
import { type LoadImageResult, loadImage } from "../../src/image/load-image.js";
import { at, fromRgb, hugeWhitePng, pixels, randomBytes, rgbPixels, solid } from "./make-images.js";

const RGB3 = { channels: 3, size: null } as const;

function ok(r: LoadImageResult) {
  if (!r.ok)
    throw new Error(`expected an image, got ${r.error.code}: ${r.error.message} (${r.error.detail})`);
  expect(r.planes.data.length).toBe(r.planes.channels * r.planes.height * r.planes.width);
  for (const v of r.planes.data) if (!(v >= 0 && v <= 1)) throw new Error(`value ${v} outside [0, 1]`);
  return r;
}

function err(r: LoadImageResult) {
  if (r.ok) throw new Error("expected an error, got an image");
  expect(r.error.message.length).toBeGreaterThan(20);
  expect(r.error.message).not.toMatch(/vips|libpng|sharp/i); // friendly, not the decoder's words
  return r.error;
}

function close(actual: number[], expected: number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => {
    expect(
      Math.abs(v - (expected[i] as number)),
      `channel ${i}: ${actual} vs ${expected}`,
    ).toBeLessThanOrEqual(tol);
  });
}

const RED = [255, 0, 0] as const;
const GREEN = [0, 255, 0] as const;
const BLUE = [0, 0, 255] as const;

describe("loadImage: normalisation", () => {
  it("applies EXIF orientation 6 (rotate 90° clockwise): the top-left corner lands top-right", async () => {
    // Stored 48 wide × 32 high, a red 16×16 block in the stored top-left, the rest blue.
    const jpg = await fromRgb(48, 32, (x, y) => (x < 16 && y < 16 ? RED : BLUE))
      .jpeg({ quality: 100, chromaSubsampling: "4:4:4" })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(jpg).metadata()).orientation).toBe(6);
    const r = ok(await loadImage(jpg, RGB3));
    expect([r.planes.height, r.planes.width]).toEqual([48, 32]);
    expect(r.note).toMatchObject({
      format: "jpeg",
      orientationApplied: true,
      originalWidth: 32,
      originalHeight: 48,
    });
    close(at(r.planes, 28, 3), [1, 0, 0], 0.1); // displayed top-right: red
    close(at(r.planes, 3, 3), [0, 0, 1], 0.1); // displayed top-left: blue
    close(at(r.planes, 28, 44), [0, 0, 1], 0.1); // displayed bottom-right: blue
  });

  it("an image without orientation is not marked as rotated", async () => {
    const r = ok(await loadImage(await solid(6, 4, RED).jpeg().toBuffer(), RGB3));
    expect(r.note.orientationApplied).toBe(false);
    expect([r.planes.height, r.planes.width]).toEqual([4, 6]);
  });

  it("flattens alpha onto white: transparent → white, half-transparent black → mid grey", async () => {
    const w = 8;
    const h = 4;
    const rgba = Buffer.alloc(w * h * 4);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const px = x < 4 ? [255, 0, 0, 255] : x < 6 ? [12, 34, 56, 0] : [0, 0, 0, 128];
        rgba.set(px, (y * w + x) * 4);
      }
    const png = await sharp(rgba, { raw: { width: w, height: h, channels: 4 } })
      .png()
      .toBuffer();
    const r = ok(await loadImage(png, RGB3));
    expect(r.note.alphaFlattened).toBe(true);
    close(at(r.planes, 1, 1), [1, 0, 0], 0.01);
    close(at(r.planes, 4, 2), [1, 1, 1], 0.01);
    close(at(r.planes, 7, 3), [0.5, 0.5, 0.5], 0.02);
    const grey = ok(await loadImage(png, { channels: 1, size: null }));
    close(at(grey.planes, 5, 0), [1], 0.01);
  });

  it("a greyscale PNG becomes 3 equal channels", async () => {
    const png = await fromRgb(5, 3, (x) => [x * 50, x * 50, x * 50])
      .toColourspace("b-w")
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).channels).toBe(1);
    const r = ok(await loadImage(png, RGB3));
    expect(r.planes.channels).toBe(3);
    for (const { x, v } of pixels(r.planes))
      close(v, [(x * 50) / 255, (x * 50) / 255, (x * 50) / 255], 1 / 255);
  });

  it("a colour image becomes 1 channel of luminance when the model wants 1", async () => {
    const colours = [RED, GREEN, BLUE, [255, 255, 255], [0, 0, 0]] as const;
    const png = await fromRgb(5, 2, (x) => colours[x] ?? RED)
      .png()
      .toBuffer();
    const r = ok(await loadImage(png, { channels: 1, size: null }));
    expect(r.planes.channels).toBe(1);
    expect(r.planes.data.length).toBe(10);
    const [red, green, blue, white, black] = [0, 1, 2, 3, 4].map((x) => at(r.planes, x, 1)[0] as number);
    expect(white).toBeCloseTo(1, 2);
    expect(black).toBeCloseTo(0, 2);
    expect(green).toBeGreaterThan(red as number); // luminance: G > R > B
    expect(red).toBeGreaterThan(blue as number);
  });

  it("16-bit PNG → 8-bit values in [0, 1], 3 channels and 1", async () => {
    const w = 4;
    const h = 2;
    const u16 = new Uint16Array(w * h * 3);
    for (let i = 0; i < u16.length; i++) u16[i] = [0x8080, 0x4000, 0xffff][i % 3] as number;
    const png = await sharp(u16, { raw: { width: w, height: h, channels: 3 } })
      .toColourspace("rgb16")
      .png()
      .toBuffer();
    const meta = await sharp(png).metadata();
    expect([meta.depth, meta.bitsPerSample]).toEqual(["ushort", 16]);
    const r = ok(await loadImage(png, RGB3));
    expect(r.note.bitDepth).toBe(16);
    close(at(r.planes, 3, 1), [0x8080 / 0xffff, 0x4000 / 0xffff, 1], 1 / 255);
    const grey = ok(await loadImage(png, { channels: 1, size: null }));
    expect(grey.planes.channels).toBe(1);
    const g = at(grey.planes, 0, 0)[0] as number;
    expect(g).toBeGreaterThan(0.3); // a cast instead of a rescale would clip to 1 or wrap
    expect(g).toBeLessThan(0.8);
  });

  it("a CMYK JPEG comes back as sRGB close to the original colours", async () => {
    const cols = [
      [150, 120, 100],
      [90, 140, 200],
      [120, 180, 90],
      [230, 230, 230],
    ] as const;
    const jpg = await fromRgb(32, 8, (x) => cols[x >> 3] ?? cols[0])
      .toColourspace("cmyk")
      .jpeg({ quality: 95 })
      .toBuffer();
    const meta = await sharp(jpg).metadata();
    expect([meta.space, meta.channels]).toEqual(["cmyk", 4]);
    const r = ok(await loadImage(jpg, RGB3));
    expect(r.note.convertedFromCMYK).toBe(true);
    expect(r.planes.channels).toBe(3);
    // sRGB → CMYK → sRGB through a print profile is not exact; an inverted (Adobe) CMYK read
    // wrongly would be off by far more.
    for (const [i, c] of cols.entries())
      close(
        at(r.planes, i * 8 + 4, 4),
        c.map((v) => v / 255),
        16 / 255,
      );
  });

  it("an animated GIF: only the first frame, and the note says first of 3", async () => {
    const tall = rgbPixels(8, 24, (_x, y) => (y < 8 ? RED : y < 16 ? GREEN : BLUE));
    const gif = await sharp(tall, { raw: { width: 8, height: 24, channels: 3, pageHeight: 8 } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const r = ok(await loadImage(gif, RGB3));
    expect([r.planes.height, r.planes.width]).toEqual([8, 8]);
    expect(r.note.frames).toEqual({ used: "first", total: 3 });
    expect(r.note.format).toBe("gif");
    for (const { v } of pixels(r.planes)) close(v, [1, 0, 0], 0.02);
  });

  it("an animated WebP: only the first frame", async () => {
    const tall = rgbPixels(8, 16, (_x, y) => (y < 8 ? GREEN : BLUE));
    const webp = await sharp(tall, { raw: { width: 8, height: 16, channels: 3, pageHeight: 8 } })
      .webp({ lossless: true })
      .toBuffer();
    const r = ok(await loadImage(webp, RGB3));
    expect(r.note.frames).toEqual({ used: "first", total: 2 });
    for (const { v } of pixels(r.planes)) close(v, [0, 1, 0], 0.02);
  });

  it("a single-frame image has frames: null and, at its own size, resized: null", async () => {
    const r = ok(await loadImage(await solid(3, 2, GREEN).png().toBuffer(), RGB3));
    expect(r.note).toMatchObject({
      format: "png",
      frames: null,
      resized: null,
      alphaFlattened: false,
      bitDepth: 8,
    });
    expect(r.note.convertedFromCMYK).toBe(false);
  });

  it("a 1×1 image, as is and blown up to a model input", async () => {
    const png = await solid(1, 1, [10, 20, 30]).png().toBuffer();
    const r = ok(await loadImage(png, RGB3));
    expect([r.planes.channels, r.planes.height, r.planes.width]).toEqual([3, 1, 1]);
    expect(Array.from(r.planes.data)).toEqual([10 / 255, 20 / 255, 30 / 255].map(Math.fround));
    const big = ok(await loadImage(png, { channels: 1, size: { height: 4, width: 4 } }));
    expect(big.note.resized).toEqual({ from: [1, 1], to: [4, 4], cropped: false });
    expect(new Set(big.planes.data).size).toBe(1);
  });

  it("TIFF from chat (the default allow-list) is refused by name, before sharp reads it", async () => {
    const tiff = await solid(4, 4, [51, 102, 153]).tiff().toBuffer();
    const r = await loadImage(tiff, RGB3);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("unsupported_format");
    expect(r.error.message).toMatch(
      /^I can't read TIFF files\. Please upload a PNG, JPEG, WebP, GIF( or AVIF)? image\.$/,
    );
  });

  it("WebP, TIFF (local files only) and (when this sharp build has it) AVIF decode", async () => {
    const make = sharpy();
    const webp = ok(await loadImage(await make.webp({ lossless: true }).toBuffer(), RGB3));
    expect(webp.note.format).toBe("webp");
    const tiffBytes = await sharpy().tiff({ compression: "lzw" }).toBuffer();
    const tiff = ok(await loadImage(tiffBytes, RGB3, { formats: LOCAL_FORMATS }));
    expect(tiff.note.format).toBe("tiff");
    close(at(tiff.planes, 0, 0), [0.2, 0.4, 0.6], 1e-6);
    if (canDecode("heif")) {
      const avif = ok(await loadImage(await sharpy().avif({ effort: 0, lossless: true }).toBuffer(), RGB3));
      expect(avif.note.format).toBe("avif");
      close(at(avif.planes, 2, 2), [0.2, 0.4, 0.6], 4 / 255);
    }
    function sharpy() {
      return solid(6, 6, [51, 102, 153]);
    }
  });
});

describe("loadImage: resizing", () => {
  // Vertical bands: red | green | blue, the green band twice as wide as the crop window needs.
  const bands = (w: number, h: number, vertical: boolean) =>
    fromRgb(w, h, (x, y) => {
      const t = vertical ? x / w : y / h;
      return t < 0.3 ? RED : t < 0.7 ? GREEN : BLUE;
    });

  function allGreen(p: Planes) {
    for (const { x, y, v } of pixels(p)) {
      expect(v[1], `(${x}, ${y})`).toBeGreaterThan(0.9);
      expect(Math.max(v[0] as number, v[2] as number), `(${x}, ${y})`).toBeLessThan(0.1);
    }
  }

  it("cover + centre crop of a wide image keeps only the middle", async () => {
    const png = await bands(100, 20, true).png().toBuffer();
    const r = ok(await loadImage(png, { channels: 3, size: { height: 10, width: 10 } }));
    expect([r.planes.height, r.planes.width]).toEqual([10, 10]);
    expect(r.note.resized).toEqual({ from: [20, 100], to: [10, 10], cropped: true });
    allGreen(r.planes);
  });

  it("cover + centre crop of a tall image keeps only the middle", async () => {
    const png = await bands(20, 100, false).png().toBuffer();
    const r = ok(await loadImage(png, { channels: 3, size: { height: 10, width: 10 } }));
    expect(r.note.resized).toEqual({ from: [100, 20], to: [10, 10], cropped: true });
    allGreen(r.planes);
  });

  it("cover to a target of the same aspect ratio scales without cropping", async () => {
    const png = await fromRgb(40, 20, (x) => (x < 20 ? RED : BLUE))
      .png()
      .toBuffer();
    const r = ok(await loadImage(png, { channels: 3, size: { height: 10, width: 20 } }));
    expect(r.note.resized).toEqual({ from: [20, 40], to: [10, 20], cropped: false });
    close(at(r.planes, 1, 5), [1, 0, 0], 0.05);
    close(at(r.planes, 18, 5), [0, 0, 1], 0.05);
  });

  it("without a target: long side bounded by maxSide (default 512), aspect kept", async () => {
    const big = await solid(1200, 300, GREEN).png().toBuffer();
    const r = ok(await loadImage(big, RGB3));
    expect([r.planes.height, r.planes.width]).toEqual([128, 512]);
    expect(r.note.resized).toEqual({ from: [300, 1200], to: [128, 512], cropped: false });
    const r64 = ok(await loadImage(big, { channels: 3, size: null, maxSide: 64 }));
    expect([r64.planes.height, r64.planes.width]).toEqual([16, 64]);
  });

  it("without a target: a small image is not enlarged", async () => {
    const r = ok(await loadImage(await solid(50, 100, GREEN).png().toBuffer(), RGB3));
    expect([r.planes.height, r.planes.width]).toEqual([100, 50]);
    expect(r.note.resized).toBeNull();
  });
});

describe("loadImage: refusals", () => {
  it("a 10000×10000 PNG is refused by the pixel limit, quickly, before decoding", async () => {
    const png = hugeWhitePng(10_000, 10_000);
    const meta = await sharp(png, { limitInputPixels: false }).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 10_000, 10_000]);
    const t0 = performance.now();
    const e = err(await loadImage(png, RGB3));
    const ms = performance.now() - t0;
    expect(e.code).toBe("too_many_pixels");
    expect(e.message).toContain("10000×10000");
    expect(e.message).toContain("50 megapixels");
    expect(ms).toBeLessThan(1000);
  });

  it("the hand-written PNG writer makes real, decodable PNGs", async () => {
    const { data, info } = await sharp(hugeWhitePng(37, 5)).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([37, 5]);
    expect(data.every((v) => v === 255)).toBe(true);
  });

  it("the pixel limit is configurable", async () => {
    const png = await solid(100, 100, RED).png().toBuffer();
    expect(err(await loadImage(png, RGB3, { maxPixels: 9_999 })).code).toBe("too_many_pixels");
    ok(await loadImage(png, RGB3, { maxPixels: 10_000 }));
  });

  it("a model input bigger than the pixel limit is refused, not attempted", async () => {
    const png = await solid(2, 2, RED).png().toBuffer();
    const e = err(await loadImage(png, { channels: 3, size: { height: 8000, width: 8000 } }));
    expect(e.code).toBe("too_many_pixels");
    expect(e.message).toContain("8000×8000");
  });

  it("files over the byte cap are refused before being looked at", async () => {
    expect(err(await loadImage(Buffer.alloc(20 * 1024 * 1024 + 1), RGB3)).code).toBe("too_large_bytes");
    const png = await fromRgb(64, 64, (x, y) => [x * 4, y * 4, (x * y) & 255])
      .png()
      .toBuffer();
    const e = err(await loadImage(png, RGB3, { maxBytes: 1000 }));
    expect(e.code).toBe("too_large_bytes");
    expect(e.message).toMatch(/MB/);
  });

  it("SVG is refused as an unsupported format (never rendered)", async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
    );
    const e = err(await loadImage(svg, RGB3));
    expect(e.code).toBe("unsupported_format");
    expect(e.message).toContain("SVG");
    expect(e.message).toMatch(/PNG, JPEG/);
    const bare = err(await loadImage(Buffer.from('  <svg xmlns="http://www.w3.org/2000/svg"/>'), RGB3));
    expect(bare.code).toBe("unsupported_format");
  });

  it("PDF and BMP are refused as unsupported formats", async () => {
    const pdf = err(await loadImage(Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), RGB3));
    expect([pdf.code, pdf.message.includes("PDF")]).toEqual(["unsupported_format", true]);
    const bmp = Buffer.alloc(64);
    bmp.write("BM", 0, "latin1");
    expect(err(await loadImage(bmp, RGB3)).code).toBe("unsupported_format");
  });

  it("random bytes are refused as corrupt", async () => {
    const e = err(await loadImage(randomBytes(4096), RGB3));
    expect(e.code).toBe("corrupt");
  });

  it("raw pixel bytes are refused as corrupt (they are not an image file)", async () => {
    expect(
      err(
        await loadImage(
          rgbPixels(16, 16, () => RED),
          RGB3,
        ),
      ).code,
    ).toBe("corrupt");
  });

  it("an empty buffer is refused as empty", async () => {
    expect(err(await loadImage(Buffer.alloc(0), RGB3)).code).toBe("empty");
  });

  it("cut-short PNG and JPEG files are refused as corrupt, not decoded in part", async () => {
    const src = fromRgb(64, 64, (x, y) => [x * 4, y * 4, (x * y) & 255]);
    const png = await src.clone().png().toBuffer();
    const jpg = await src.clone().jpeg().toBuffer();
    expect(err(await loadImage(png.subarray(0, png.length >> 1), RGB3)).code).toBe("corrupt");
    expect(err(await loadImage(jpg.subarray(0, jpg.length >> 1), RGB3)).code).toBe("corrupt");
  });

  it("a right signature followed by garbage is corrupt", async () => {
    const fakePng = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(500),
    ]);
    expect(err(await loadImage(fakePng, RGB3)).code).toBe("corrupt");
    const fakeJpg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(500)]);
    expect(err(await loadImage(fakeJpg, RGB3)).code).toBe("corrupt");
  });

  it("a bad request from the caller is a bug and throws", async () => {
    const png = await solid(2, 2, RED).png().toBuffer();
    await expect(loadImage(png, { channels: 2 as 1, size: null })).rejects.toThrow(RangeError);
    await expect(loadImage(png, { channels: 3, size: { height: 0, width: 4 } })).rejects.toThrow(RangeError);
    await expect(loadImage(png, RGB3, { maxPixels: -1 })).rejects.toThrow(RangeError);
  });
});
