import { describe, expect, it } from "vitest";
import { buildPlainModel } from "../../src/parse/plain/plain-builder.js";
import { emptyLayer, type PlainLayer, type PlainQuestion } from "../../src/parse/plain/plain-question.js";

const at = { line: 1, column: 1 };

function layer(kind: PlainLayer["kind"], fields: Partial<PlainLayer> = {}): PlainLayer {
  return { ...emptyLayer(kind, at), ...fields };
}

function question(
  layers: PlainLayer[],
  dims: number[] | null,
  extra: Partial<PlainQuestion> = {},
): PlainQuestion {
  return {
    lang: "en",
    framework: null,
    layout: null,
    input: dims ? { dims, pos: at, channels: null, steps: null, features: null } : null,
    layers,
    concepts: [],
    unknown: [],
    ...extra,
  };
}

function rows(q: PlainQuestion) {
  const m = buildPlainModel(q);
  if (!m) throw new Error("no model");
  return {
    m,
    rows: m.analysis.layers.map((l) => [
      l.className,
      l.outputShapes[0],
      (l.params.trainable ?? 0) + (l.params.nonTrainable ?? 0),
    ]),
  };
}

describe("plain question → model (the same rules as the code path)", () => {
  it("the seed sentence: conv 24 filters 8x8 stride 2 on 128x128x3", () => {
    const { m, rows: r } = rows(
      question([layer("conv", { filters: 24, kernel: [8, 8], stride: [2] })], [128, 128, 3]),
    );
    expect(m.framework).toBe("keras");
    expect(r).toEqual([["Conv2D", [null, 61, 61, 24], 4632]]);
  });

  it("3x32x32 (small first number) is read as C×H×W, PyTorch, and says so", () => {
    const { m, rows: r } = rows(
      question([layer("conv", { filters: 16, kernel: [3], padding: [1] })], [3, 32, 32]),
    );
    expect(m.framework).toBe("pytorch");
    expect(m.assumptions).toContainEqual({ code: "layout", layout: "channels_first", reason: "small_first" });
    expect(r).toEqual([["Conv2d", [1, 16, 32, 32], 448]]);
  });

  it("a 2-D size with 'RGB' gets 3 channels; without a word, 3 and a note", () => {
    const rgb = rows(
      question([layer("conv", { filters: 24, kernel: [8], stride: [2] })], null, {
        input: { dims: [128, 128], pos: at, channels: 3, steps: null, features: null },
      }),
    );
    expect(rgb.rows[0]?.[1]).toEqual([null, 61, 61, 24]);
    const bare = rows(question([layer("conv", { filters: 2, kernel: [3] })], [10, 10]));
    expect(bare.rows[0]?.[1]).toEqual([null, 8, 8, 2]);
    expect(bare.m.assumptions).toContainEqual({ code: "default", what: "channels", value: "3" });
  });

  it("a stack: conv → maxpool (strides default to the pool size) → flatten → dense", () => {
    const { rows: r } = rows(
      question(
        [
          layer("conv", { filters: 16, kernel: [3], padding: "same" }),
          layer("pool", { op: "max", kernel: [2] }),
          layer("flatten"),
          layer("dense", { units: 10 }),
        ],
        [32, 32, 3],
      ),
    );
    expect(r).toEqual([
      ["Conv2D", [null, 32, 32, 16], 448],
      ["MaxPooling2D", [null, 16, 16, 16], 0],
      ["Flatten", [null, 4096], 0],
      ["Dense", [null, 10], 40970],
    ]);
  });

  it("PyTorch avg pool 3 stride 2 ceil_mode on 64x55x55", () => {
    const { rows: r } = rows(
      question([layer("pool", { op: "avg", kernel: [3], stride: [2], ceilMode: true })], [64, 55, 55], {
        framework: "pytorch",
      }),
    );
    expect(r).toEqual([["AvgPool2d", [1, 64, 27, 27], 0]]);
  });

  it("LSTM 64 units on 20 steps of 8 features; stacked LSTMs return sequences", () => {
    const one = rows(
      question([layer("recurrent", { cell: "lstm", units: 64 })], null, {
        input: { dims: [], pos: at, channels: null, steps: 20, features: 8 },
      }),
    );
    expect(one.rows).toEqual([["LSTM", [null, 64], 4 * (64 * (8 + 64) + 64)]]);
    const two = rows(
      question(
        [layer("recurrent", { cell: "lstm", units: 32 }), layer("recurrent", { cell: "gru", units: 16 })],
        null,
        {
          input: { dims: [], pos: at, channels: null, steps: 10, features: 4 },
        },
      ),
    );
    expect(two.rows.map((x) => x[1])).toEqual([
      [null, 10, 32],
      [null, 16],
    ]);
    expect(two.m.assumptions).toContainEqual({ code: "default", what: "return_sequences", value: "True" });
  });

  it("embedding 10000 words into 128 dims, sequences of 50", () => {
    const { rows: r } = rows(
      question([layer("embedding", { vocabulary: 10000, dims: 128 })], null, {
        input: { dims: [], pos: at, channels: null, steps: 50, features: null },
      }),
    );
    expect(r).toEqual([["Embedding", [null, 50, 128], 1_280_000]]);
  });

  it("transposed conv 4x4 stride 2 padding 1 on 16x16x128 to 64 channels (PyTorch arithmetic for explicit padding)", () => {
    const { rows: r } = rows(
      question(
        [layer("conv_transpose", { filters: 64, kernel: [4], stride: [2], padding: [1] })],
        [128, 16, 16],
        { framework: "pytorch" },
      ),
    );
    expect(r).toEqual([["ConvTranspose2d", [1, 64, 32, 32], 128 * 64 * 16 + 64]]);
  });
});
