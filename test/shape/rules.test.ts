import { describe, expect, it } from "vitest";
import type { Framework, LayerConfig, LayerKind } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import { describeIssue } from "../../src/render/locale/en/shape-issues.js";
import { describeStep } from "../../src/render/locale/en/steps.js";
import type { ShapeIssue } from "../../src/shape/issues.js";
import { inferLayer, rules } from "../../src/shape/registry.js";
import { conv, convTranspose as ct, dense, depthwise, flatten, pool, rnn, separable } from "./configs.js";

interface Row {
  name: string;
  config: LayerConfig;
  inputs: Shape[];
  framework?: Framework;
  out?: Shape;
  params?: number | null;
  nonTrainable?: number;
  macs?: number | null;
  issue?: ShapeIssue["code"];
  warning?: ShapeIssue["code"];
}

const N = null;

// Every formula in DESIGN "Semantics that must be exact", worked by hand.
const rows: Row[] = [
  // The issue's PilotNet-like stack: 4,632 + 36,888 + 36,888 + 2,401 = 80,809.
  {
    name: "Conv2D(24,(8,8),s=2) 128²×3",
    config: conv(2, 24, 8, { strides: 2 }),
    inputs: [[N, 128, 128, 3]],
    out: [N, 61, 61, 24],
    params: 4632,
    macs: 17_146_368,
  },
  {
    name: "Conv2D(24,(8,8),s=2) 61²×24",
    config: conv(2, 24, 8, { strides: 2 }),
    inputs: [[N, 61, 61, 24]],
    out: [N, 27, 27, 24],
    params: 36_888,
  },
  {
    name: "Conv2D(24,(8,8),s=2) 27²×24",
    config: conv(2, 24, 8, { strides: 2 }),
    inputs: [[N, 27, 27, 24]],
    out: [N, 10, 10, 24],
    params: 36_888,
  },
  { name: "Flatten 10×10×24", config: flatten(), inputs: [[N, 10, 10, 24]], out: [N, 2400], params: 0 },
  { name: "Dense(1) on 2400", config: dense(1), inputs: [[N, 2400]], out: [N, 1], params: 2401, macs: 2400 },
  {
    name: "Conv2D(32,3,'same') 32²×3",
    config: conv(2, 32, 3, { padding: "same" }),
    inputs: [[N, 32, 32, 3]],
    out: [N, 32, 32, 32],
    params: 896,
  },
  {
    name: "Conv2D(200,3) 100²×1",
    config: conv(2, 200, 3),
    inputs: [[N, 100, 100, 1]],
    out: [N, 98, 98, 200],
    params: 2000,
  },
  {
    name: "Conv2D 'same' s=2 odd input",
    config: conv(2, 4, 3, { padding: "same", strides: 2 }),
    inputs: [[N, 7, 8, 1]],
    out: [N, 4, 4, 4],
    params: 40,
  },
  {
    name: "Conv2D dilation 2",
    config: conv(2, 4, 3, { dilation: 2 }),
    inputs: [[N, 9, 9, 2]],
    out: [N, 5, 5, 4],
    params: 76,
  },
  {
    name: "Conv2D groups=2",
    config: conv(2, 8, 3, { groups: 2 }),
    inputs: [[N, 5, 5, 4]],
    out: [N, 3, 3, 8],
    params: 8 * (9 * 2 + 1),
  },
  {
    name: "Conv2D channels_first",
    config: conv(2, 6, 3, { dataFormat: "channels_first" }),
    inputs: [[N, 3, 10, 12]],
    out: [N, 6, 8, 10],
    params: 168,
  },
  {
    name: "Conv1D causal dilation 2",
    config: conv(1, 4, 3, { padding: "causal", dilation: 2 }),
    inputs: [[N, 5, 2]],
    out: [N, 5, 4],
    params: 28,
  },
  {
    name: "Conv3D",
    config: conv(3, 2, [3, 2, 1]),
    inputs: [[N, 5, 5, 5, 1]],
    out: [N, 3, 4, 5, 2],
    params: 2 * 7,
  },
  {
    name: "Conv2D no bias",
    config: conv(2, 4, 3, { useBias: false }),
    inputs: [[N, 5, 5, 2]],
    out: [N, 3, 3, 4],
    params: 72,
  },
  // Symbolic sizes flow through.
  {
    name: "Conv2D on H×W",
    config: conv(2, 24, 8, { strides: 2 }),
    inputs: [[N, "H", "W", 3]],
    out: [N, "H//2-3", "W//2-3", 24],
    params: 4632,
    macs: null,
  },
  {
    name: "Conv2D 'same' on H",
    config: conv(2, 4, 3, { padding: "same", strides: 2 }),
    inputs: [[N, "H", 8, 1]],
    out: [N, "ceil(H/2)", 4, 4],
    params: 40,
  },
  { name: "Flatten symbolic", config: flatten(), inputs: [[N, "H", 4, 2]], out: [N, "H*8"], params: 0 },
  // Zero / negative sizes and rank errors.
  { name: "Conv2D 3 on 2×2", config: conv(2, 8, 3), inputs: [[N, 2, 2, 3]], issue: "non_positive_output" },
  {
    name: "MaxPool 3 on 2×2",
    config: pool(2, "max", 3),
    inputs: [[N, 2, 2, 3]],
    issue: "non_positive_output",
  },
  { name: "Conv2D on 3-D", config: conv(2, 8, 3), inputs: [[N, 28, 28]], issue: "ndim_mismatch" },
  { name: "LSTM on 2-D", config: rnn("lstm", 8), inputs: [[N, 64]], issue: "ndim_mismatch" },
  {
    name: "Keras strides+dilation",
    config: conv(2, 8, 3, { strides: 2, dilation: 2 }),
    inputs: [[N, 20, 20, 3]],
    issue: "strides_with_dilation",
  },
  // PyTorch conventions.
  {
    name: "torch Conv2d declared 3, got 1",
    framework: "pytorch",
    config: conv(2, 64, 3, { dataFormat: "channels_first", inChannels: 3 }),
    inputs: [[1, 1, 28, 28]],
    issue: "channel_mismatch",
  },
  {
    name: "torch Conv2d padding=1",
    framework: "pytorch",
    config: conv(2, 16, 3, {
      dataFormat: "channels_first",
      inChannels: 3,
      padding: {
        explicit: [
          [1, 1],
          [1, 1],
        ],
      },
    }),
    inputs: [[1, 3, 28, 28]],
    out: [1, 16, 28, 28],
    params: 448,
  },
  {
    name: "torch 'same' even kernel",
    framework: "pytorch",
    config: conv(2, 1, 4, { dataFormat: "channels_first", padding: "same_torch" }),
    inputs: [[1, 1, 9, 9]],
    out: [1, 1, 9, 9],
    params: 17,
  },
  {
    name: "torch 'same' strided",
    framework: "pytorch",
    config: conv(2, 1, 3, { dataFormat: "channels_first", padding: "same_torch", strides: 2 }),
    inputs: [[1, 1, 9, 9]],
    issue: "same_padding_strided",
  },
  {
    name: "torch strides+dilation allowed",
    framework: "pytorch",
    config: conv(2, 1, 3, { dataFormat: "channels_first", strides: 2, dilation: 2 }),
    inputs: [[1, 1, 9, 9]],
    out: [1, 1, 3, 3],
    params: 10,
  },
  {
    name: "torch MaxPool ceil_mode",
    framework: "pytorch",
    config: pool(2, "max", 2, { ceilMode: true, dataFormat: "channels_first" }),
    inputs: [[1, 3, 5, 5]],
    out: [1, 3, 3, 3],
    params: 0,
  },
  {
    name: "torch MaxPool ceil_mode last window dropped",
    framework: "pytorch",
    config: pool(2, "max", 2, {
      ceilMode: true,
      padding: {
        explicit: [
          [1, 1],
          [1, 1],
        ],
      },
      dataFormat: "channels_first",
    }),
    inputs: [[1, 3, 5, 5]],
    out: [1, 3, 3, 3],
    params: 0,
  },
  {
    name: "torch MaxPool pad too large",
    framework: "pytorch",
    config: pool(2, "max", 2, {
      padding: {
        explicit: [
          [2, 2],
          [2, 2],
        ],
      },
      dataFormat: "channels_first",
    }),
    inputs: [[1, 3, 5, 5]],
    issue: "pool_padding_too_large",
  },
  {
    name: "torch Linear mismatch",
    framework: "pytorch",
    config: dense(10, true, 1024),
    inputs: [[64, 2304]],
    issue: "in_features_mismatch",
  },
  {
    name: "torch AdaptiveAvgPool2d((1, 1))",
    framework: "pytorch",
    config: { kind: "adaptive_pool", rank: 2, op: "avg", outputSize: [1, 1] },
    inputs: [[1, 512, 7, 7]],
    out: [1, 512, 1, 1],
    params: 0,
  },
  {
    name: "torch LSTM(10, 20) seq-first",
    framework: "pytorch",
    config: {
      kind: "torch_rnn",
      cell: "lstm",
      inputSize: 10,
      hiddenSize: 20,
      numLayers: 1,
      bias: true,
      batchFirst: false,
      bidirectional: false,
      projSize: 0,
    },
    inputs: [[5, 3, 10]],
    out: [5, 3, 20],
    params: 4 * 20 * 10 + 4 * 20 * 20 + 2 * 4 * 20, // 2,560
  },
  {
    name: "torch MultiheadAttention(512, 8)",
    framework: "pytorch",
    config: {
      kind: "attention",
      embedDim: 512,
      numHeads: 8,
      kdim: 512,
      vdim: 512,
      bias: true,
      addBiasKv: false,
      batchFirst: false,
    },
    inputs: [
      [10, 32, 512],
      [10, 32, 512],
      [10, 32, 512],
    ],
    out: [10, 32, 512],
    params: 4 * 512 * 512 + 4 * 512, // 1,050,624
  },
  {
    name: "torch GroupNorm(4, 32)",
    framework: "pytorch",
    config: {
      kind: "group_norm",
      className: "GroupNorm",
      groups: 4,
      channels: 32,
      affine: true,
      ranks: null,
    },
    inputs: [[2, 32, 8, 8]],
    out: [2, 32, 8, 8],
    params: 64,
  },
  {
    name: "torch Bilinear(10, 20, 5)",
    framework: "pytorch",
    config: { kind: "bilinear", in1: 10, in2: 20, out: 5, bias: true },
    inputs: [
      [4, 10],
      [4, 20],
    ],
    out: [4, 5],
    params: 5 * 10 * 20 + 5,
  },
  {
    name: "torch x.view(-1, 400)",
    framework: "pytorch",
    config: { kind: "tensor_op", op: { name: "view", method: "view", target: [-1, 400] } },
    inputs: [[4, 16, 5, 5]],
    out: [4, 400],
    params: 0,
    macs: 0,
  },
  // Pooling.
  {
    name: "MaxPool2D default",
    config: pool(2, "max", 2),
    inputs: [[N, 5, 7, 3]],
    out: [N, 2, 3, 3],
    params: 0,
    macs: 0,
  },
  {
    name: "AvgPool2D same",
    config: pool(2, "avg", 2, { padding: "same" }),
    inputs: [[N, 5, 7, 3]],
    out: [N, 3, 4, 3],
    params: 0,
  },
  { name: "MaxPool1D s=1", config: pool(1, "max", 3, { strides: 1 }), inputs: [[N, 10, 4]], out: [N, 8, 4] },
  {
    name: "GlobalAvgPool2D",
    config: { kind: "global_pool", rank: 2, op: "avg", keepdims: false, dataFormat: "channels_last" },
    inputs: [[N, 5, 7, 3]],
    out: [N, 3],
    params: 0,
  },
  // Transposed convs (Keras backend_utils formula).
  {
    name: "Conv2DTranspose valid",
    config: ct(16, 3, 2, "valid", null),
    inputs: [[N, 8, 8, 4]],
    out: [N, 17, 17, 16],
    params: 592,
  },
  {
    name: "Conv2DTranspose same",
    config: ct(16, 3, 2, "same", null),
    inputs: [[N, 8, 8, 4]],
    out: [N, 16, 16, 16],
    params: 592,
  },
  {
    name: "Conv2DTranspose same op=1",
    config: ct(16, 3, 2, "same", 1),
    inputs: [[N, 8, 8, 4]],
    out: [N, 16, 16, 16],
  },
  {
    name: "Conv2DTranspose valid op=1",
    config: ct(16, 3, 2, "valid", 1),
    inputs: [[N, 8, 8, 4]],
    out: [N, 18, 18, 16],
  },
  {
    name: "Conv2DTranspose k<s default op",
    config: ct(2, 2, 3, "valid", null),
    inputs: [[N, 8, 8, 1]],
    out: [N, 24, 24, 2],
  },
  {
    name: "Conv2DTranspose op ≥ s",
    config: ct(2, 3, 2, "valid", 2),
    inputs: [[N, 8, 8, 1]],
    issue: "output_padding_too_large",
  },
  {
    name: "torch ConvTranspose2d p=1 op=1",
    framework: "pytorch",
    config: {
      ...(ct(16, 3, 2, "valid", 1) as Extract<LayerConfig, { kind: "conv_transpose" }>),
      padding: {
        explicit: [
          [1, 1],
          [1, 1],
        ],
      },
      dataFormat: "channels_first",
      inChannels: 4,
    },
    inputs: [[1, 4, 8, 8]],
    out: [1, 16, 16, 16],
    params: 592,
  },
  // Separable / depthwise.
  {
    name: "SeparableConv2D(64,3)",
    config: separable(64, 3),
    inputs: [[N, 32, 32, 16]],
    out: [N, 30, 30, 64],
    params: 144 + 1024 + 64,
  },
  {
    name: "DepthwiseConv2D(3, dm=2)",
    config: depthwise(3, 2),
    inputs: [[N, 32, 32, 16]],
    out: [N, 30, 30, 32],
    params: 9 * 16 * 2 + 32,
  },
  // Dense.
  {
    name: "Dense on rank 3 (per time step: no warning)",
    config: dense(4),
    inputs: [[N, 5, 7]],
    out: [N, 5, 4],
    params: 32,
    macs: 5 * 28,
  },
  {
    name: "Dense on rank 4 (Flatten was meant)",
    config: dense(4),
    inputs: [[N, 3, 5, 7]],
    out: [N, 3, 5, 4],
    params: 32,
    macs: 15 * 28,
    warning: "dense_on_high_rank",
  },
  { name: "Dense on 1-D", config: dense(4), inputs: [[N]], issue: "ndim_mismatch" },
  // Recurrent: Keras 4·(h(i+h)+h); GRU reset_after both ways; PyTorch two biases.
  {
    name: "LSTM(64) i=32",
    config: rnn("lstm", 64),
    inputs: [[N, 10, 32]],
    out: [N, 64],
    params: 4 * (64 * 96 + 64),
    macs: 10 * 4 * 64 * 96,
  },
  {
    name: "LSTM return_sequences+state",
    config: rnn("lstm", 8, { returnSequences: true, returnState: true }),
    inputs: [[N, 10, 4]],
    out: [N, 10, 8],
    params: 4 * (8 * 12 + 8),
  },
  {
    name: "GRU reset_after=True",
    config: rnn("gru", 64),
    inputs: [[N, 10, 32]],
    out: [N, 64],
    params: 3 * 64 * 96 + 6 * 64,
  },
  {
    name: "GRU reset_after=False",
    config: rnn("gru", 64, { resetAfter: false }),
    inputs: [[N, 10, 32]],
    out: [N, 64],
    params: 3 * 64 * 96 + 3 * 64,
  },
  { name: "SimpleRNN", config: rnn("simple", 16), inputs: [[N, 10, 8]], out: [N, 16], params: 16 * 24 + 16 },
  {
    name: "torch LSTM",
    framework: "pytorch",
    config: rnn("lstm", 64, { returnSequences: true }),
    inputs: [[1, 10, 32]],
    out: [1, 10, 64],
    params: 4 * 64 * 96 + 8 * 64,
  },
  {
    name: "torch GRU",
    framework: "pytorch",
    config: rnn("gru", 64),
    inputs: [[1, 10, 32]],
    out: [1, 64],
    params: 3 * 64 * 96 + 6 * 64,
  },
  {
    name: "Bidirectional LSTM concat",
    config: { kind: "bidirectional", layer: rnn("lstm", 32, { returnSequences: true }), mergeMode: "concat" },
    inputs: [[N, 10, 16]],
    out: [N, 10, 64],
    params: 2 * 4 * (32 * 48 + 32),
  },
  {
    name: "Bidirectional GRU sum",
    config: { kind: "bidirectional", layer: rnn("gru", 8), mergeMode: "sum" },
    inputs: [[N, 10, 4]],
    out: [N, 8],
    params: 2 * (3 * 8 * 12 + 6 * 8),
  },
  // Normalisation: Keras BN 4C with 2C non-trainable; PyTorch 2C.
  {
    name: "BatchNorm Keras",
    config: { kind: "batch_norm", axis: -1, center: true, scale: true, numFeatures: null },
    inputs: [[N, 8, 8, 16]],
    out: [N, 8, 8, 16],
    params: 64,
    nonTrainable: 32,
  },
  {
    name: "BatchNorm PyTorch",
    framework: "pytorch",
    config: { kind: "batch_norm", axis: 1, center: true, scale: true, numFeatures: 16 },
    inputs: [[1, 16, 8, 8]],
    out: [1, 16, 8, 8],
    params: 32,
    nonTrainable: 0,
  },
  {
    name: "BatchNorm PyTorch mismatch",
    framework: "pytorch",
    config: { kind: "batch_norm", axis: 1, center: true, scale: true, numFeatures: 32 },
    inputs: [[1, 16, 8, 8]],
    issue: "channel_mismatch",
  },
  {
    name: "LayerNormalization",
    config: { kind: "layer_norm", axes: [-1], center: true, scale: true, normalizedShape: null },
    inputs: [[N, 5, 7]],
    out: [N, 5, 7],
    params: 14,
  },
  {
    name: "LayerNormalization two axes",
    config: { kind: "layer_norm", axes: [1, 2], center: true, scale: true, normalizedShape: null },
    inputs: [[N, 5, 7]],
    out: [N, 5, 7],
    params: 70,
  },
  // Reshaping.
  {
    name: "ZeroPadding2D",
    config: {
      kind: "zero_padding",
      rank: 2,
      padding: [
        [1, 2],
        [3, 4],
      ],
      dataFormat: "channels_last",
    },
    inputs: [[N, 5, 7, 3]],
    out: [N, 8, 14, 3],
    params: 0,
  },
  {
    name: "Cropping2D",
    config: {
      kind: "cropping",
      rank: 2,
      cropping: [
        [1, 1],
        [2, 2],
      ],
      dataFormat: "channels_last",
    },
    inputs: [[N, 5, 7, 3]],
    out: [N, 3, 3, 3],
    params: 0,
  },
  {
    name: "Cropping2D too much",
    config: {
      kind: "cropping",
      rank: 2,
      cropping: [
        [3, 3],
        [3, 3],
      ],
      dataFormat: "channels_last",
    },
    inputs: [[N, 4, 5, 2]],
    issue: "cropping_too_large",
  },
  {
    name: "UpSampling2D",
    config: {
      kind: "upsampling",
      rank: 2,
      size: [2, 3],
      interpolation: "nearest",
      dataFormat: "channels_last",
    },
    inputs: [[N, 5, 7, 3]],
    out: [N, 10, 21, 3],
    params: 0,
  },
  {
    name: "Reshape with -1",
    config: { kind: "reshape", targetShape: [-1, 4] },
    inputs: [[N, 4, 5, 2]],
    out: [N, 10, 4],
    params: 0,
  },
  {
    name: "Reshape invalid",
    config: { kind: "reshape", targetShape: [-1, 7] },
    inputs: [[N, 4, 5]],
    issue: "reshape_invalid",
  },
  {
    name: "Permute",
    config: { kind: "permute", dims: [2, 1] },
    inputs: [[N, 5, 4]],
    out: [N, 4, 5],
    params: 0,
  },
  {
    name: "RepeatVector",
    config: { kind: "repeat_vector", n: 3 },
    inputs: [[N, 5]],
    out: [N, 3, 5],
    params: 0,
  },
  {
    name: "Embedding",
    config: { kind: "embedding", inputDim: 1000, outputDim: 64, inputLength: 10 },
    inputs: [[N, 10]],
    out: [N, 10, 64],
    params: 64_000,
  },
  // Merges.
  {
    name: "Concatenate",
    config: { kind: "merge", op: "concat", axis: -1 },
    inputs: [
      [N, 4, 4, 8],
      [N, 4, 4, 3],
    ],
    out: [N, 4, 4, 11],
    params: 0,
  },
  {
    name: "Concatenate mismatch",
    config: { kind: "merge", op: "concat", axis: -1 },
    inputs: [
      [N, 4, 4, 8],
      [N, 5, 5, 8],
    ],
    issue: "merge_shape_mismatch",
  },
  {
    name: "Add broadcast",
    config: { kind: "merge", op: "add", axis: -1 },
    inputs: [
      [N, 4, 1, 8],
      [N, 4, 5, 8],
    ],
    out: [N, 4, 5, 8],
  },
  {
    name: "Add mismatch",
    config: { kind: "merge", op: "add", axis: -1 },
    inputs: [
      [N, 4, 4, 8],
      [N, 5, 5, 8],
    ],
    issue: "merge_shape_mismatch",
  },
  {
    name: "Subtract with 3 inputs",
    config: { kind: "merge", op: "subtract", axis: -1 },
    inputs: [
      [N, 5],
      [N, 5],
      [N, 5],
    ],
    issue: "merge_input_count",
  },
  // Wrappers, element-wise, opaque.
  {
    name: "TimeDistributed(Dense(8))",
    config: { kind: "time_distributed", layer: dense(8) },
    inputs: [[N, 10, 16]],
    out: [N, 10, 8],
    params: 136,
    macs: 10 * 128,
  },
  {
    name: "TimeDistributed on 2-D",
    config: { kind: "time_distributed", layer: dense(8) },
    inputs: [[N, 16]],
    issue: "time_distributed_rank",
  },
  {
    name: "ReLU",
    config: { kind: "elementwise", op: "relu", paramsPerChannel: 0, axis: null },
    inputs: [[N, 5, 3]],
    out: [N, 5, 3],
    params: 0,
  },
  {
    name: "Lambda without output_shape",
    config: { kind: "opaque", reason: "lambda", className: "Lambda", outputShape: null },
    inputs: [[N, 5]],
    issue: "unknown_output_shape",
  },
  {
    name: "Lambda with output_shape",
    config: { kind: "opaque", reason: "lambda", className: "Lambda", outputShape: [7] },
    inputs: [[N, 5]],
    out: [N, 7],
    params: 0,
  },
];

describe("shape rules (hand-checked rows)", () => {
  it.each(rows)("$name", (row) => {
    const r = inferLayer(row.config, row.inputs, row.framework ?? "keras");
    if (row.issue) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issue.code).toBe(row.issue);
      return;
    }
    expect(r.ok, r.ok ? "" : JSON.stringify(r.issue)).toBe(true);
    if (!r.ok) return;
    if (row.out) expect(r.record.outputs[0]).toEqual(row.out);
    const { trainable, nonTrainable } = r.record.params;
    if (row.params !== undefined) {
      expect(trainable === null || nonTrainable === null ? null : trainable + nonTrainable).toBe(row.params);
    }
    if (row.nonTrainable !== undefined) expect(nonTrainable).toBe(row.nonTrainable);
    if (row.macs !== undefined) expect(r.record.macs).toBe(row.macs);
    if (row.warning) expect(r.record.warnings.map((w) => w.code)).toContain(row.warning);
    for (const step of r.record.steps) expect(describeStep(step)).not.toMatch(/undefined|NaN/);
  });

  it("has at least one row for every kind in the registry", () => {
    const covered = new Set<LayerKind>(rows.map((r) => r.config.kind));
    for (const kind of Object.keys(rules) as LayerKind[]) expect(covered, kind).toContain(kind);
  });
});

function issueOf(config: LayerConfig, inputs: Shape[], framework: Framework = "keras"): ShapeIssue {
  const r = inferLayer(config, inputs, framework);
  if (r.ok) throw new Error("expected an issue");
  return r.issue;
}

function stepsOf(config: LayerConfig, inputs: Shape[]): string[] {
  const r = inferLayer(config, inputs, "keras");
  if (!r.ok) throw new Error("expected a record");
  return r.record.steps.map((s) => describeStep(s));
}

describe("explanations", () => {
  it("narrates the conv arithmetic with the user's numbers", () => {
    const lines = stepsOf(conv(2, 24, 8, { strides: 2 }), [[N, 128, 128, 3]]);
    expect(lines).toContain("height: ⌊(128 − 8 + 2·0)/2⌋ + 1 = 61");
    expect(lines).toContain(
      "each of the 24 filters is 8×8×3 = 192 weights + 1 bias = 193 → 24 × 193 = 4,632 params",
    );
    expect(lines).toContain(
      "each filter spans all 3 input channels and sums over them, so the output has one channel per filter: 24 (not 24×3)",
    );
    expect(lines).toContain(
      "MACs (multiply-accumulates, bias not counted): 3,721 output positions × 4,608 per position = 17,146,368",
    );
  });

  it("shows TF 'same' padding with the extra pixel after", () => {
    const lines = stepsOf(conv(2, 1, 4, { padding: "same" }), [[N, 9, 9, 1]]);
    expect(lines[0]).toBe(
      "height: 'same' padding gives ⌈9/1⌉ = 9 (pads 1 before, 2 after — the extra one goes bottom/right)",
    );
  });

  it("explains Keras BatchNorm's non-trainable half and LSTM's gates", () => {
    const bn = stepsOf({ kind: "batch_norm", axis: -1, center: true, scale: true, numFeatures: null }, [
      [N, 4, 4, 16],
    ]);
    expect(bn[0]).toBe(
      "16 channels: γ (scale) and β (offset) trainable (32), plus the moving mean and variance (16 + 16 = 32 non-trainable) = 64 params",
    );
    const lstm = stepsOf(rnn("lstm", 64), [[N, 10, 32]]);
    expect(lstm[0]).toMatch(
      /^LSTM: 4 gates × \(64·\(32 \+ 64\) \+ 64\) = 4 gates × \(6,144 \+ 64\) = 24,832 params/,
    );
  });
});

describe("issue wording reproduces the framework's own text", () => {
  it("Keras 3 and TF on a zero-size conv", () => {
    const { message, fix } = describeIssue(issueOf(conv(2, 8, 3), [[N, 2, 2, 3]]), "conv2d");
    expect(message).toContain(
      "Computed output size would be zero or negative. Received `inputs shape=(None, 2, 2, 3)`, `kernel shape=(3, 3, 3, 8)`, `dilation_rate=[1 1]`, `strides=(1, 1)`, `padding=valid`.",
    );
    expect(message).toContain("Negative dimension size caused by subtracting 3 from 2");
    expect(fix).toContain("padding='same'");
  });

  it("Keras 3 on a zero-size pool", () => {
    const { message } = describeIssue(issueOf(pool(2, "max", 3), [[N, 2, 2, 3]]), "max_pooling2d");
    expect(message).toContain(
      "Computed output size would be zero or negative. Received: `inputs.shape=[None 2 2 3]`, `pool_size=[3 3]`, `strides=(3, 3)`, `padding=valid`.",
    );
  });

  it("LSTM on a 2-D input", () => {
    const { message, fix } = describeIssue(issueOf(rnn("lstm", 8), [[N, 64]]), "lstm");
    expect(message).toContain(
      'Input 0 of layer "lstm" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: (None, 64)',
    );
    expect(message).toContain("Input 0 with name 'None' of layer 'lstm' is incompatible with the layer");
    expect(fix).toContain("return_sequences=True");
  });

  it("Concatenate and Add", () => {
    const cat = describeIssue(
      issueOf({ kind: "merge", op: "concat", axis: -1 }, [
        [N, 4, 4, 8],
        [N, 5, 5, 8],
      ]),
      "concatenate",
    );
    expect(cat.message).toContain(
      "A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=[(None, 4, 4, 8), (None, 5, 5, 8)]",
    );
    const add = describeIssue(
      issueOf({ kind: "merge", op: "add", axis: -1 }, [
        [N, 4, 4, 8],
        [N, 5, 5, 8],
      ]),
      "add",
    );
    expect(add.message).toContain("Inputs have incompatible shapes. Received shapes (4, 4, 8) and (5, 5, 8)");
  });

  it("PyTorch Linear, conv channels and view", () => {
    const mm = describeIssue(issueOf(dense(10, true, 1024), [[64, 2304]], "pytorch"), "fc1");
    expect(mm.message).toContain("mat1 and mat2 shapes cannot be multiplied (64x2304 and 1024x10)");
    expect(mm.fix).toBe("use nn.Linear(2304, 10)");
    const ch = describeIssue(
      issueOf(conv(2, 64, 3, { dataFormat: "channels_first", inChannels: 3 }), [[1, 1, 28, 28]], "pytorch"),
      "conv1",
    );
    expect(ch.message).toContain(
      "Given groups=1, weight of size [64, 3, 3, 3], expected input[1, 1, 28, 28] to have 3 channels, but got 1 channels instead",
    );
    const view = describeIssue(
      {
        code: "reshape_invalid",
        framework: "pytorch",
        target: [-1, 400],
        inputSize: 1024,
        inputShape: [1, 16, 8, 8],
      },
      "view",
    );
    expect(view.message).toContain("shape '[-1, 400]' is invalid for input of size 1024");
  });

  it("PyTorch conv smaller than its kernel", () => {
    const { message } = describeIssue(
      issueOf(conv(2, 4, 3, { dataFormat: "channels_first", inChannels: 5 }), [[1, 5, 2, 2]], "pytorch"),
      "layer1",
    );
    expect(message).toContain(
      "Calculated padded input size per channel: (2 x 2). Kernel size: (3 x 3). Kernel size can't be greater than actual input size",
    );
  });

  it("Keras strides with dilation, Reshape, Dense on 4-D", () => {
    expect(
      describeIssue(issueOf(conv(2, 8, 3, { strides: 2, dilation: 2 }), [[N, 9, 9, 1]]), "c").message,
    ).toContain(
      "`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=(2, 2) and dilation_rate=(2, 2)",
    );
    expect(
      describeIssue(issueOf({ kind: "reshape", targetShape: [-1, 7] }, [[N, 4, 5]]), "r").message,
    ).toContain(
      "The total size of the tensor must be unchanged, however, the input size cannot by divided by the specified dimensions in target_shape. Received: input_shape=(4, 5), target_shape=(-1, 7)",
    );
    const r = inferLayer(dense(10), [[N, 8, 8, 32]], "keras");
    if (!r.ok) throw new Error("Dense on 4-D is allowed");
    const w = r.record.warnings[0];
    if (!w) throw new Error("expected a warning");
    expect(describeIssue(w, "dense").fix).toBe("add Flatten() (or a global pooling layer) before Dense");
  });

  it("every issue code has wording without holes", () => {
    const issues: ShapeIssue[] = [
      issueOf(conv(2, 8, 3), [[N, 2, 2, 3]]),
      issueOf(rnn("lstm", 8), [[N, 64]]),
      issueOf({ kind: "merge", op: "subtract", axis: -1 }, [
        [N, 5],
        [N, 5],
        [N, 5],
      ]),
      issueOf({ kind: "permute", dims: [2, 3] }, [[N, 5, 4]]),
      issueOf(
        {
          kind: "cropping",
          rank: 2,
          cropping: [
            [3, 3],
            [3, 3],
          ],
          dataFormat: "channels_last",
        },
        [[N, 4, 5, 2]],
      ),
      issueOf({ kind: "time_distributed", layer: dense(8) }, [[N, 16]]),
      issueOf(conv(2, 6, 3, { groups: 4 }), [[N, 5, 5, 8]]),
      issueOf(ct(2, 3, 2, "valid", 2), [[N, 8, 8, 1]]),
      { code: "channels_unknown", inputShape: [N, 5, N], className: "Dense" },
      { code: "axis_out_of_range", axis: 3, rank: 2, inputShape: [N, 5], className: "BatchNormalization" },
      { code: "unknown_output_shape", className: "Lambda", reason: "lambda" },
    ];
    for (const issue of issues) {
      const { message } = describeIssue(issue, "layer");
      expect(message, issue.code).not.toMatch(/undefined|NaN|\[object/);
    }
  });
});
