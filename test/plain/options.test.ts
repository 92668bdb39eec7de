// Slash-command options (`/conv input=128x128x3 filters=24 kernel=8 stride=2`) and the cheap
// routing test that decides whether a message is a plain-language question.
import { describe, expect, it } from "vitest";
import { looksLikePlainQuestion, plainFromOptions } from "../../src/parse/plain/parse-plain.js";

describe("plainFromOptions", () => {
  it("maps the /conv options onto one conv layer and its input", () => {
    const result = plainFromOptions({
      input: "128x128x3",
      filters: 24,
      kernel: 8,
      stride: "2",
      padding: "valid",
      dilation: 1,
      groups: 1,
      framework: "keras",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const q = result.question;
    expect(q.framework).toBe("keras");
    expect(q.input?.dims).toEqual([128, 128, 3]);
    expect(q.layers).toHaveLength(1);
    expect(q.layers[0]).toMatchObject({
      kind: "conv",
      filters: 24,
      kernel: [8],
      stride: [2],
      padding: "valid",
      dilation: [1],
      groups: 1,
    });
  });

  it("takes the layer kind from layer=, whatever the option order", () => {
    const result = plainFromOptions({
      kernel: "3x3",
      stride: 2,
      ceil_mode: true,
      layer: "maxpool",
      input: "(64, 55, 55)",
    });
    expect(result.ok && result.question.layers[0]).toMatchObject({
      kind: "pool",
      op: "max",
      kernel: [3, 3],
      stride: [2],
      ceilMode: true,
    });
    expect(result.ok && result.question.input?.dims).toEqual([64, 55, 55]);
  });

  it.each([
    [
      { layer: "conv_transpose", output_padding: 1 },
      { kind: "conv_transpose", outputPadding: [1] },
    ],
    [
      { layer: "depthwise", depth_multiplier: 2 },
      { kind: "depthwise_conv", depthMultiplier: 2 },
    ],
    [
      { layer: "lstm", units: 64, return_sequences: "true" },
      { kind: "recurrent", cell: "lstm", units: 64 },
    ],
    [
      { layer: "embedding", input_dim: 1000, output_dim: 64 },
      { kind: "embedding", vocabulary: 1000, dims: 64 },
    ],
    [
      { padding: "same", kernel_size: "(3, 3)" },
      { kind: "conv", padding: "same", kernel: [3, 3] },
    ],
    [{ padding: 1 }, { kind: "conv", padding: [1] }],
  ] as const)("%j", (options, layer) => {
    const result = plainFromOptions(options);
    expect(result.ok && result.question.layers[0]).toMatchObject(layer);
  });

  it("reads the layout and the input channels", () => {
    const result = plainFromOptions({ input: "32x32", in_channels: 3, layout: "NCHW", framework: "pytorch" });
    expect(result.ok && result.question).toMatchObject({
      framework: "pytorch",
      layout: "channels_first",
      input: { dims: [32, 32], channels: 3 },
    });
  });

  it.each([
    [{ frobs: 3 }, "frobs", "unknown option"],
    [{ filters: "many" }, "filters", "expected one number"],
    [{ input: "valid" }, "input", "expected a size such as 128x128x3"],
    [{ padding: "sometimes" }, "padding", "expected 'same', 'valid', 'causal' or a number"],
    [{ framework: "jax" }, "framework", "expected keras or pytorch"],
    [{ layer: "banana" }, "layer", "expected a layer such as conv, pool, maxpool, dense or lstm"],
    [{ kernel: "3, 3" }, "kernel", "could not read '3, 3'"],
    [{ ceil_mode: "maybe" }, "ceil_mode", "expected true or false"],
  ] as const)("refuses %j", (options, option, message) => {
    expect(plainFromOptions(options)).toEqual({ ok: false, option, message });
  });
});

describe("looksLikePlainQuestion", () => {
  it.each([
    "conv 24 filters 8x8 stride 2 on 128x128x3",
    "100x100x1 input, 200 filters 3x3 — why 98?",
    "输入 128x128x3，卷积 24 个 8x8 滤波器，步长 2",
    "what is None?",
    "为什么通道维度不见了",
    "Conv2D vs K.conv2d",
    "'same' vs 'valid' padding",
  ])("yes: %s", (text) => {
    expect(looksLikePlainQuestion(text)).toBe(true);
  });

  it.each([
    "hello everyone",
    "thanks, that worked!",
    "I have 3 cats",
    "```python\nmodel = Sequential([Conv2D(24, (8, 8))])\n```",
    "from tensorflow.keras.layers import Conv2D",
    "x = layers.Conv2D(32, 3)(x)",
    "",
    "conv 3x3 ".repeat(300),
  ])("no: %j", (text) => {
    expect(looksLikePlainQuestion(text)).toBe(false);
  });
});
