import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { answerWithFiles } from "../../src/core/attachments.js";
import { weightsFromMessage, weightsFromOption } from "../../src/core/weight-choice.js";

// Named and written kernels instead of random weights, for a single conv layer on a picture.

describe("weight choice", () => {
  it("reads --weights: init, or known kernel names", () => {
    expect(weightsFromOption("init")).toEqual({ kind: "init" });
    const w = weightsFromOption("sobel-x, sobel-y");
    expect("kernels" in w && w.kernels.length).toBe(2);
    expect(weightsFromOption("sobel-z")).toEqual({
      error: expect.stringContaining("unknown kernel sobel-z"),
    });
  });

  it("reads a kernel written in the message, and says what is wrong with a bad one", () => {
    const w = weightsFromMessage("conv on 32x32x1 with kernel [[1,0,-1],[2,0,-2],[1,0,-1]]");
    expect(w && "kernels" in w && w.kernels[0]).toEqual([
      [1, 0, -1],
      [2, 0, -2],
      [1, 0, -1],
    ]);
    const bad = weightsFromMessage("kernel [[1,0],[2]]");
    expect(bad && "error" in bad && bad.error).toMatch(/row 2/);
  });

  it("names in prose: sobel, laplacian, gaussian blur; 'bounding box' is not a box blur", () => {
    expect((weightsFromMessage("3x3 conv with a sobel filter") as { label: string }).label).toBe("edges");
    expect((weightsFromMessage("what does a laplacian do") as { label: string }).label).toBe("laplacian");
    expect((weightsFromMessage("gaussian blur on it") as { label: string }).label).toBe("gaussian");
    expect(weightsFromMessage("draw the bounding box")).toBeNull();
  });
});

describe("named kernels on a picture", () => {
  const picture = () =>
    sharp({ create: { width: 48, height: 40, channels: 3, background: "#808080" } })
      .composite([
        {
          input: { create: { width: 16, height: 40, channels: 3, background: "#ffffff" } },
          left: 24,
          top: 0,
        },
      ])
      .png()
      .toBuffer();

  it("sobel on an RGB picture: each kernel on each channel, 6 maps, and the vertical edge found", async () => {
    const { reply, files } = await answerWithFiles(
      { text: "conv 3x3 on 32x32x3 with a sobel filter" },
      await picture(),
    );
    expect(files.map((f) => f.caption)).toEqual([
      "input · 32×32×3",
      "conv2d · edges · 30×30×6",
      expect.stringContaining("conv2d"),
    ]);
    expect(reply.text).toContain("The filters are edges, not random");
  });

  it("a written kernel keeps the channel count; --weights names override the message", async () => {
    const img = await picture();
    const written = await answerWithFiles(
      { text: "conv on 16x16x1 with kernel [[0,1,0],[1,-4,1],[0,1,0]]" },
      img,
    );
    expect(written.files[1]?.caption).toBe("conv2d · your 3×3 kernel · 14×14×1");
    const named = await answerWithFiles({ text: "conv 3x3 on 16x16x1" }, img, {
      weights: weightsFromOption("laplacian,sharpen") as never,
    });
    expect(named.files[1]?.caption).toBe("conv2d · laplacian, sharpen · 14×14×2");
  });

  it("a named kernel with a model of several layers: its own random weights, and it says so", async () => {
    const { reply, files } = await answerWithFiles(
      { text: "model = Sequential([Conv2D(4, 3, input_shape=(16, 16, 3)), Conv2D(4, 3)])\n# sobel" },
      await picture(),
    );
    expect(files.length).toBe(3);
    expect(reply.text).toContain("applies to a single conv layer");
  });
});
