import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { DEFAULT_LIMITS } from "../../src/core/request.js";

function json(text: string, input?: string) {
  const reply = answer({ text, input: input ?? null });
  return { reply, json: reply.json };
}

describe("answer: messages that are not a model get a clear reply, never a crash", () => {
  it("an empty message", () => {
    for (const text of ["", "   ", "\n\n\t\n"]) {
      const r = answer({ text });
      expect(r.understood).toBe(false);
      expect(r.text).toContain("The message is empty");
    }
  });

  it("a 200 KB paste is refused with its size and the limit", () => {
    const line = "model.add(Dense(64, activation='relu'))\n";
    const text = line.repeat(Math.ceil((200 * 1024) / line.length));
    const started = performance.now();
    const r = answer({ text });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.understood).toBe(false);
    expect(r.text).toMatch(/That message is 20\d KB; I read at most 128 KB/);
  });

  it("binary garbage", () => {
    let seed = 7;
    const bytes = Buffer.from(
      Array.from({ length: 4096 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % 256;
      }),
    );
    const r = answer({ text: bytes.toString("latin1") });
    expect(r.understood).toBe(false);
    expect(r.text).toContain("does not look like text");
    const utf8 = answer({ text: bytes.toString("utf8") });
    expect(utf8.understood).toBe(false);
  });

  it("plain language is answered; a sentence it cannot place names the word and shows two examples", () => {
    const r = answer({ text: "conv 24 filters 8x8 stride 2 on 128x128x3" });
    expect(r.understood).toBe(true);
    expect(r.json.framework).toBe("plain");
    expect(r.json.layers.map((l) => [l.type, l.outputShape, l.params])).toEqual([
      ["Conv2D", [null, 61, 61, 24], 4632],
    ]);
    const nonsense = answer({ text: "convolve the banana with 3 dragons" });
    expect(nonsense.understood).toBe(false);
    expect(nonsense.text).toContain("I did not understand 'convolve'");
    expect(nonsense.text).toContain("conv 24 filters 8x8 stride 2 on 128x128x3");
  });

  it("PyTorch code without a model says what it looked for", () => {
    const r = answer({ text: "import torch\nx = torch.randn(2, 3)\nprint(x.sum())\n" });
    expect(r.understood).toBe(false);
    expect(r.text).toContain("found no PyTorch model");
  });

  it("code without a model says what it looked for", () => {
    const r = answer({ text: "x = 3\ny = x * 2\nprint(y)" });
    expect(r.understood).toBe(false);
    expect(r.text).toContain("found no Keras model");
  });

  it("a bad --input option", () => {
    const r = answer({ text: "model = Sequential([Dense(3)])", input: "12 by 12" });
    expect(r.understood).toBe(false);
    expect(r.text).toContain("not a size");
  });
});

describe("answer: models with problems still answer what can be answered", () => {
  it("a grammar-breaking line in the middle is skipped with its line and column, the rest computes", () => {
    const { reply, json: j } = json(
      [
        "model = Sequential()",
        "model.add(Dense(128, activation='relu', input_shape=(784,)))",
        "model.add(Dense(64 activation='relu'))",
        "model.add(Dense(10, activation='softmax'))",
      ].join("\n"),
    );
    expect(reply.understood).toBe(true);
    expect(j.layers.map((l) => l.outputShape)).toEqual([
      [null, 128],
      [null, 10],
    ]);
    expect(j.warnings[0]).toMatchObject({ code: "line_skipped", line: 3, column: 20 });
    expect(j.warnings[0]?.message).toContain("expected");
    expect(j.warnings[0]?.message).not.toMatch(/nearley|Unexpected|Instead/);
  });

  it("an unknown layer shows as unknown and the layers after it still compute", () => {
    const { json: j } = json(
      "model = Sequential()\nmodel.add(Conv2D(8, 3, input_shape=(16, 16, 3)))\nmodel.add(MyCustomLayer(4))\nmodel.add(Flatten())\nmodel.add(Dense(2))",
    );
    expect(j.layers.map((l) => [l.type, l.outputShape, l.params])).toEqual([
      ["Conv2D", [null, 14, 14, 8], 224],
      ["MyCustomLayer", [null, 14, 14, 8], null],
      ["Flatten", [null, 1568], 0],
      ["Dense", [null, 2], 3138],
    ]);
    expect(j.totalParams).toBeNull();
    expect(j.warnings.map((w) => w.code)).toContain("unknown_layer");
    expect(j.reply).toContain("Total params: 3,362 + ?");
  });

  it("bad layer arguments are errors at the argument, with what was expected", () => {
    const cases: [string, RegExp][] = [
      ["Conv2D(kernel_size=3)", /Conv2D\(\) needs the argument 'filters'/],
      ["Conv2D(8, 'big')", /kernel_size='big'\): expected an integer or a tuple of 2 integers/],
      ["Conv2D(8, 3, strides=0)", /strides=0\): expected positive integers/],
      ["Dense(10**9)", /units=1000000000\): expected a positive integer up to 1,000,000/],
      ["MaxPooling2D(2, padding='full')", /padding='full'\): expected 'valid' or 'same'/],
    ];
    for (const [layer, message] of cases) {
      const { reply, json: j } = json(
        `inp = Input(shape=(8, 8, 3))\nout = ${layer}(inp)\nmodel = Model(inp, out)`,
      );
      expect(reply.understood).toBe(true);
      expect(j.errors[0]?.message, layer).toMatch(message);
      expect(j.errors[0]?.line).toBe(2);
      expect(j.layers.at(-1)?.status).toBe("error");
    }
  });

  it("an endless loop in the code stops at the step budget and says so", () => {
    const { reply, json: j } = json(
      "model = Sequential([Dense(4, input_shape=(3,))])\nwhile True:\n    model.add(Dropout(0.1))\n    model.add(Dropout(0.1))",
    );
    expect(reply.understood).toBe(true);
    expect(j.notes.join(" ")).toContain("Stopped reading the code after it created 4,000 layers");
    expect(j.errors.map((e) => e.code)).toContain("too_many_layers");
    expect(j.layers.length).toBe(2000);
  });

  it("more layers than the limit are cut at the limit with a message", () => {
    const limits = { ...DEFAULT_LIMITS, maxLayers: 50 };
    const r = answer(
      {
        text: "model = Sequential([Dense(4, input_shape=(3,))])\nfor i in range(100):\n    model.add(Dense(4))",
      },
      limits,
    );
    expect(r.json.layers.length).toBe(50);
    expect(r.json.errors.map((e) => e.code)).toContain("too_many_layers");
  });

  it("the Keras 2/3 differences are answered as the code means, with a note", () => {
    const { json: j } = json(
      "inp = Input(shape=(4,))\nout = Dense(2)(inp)\nmodel = Model(input=inp, output=out)",
    );
    expect(j.totalParams).toBe(10);
    expect(j.notes.join(" ")).toContain("Keras 3 only accepts inputs= and outputs=");
    const emb = json("model = Sequential([Embedding(1000, 8, input_length=20), Flatten(), Dense(1)])").json;
    expect(emb.layers.map((l) => l.outputShape)).toEqual([
      [null, 20, 8],
      [null, 160],
      [null, 1],
    ]);
    expect(emb.notes.join(" ")).toContain("Keras 3 ignores input_length");
  });

  it("--input replaces the code's input shape", () => {
    const { json: j } = json(
      "model = Sequential([Conv2D(4, 3, input_shape=(32, 32, 3))])",
      "(None, 10, 10, 1)",
    );
    expect(j.input).toEqual([null, 10, 10, 1]);
    expect(j.layers[0]?.outputShape).toEqual([null, 8, 8, 4]);
    expect(j.layers[0]?.params).toBe(40);
    expect(j.notes).toContain(
      "Answered for the input shape you gave, (None, 10, 10, 1), instead of the code's (None, 32, 32, 3).",
    );
  });

  it("the text reply and --json come from the same analysis", () => {
    const { reply, json: j } = json("model = Sequential([Dense(5, input_shape=(3,)), Dense(2)])");
    expect(j.reply).toBe(reply.text);
    for (const l of j.layers) expect(reply.text).toContain(`${l.name} (${l.type})`);
    expect(reply.text).toContain(`Total params: ${j.totalParams}`);
  });
});

describe("answer: inputs that once were slow or crashed (found in review)", () => {
  it.each([
    ["a 5,000-term sum", `x = ${Array(5000).fill("1").join("+")}`],
    ["a 5,000-deep attribute chain", `x = a${".b".repeat(5000)}`],
    ["5,000 unary minus signs", `x = ${"-".repeat(5000)}1`],
    ["one 120 KB word", `${"a".repeat(120_000)} $`],
    ["1,200 unclosed calls before a statement", `${"x = f(\n".repeat(1200)}y = 1\n`],
  ])("%s: answered quickly, never thrown", (_name, text) => {
    const started = performance.now();
    const reply = answer({ text });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(reply.text.length).toBeGreaterThan(0);
  });

  it("a 20,000-term sum and a 5,000-term `and` chain are evaluated, not refused", () => {
    const r = answer({
      text: `n = ${Array(20000).fill("1").join("+")}\nok = ${Array(5000).fill("True").join(" and ")}\nmodel = Sequential([Dense(n if ok else 1, input_shape=(3,))])`,
    });
    expect(r.json.layers[0]?.outputShape).toEqual([null, 20000]);
  });

  it("columns count characters, as Python does, even after an emoji", () => {
    const r = answer({ text: "s = '😀😀'; y = (1,,2)" });
    expect(r.text).toContain("line 1, column 18: expected an expression or ')', found ','");
  });

  it("a too-deep chain inside a model is skipped with a reason, the rest computes", () => {
    const r = answer({
      text: `model = Sequential([Dense(4, input_shape=(3,))])\nx = ${"-".repeat(3000)}1\nmodel.add(Dense(2))`,
    });
    expect(r.json.layers.map((l) => l.outputShape)).toEqual([
      [null, 4],
      [null, 2],
    ]);
    expect(r.json.warnings[0]?.message).toContain("nests more than 400 operations");
  });
});

describe("answer: plain language end to end", () => {
  it("slash-command options answer exactly like the sentence", () => {
    const fromOptions = answer({
      text: "",
      options: { input: "128x128x3", filters: 24, kernel: 8, stride: 2, padding: "valid" },
    });
    const fromSentence = answer({ text: "conv 24 filters 8x8 stride 2 padding valid on 128x128x3" });
    expect(fromOptions.understood).toBe(true);
    const rows = (r: typeof fromOptions) =>
      r.json.layers.map((l) => [l.type, l.outputShape, l.params, l.macs]);
    expect(rows(fromOptions)).toEqual(rows(fromSentence));
    expect(fromOptions.json.layers[0]).toMatchObject({
      type: "Conv2D",
      outputShape: [null, 61, 61, 24],
      params: 4632,
    });
    const bad = answer({ text: "", options: { input: "128xbanana", filters: 24 } });
    expect(bad.understood).toBe(false);
    expect(bad.text).toContain("input");
  });

  it("a Chinese question gets a fully Chinese reply with the same numbers", () => {
    const zh = answer({ text: "输入 128x128x3，卷积 24 个 8x8 滤波器，步长 2" });
    const en = answer({ text: "conv 24 filters 8x8 stride 2 on 128x128x3" });
    const rows = (r: typeof zh) => r.json.layers.map((l) => [l.type, l.outputShape, l.params, l.macs]);
    expect(rows(zh)).toEqual(rows(en));
    expect(zh.text).toContain("24 个滤波器");
    expect(zh.text).toContain("⌊(128 − 8 + 2·0)/2⌋ + 1 = 61");
    expect(zh.text).not.toMatch(/\beach of the\b|\bfilters\b/);
  });

  it("layer words of the question sentence are not layers: only the stated stack is built", () => {
    const r = answer({
      text: "why do conv params not depend on the input size but dense after flatten does? conv 32 filters 3x3 on 64x64x3 then flatten then dense 10",
    });
    expect(r.json.layers.map((l) => l.type)).toEqual(["Conv2D", "Flatten", "Dense"]);
    expect(r.text).toContain("32·(3·3·3 + 1) = 896, whatever the image size");
  });
});
