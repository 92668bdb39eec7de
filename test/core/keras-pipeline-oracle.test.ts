import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";

// The whole path (grammar → evaluator → Keras builder → shape rules → --json) against tfjs, whose
// Layers API is Keras': random Sequential models are written as Python the way users write them,
// answered by shapebot, built in tfjs, and compared layer by layer (output shape, params).

interface LayerCase {
  python: string;
  build: (first: { inputShape: number[] } | Record<string, never>) => tf.layers.Layer;
}

const padding = fc.constantFrom("valid", "same");

const conv: fc.Arbitrary<LayerCase> = fc
  .record({
    filters: fc.integer({ min: 1, max: 8 }),
    k: fc.integer({ min: 1, max: 5 }),
    s: fc.integer({ min: 1, max: 3 }),
    padding,
    bias: fc.boolean(),
  })
  .map(({ filters, k, s, padding, bias }) => ({
    python: `layers.Conv2D(${filters}, ${k}, strides=${s}, padding='${padding}', use_bias=${bias ? "True" : "False"}`,
    build: (first) =>
      tf.layers.conv2d({
        filters,
        kernelSize: k,
        strides: s,
        padding: padding as "valid" | "same",
        useBias: bias,
        ...first,
      }),
  }));

const pool: fc.Arbitrary<LayerCase> = fc
  .record({
    max: fc.boolean(),
    p: fc.integer({ min: 1, max: 3 }),
    s: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    padding,
  })
  .map(({ max, p, s, padding }) => ({
    python: `layers.${max ? "MaxPooling2D" : "AveragePooling2D"}(pool_size=(${p}, ${p})${s === null ? "" : `, strides=${s}`}, padding='${padding}'`,
    build: (first) =>
      (max ? tf.layers.maxPooling2d : tf.layers.averagePooling2d)({
        poolSize: p,
        strides: s ?? undefined,
        padding: padding as "valid" | "same",
        ...first,
      }),
  }));

const simple: fc.Arbitrary<LayerCase> = fc.constantFrom<LayerCase>(
  { python: "layers.BatchNormalization(", build: (first) => tf.layers.batchNormalization({ ...first }) },
  { python: "layers.Dropout(0.25", build: (first) => tf.layers.dropout({ rate: 0.25, ...first }) },
  {
    python: "layers.ZeroPadding2D(padding=(1, 2)",
    build: (first) => tf.layers.zeroPadding2d({ padding: [1, 2], ...first }),
  },
  {
    python: "layers.UpSampling2D(size=2",
    build: (first) => tf.layers.upSampling2d({ size: [2, 2], ...first }),
  },
  {
    python: "layers.Activation('relu'",
    build: (first) => tf.layers.activation({ activation: "relu", ...first }),
  },
);

const head = fc.constantFrom<LayerCase[]>(
  [],
  [{ python: "layers.Flatten(", build: () => tf.layers.flatten() }],
  [
    { python: "layers.GlobalAveragePooling2D(", build: () => tf.layers.globalAveragePooling2d({}) },
    { python: "layers.Dense(7", build: () => tf.layers.dense({ units: 7 }) },
  ],
  [
    { python: "layers.Flatten(", build: () => tf.layers.flatten() },
    {
      python: "layers.Dense(5, activation='softmax'",
      build: () => tf.layers.dense({ units: 5, activation: "softmax" }),
    },
  ],
);

const modelCase = fc.record({
  h: fc.integer({ min: 1, max: 24 }),
  w: fc.integer({ min: 1, max: 24 }),
  c: fc.integer({ min: 1, max: 4 }),
  body: fc.array(fc.oneof(conv, conv, pool, simple), { minLength: 1, maxLength: 5 }),
  head,
});

function pythonOf(m: { h: number; w: number; c: number; body: LayerCase[]; head: LayerCase[] }): string {
  const all = [...m.body, ...m.head];
  const lines = [
    "from tensorflow import keras",
    "from tensorflow.keras import layers",
    "",
    "model = keras.Sequential([",
  ];
  all.forEach((l, i) => {
    const first = i === 0 ? `${l.python.endsWith("(") ? "" : ", "}input_shape=(${m.h}, ${m.w}, ${m.c})` : "";
    lines.push(`    ${l.python}${first}),`);
  });
  lines.push("])");
  return lines.join("\n");
}

/** tfjs' verdict: per-layer output shapes and params, or the index of the layer that cannot be built. */
function tfjsOf(m: { h: number; w: number; c: number; body: LayerCase[]; head: LayerCase[] }) {
  const all = [...m.body, ...m.head];
  const model = tf.sequential();
  const rows: { shape: (number | null)[]; params: number; trainable: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    try {
      model.add((all[i] as LayerCase).build(i === 0 ? { inputShape: [m.h, m.w, m.c] } : {}));
      const layer = model.layers[model.layers.length - 1] as tf.layers.Layer;
      const shape = layer.outputShape as (number | null)[];
      if (shape.some((d) => d !== null && d <= 0)) return { rows, failedAt: i };
      const trainable = layer.trainableWeights.reduce(
        (s, w) => s + w.shape.reduce((a: number, b) => a * (b as number), 1),
        0,
      );
      rows.push({ shape, params: layer.countParams(), trainable });
    } catch {
      return { rows, failedAt: i };
    }
  }
  model.dispose();
  return { rows, failedAt: null };
}

// Sequence models: Embedding, Conv1D, pooling, recurrent layers (GRU with reset_after=False, which
// is what tfjs implements; Keras 3's default reset_after=True is checked against Keras fixtures).
const rnnKind = fc.constantFrom("LSTM", "GRU", "SimpleRNN");
const sequenceLayer: fc.Arbitrary<LayerCase> = fc.oneof(
  fc
    .record({ kind: rnnKind, units: fc.integer({ min: 1, max: 12 }), seq: fc.boolean(), bi: fc.boolean() })
    .map(({ kind, units, seq, bi }) => {
      const extra = kind === "GRU" ? ", reset_after=False" : "";
      const inner = `layers.${kind}(${units}, return_sequences=${seq ? "True" : "False"}${extra})`;
      const make = () => {
        const cfg = { units, returnSequences: seq };
        return kind === "LSTM"
          ? tf.layers.lstm(cfg)
          : kind === "GRU"
            ? tf.layers.gru(cfg)
            : tf.layers.simpleRNN(cfg);
      };
      return {
        python: bi ? `layers.Bidirectional(${inner}` : inner.slice(0, -1),
        build: () => (bi ? tf.layers.bidirectional({ layer: make() as tf.RNN }) : make()),
      };
    }),
  fc
    .record({ filters: fc.integer({ min: 1, max: 8 }), k: fc.integer({ min: 1, max: 4 }), padding })
    .map(({ filters, k, padding }) => ({
      python: `layers.Conv1D(${filters}, ${k}, padding='${padding}'`,
      build: () => tf.layers.conv1d({ filters, kernelSize: k, padding: padding as "valid" | "same" }),
    })),
  fc.integer({ min: 1, max: 3 }).map((p) => ({
    python: `layers.MaxPooling1D(${p}`,
    build: () => tf.layers.maxPooling1d({ poolSize: p }),
  })),
  fc.integer({ min: 1, max: 9 }).map((units) => ({
    python: `layers.Dense(${units}`,
    build: () => tf.layers.dense({ units }),
  })),
);

const sequenceModel = fc.record({
  vocab: fc.integer({ min: 2, max: 500 }),
  dim: fc.integer({ min: 1, max: 16 }),
  steps: fc.integer({ min: 1, max: 12 }),
  body: fc.array(sequenceLayer, { minLength: 1, maxLength: 4 }),
});

function tfjsRows(layers: tf.layers.Layer[]) {
  return layers.map((layer) => ({
    shape: layer.outputShape as (number | null)[],
    params: layer.countParams(),
  }));
}

describe("Keras code → shapebot --json, checked against tfjs", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("matches tfjs on random Sequential models (shapes, params, and where it fails)", () => {
    fc.assert(
      fc.property(modelCase, (m) => {
        const python = pythonOf(m);
        const expected = tfjsOf(m);
        const json = answer({ text: python }).json;
        const ok = json.layers.filter((l) => l.status === "ok");
        expect(
          ok.map((l) => l.outputShape),
          python,
        ).toEqual(expected.rows.map((r) => r.shape));
        expect(
          ok.map((l) => l.params),
          python,
        ).toEqual(expected.rows.map((r) => r.params));
        expect(
          ok.map((l) => l.trainable),
          python,
        ).toEqual(expected.rows.map((r) => r.trainable));
        if (expected.failedAt === null) {
          expect(json.errors, python).toEqual([]);
          expect(json.totalParams).toBe(expected.rows.reduce((s, r) => s + r.params, 0));
        } else {
          expect(json.errors.length, python).toBeGreaterThan(0);
          expect(json.layers.at(-1)?.status).toBe("error");
        }
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });

  it("matches tfjs on random sequence models (Embedding, Conv1D, LSTM/GRU/SimpleRNN, Bidirectional)", () => {
    fc.assert(
      fc.property(sequenceModel, (m) => {
        const python = [
          "from tensorflow import keras",
          "from tensorflow.keras import layers",
          "model = keras.Sequential()",
          `model.add(keras.Input(shape=(${m.steps},)))`,
          `model.add(layers.Embedding(${m.vocab}, ${m.dim}))`,
          ...m.body.map((l) => `model.add(${l.python}))`),
        ].join("\n");
        const model = tf.sequential();
        let failedAt: number | null = null;
        model.add(tf.layers.embedding({ inputDim: m.vocab, outputDim: m.dim, inputLength: m.steps }));
        for (let i = 0; i < m.body.length && failedAt === null; i++) {
          try {
            model.add((m.body[i] as LayerCase).build({}));
            const shape = model.layers.at(-1)?.outputShape as (number | null)[];
            if (shape.some((d) => d !== null && d <= 0)) failedAt = i;
          } catch {
            failedAt = i;
          }
        }
        const expected = tfjsRows(model.layers.slice(0, failedAt === null ? undefined : failedAt + 1)).slice(
          0,
          failedAt === null ? undefined : failedAt + 1,
        );
        const json = answer({ text: python }).json;
        const ok = json.layers.filter((l) => l.status === "ok");
        const wanted = failedAt === null ? expected : expected.slice(0, failedAt + 1);
        if (failedAt === null) {
          expect(
            ok.map((l) => [l.outputShape, l.params]),
            python,
          ).toEqual(wanted.map((r) => [r.shape, r.params]));
          expect(json.errors, python).toEqual([]);
        } else {
          expect(json.errors.length, python).toBeGreaterThan(0);
          expect(ok.length, python).toBe(failedAt + 1);
          expect(
            ok.map((l) => [l.outputShape, l.params]),
            python,
          ).toEqual(wanted.slice(0, failedAt + 1).map((r) => [r.shape, r.params]));
        }
        model.dispose();
      }),
      { seed: 20261126, numRuns: 300 },
    );
  });
});
