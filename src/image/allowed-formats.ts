// The image formats we decode, and which callers may send which (no sharp here: the CLI imports
// this without loading the image path).

/** Formats we decode. "heif" covers AVIF and HEIC containers; `compression` tells them apart. */
export type AllowedFormat = "jpeg" | "png" | "webp" | "gif" | "heif" | "tiff";

export const ALLOWED: readonly AllowedFormat[] = ["jpeg", "png", "webp", "gif", "heif", "tiff"];

/**
 * What a stranger's upload may be: no TIFF, whose decoder (libtiff: many codecs, tiles, strips,
 * offsets into the file) has the largest attack surface of the loaders and which chat users do
 * not send. The default for every caller.
 */
export const CHAT_FORMATS: readonly AllowedFormat[] = ["jpeg", "png", "webp", "gif", "heif"];
/** Files the user opened on their own machine (CLI, console): TIFF too. */
export const LOCAL_FORMATS: readonly AllowedFormat[] = ALLOWED;
