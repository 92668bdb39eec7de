import { describe, expect, it } from "vitest";
import { classifyDecodeError, heicError } from "../../src/image/errors.js";
import {
  acceptedList,
  canDecode,
  LOCAL_FORMATS,
  sniffFormat,
  supportedFormats,
} from "../../src/image/formats.js";
import { DEFAULT_LIMITS, resolveLimits } from "../../src/image/limits.js";
import { planResize } from "../../src/image/resize-plan.js";
import { interleavedToPlanes } from "../../src/image/to-planes.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("sniffFormat", () => {
  it.each([
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0])],
    ["png", bytes([0x89], "PNG\r\n\x1a\n")],
    ["gif", bytes("GIF89a")],
    ["gif", bytes("GIF87a")],
    ["webp", bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 ")],
    ["tiff", bytes("II*\0")],
    ["tiff", bytes("MM\0*")],
    ["heif", bytes([0, 0, 0, 0x1c], "ftypavif", [0, 0, 0, 0], "avifmif1miaf")],
    ["heif", bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic")],
  ])("%s signature is allowed", (format, b) => {
    expect(sniffFormat(b)).toEqual({ kind: "allowed", format });
  });

  it.each([
    ["SVG", bytes([0xef, 0xbb, 0xbf], "  <svg xmlns='http://www.w3.org/2000/svg'/>")],
    ["SVG", bytes("<!-- drawn by hand -->\n<svg/>")],
    ["PDF", bytes("%PDF-1.4\n")],
    ["BMP", Buffer.concat([bytes("BM"), Buffer.alloc(40)])],
    ["video", bytes([0, 0, 0, 0x18], "ftypisom", [0, 0, 0, 0], "isomiso2")],
    ["JPEG XL", bytes([0xff, 0x0a])],
    ["Photoshop", bytes("8BPS")],
    ["gzip", bytes([0x1f, 0x8b, 8, 0])],
  ])("%s is recognised and refused", (name, b) => {
    const s = sniffFormat(b);
    expect(s?.kind).toBe("refused");
    expect(s && s.kind === "refused" && s.name).toContain(name);
  });

  it("text, short and unknown bytes are not recognised", () => {
    expect(sniffFormat(bytes("hello world"))).toBeNull();
    expect(sniffFormat(bytes([0xff]))).toBeNull();
    expect(sniffFormat(Buffer.alloc(0))).toBeNull();
  });
});

describe("this sharp build", () => {
  it("decodes the always-present formats from buffers; AVIF/HEIF as the build says", () => {
    for (const f of ["jpeg", "png", "webp", "gif", "tiff"] as const) expect(canDecode(f)).toBe(true);
    expect(supportedFormats()).toContain("png");
    // Chat uploads by default; local files (CLI, console) add TIFF.
    expect(acceptedList()).toMatch(/^PNG, JPEG, WebP(, GIF or AVIF| or GIF)$/);
    expect(acceptedList(LOCAL_FORMATS)).toMatch(/^PNG, JPEG, WebP, GIF,( AVIF)? or TIFF$/);
  });
});

describe("errors", () => {
  const ctx = { maxPixels: 50e6, timeoutSeconds: 10, width: 9000, height: 8000 };
  it("sharp's timeout becomes a friendly timeout", () => {
    const e = classifyDecodeError(new Error("timeout: 37% complete"), ctx);
    expect(e.code).toBe("timeout");
    expect(e.message).toContain("10 s");
    expect(e.detail).toContain("37%");
  });
  it("sharp's pixel limit becomes too_many_pixels with the size", () => {
    const e = classifyDecodeError(new Error("Input image exceeds pixel limit"), ctx);
    expect([e.code, e.message.includes("9000×8000")]).toEqual(["too_many_pixels", true]);
  });
  it("anything else the decoder says is corrupt, and its words stay in detail", () => {
    const e = classifyDecodeError(new Error("VipsJpeg: premature end of JPEG image"), ctx);
    expect(e.code).toBe("corrupt");
    expect(e.message).not.toContain("Vips");
    expect(e.detail).toContain("premature");
  });
  it("HEIC gets its own advice", () => {
    expect(heicError().message).toMatch(/JPEG/);
  });
});

describe("limits", () => {
  it("defaults: 20 MB, 50 Mpx, 10 s, no TIFF; overridable; whole seconds, at least 1", () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 20 * 1024 * 1024,
      maxPixels: 50_000_000,
      timeoutSeconds: 10,
      formats: ["jpeg", "png", "webp", "gif", "heif"],
    });
    expect(resolveLimits({ timeoutSeconds: 0.2 }).timeoutSeconds).toBe(1);
    expect(resolveLimits({ maxPixels: 5 }).maxPixels).toBe(5);
    expect(() => resolveLimits({ maxBytes: 0 })).toThrow(RangeError);
  });
});

describe("planResize", () => {
  it("target: cover, cropped iff the aspect ratio differs; null at the same size", () => {
    expect(planResize(480, 640, { height: 224, width: 224 })).toEqual({
      from: [480, 640],
      to: [224, 224],
      cropped: true,
      fit: "cover",
    });
    expect(planResize(480, 640, { height: 240, width: 320 })?.cropped).toBe(false);
    expect(planResize(224, 224, { height: 224, width: 224 })).toBeNull();
    expect(planResize(1, 1, { height: 28, width: 28 })?.cropped).toBe(false);
  });
  it("no target: long side ≤ maxSide, aspect kept, never enlarged, never 0", () => {
    expect(planResize(1000, 2000, null)?.to).toEqual([256, 512]);
    expect(planResize(2000, 1000, null, 100)?.to).toEqual([100, 50]);
    expect(planResize(1, 5000, null)?.to).toEqual([1, 512]);
    expect(planResize(512, 300, null)).toBeNull();
    expect(planResize(10, 10, null)).toBeNull();
  });
});

describe("interleavedToPlanes", () => {
  it("HWC bytes → CHW floats in [0, 1]", () => {
    // 2×2 RGB: (r, g, b) = (0, 51, 255), (255, 0, 0), …
    const px = Uint8Array.from([0, 51, 255, 255, 0, 0, 1, 2, 3, 4, 5, 6]);
    const p = interleavedToPlanes(px, 2, 2, 3);
    expect([p.channels, p.height, p.width]).toEqual([3, 2, 2]);
    expect(Array.from(p.data)).toEqual(
      [0, 255, 1, 4, 51, 0, 2, 5, 255, 0, 3, 6].map((v) => Math.fround(v / 255)),
    );
    expect(() => interleavedToPlanes(px, 2, 2, 1)).toThrow();
  });
});
