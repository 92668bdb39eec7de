// What happened to an upload on its way to the model, for the reply to mention ("rotated per EXIF",
// "used the first of 12 frames", "cropped from 480×640 to 224×224").
import type { Metadata } from "sharp";
import type { ResizePlan } from "./resize-plan.js";

/** The format as the user would name it: HEIF containers holding AV1 are "avif". */
export type ImageFormatName = "jpeg" | "png" | "webp" | "gif" | "avif" | "heif" | "tiff";

export interface ImageNote {
  format: ImageFormatName;
  /** Size as displayed, i.e. after EXIF orientation (so it matches `resized.from`). */
  originalWidth: number;
  originalHeight: number;
  /** The file carried an EXIF orientation other than "as stored" and the pixels were turned to match. */
  orientationApplied: boolean;
  /**
   * The file had an alpha channel and it was composited onto white. Sharp decodes every GIF with
   * one, so this is true for GIFs even when no pixel is transparent.
   */
  alphaFlattened: boolean;
  /** CMYK pixels (e.g. a print-ready JPEG) were converted to sRGB. */
  convertedFromCMYK: boolean;
  /** Bits per channel sample as stored (8, 16, …; palette images count as 8). The model sees 8-bit values scaled to [0, 1]. */
  bitDepth: number;
  /** Multi-frame files (animated GIF/WebP, multi-page TIFF): only the first of `total` was used. Null for one frame. */
  frames: { used: "first"; total: number } | null;
  /** Null when the image already had the size wanted. */
  resized: { from: [number, number]; to: [number, number]; cropped: boolean } | null;
}

const DEPTH_BITS: Record<string, number> = {
  uchar: 8,
  char: 8,
  ushort: 16,
  short: 16,
  uint: 32,
  int: 32,
  float: 32,
  complex: 32,
  double: 64,
  dpcomplex: 64,
};

export function bitDepthOf(meta: Pick<Metadata, "depth" | "bitsPerSample" | "isPalette">): number {
  if (meta.isPalette) return 8;
  return meta.bitsPerSample ?? DEPTH_BITS[meta.depth] ?? 8;
}

export function formatName(meta: Pick<Metadata, "format" | "compression">): ImageFormatName {
  if (meta.format === "heif") return meta.compression === "av1" ? "avif" : "heif";
  return meta.format as ImageFormatName;
}

export function buildNote(
  meta: Metadata,
  displayed: { height: number; width: number },
  plan: ResizePlan | null,
): ImageNote {
  const pages = meta.pages ?? 1;
  return {
    format: formatName(meta),
    originalWidth: displayed.width,
    originalHeight: displayed.height,
    orientationApplied: meta.orientation !== undefined && meta.orientation > 1 && meta.orientation <= 8,
    alphaFlattened: meta.hasAlpha,
    convertedFromCMYK: meta.space === "cmyk",
    bitDepth: bitDepthOf(meta),
    frames: pages > 1 ? { used: "first", total: pages } : null,
    resized: plan ? { from: plan.from, to: plan.to, cropped: plan.cropped } : null,
  };
}
