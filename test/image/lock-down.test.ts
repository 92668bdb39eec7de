// Its own file: allowOnlyUploadLoaders() changes sharp for the whole process (vitest runs each
// test file in a separate process here).
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { canDecode, LOCAL_FORMATS } from "../../src/image/formats.js";
import { loadImage } from "../../src/image/load-image.js";
import { allowOnlyUploadLoaders } from "../../src/image/lock-down.js";
import { encodePng } from "../../src/image/save-png.js";
import { rgbPixels, solid } from "./make-images.js";

describe("allowOnlyUploadLoaders", () => {
  it("after it, every accepted format still loads, SVG cannot, and PNG encoding still works", async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>');
    const tall = rgbPixels(4, 8, () => [0, 255, 0]);
    const files = {
      jpeg: await solid(4, 4, [0, 255, 0]).jpeg().toBuffer(),
      png: await solid(4, 4, [0, 255, 0]).png().toBuffer(),
      webp: await solid(4, 4, [0, 255, 0]).webp().toBuffer(),
      gif: await sharp(tall, { raw: { width: 4, height: 8, channels: 3, pageHeight: 4 } })
        .gif()
        .toBuffer(),
      tiff: await solid(4, 4, [0, 255, 0]).tiff().toBuffer(),
      ...(canDecode("heif") ? { avif: await solid(4, 4, [0, 255, 0]).avif({ effort: 0 }).toBuffer() } : {}),
    };
    expect((await sharp(svg).metadata()).format).toBe("svg"); // before: libvips would read it

    allowOnlyUploadLoaders();

    await expect(sharp(svg).metadata()).rejects.toThrow(/unsupported image format/);
    for (const [name, file] of Object.entries(files)) {
      const r = await loadImage(
        file,
        { channels: 3, size: { height: 2, width: 2 } },
        { formats: LOCAL_FORMATS },
      );
      expect(r.ok, `${name}: ${r.ok ? "" : r.error.detail}`).toBe(true);
    }
    const png = await encodePng(new Uint8Array(12), 2, 2, 3);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  });
});
