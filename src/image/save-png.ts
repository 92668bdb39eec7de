// Pixels assembled in TypeScript (feature-map grids, diagrams) → a PNG for the chat reply. sharp
// only encodes; it never composites (assembling the grid in TS is ~3× faster than composite()).
//
// Compression: zlib level 9 without adaptive filtering (adaptive filtering was ~6× slower for ~2 %
// on a 1024² grid). An RGB/RGBA image with at most 256 distinct colours — a feature map drawn
// through a 256-entry colour map is exactly that — is written as an 8-bit palette PNG (one byte per
// pixel instead of three or four; a 1024² viridis grid: ~0.43 MB instead of ~0.59 MB). That is
// only done when it is lossless: the palette PNG is decoded again and compared, and on any
// difference (libimagequant is not documented to be exact) the truecolour PNG is written instead.
// Images with more colours are never quantised. Greyscale stays 1 channel.
import sharp from "sharp";

export type PngChannels = 1 | 2 | 3 | 4;

/** Number of distinct pixel values, counting only up to `cap + 1`. */
function distinctColours(px: Uint8Array, channels: 3 | 4, cap: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < px.length; i += channels) {
    const key =
      channels === 3
        ? ((px[i] as number) << 16) | ((px[i + 1] as number) << 8) | (px[i + 2] as number)
        : (((px[i] as number) << 24) |
            ((px[i + 1] as number) << 16) |
            ((px[i + 2] as number) << 8) |
            (px[i + 3] as number)) >>>
          0;
    seen.add(key);
    if (seen.size > cap) break;
  }
  return seen.size;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * Encode interleaved 8-bit pixels (`px[(y·width + x)·channels + c]`; 1 grey, 2 grey+alpha, 3 RGB,
 * 4 RGBA) as PNG. Lossless: decoding the result gives exactly `px` back.
 */
export async function encodePng(
  px: Uint8Array,
  width: number,
  height: number,
  channels: PngChannels,
): Promise<Buffer> {
  if (!(Number.isInteger(width) && width >= 1 && Number.isInteger(height) && height >= 1))
    throw new RangeError(`encodePng: size ${width}×${height}`);
  if (![1, 2, 3, 4].includes(channels)) throw new RangeError(`encodePng: ${channels} channels`);
  if (px.length !== width * height * channels)
    throw new RangeError(`encodePng: ${px.length} bytes for ${width}×${height}×${channels}`);

  const raw = { raw: { width, height, channels } } as const;
  const input = Buffer.from(px.buffer, px.byteOffset, px.byteLength);

  if (channels === 3 || channels === 4) {
    const colours = distinctColours(px, channels, 256);
    if (colours <= 256) {
      const pal = await sharp(input, raw)
        .png({ palette: true, colours: Math.max(2, colours), dither: 0, quality: 100, compressionLevel: 9 })
        .toBuffer();
      const decoded = await (channels === 4 ? sharp(pal).ensureAlpha() : sharp(pal).removeAlpha())
        .raw()
        .toBuffer();
      if (sameBytes(decoded, px)) return pal;
    }
  }
  // sharp would otherwise turn 1- and 2-channel raw input into sRGB (3 or 4 channels).
  const img = sharp(input, raw);
  return (channels <= 2 ? img.toColourspace("b-w") : img)
    .png({ compressionLevel: 9, adaptiveFiltering: false })
    .toBuffer();
}
