// Why an upload could not be read, as data: a stable code for code, a friendly English message
// for the user (what was wrong and what to do), and the decoder's own words for the logs only.
import type { AllowedFormat } from "./allowed-formats.js";
import { acceptedList } from "./formats.js";

export type ImageErrorCode =
  | "too_large_bytes"
  | "too_many_pixels"
  | "unsupported_format"
  | "corrupt"
  | "empty"
  | "timeout";

export interface ImageError {
  code: ImageErrorCode;
  /** Shown to the user. */
  message: string;
  /** libvips/sharp's raw text, for logs; never shown to the user. */
  detail?: string;
}

const MB = 1024 * 1024;

function megabytes(n: number): string {
  const v = n / MB;
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

function megapixels(n: number): string {
  const v = n / 1e6;
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

export function emptyError(): ImageError {
  return { code: "empty", message: "The upload was empty (0 bytes). Please attach the image again." };
}

export function tooLargeBytesError(bytes: number, maxBytes: number): ImageError {
  return {
    code: "too_large_bytes",
    message:
      `That file is ${megabytes(bytes)} MB; I read images up to ${megabytes(maxBytes)} MB. ` +
      "Please upload a smaller or more compressed version (a JPEG export usually is).",
  };
}

export function tooManyPixelsError(
  width: number,
  height: number,
  maxPixels: number,
  detail?: string,
): ImageError {
  const size =
    width > 0 && height > 0
      ? `${width}×${height} pixels (${megapixels(width * height)} megapixels)`
      : "too big";
  return {
    code: "too_many_pixels",
    message: `That image is ${size}; I read images up to ${megapixels(maxPixels)} megapixels. Please scale it down and upload it again.`,
    ...(detail ? { detail } : {}),
  };
}

/** The model's input is larger than we are willing to produce from one upload. */
export function targetTooLargeError(width: number, height: number, maxPixels: number): ImageError {
  return {
    code: "too_many_pixels",
    message:
      `The model's input is ${height}×${width}, more than the ${megapixels(maxPixels)} megapixels I can feed it from an image. ` +
      "Try the model with a smaller input size.",
  };
}

export function unsupportedFormatError(
  name: string,
  detail?: string,
  accepted?: readonly AllowedFormat[],
): ImageError {
  return {
    code: "unsupported_format",
    message: `I can't read ${name} files. Please upload a ${acceptedList(accepted)} image.`,
    ...(detail ? { detail } : {}),
  };
}

export function heicError(detail?: string): ImageError {
  return {
    code: "unsupported_format",
    message:
      "I can't read HEIC photos (the iPhone camera's default). Please send it as a JPEG " +
      `(on iPhone: Settings → Camera → Formats → Most Compatible), or upload a ${acceptedList()} image.`,
    ...(detail ? { detail } : {}),
  };
}

export function corruptError(detail?: string): ImageError {
  return {
    code: "corrupt",
    message:
      "I couldn't read that image: the file looks damaged, cut short, or isn't an image at all. " +
      `Please re-save it as ${acceptedList()} and upload it again.`,
    ...(detail ? { detail } : {}),
  };
}

export function timeoutError(seconds: number, detail?: string): ImageError {
  return {
    code: "timeout",
    message: `Reading that image took longer than ${seconds} s, so I stopped. Please upload a smaller image.`,
    ...(detail ? { detail } : {}),
  };
}

/**
 * Turn an error thrown by sharp/libvips while reading an upload into an ImageError. Whatever the
 * decoder says that is not a limit or a timeout means the bytes could not be decoded: corrupt.
 */
export function classifyDecodeError(
  err: unknown,
  ctx: { width?: number; height?: number; maxPixels: number; timeoutSeconds: number },
): ImageError {
  const detail = err instanceof Error ? err.message : String(err);
  if (/exceeds pixel limit/i.test(detail))
    return tooManyPixelsError(ctx.width ?? 0, ctx.height ?? 0, ctx.maxPixels, detail);
  if (/^timeout\b/i.test(detail)) return timeoutError(ctx.timeoutSeconds, detail);
  return corruptError(detail);
}
