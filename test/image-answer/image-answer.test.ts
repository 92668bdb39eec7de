import { readFileSync } from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { answerWithImage } from "../../src/core/image-answer.js";

// A message with an image, end to end: the text answer, the model run on the real picture with
// seeded untrained weights, one PNG per pictured layer, and what was done to the picture.

const SEED = readFileSync(new URL("../golden/messages/01-seed.txt", import.meta.url), "utf8");
const RESNET = readFileSync(
  new URL("../golden/messages/63-torch-resnet-torchinfo.txt", import.meta.url),
  "utf8",
);

async function photo(width = 320, height = 240): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const disc = Math.hypot(x - width / 3, y - height / 2) < height / 4;
      raw[i] = disc ? 230 : 40;
      raw[i + 1] = y % 40 < 20 ? 200 : 60;
      raw[i + 2] = ((x >> 4) + (y >> 4)) % 2 ? 180 : 30;
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

async function size(png: Buffer): Promise<[number, number]> {
  const m = await sharp(png).metadata();
  return [m.width ?? 0, m.height ?? 0];
}

describe("answerWithImage", () => {
  it("runs the seed model on a photo: the input as the model saw it, then conv_1…conv_3", async () => {
    const { reply, files } = await answerWithImage({ text: SEED }, await photo());
    expect(files.map((f) => f.name)).toEqual([
      "00-input.png",
      "01-conv_1.png",
      "02-conv_2.png",
      "03-conv_3.png",
    ]);
    expect(files.map((f) => f.caption)).toEqual([
      "input · 128×128×3",
      "conv_1 · 61×61×24",
      "conv_2 · 27×27×24",
      "conv_3 · 10×10×24",
    ]);
    for (const f of files) {
      const [w, h] = await size(f.png);
      expect(w).toBeGreaterThan(100);
      expect(h).toBeGreaterThan(100);
      expect(f.png.length).toBeLessThan(1_000_000);
    }
    // The text answer is the usual one, with what was done to the picture after it.
    expect(reply.text.startsWith(answer({ text: SEED }).text)).toBe(true);
    expect(reply.text).toContain(
      "Your 320×240 image was scaled to cover 128×128 and cropped around the centre.",
    );
    expect(reply.text).toContain("untrained (Keras' glorot_uniform");
    // The whole model ran: its one output number on this picture is said.
    expect(reply.text).toMatch(
      /The model's output on this picture \(untrained weights, so not a prediction\): -?\d/,
    );
    expect(reply.json.images?.map((i) => i.name)).toEqual(files.map((f) => f.name));
  });

  it("the same picture and seed give the same PNGs", async () => {
    const image = await photo();
    const a = await answerWithImage({ text: SEED }, image);
    const b = await answerWithImage({ text: SEED }, image);
    expect(a.files.map((f) => f.png.equals(b.files[a.files.indexOf(f)]?.png ?? Buffer.alloc(0)))).toEqual(
      a.files.map(() => true),
    );
  });

  it("follows PyTorch residual blocks (out += shortcut(x)) to the end of the model", async () => {
    const { reply, files } = await answerWithImage({ text: RESNET }, await photo());
    expect(reply.text).not.toContain("Stopped at");
    expect(files[0]?.caption).toBe("input · 3×32×32");
    expect(files.some((f) => f.caption === "layer2.0.conv1 · 32×16×16")).toBe(true);
  });

  it("stops where the engine cannot follow and says where", async () => {
    const text =
      "model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU())\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(3, 4, 3)\n    def forward(self, x):\n        return self.c(x).permute(0, 2, 3, 1)\nmodel = M()\nmodel(torch.randn(1, 3, 16, 16))\n";
    const { reply, files } = await answerWithImage({ text }, await photo());
    expect(files.map((f) => f.caption)).toEqual(["input · 3×16×16", "c · 4×14×14"]);
    expect(reply.text).toContain("Stopped at .permute (permute)");
  });

  it("memory is bounded: maps and weights past 256 MB stop the run there; an input past 128 MB is not run", async () => {
    const keras = (input: string, layers: string) =>
      `import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(${input}), ${layers}])`;
    // 1 GMAC, inside the compute budget, but 1024 maps of 1024×1024 are 4 GB of floats.
    const wide = await answerWithImage(
      { text: keras("(1024, 1024, 1)", "layers.Conv2D(8, 3), layers.Conv2D(1024, 1)") },
      await photo(),
    );
    expect(wide.reply.understood).toBe(true);
    expect(wide.files.map((f) => f.caption)).toEqual(["input · 1024×1024×1", "conv2d · 1022×1022×8"]);
    expect(wide.reply.text).toContain(
      "Stopped at conv2d_1 (Conv2D): its feature maps and weights would bring the run to 4,116 MB of the 256 MB a picture run may hold.",
    );
    // A Dense layer with 100 M weights, made before it runs.
    const dense = await answerWithImage(
      { text: keras("(100, 100, 1)", "layers.Flatten(), layers.Dense(10000)") },
      await photo(),
    );
    expect(dense.reply.text).toMatch(
      /Stopped at dense \(Dense\): its feature maps and weights would bring the run to 382 MB/,
    );
    const huge = await answerWithImage(
      { text: keras("(8000, 6000, 3)", "layers.Conv2D(8, 1)") },
      await photo(),
    );
    expect(huge.files.filter((f) => f.name !== "arithmetic.png")).toEqual([]);
    expect(huge.reply.text).toContain(
      "The image was not run: the model's input (None, 8000, 6000, 3) would take 550 MB as numbers, more than a picture run may hold.",
    );
  }, 30_000);

  it("a model whose input is not an image says so and attaches nothing", async () => {
    const { reply, files } = await answerWithImage(
      { text: "model = Sequential([Dense(4, input_shape=(10,))])" },
      await photo(),
    );
    expect(files).toEqual([]);
    expect(reply.text).toContain("is not an image with 1 or 3 channels");
  });

  it("an upload that is not an image is refused with the loader's words, the text answer kept", async () => {
    const { reply, files } = await answerWithImage({ text: SEED }, Buffer.from("definitely not an image"));
    expect(files).toEqual([]);
    expect(reply.understood).toBe(true);
    expect(reply.text).toContain("The image was not used:");
  });

  it("a grayscale model gets a one-channel picture; a Chinese message gets Chinese lines", async () => {
    const text =
      "这个模型的特征图是什么样的？\nmodel = Sequential([Conv2D(8, 3, activation='relu', input_shape=(28, 28, 1))])";
    const { reply, files } = await answerWithImage({ text }, await photo());
    expect(files[0]?.caption).toBe("input · 28×28×1");
    expect(reply.text).toContain("用你的图像得到的特征图");
  });
});
