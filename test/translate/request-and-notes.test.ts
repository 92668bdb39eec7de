import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { analyzeKeras } from "../../src/parse/keras/analyze-keras.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { analyzePytorch } from "../../src/parse/torch/analyze-pytorch.js";
import { crossFrameworkNotes } from "../../src/translate/model-notes.js";
import { translationRequest } from "../../src/translate/translation-request.js";

const ev = { maxSteps: 1_000_000, maxDepth: 64, maxCollection: 100_000 };
const keras = (code: string) =>
  analyzeKeras(parseMessage(code), { inputOverride: null, maxLayers: 100, evalLimits: ev });

describe("a translation request is recognised", () => {
  it.each([
    ["Conv2D(24, 8, strides=2) in pytorch", null, "pytorch"],
    ["nn.Conv2d(3, 24, 8, stride=2) in keras", null, "keras"],
    ["How do I write this Conv2D in PyTorch?", "keras", "pytorch"],
    ["这个 Conv2D 用 PyTorch 怎么写", "keras", "pytorch"],
    ["把 nn.LSTM(16, 32) 转成 Keras", null, "keras"],
    ["translate this layer", "keras", null],
    ["What is the PyTorch equivalent of MaxPooling2D(2)?", null, "pytorch"],
  ] as const)("%s", (text, code, to) => {
    expect(translationRequest(text, code)?.to ?? null).toBe(to);
    expect(translationRequest(text, code)).not.toBeNull();
  });

  it.each([
    ["conv 24 filters 8x8 stride 2 on 128x128x3 in pytorch", null],
    ["what is the output of this model in pytorch?", "pytorch"],
    ["why is the output (None, 61, 61, 24)?", "keras"],
    ["3x3 卷积 24 个滤波器，输入 128x128x3", null],
  ] as const)("not: %s", (text, code) => {
    expect(translationRequest(text, code)).toBeNull();
  });

  it("answers with the layer in the other framework and both weight layouts", () => {
    const r = answer({ text: "nn.Conv2d(3, 24, 8, stride=2) in keras" });
    expect(r.understood).toBe(true);
    expect(r.text).toContain("layers.Conv2D(24, 8, strides=2)");
    expect(r.text).toContain("kernel (8, 8, 3, 24)");
    expect(r.text).toContain("weight (24, 3, 8, 8)");
  });
});

describe("cross-framework notes carry the user's numbers", () => {
  it("Keras 'same' with stride 2 on an even size pads (0, 1): F.pad advice", () => {
    const a = keras(
      "model = keras.Sequential([keras.Input(shape=(128, 128, 3)), layers.Conv2D(32, 3, strides=2, padding='same'), layers.Conv2D(32, 3, strides=2, padding='same', name='c2')])",
    );
    const notes = crossFrameworkNotes(a as NonNullable<typeof a>);
    expect(notes).toEqual([
      expect.objectContaining({
        code: "same_asymmetric",
        pads: [
          [0, 1],
          [0, 1],
        ],
        fPad: "(0, 1, 0, 1)",
        layers: ["conv2d", "c2"],
      }),
    ]);
  });

  it("no padding note when the pads are equal (odd size)", () => {
    const a = keras(
      "model = keras.Sequential([keras.Input(shape=(127, 127, 3)), layers.Conv2D(32, 3, strides=2, padding='same')])",
    );
    expect(crossFrameworkNotes(a as NonNullable<typeof a>)).toEqual([]);
  });

  it("LSTM: Keras 4h biases vs PyTorch 8h (DESIGN.md rule 7)", () => {
    const a = keras("model = keras.Sequential([keras.Input(shape=(20, 8)), layers.LSTM(64)])");
    expect(crossFrameworkNotes(a as NonNullable<typeof a>)).toEqual([
      expect.objectContaining({
        code: "rnn_bias",
        keras: 4 * (64 * (8 + 64) + 64),
        pytorch: 4 * 64 * (8 + 64) + 8 * 64,
      }),
    ]);
  });

  it("BatchNorm: Keras' moving statistics 2C as non-trainable; PyTorch side the other way", () => {
    const a = keras("model = keras.Sequential([keras.Input(shape=(8, 8, 16)), layers.BatchNormalization()])");
    expect(crossFrameworkNotes(a as NonNullable<typeof a>)).toEqual([
      expect.objectContaining({ code: "batch_norm", from: "keras", channels: 16, stats: 32 }),
    ]);
    const t = analyzePytorch(
      parseMessage(
        "model = nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16))\nmodel(torch.randn(1, 3, 8, 8))",
      ),
      {
        inputOverride: null,
        maxLayers: 100,
        evalLimits: ev,
        proseLines: [],
      },
    );
    expect(crossFrameworkNotes(t as NonNullable<typeof t>)).toEqual([
      expect.objectContaining({ code: "batch_norm", from: "pytorch", channels: 16, stats: 32 }),
    ]);
  });

  it("no notes for a model without these layers", () => {
    const a = keras("model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(10)])");
    expect(crossFrameworkNotes(a as NonNullable<typeof a>)).toEqual([]);
  });
});
