// Rules against fixtures recorded with real Keras 3 (scripts/gen-keras-fixtures.py) for the cases
// where tfjs is not a faithful oracle: Conv1D 'causal', strides with dilation, GRU reset_after,
// Conv2DTranspose output_padding, Flatten on 2-D, Reshape −1, multi-axis LayerNormalization,
// Subtract, and Keras 3's own error texts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LayerConfig, Padding } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import { describeIssue } from "../../src/render/locale/en/shape-issues.js";
import { inferLayer } from "../../src/shape/registry.js";
import { conv, pool, rnn } from "./configs.js";

interface FixtureRow {
  layer: string;
  kwargs: Record<string, unknown>;
  input: Shape | Shape[];
  note: string;
  output: Shape[] | null;
  trainable?: number;
  nonTrainable?: number;
  error: string | null;
}

const fixture = JSON.parse(
  readFileSync(new URL("../fixtures/keras/keras3-divergent.json", import.meta.url), "utf8"),
) as { keras: string; rows: FixtureRow[] };

const num = (v: unknown, d: number): number => (typeof v === "number" ? v : d);
const bool = (v: unknown, d: boolean): boolean => (typeof v === "boolean" ? v : d);
const tuple = (v: unknown, n: number, d: number): number[] =>
  Array.isArray(v) ? (v as number[]) : Array(n).fill(num(v, d));

/** The few Keras spellings these fixtures use, normalised as the Keras builder would. */
function toConfig(row: FixtureRow): LayerConfig {
  const k = row.kwargs;
  const padding = (k.padding ?? "valid") as Padding;
  switch (row.layer) {
    case "Conv1D":
    case "Conv2D": {
      const rank = row.layer === "Conv1D" ? 1 : 2;
      return conv(rank, num(k.filters, 1), tuple(k.kernel_size, rank, 1), {
        strides: tuple(k.strides, rank, 1),
        dilation: tuple(k.dilation_rate, rank, 1),
        padding,
      });
    }
    case "Conv2DTranspose":
      return {
        kind: "conv_transpose",
        rank: 2,
        filters: num(k.filters, 1),
        kernel: tuple(k.kernel_size, 2, 1),
        strides: tuple(k.strides, 2, 1),
        padding,
        outputPadding: k.output_padding === undefined ? null : tuple(k.output_padding, 2, 0),
        dilation: tuple(k.dilation_rate, 2, 1),
        groups: 1,
        useBias: true,
        dataFormat: "channels_last",
        activation: "linear",
        inChannels: null,
      };
    case "DepthwiseConv1D":
      return {
        kind: "depthwise_conv",
        rank: 1,
        kernel: tuple(k.kernel_size, 1, 1),
        strides: [1],
        padding,
        dilation: [1],
        depthMultiplier: num(k.depth_multiplier, 1),
        useBias: true,
        dataFormat: "channels_last",
        activation: "linear",
      };
    case "SeparableConv1D":
      return {
        kind: "separable_conv",
        rank: 1,
        filters: num(k.filters, 1),
        kernel: tuple(k.kernel_size, 1, 1),
        strides: [1],
        padding,
        dilation: [1],
        depthMultiplier: 1,
        useBias: true,
        dataFormat: "channels_last",
        activation: "linear",
      };
    case "MaxPooling2D":
      return pool(2, "max", tuple(k.pool_size, 2, 2));
    case "GRU":
    case "LSTM":
    case "SimpleRNN":
      return rnn(row.layer === "GRU" ? "gru" : row.layer === "LSTM" ? "lstm" : "simple", num(k.units, 1), {
        returnSequences: bool(k.return_sequences, false),
        returnState: bool(k.return_state, false),
        useBias: bool(k.use_bias, true),
        resetAfter: bool(k.reset_after, true),
      });
    case "Flatten":
      return { kind: "flatten", startDim: 1, endDim: -1, dataFormat: "channels_last" };
    case "Reshape":
      return { kind: "reshape", targetShape: k.target_shape as number[] };
    case "LayerNormalization":
      return {
        kind: "layer_norm",
        axes: tuple(k.axis, 1, -1),
        center: bool(k.center, true),
        scale: bool(k.scale, true),
        normalizedShape: null,
      };
    case "Embedding":
      return {
        kind: "embedding",
        inputDim: num(k.input_dim, 1),
        outputDim: num(k.output_dim, 1),
        inputLength: null,
      };
    case "BatchNormalization":
      return {
        kind: "batch_norm",
        axis: -1,
        center: bool(k.center, true),
        scale: bool(k.scale, true),
        numFeatures: null,
      };
    case "Subtract":
      return { kind: "merge", op: "subtract", axis: -1 };
    case "Concatenate":
      return { kind: "merge", op: "concat", axis: -1 };
    case "Add":
      return { kind: "merge", op: "add", axis: -1 };
    default:
      throw new Error(`fixture layer ${row.layer} has no mapping`);
  }
}

const rows = fixture.rows.map((r, i) => ({
  ...r,
  name: `${i}: ${r.layer} ${JSON.stringify(r.kwargs)} on ${JSON.stringify(r.input)}`,
}));

describe(`Keras ${fixture.keras} fixtures`, () => {
  it("has rows", () => expect(rows.length).toBeGreaterThan(100));

  it.each(rows)("$name", (row) => {
    const inputs = Array.isArray(row.input[0]) ? (row.input as Shape[]) : [row.input as Shape];
    const r = inferLayer(toConfig(row), inputs, "keras");
    if (row.error !== null) {
      expect(r.ok, row.error).toBe(false);
      if (r.ok) return;
      const layerName = /of layer '([^']+)'/.exec(row.error)?.[1] ?? row.layer.toLowerCase();
      expect(describeIssue(r.issue, layerName).message).toContain(row.error);
      return;
    }
    // Keras 3 builds a Conv2DTranspose 'same' with output_padding into a size-0 output without a
    // word (it fails only when data flows); we report that as non_positive_output up front.
    if (row.output?.some((s) => s.some((d) => typeof d === "number" && d <= 0))) {
      expect(r.ok ? "ok" : r.issue.code).toBe("non_positive_output");
      return;
    }
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issue)).toBe(true);
    if (!r.ok) return;
    expect(r.record.outputs).toEqual(row.output);
    expect(r.record.params.trainable).toBe(row.trainable);
    expect(r.record.params.nonTrainable).toBe(row.nonTrainable);
  });
});
