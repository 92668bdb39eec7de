// Optional, process-wide defence in depth: tell libvips to refuse every image loader except the
// buffer loaders of the formats loadImage accepts. loadImage does not need it (it only hands sharp
// bytes whose signature is on its allow-list), and does not call it: it changes sharp for the whole
// process — afterwards nothing can load SVG (e.g. a diagram rasterised from SVG), PDF, or any image
// from a file path or stream. Call it once at start-up if nothing else in the process loads images.
// Encoding (PNG output), raw pixel input and `create` are unaffected.
import sharp from "sharp";

/** libvips operation names of the loaders loadImage uses (sharp passes uploads as Buffers). */
export const ALLOWED_LOADERS: readonly string[] = [
  "VipsForeignLoadJpegBuffer",
  "VipsForeignLoadPngBuffer",
  "VipsForeignLoadWebpBuffer",
  "VipsForeignLoadNsgifBuffer",
  "VipsForeignLoadHeifBuffer",
  "VipsForeignLoadTiffBuffer",
];

export function allowOnlyUploadLoaders(): void {
  sharp.block({ operation: ["VipsForeignLoad"] });
  sharp.unblock({ operation: [...ALLOWED_LOADERS] });
}
