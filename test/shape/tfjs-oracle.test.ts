// Keras rules against @tensorflow/tfjs layers, over random configurations (fast-check, fixed seed).
// tfjs never throws for a non-positive conv/pool size: its computeOutputShape returns 0 or a
// negative number, so "we report non_positive_output exactly when tfjs gives a size ≤ 0" is the
// check. Where tfjs differs from Keras 3 we follow Keras 3 and test that with real Keras fixtures
// (test/fixtures/keras/, scripts/gen-keras-fixtures.py): Conv1D 'causal' (tfjs' convOutputLength
// treats it as 'valid'), strides > 1 with dilation > 1 (tfjs accepts it, Keras 3 raises), GRU
// reset_after=True (Keras 3's default; tfjs does not support it), Conv2DTranspose output_padding.
import * as tf from "@tensorflow/tfjs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DataFormat, LayerConfig } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import { inferLayer } from "../../src/shape/registry.js";
import { conv, dense, pool, rnn } from "./configs.js";

const SEED = 20261126;
let totalRuns = 0;
const run = <T>(arb: fc.Arbitrary<T>, numRuns: number, check: (v: T) => void): void => {
  totalRuns += numRuns;
  fc.assert(
    fc.property(arb, (v) => {
      check(v);
    }),
    { seed: SEED, numRuns },
  );
};

type TfLayer = tf.layers.Layer;
type Oracle =
  | { threw: true; message: string }
  | { threw: false; shapes: Shape[]; trainable: number; nonTrainable: number };

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Applies the tfjs layer to symbolic inputs (no data flows), reads shapes and weight counts. */
function oracle(make: () => TfLayer, inputs: Shape[]): Oracle {
  let layer: TfLayer | null = null;
  try {
    layer = make();
    const ins = inputs.map((s) => tf.input({ shape: s.slice(1) as number[] }));
    const out = layer.apply(ins.length === 1 ? (ins[0] as tf.SymbolicTensor) : ins) as
      | tf.SymbolicTensor
      | tf.SymbolicTensor[];
    const outs = Array.isArray(out) ? out : [out];
    return {
      threw: false,
      shapes: outs.map((o) => o.shape as Shape),
      trainable: layer.trainableWeights.reduce((a, w) => a + size(w.shape as number[]), 0),
      nonTrainable: layer.nonTrainableWeights.reduce((a, w) => a + size(w.shape as number[]), 0),
    };
  } catch (e) {
    return { threw: true, message: String(e) };
  } finally {
    try {
      layer?.dispose();
    } catch {
      // a layer that failed to build has nothing to dispose
    }
  }
}

const nonPositive = (o: Oracle): boolean =>
  !o.threw && o.shapes.some((s) => s.slice(1).some((d) => typeof d === "number" && d <= 0));

/** Compares our rule with tfjs: same shapes and weights, or an issue exactly when tfjs fails. */
function agree(config: LayerConfig, input: Shape | Shape[], make: () => TfLayer, allOutputs = false): void {
  const inputs = Array.isArray(input[0]) ? (input as Shape[]) : [input as Shape];
  const ours = inferLayer(config, inputs, "keras");
  const theirs = oracle(make, inputs);
  const ctx = JSON.stringify({ config, inputs, ours: ours.ok ? ours.record.outputs : ours.issue, theirs });
  if (theirs.threw || nonPositive(theirs)) {
    expect(ours.ok, ctx).toBe(false);
    return;
  }
  expect(ours.ok, ctx).toBe(true);
  if (!ours.ok || theirs.threw) return;
  if (allOutputs) expect(ours.record.outputs, ctx).toEqual(theirs.shapes);
  else expect(ours.record.outputs[0], ctx).toEqual(theirs.shapes[0]);
  expect(ours.record.params.trainable, ctx).toBe(theirs.trainable);
  expect(ours.record.params.nonTrainable, ctx).toBe(theirs.nonTrainable);
}

const dim = fc.integer({ min: 1, max: 12 });
const small = fc.integer({ min: 1, max: 4 });
const fmt = fc.constantFrom<DataFormat>("channels_last", "channels_first");
/** tfjs spells data formats in camelCase. */
const tfFormat = (f: DataFormat): "channelsLast" | "channelsFirst" =>
  f === "channels_last" ? "channelsLast" : "channelsFirst";
const spatialShape = (batch: null, spatial: number[], c: number, f: DataFormat): Shape =>
  f === "channels_last" ? [batch, ...spatial, c] : [batch, c, ...spatial];

describe("Keras rules agree with tfjs", () => {
  it("Conv1D/2D/3D: valid/same, strides, dilation, bias, data format", () => {
    const arb = fc
      .record({
        rank: fc.constantFrom<1 | 2 | 3>(1, 2, 2, 3),
        filters: fc.integer({ min: 1, max: 6 }),
        kernel: fc.array(small, { minLength: 3, maxLength: 3 }),
        strides: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
        dilation: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
        padding: fc.constantFrom<"valid" | "same">("valid", "same"),
        spatial: fc.array(dim, { minLength: 3, maxLength: 3 }),
        channels: small,
        useBias: fc.boolean(),
        dataFormat: fmt,
        dilate: fc.boolean(),
      })
      .map((r) => {
        const n = r.rank;
        // Keras 3 forbids strides > 1 with dilation > 1 (tfjs does not): keep one of them at 1 here.
        const dilation = r.dilate ? r.dilation.slice(0, n) : Array(n).fill(1);
        const strides = r.dilate ? Array(n).fill(1) : r.strides.slice(0, n);
        return { ...r, kernel: r.kernel.slice(0, n), spatial: r.spatial.slice(0, n), dilation, strides };
      });
    run(arb, 1500, (r) => {
      const cfg = conv(r.rank, r.filters, r.kernel, { ...r });
      const input = spatialShape(null, r.spatial, r.channels, r.dataFormat);
      const args = {
        filters: r.filters,
        kernelSize: r.kernel,
        strides: r.strides,
        dilationRate: r.dilation,
        padding: r.padding,
        useBias: r.useBias,
        dataFormat: tfFormat(r.dataFormat),
      };
      agree(cfg, input, () =>
        r.rank === 1
          ? tf.layers.conv1d({
              ...args,
              kernelSize: r.kernel[0] as number,
              strides: r.strides[0] as number,
              dilationRate: r.dilation[0] as number,
            })
          : r.rank === 2
            ? tf.layers.conv2d({ ...args, dilationRate: r.dilation as [number, number] })
            : tf.layers.conv3d({ ...args, dilationRate: r.dilation as [number, number, number] }),
      );
    });
  });

  it("Conv2DTranspose, SeparableConv2D, DepthwiseConv2D", () => {
    const arb = fc.record({
      which: fc.constantFrom("transpose", "separable", "depthwise"),
      filters: fc.integer({ min: 1, max: 6 }),
      kernel: fc.tuple(small, small),
      strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      padding: fc.constantFrom<"valid" | "same">("valid", "same"),
      spatial: fc.tuple(dim, dim),
      channels: small,
      dm: fc.integer({ min: 1, max: 3 }),
      useBias: fc.boolean(),
    });
    run(arb, 600, (r) => {
      const input: Shape = [null, ...r.spatial, r.channels];
      const common = {
        kernel: [...r.kernel],
        strides: [...r.strides],
        padding: r.padding,
        dilation: [1, 1],
        useBias: r.useBias,
        dataFormat: "channels_last" as const,
        activation: "linear",
      };
      if (r.which === "transpose") {
        const cfg: LayerConfig = {
          kind: "conv_transpose",
          rank: 2,
          filters: r.filters,
          outputPadding: null,
          groups: 1,
          inChannels: null,
          ...common,
        };
        agree(cfg, input, () =>
          tf.layers.conv2dTranspose({
            filters: r.filters,
            kernelSize: r.kernel,
            strides: r.strides,
            padding: r.padding,
            useBias: r.useBias,
          }),
        );
      } else if (r.which === "separable") {
        const cfg: LayerConfig = {
          kind: "separable_conv",
          rank: 2,
          filters: r.filters,
          depthMultiplier: r.dm,
          ...common,
        };
        agree(cfg, input, () =>
          tf.layers.separableConv2d({
            filters: r.filters,
            kernelSize: r.kernel,
            strides: r.strides,
            padding: r.padding,
            depthMultiplier: r.dm,
            useBias: r.useBias,
          }),
        );
      } else {
        const cfg: LayerConfig = { kind: "depthwise_conv", rank: 2, depthMultiplier: r.dm, ...common };
        agree(cfg, input, () =>
          tf.layers.depthwiseConv2d({
            kernelSize: r.kernel,
            strides: r.strides,
            padding: r.padding,
            depthMultiplier: r.dm,
            useBias: r.useBias,
          }),
        );
      }
    });
  });

  it("MaxPooling / AveragePooling 1D/2D/3D and global pooling", () => {
    const arb = fc.record({
      rank: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
      op: fc.constantFrom<"max" | "avg">("max", "avg"),
      pool: fc.array(small, { minLength: 3, maxLength: 3 }),
      strides: fc.option(fc.array(small, { minLength: 3, maxLength: 3 }), { nil: null }),
      padding: fc.constantFrom<"valid" | "same">("valid", "same"),
      spatial: fc.array(dim, { minLength: 3, maxLength: 3 }),
      channels: small,
      global: fc.boolean(),
      dataFormat: fmt,
    });
    run(arb, 800, (r) => {
      const n = r.rank;
      const input2d = spatialShape(null, r.spatial.slice(0, n), r.channels, r.dataFormat);
      if (r.global && n < 3) {
        // tfjs' GlobalPooling1D takes no data format.
        const input =
          n === 1 ? spatialShape(null, r.spatial.slice(0, 1), r.channels, "channels_last") : input2d;
        const cfg: LayerConfig = {
          kind: "global_pool",
          rank: n,
          op: r.op,
          keepdims: false,
          dataFormat: n === 1 ? "channels_last" : r.dataFormat,
        };
        const args = { dataFormat: tfFormat(r.dataFormat) };
        agree(cfg, input, () =>
          n === 1
            ? r.op === "max"
              ? tf.layers.globalMaxPooling1d({})
              : tf.layers.globalAveragePooling1d({})
            : r.op === "max"
              ? tf.layers.globalMaxPooling2d(args)
              : tf.layers.globalAveragePooling2d(args),
        );
        return;
      }
      // tfjs' 1-D pooling only takes channels_last.
      const dataFormat = n === 1 ? "channels_last" : r.dataFormat;
      const input2 = spatialShape(null, r.spatial.slice(0, n), r.channels, dataFormat);
      const poolSize = r.pool.slice(0, n);
      const strides = r.strides ? r.strides.slice(0, n) : poolSize;
      const cfg = pool(n, r.op, poolSize, { strides, padding: r.padding, dataFormat });
      const args = { padding: r.padding, dataFormat: tfFormat(dataFormat) };
      const p2 = { ...args, poolSize: poolSize as [number, number], strides: strides as [number, number] };
      const p3 = {
        ...args,
        poolSize: poolSize as [number, number, number],
        strides: strides as [number, number, number],
      };
      agree(cfg, input2, () => {
        if (n === 1) {
          const a = { poolSize: poolSize[0] as number, strides: strides[0] as number, padding: r.padding };
          return r.op === "max" ? tf.layers.maxPooling1d(a) : tf.layers.averagePooling1d(a);
        }
        if (n === 2) return r.op === "max" ? tf.layers.maxPooling2d(p2) : tf.layers.averagePooling2d(p2);
        return r.op === "max" ? tf.layers.maxPooling3d(p3) : tf.layers.averagePooling3d(p3);
      });
    });
  });

  it("Dense (rank 2 and > 2), Flatten and shape-keeping layers", () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
      units: fc.integer({ min: 1, max: 20 }),
      useBias: fc.boolean(),
      which: fc.constantFrom(
        "dense",
        "flatten",
        "dropout",
        "spatialDropout1d",
        "activation",
        "relu",
        "leakyRelu",
        "softmax",
      ),
    });
    run(arb, 600, (r) => {
      const input: Shape = [null, ...r.shape];
      const ew = (op: string): LayerConfig => ({ kind: "elementwise", op, paramsPerChannel: 0, axis: null });
      switch (r.which) {
        case "dense":
          return agree(dense(r.units, r.useBias), input, () =>
            tf.layers.dense({ units: r.units, useBias: r.useBias }),
          );
        case "flatten":
          // tfjs wants min_ndim=3 for Flatten; Keras 3 passes (None, n) through (Keras fixtures cover it).
          if (r.shape.length < 2) return;
          return agree({ kind: "flatten", startDim: 1, endDim: -1, dataFormat: "channels_last" }, input, () =>
            tf.layers.flatten(),
          );
        case "dropout":
          return agree(ew("dropout"), input, () => tf.layers.dropout({ rate: 0.5 }));
        case "spatialDropout1d":
          if (r.shape.length !== 2) return;
          return agree(ew("spatial_dropout"), input, () => tf.layers.spatialDropout1d({ rate: 0.5 }));
        case "activation":
          return agree(ew("tanh"), input, () => tf.layers.activation({ activation: "tanh" }));
        case "relu":
          return agree(ew("relu"), input, () => tf.layers.reLU());
        case "leakyRelu":
          return agree(ew("leaky_relu"), input, () => tf.layers.leakyReLU());
        default:
          return agree(ew("softmax"), input, () => tf.layers.softmax());
      }
    });
  });

  it("BatchNormalization and LayerNormalization", () => {
    const arb = fc.record({
      shape: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }),
      axisPick: fc.nat(),
      center: fc.boolean(),
      scale: fc.boolean(),
      layerNorm: fc.boolean(),
    });
    run(arb, 400, (r) => {
      const input: Shape = [null, ...r.shape];
      if (r.layerNorm) {
        const cfg: LayerConfig = {
          kind: "layer_norm",
          axes: [-1],
          center: r.center,
          scale: r.scale,
          normalizedShape: null,
        };
        return agree(cfg, input, () =>
          tf.layers.layerNormalization({ axis: -1, center: r.center, scale: r.scale }),
        );
      }
      const axis = (r.axisPick % r.shape.length) + 1;
      const cfg: LayerConfig = {
        kind: "batch_norm",
        axis,
        center: r.center,
        scale: r.scale,
        numFeatures: null,
      };
      agree(cfg, input, () => tf.layers.batchNormalization({ axis, center: r.center, scale: r.scale }));
    });
  });

  it("ZeroPadding2D, Cropping2D, UpSampling2D", () => {
    const pair = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }));
    const arb = fc.record({
      which: fc.constantFrom("zero", "crop", "up"),
      a: pair,
      b: pair,
      spatial: fc.tuple(dim, dim),
      channels: small,
      dataFormat: fmt,
    });
    run(arb, 400, (r) => {
      const input = spatialShape(null, [...r.spatial], r.channels, r.dataFormat);
      const pads: [number, number][] = [r.a, r.b];
      if (r.which === "zero") {
        const cfg: LayerConfig = { kind: "zero_padding", rank: 2, padding: pads, dataFormat: r.dataFormat };
        return agree(cfg, input, () =>
          tf.layers.zeroPadding2d({ padding: [r.a, r.b], dataFormat: tfFormat(r.dataFormat) }),
        );
      }
      if (r.which === "crop") {
        const cfg: LayerConfig = { kind: "cropping", rank: 2, cropping: pads, dataFormat: r.dataFormat };
        return agree(cfg, input, () =>
          tf.layers.cropping2D({ cropping: [r.a, r.b], dataFormat: tfFormat(r.dataFormat) }),
        );
      }
      const size = [r.a[0] + 1, r.b[0] + 1];
      const cfg: LayerConfig = {
        kind: "upsampling",
        rank: 2,
        size,
        interpolation: "nearest",
        dataFormat: r.dataFormat,
      };
      agree(cfg, input, () => tf.layers.upSampling2d({ size, dataFormat: tfFormat(r.dataFormat) }));
    });
  });

  it("Reshape (with -1, valid and invalid), Permute, RepeatVector, Embedding", () => {
    const arb = fc.record({
      which: fc.constantFrom("reshape", "permute", "repeat", "embedding"),
      shape: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
      target: fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 3 }),
      inferAt: fc.option(fc.nat(2), { nil: null }),
      perm: fc.shuffledSubarray([1, 2, 3], { minLength: 3, maxLength: 3 }),
      n: fc.integer({ min: 1, max: 5 }),
      vocab: fc.integer({ min: 1, max: 50 }),
      outDim: fc.integer({ min: 1, max: 16 }),
    });
    run(arb, 600, (r) => {
      const input: Shape = [null, ...r.shape];
      if (r.which === "reshape") {
        const target = r.target.map((d, i) => (i === r.inferAt ? -1 : d));
        // tfjs only infers −1 and checks the size when the batch is concrete, so ask it with batch 1.
        const ours = inferLayer({ kind: "reshape", targetShape: target }, [input], "keras");
        let theirs: Shape | null = null;
        try {
          theirs = tf.layers
            .reshape({ targetShape: [...target] })
            .computeOutputShape([1, ...r.shape]) as Shape;
        } catch {
          theirs = null;
        }
        expect(ours.ok, JSON.stringify({ target, input, theirs })).toBe(theirs !== null);
        if (ours.ok && theirs) expect(ours.record.outputs[0]).toEqual([null, ...theirs.slice(1)]);
        return;
      }
      if (r.which === "permute") {
        const dims = r.perm.filter((d) => d <= r.shape.length).slice(0, r.shape.length);
        if (dims.length !== r.shape.length) return;
        return agree({ kind: "permute", dims }, input, () => tf.layers.permute({ dims }));
      }
      if (r.which === "repeat") {
        const flat: Shape = [null, r.shape[0] ?? 1];
        return agree({ kind: "repeat_vector", n: r.n }, flat, () => tf.layers.repeatVector({ n: r.n }));
      }
      const cfg: LayerConfig = {
        kind: "embedding",
        inputDim: r.vocab,
        outputDim: r.outDim,
        inputLength: null,
      };
      agree(cfg, input, () => tf.layers.embedding({ inputDim: r.vocab, outputDim: r.outDim }));
    });
  });

  it("Concatenate, Add, Multiply, Average, Maximum, Minimum (with broadcasting and mismatches)", () => {
    const arb = fc.record({
      op: fc.constantFrom("concat", "add", "multiply", "average", "maximum", "minimum"),
      base: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
      count: fc.integer({ min: 2, max: 3 }),
      tweaks: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 5 })), { maxLength: 2 }),
      axisPick: fc.nat(),
    });
    run(arb, 600, (r) => {
      const shapes: Shape[] = Array.from({ length: r.count }, () => [null, ...r.base]);
      for (const [k, [ax, v]] of r.tweaks.entries()) {
        const s = shapes[(k % (r.count - 1)) + 1];
        if (s && ax < r.base.length) s[ax + 1] = v;
      }
      const op = r.op as "concat" | "add" | "multiply" | "average" | "maximum" | "minimum";
      const axis = op === "concat" ? (r.axisPick % r.base.length) + 1 : -1;
      const make = () => {
        switch (op) {
          case "concat":
            return tf.layers.concatenate({ axis });
          case "add":
            return tf.layers.add();
          case "multiply":
            return tf.layers.multiply();
          case "average":
            return tf.layers.average();
          case "maximum":
            return tf.layers.maximum();
          default:
            return tf.layers.minimum();
        }
      };
      agree({ kind: "merge", op, axis }, shapes, make);
    });
  });

  it("SimpleRNN, LSTM, GRU (reset_after=False), return_sequences/return_state", () => {
    const arb = fc.record({
      cell: fc.constantFrom<"simple" | "lstm" | "gru">("simple", "lstm", "gru"),
      units: fc.integer({ min: 1, max: 12 }),
      steps: fc.integer({ min: 1, max: 6 }),
      features: fc.integer({ min: 1, max: 12 }),
      returnSequences: fc.boolean(),
      returnState: fc.boolean(),
      useBias: fc.boolean(),
    });
    run(arb, 400, (r) => {
      // tfjs has no GRU reset_after=True (Keras 3's default); that case is covered by the Keras fixtures.
      const cfg = rnn(r.cell, r.units, { ...r, resetAfter: false });
      const args = {
        units: r.units,
        returnSequences: r.returnSequences,
        returnState: r.returnState,
        useBias: r.useBias,
      };
      agree(
        cfg,
        [[null, r.steps, r.features]],
        () =>
          r.cell === "simple"
            ? tf.layers.simpleRNN(args)
            : r.cell === "lstm"
              ? tf.layers.lstm(args)
              : tf.layers.gru(args),
        true,
      );
    });
  });

  it("Bidirectional(LSTM/GRU) and TimeDistributed(Dense/Conv2D)", () => {
    const arb = fc.record({
      which: fc.constantFrom("bidirectional", "td-dense", "td-conv"),
      cell: fc.constantFrom<"lstm" | "gru">("lstm", "gru"),
      mergeMode: fc.constantFrom<"concat" | "sum" | "mul" | "ave">("concat", "sum", "mul", "ave"),
      units: fc.integer({ min: 1, max: 10 }),
      steps: fc.integer({ min: 1, max: 5 }),
      features: fc.integer({ min: 1, max: 10 }),
      returnSequences: fc.boolean(),
      kernel: small,
      spatial: fc.tuple(dim, dim),
    });
    run(arb, 400, (r) => {
      if (r.which === "bidirectional") {
        const inner = rnn(r.cell, r.units, { returnSequences: r.returnSequences, resetAfter: false });
        const args = { units: r.units, returnSequences: r.returnSequences };
        return agree(
          { kind: "bidirectional", layer: inner, mergeMode: r.mergeMode },
          [[null, r.steps, r.features]],
          () =>
            tf.layers.bidirectional({
              layer: r.cell === "lstm" ? tf.layers.lstm(args) : tf.layers.gru(args),
              mergeMode: r.mergeMode,
            }),
        );
      }
      if (r.which === "td-dense") {
        return agree({ kind: "time_distributed", layer: dense(r.units) }, [[null, r.steps, r.features]], () =>
          tf.layers.timeDistributed({ layer: tf.layers.dense({ units: r.units }) }),
        );
      }
      const input: Shape = [null, r.steps, ...r.spatial, 2];
      agree({ kind: "time_distributed", layer: conv(2, r.units, r.kernel) }, input, () =>
        tf.layers.timeDistributed({ layer: tf.layers.conv2d({ filters: r.units, kernelSize: r.kernel }) }),
      );
    });
  });

  it("ran at least 2,000 random configurations", () => {
    expect(totalRuns).toBeGreaterThanOrEqual(2000);
  });
});
