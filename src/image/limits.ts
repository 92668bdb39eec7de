// The guards around decoding an untrusted upload. All configurable; the defaults suit chat uploads.
import { type AllowedFormat, CHAT_FORMATS } from "./allowed-formats.js";

export interface ImageLimits {
  /** Refuse files larger than this many bytes before looking inside (default 20 MB). */
  maxBytes: number;
  /**
   * Refuse images with more pixels (width × height of the frame we decode) than this, from the
   * header, before decoding (default 50 Mpx; sharp's own default is 268 Mpx). Also bounds the
   * model input size we are asked to produce.
   */
  maxPixels: number;
  /** Stop decoding after this many seconds (sharp's timeout; whole seconds, default 10). */
  timeoutSeconds: number;
  /** Formats read at all (default CHAT_FORMATS: no TIFF); the others are refused by name. */
  formats: readonly AllowedFormat[];
}

export const DEFAULT_LIMITS: Readonly<ImageLimits> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 50_000_000,
  timeoutSeconds: 10,
  formats: CHAT_FORMATS,
});

export function resolveLimits(limits?: Partial<ImageLimits>): ImageLimits {
  const out = { ...DEFAULT_LIMITS, ...limits };
  if (!(out.maxBytes > 0) || !(out.maxPixels > 0) || !(out.timeoutSeconds > 0))
    throw new RangeError(`image limits must be positive: ${JSON.stringify(out)}`);
  // sharp takes whole seconds; never round a small timeout down to 0 (which means "no timeout").
  out.timeoutSeconds = Math.max(1, Math.ceil(out.timeoutSeconds));
  return out;
}
