import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { answerWithFiles } from "../../src/core/attachments.js";

// What an adapter that can send files gets: the arithmetic picture for a single conv or pooling
// layer, the feature maps of an attached image, both, or neither.

describe("answerWithFiles", () => {
  it("a single-layer question gets its arithmetic as a picture", async () => {
    const { reply, files } = await answerWithFiles({ text: "conv 24 filters 8x8 stride 2 on 128x128x3" });
    expect(files.map((f) => f.name)).toEqual(["arithmetic.png"]);
    const meta = await sharp(files[0]?.png ?? Buffer.alloc(0)).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBeLessThanOrEqual(1600);
    expect(reply.text).toContain("the arithmetic as a picture");
    expect(reply.json.images?.[0]?.name).toBe("arithmetic.png");
  });

  it("a model of several layers gets no arithmetic picture; a symbolic input neither", async () => {
    expect(
      (await answerWithFiles({ text: "conv 16 3x3 on 32x32x3 then maxpool 2 then dense 10" })).files,
    ).toEqual([]);
    expect((await answerWithFiles({ text: "model = nn.Sequential(nn.Conv2d(3, 8, 3))" })).files).toEqual([]);
  });

  it("a single layer with an image gets the feature maps and the arithmetic", async () => {
    const image = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a6" } })
      .png()
      .toBuffer();
    const { files } = await answerWithFiles({ text: "conv 8 filters 3x3 on 32x32x3" }, image);
    expect(files.map((f) => f.name)).toEqual(["00-input.png", "01-conv2d.png", "arithmetic.png"]);
  });

  it("a message that is not understood gets no files", async () => {
    const { reply, files } = await answerWithFiles({ text: "" });
    expect(reply.understood).toBe(false);
    expect(files).toEqual([]);
  });
});
