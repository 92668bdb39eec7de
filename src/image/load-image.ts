// An uploaded image → the normalised float tensor the model sees.
//
// Untrusted bytes pass these gates, in order, before a pixel is decoded: empty? too many bytes?
// do the first bytes look like an allowed format (no other libvips loader ever sees the bytes)?
// does sharp's header read agree, and is the frame within the pixel limit? Decoding then runs with
// sharp's own pixel limit, `failOn: "error"` (damaged or cut-short data is an error, not a half
// picture) and a timeout.
//
// Normalisation (sharp does it, in this order): EXIF orientation; alpha composited onto white;
// CMYK / 16-bit / ICC-tagged pixels to 8-bit sRGB; resize (see resize-plan.ts); grey (1 channel)
// when the model wants 1 channel, else sRGB (3). The result is the shared Planes layout,
// channel-major float32, every value in [0, 1] (byte / 255; no mean/std normalisation here).
import sharp, { type Metadata, type OutputInfo, type SharpOptions } from "sharp";
import type { Planes } from "../conv/tensor.js";
import {
  classifyDecodeError,
  corruptError,
  emptyError,
  heicError,
  type ImageError,
  targetTooLargeError,
  tooLargeBytesError,
  tooManyPixelsError,
  unsupportedFormatError,
} from "./errors.js";
import { canDecode, isAllowedFormat, sniffFormat } from "./formats.js";
import { type ImageLimits, resolveLimits } from "./limits.js";
import { buildNote, type ImageNote } from "./note.js";
import { DEFAULT_MAX_SIDE, planResize } from "./resize-plan.js";
import { interleavedToPlanes } from "./to-planes.js";

export interface ImageWant {
  channels: 1 | 3;
  /** The model's input H×W (cover + centre crop to it), or null to keep the aspect ratio. */
  size: { height: number; width: number } | null;
  /** Without a size: the long side is at most this (default 512); smaller images are not enlarged. */
  maxSide?: number;
}

export type LoadImageResult =
  | { ok: true; planes: Planes; note: ImageNote }
  | { ok: false; error: ImageError };

function fail(error: ImageError): LoadImageResult {
  return { ok: false, error };
}

function checkWant(want: ImageWant): void {
  const positiveInt = (n: number) => Number.isInteger(n) && n >= 1;
  if (want.channels !== 1 && want.channels !== 3)
    throw new RangeError(`loadImage: channels ${want.channels}`);
  if (want.size && !(positiveInt(want.size.height) && positiveInt(want.size.width)))
    throw new RangeError(`loadImage: size ${want.size.height}×${want.size.width}`);
  if (want.maxSide !== undefined && !positiveInt(want.maxSide))
    throw new RangeError(`loadImage: maxSide ${want.maxSide}`);
}

/**
 * Decode an upload and normalise it for the model. Never throws for bad input (that is an
 * ImageError); throws only for a bad `want`/`limits` (a bug in the caller).
 */
export async function loadImage(
  input: Buffer,
  want: ImageWant,
  limits?: Partial<ImageLimits>,
): Promise<LoadImageResult> {
  checkWant(want);
  const lim = resolveLimits(limits);

  if (input.length === 0) return fail(emptyError());
  if (input.length > lim.maxBytes) return fail(tooLargeBytesError(input.length, lim.maxBytes));

  const sniffed = sniffFormat(input);
  if (sniffed === null) return fail(corruptError("no known image signature"));
  if (sniffed.kind === "refused") return fail(unsupportedFormatError(sniffed.name, undefined, lim.formats));
  if (!lim.formats.includes(sniffed.format))
    return fail(
      unsupportedFormatError(sniffed.format.toUpperCase(), "not on this caller's allow-list", lim.formats),
    );
  if (!canDecode(sniffed.format))
    return fail(
      unsupportedFormatError(sniffed.format === "heif" ? "AVIF/HEIF" : sniffed.format.toUpperCase()),
    );

  // First frame/page only (animated GIF/WebP, multi-page TIFF, HEIF collections).
  const base: SharpOptions = { failOn: "error", pages: 1, page: 0 };
  const ctx = { maxPixels: lim.maxPixels, timeoutSeconds: lim.timeoutSeconds };

  // Header only: no pixels are decoded here, so no pixel limit yet; we check it ourselves below
  // to say how big the image was.
  let meta: Metadata;
  try {
    meta = await sharp(input, { ...base, limitInputPixels: false }).metadata();
  } catch (err) {
    return fail(classifyDecodeError(err, ctx));
  }
  if (!isAllowedFormat(meta.format)) return fail(unsupportedFormatError(String(meta.format).toUpperCase()));
  if (meta.format !== sniffed.format)
    return fail(corruptError(`starts like ${sniffed.format}, reads as ${meta.format}`));

  const stored = { width: meta.width, height: meta.height };
  const displayed = {
    width: meta.autoOrient?.width ?? stored.width,
    height: meta.autoOrient?.height ?? stored.height,
  };
  if (!(stored.width >= 1 && stored.height >= 1))
    return fail(corruptError(`size ${stored.width}×${stored.height}`));
  if (stored.width * stored.height > lim.maxPixels)
    return fail(tooManyPixelsError(displayed.width, displayed.height, lim.maxPixels));
  if (want.size && want.size.width * want.size.height > lim.maxPixels)
    return fail(targetTooLargeError(want.size.width, want.size.height, lim.maxPixels));

  const plan = planResize(displayed.height, displayed.width, want.size, want.maxSide ?? DEFAULT_MAX_SIDE);
  const outH = plan ? plan.to[0] : displayed.height;
  const outW = plan ? plan.to[1] : displayed.width;

  let data: Buffer;
  let info: OutputInfo;
  try {
    let img = sharp(input, { ...base, limitInputPixels: lim.maxPixels })
      .timeout({ seconds: lim.timeoutSeconds })
      .autoOrient();
    if (meta.hasAlpha) img = img.flatten({ background: "#ffffff" });
    if (plan) img = img.resize({ width: outW, height: outH, fit: plan.fit, position: "centre" });
    img = img
      .toColourspace(want.channels === 1 ? "b-w" : "srgb")
      .removeAlpha()
      .raw();
    ({ data, info } = await img.toBuffer({ resolveWithObject: true }));
  } catch (err) {
    if (meta.format === "heif" && meta.compression === "hevc") {
      return fail(heicError(err instanceof Error ? err.message : String(err)));
    }
    return fail(classifyDecodeError(err, { ...ctx, width: displayed.width, height: displayed.height }));
  }

  // What sharp hands back must be exactly what we asked for; anything else is a bug here.
  // (One byte per sample: 8-bit, never a 16-bit buffer.)
  if (
    info.channels !== want.channels ||
    info.width !== outW ||
    info.height !== outH ||
    data.length !== outH * outW * want.channels
  )
    throw new Error(
      `loadImage: sharp gave ${info.height}×${info.width}×${info.channels} in ${data.length} bytes, wanted ${outH}×${outW}×${want.channels} bytes`,
    );

  return {
    ok: true,
    planes: interleavedToPlanes(data, outH, outW, want.channels),
    note: buildNote(meta, displayed, plan),
  };
}
