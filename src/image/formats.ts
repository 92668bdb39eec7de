// Which image formats an upload may be, decided from the bytes (never from a file name).
//
// Two checks, both must pass before any pixel is decoded:
// 1. `sniffFormat` looks at the first bytes. Only content that starts like an allowed format is
//    handed to sharp at all, so libvips' other loaders (SVG via librsvg, PDF, raw, …) never parse
//    untrusted bytes. Formats we recognise but refuse are named, so the user hears what was wrong.
// 2. sharp's own `metadata().format` must then be on the allow-list and agree with the sniff.
import sharp from "sharp";
import { ALLOWED, type AllowedFormat, CHAT_FORMATS } from "./allowed-formats.js";

export { type AllowedFormat, CHAT_FORMATS, LOCAL_FORMATS } from "./allowed-formats.js";

/** What the first bytes say. `refused` names a format we recognise and do not read. */
export type Sniffed = { kind: "allowed"; format: AllowedFormat } | { kind: "refused"; name: string } | null;

/** ISO-BMFF `ftyp` major/compatible brands that mark a still HEIF/AVIF image (not a video). */
const HEIF_BRANDS = new Set(["avif", "avis", "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);

function ascii(b: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
}

function startsWith(b: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (b.length < at + bytes.length) return false;
  return bytes.every((v, i) => b[at + i] === v);
}

function looksLikeSvgOrXml(b: Uint8Array): boolean {
  // Text after an optional UTF-8 BOM and whitespace, opening with an XML declaration, a comment,
  // a doctype or an <svg> element.
  let i = startsWith(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (i < b.length && i < 1024 && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  const head = ascii(b, i, i + 5).toLowerCase();
  return (
    head.startsWith("<?xml") || head.startsWith("<svg") || head.startsWith("<!--") || head.startsWith("<!doc")
  );
}

/** Recognise the format from the first bytes of the file. Null: not an image we recognise. */
export function sniffFormat(b: Uint8Array): Sniffed {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: "allowed", format: "jpeg" };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "allowed", format: "png" };
  const six = ascii(b, 0, 6);
  if (six === "GIF87a" || six === "GIF89a") return { kind: "allowed", format: "gif" };
  if (ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return { kind: "allowed", format: "webp" };
  // TIFF and BigTIFF, both byte orders.
  if (
    startsWith(b, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(b, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])
  )
    return { kind: "allowed", format: "tiff" };
  if (ascii(b, 4, 8) === "ftyp") {
    const size =
      b.length >= 4 ? ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0) : 0;
    const brands = [ascii(b, 8, 12)];
    for (let at = 16; at + 4 <= Math.min(size, b.length, 64); at += 4) brands.push(ascii(b, at, at + 4));
    if (brands.some((br) => HEIF_BRANDS.has(br))) return { kind: "allowed", format: "heif" };
    if (brands.some((br) => br === "jxl ")) return { kind: "refused", name: "JPEG XL" };
    if (brands.some((br) => br.startsWith("jp2") || br === "jpx "))
      return { kind: "refused", name: "JPEG 2000" };
    return { kind: "refused", name: "video (MP4/MOV)" };
  }
  if (ascii(b, 0, 5) === "%PDF-") return { kind: "refused", name: "PDF" };
  if (ascii(b, 0, 4) === "%!PS") return { kind: "refused", name: "PostScript/EPS" };
  if (looksLikeSvgOrXml(b)) return { kind: "refused", name: "SVG" };
  if (startsWith(b, [0x1f, 0x8b])) return { kind: "refused", name: "gzip-compressed (SVGZ or other)" };
  if (ascii(b, 0, 2) === "BM" && b.length >= 26) return { kind: "refused", name: "BMP" };
  if (ascii(b, 0, 4) === "8BPS") return { kind: "refused", name: "Photoshop (PSD)" };
  if (startsWith(b, [0x00, 0x00, 0x01, 0x00]) || startsWith(b, [0x00, 0x00, 0x02, 0x00]))
    return { kind: "refused", name: "icon (ICO/CUR)" };
  if (startsWith(b, [0xff, 0x0a])) return { kind: "refused", name: "JPEG XL" };
  if (startsWith(b, [0xff, 0x4f, 0xff, 0x51])) return { kind: "refused", name: "JPEG 2000" };
  if (startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]))
    return { kind: "refused", name: "JPEG 2000" };
  if (startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20]))
    return { kind: "refused", name: "JPEG XL" };
  return null;
}

/** True when this sharp build can decode `format` from a Buffer (checked at runtime: HEIF/AVIF vary by build). */
export function canDecode(format: AllowedFormat): boolean {
  const info = (sharp.format as unknown as Record<string, { input?: { buffer?: boolean } } | undefined>)[
    format
  ];
  return info?.input?.buffer === true;
}

/** The allowed formats this build decodes, for messages ("Please upload a PNG, JPEG, …"). */
export function supportedFormats(): AllowedFormat[] {
  return ALLOWED.filter(canDecode);
}

export function isAllowedFormat(f: string): f is AllowedFormat {
  return (ALLOWED as readonly string[]).includes(f);
}

/** Human list of what we accept, e.g. "PNG, JPEG, WebP, GIF or AVIF". */
export function acceptedList(formats: readonly AllowedFormat[] = CHAT_FORMATS): string {
  const names: Record<AllowedFormat, string> = {
    png: "PNG",
    jpeg: "JPEG",
    webp: "WebP",
    gif: "GIF",
    heif: "AVIF",
    tiff: "TIFF",
  };
  const order: AllowedFormat[] = ["png", "jpeg", "webp", "gif", "heif", "tiff"];
  const list = order.filter((f) => formats.includes(f) && canDecode(f)).map((f) => names[f]);
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}
