import type { Framework, LayerConfig } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import type { ShapeIssue, ShapeIssueCode } from "../../src/shape/issues.js";
import { inferLayer } from "../../src/shape/registry.js";
import type { Step, StepCode } from "../../src/shape/steps.js";
import {
  conv,
  convTranspose as ct,
  dense,
  depthwise,
  explicit,
  flatten,
  pool,
  rnn,
  separable,
} from "../shape/configs.js";

// Real steps and shape issues, made by running the shape rules on configs like those of
// test/shape/rules.test.ts, so the wording is tested on what the rules actually produce.

export const STEP_CODES: StepCode[] = [
  "conv.axis",
  "pool.axis",
  "conv_transpose.axis",
  "conv.params",
  "conv.channels",
  "depthwise.params",
  "separable.params",
  "pool.channels",
  "global_pool",
  "dense.params",
  "dense.last_axis",
  "flatten",
  "elementwise",
  "batch_norm.params",
  "layer_norm.params",
  "pad.axis",
  "upsampling.axis",
  "reshape",
  "permute",
  "repeat_vector",
  "merge.elementwise",
  "merge.concat",
  "embedding.params",
  "embedding.shape",
  "rnn.params",
  "rnn.output",
  "bidirectional",
  "time_distributed",
  "macs",
  "opaque",
];

export const ISSUE_CODES: ShapeIssueCode[] = [
  "non_positive_output",
  "ndim_mismatch",
  "merge_shape_mismatch",
  "merge_input_count",
  "channel_mismatch",
  "in_features_mismatch",
  "reshape_invalid",
  "strides_with_dilation",
  "same_padding_strided",
  "output_padding_too_large",
  "groups_mismatch",
  "pool_padding_too_large",
  "cropping_too_large",
  "axis_out_of_range",
  "permute_invalid",
  "channels_unknown",
  "time_distributed_rank",
  "dense_on_high_rank",
  "unknown_output_shape",
];

interface Case {
  name: string;
  config: LayerConfig;
  inputs: Shape[];
  framework?: Framework;
}

const N = null;
const cf = "channels_first" as const;

export const CASES: Case[] = [
  // Convolutions: the seed, 'same', dilation, groups, causal, no bias, symbolic and None sizes.
  { name: "seed conv_1", config: conv(2, 24, 8, { strides: 2 }), inputs: [[N, 128, 128, 3]] },
  { name: "seed 98", config: conv(2, 200, 3), inputs: [[N, 100, 100, 1]] },
  { name: "one filter", config: conv(2, 1, 3), inputs: [[N, 10, 10, 2]] },
  { name: "same s=2 odd", config: conv(2, 4, 3, { padding: "same", strides: 2 }), inputs: [[N, 7, 8, 1]] },
  { name: "dilation 2", config: conv(2, 4, 3, { dilation: 2 }), inputs: [[N, 9, 9, 2]] },
  { name: "groups 2", config: conv(2, 8, 3, { groups: 2 }), inputs: [[N, 5, 5, 4]] },
  { name: "causal", config: conv(1, 4, 3, { padding: "causal", dilation: 2 }), inputs: [[N, 5, 2]] },
  { name: "conv3d", config: conv(3, 2, [3, 2, 1]), inputs: [[N, 5, 5, 5, 1]] },
  { name: "no bias", config: conv(2, 4, 3, { useBias: false }), inputs: [[N, 5, 5, 2]] },
  { name: "symbolic H×W", config: conv(2, 24, 8, { strides: 2 }), inputs: [[N, "H", "W", 3]] },
  { name: "None H×W 'same'", config: conv(2, 8, 3, { padding: "same" }), inputs: [[N, N, N, 3]] },
  { name: "large conv", config: conv(2, 512, 3, { padding: "same" }), inputs: [[N, 1024, 1024, 256]] },
  // PyTorch convs.
  {
    name: "torch padding=1",
    framework: "pytorch",
    config: conv(2, 16, 3, { dataFormat: cf, inChannels: 3, padding: explicit(1) }),
    inputs: [[1, 3, 28, 28]],
  },
  {
    name: "torch 'same' even",
    framework: "pytorch",
    config: conv(2, 1, 4, { dataFormat: cf, padding: "same_torch" }),
    inputs: [[1, 1, 9, 9]],
  },
  // Pooling.
  { name: "maxpool", config: pool(2, "max", 2), inputs: [[N, 5, 7, 3]] },
  { name: "avgpool same", config: pool(2, "avg", 2, { padding: "same" }), inputs: [[N, 5, 7, 3]] },
  {
    name: "torch ceil_mode",
    framework: "pytorch",
    config: pool(2, "max", 2, { ceilMode: true, dataFormat: cf }),
    inputs: [[1, 3, 5, 5]],
  },
  {
    name: "global max keepdims",
    config: { kind: "global_pool", rank: 2, op: "max", keepdims: true, dataFormat: "channels_last" },
    inputs: [[N, 5, 7, 3]],
  },
  {
    name: "global avg",
    config: { kind: "global_pool", rank: 2, op: "avg", keepdims: false, dataFormat: "channels_last" },
    inputs: [[N, 5, 7, 3]],
  },
  // Transposed convs.
  { name: "ct valid", config: ct(16, 3, 2, "valid", null), inputs: [[N, 8, 8, 4]] },
  { name: "ct same", config: ct(16, 3, 2, "same", null), inputs: [[N, 8, 8, 4]] },
  { name: "ct same op", config: ct(16, 3, 2, "same", 1), inputs: [[N, 8, 8, 4]] },
  { name: "ct valid op", config: ct(16, 3, 2, "valid", 1), inputs: [[N, 8, 8, 4]] },
  { name: "ct on None", config: ct(16, 3, 2, "valid", null), inputs: [[N, N, N, 4]] },
  {
    name: "torch ct p=1",
    framework: "pytorch",
    config: ct(16, 3, 2, explicit(1), 1, { inChannels: 4, channelsFirst: true }),
    inputs: [[1, 4, 8, 8]],
  },
  // Separable / depthwise.
  {
    name: "separable",
    config: separable(64, 3),
    inputs: [[N, 32, 32, 16]],
  },
  {
    name: "depthwise",
    config: depthwise(3, 2),
    inputs: [[N, 32, 32, 16]],
  },
  // Dense and flatten.
  { name: "flatten", config: flatten(), inputs: [[N, 10, 10, 24]] },
  { name: "flatten 1 axis", config: flatten(), inputs: [[N]] },
  { name: "dense 1", config: dense(1), inputs: [[N, 2400]] },
  { name: "dense no bias", config: dense(10, false), inputs: [[N, 2400]] },
  { name: "dense rank 3", config: dense(4), inputs: [[N, 5, 7]] },
  { name: "dense rank 4", config: dense(4), inputs: [[N, 3, 5, 7]] },
  // Recurrent.
  { name: "lstm", config: rnn("lstm", 64), inputs: [[N, 10, 32]] },
  {
    name: "lstm seq state",
    config: rnn("lstm", 8, { returnSequences: true, returnState: true }),
    inputs: [[N, 10, 4]],
  },
  { name: "gru reset_after", config: rnn("gru", 64), inputs: [[N, 10, 32]] },
  { name: "simple no bias", config: rnn("simple", 16, { useBias: false }), inputs: [[N, 10, 8]] },
  {
    name: "torch lstm",
    framework: "pytorch",
    config: rnn("lstm", 64, { returnSequences: true }),
    inputs: [[1, 10, 32]],
  },
  {
    name: "bidirectional concat",
    config: { kind: "bidirectional", layer: rnn("lstm", 32, { returnSequences: true }), mergeMode: "concat" },
    inputs: [[N, 10, 16]],
  },
  {
    name: "bidirectional sum",
    config: { kind: "bidirectional", layer: rnn("gru", 8), mergeMode: "sum" },
    inputs: [[N, 10, 4]],
  },
  {
    name: "bidirectional none",
    config: { kind: "bidirectional", layer: rnn("gru", 8), mergeMode: null },
    inputs: [[N, 10, 4]],
  },
  // Normalisation and element-wise.
  {
    name: "bn keras",
    config: { kind: "batch_norm", axis: -1, center: true, scale: true, numFeatures: null },
    inputs: [[N, 8, 8, 16]],
  },
  {
    name: "bn keras no scale",
    config: { kind: "batch_norm", axis: -1, center: false, scale: false, numFeatures: null },
    inputs: [[N, 8, 8, 16]],
  },
  {
    name: "bn torch",
    framework: "pytorch",
    config: { kind: "batch_norm", axis: 1, center: true, scale: true, numFeatures: 16 },
    inputs: [[1, 16, 8, 8]],
  },
  {
    name: "layer norm",
    config: { kind: "layer_norm", axes: [-1], center: true, scale: true, normalizedShape: null },
    inputs: [[N, 5, 7]],
  },
  {
    name: "relu",
    config: { kind: "elementwise", op: "relu", paramsPerChannel: 0, axis: null },
    inputs: [[N, 5, 3]],
  },
  {
    name: "prelu",
    config: { kind: "elementwise", op: "prelu", paramsPerChannel: 1, axis: null },
    inputs: [[N, 5, 3]],
  },
  // Reshaping.
  {
    name: "zero padding",
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
  },
  {
    name: "cropping",
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
  },
  {
    name: "upsampling",
    config: {
      kind: "upsampling",
      rank: 2,
      size: [2, 3],
      interpolation: "nearest",
      dataFormat: "channels_last",
    },
    inputs: [[N, 5, 7, 3]],
  },
  { name: "reshape -1", config: { kind: "reshape", targetShape: [-1, 4] }, inputs: [[N, 4, 5, 2]] },
  { name: "reshape exact", config: { kind: "reshape", targetShape: [10, 4] }, inputs: [[N, 4, 5, 2]] },
  { name: "permute", config: { kind: "permute", dims: [2, 1] }, inputs: [[N, 5, 4]] },
  { name: "repeat vector", config: { kind: "repeat_vector", n: 3 }, inputs: [[N, 5]] },
  {
    name: "embedding",
    config: { kind: "embedding", inputDim: 10000, outputDim: 128, inputLength: 50 },
    inputs: [[N, 50]],
  },
  // Merges.
  {
    name: "concat",
    config: { kind: "merge", op: "concat", axis: -1 },
    inputs: [
      [N, 4, 4, 8],
      [N, 4, 4, 3],
    ],
  },
  {
    name: "add broadcast",
    config: { kind: "merge", op: "add", axis: -1 },
    inputs: [
      [N, 4, 1, 8],
      [N, 4, 5, 8],
    ],
  },
  // Wrappers, opaque.
  { name: "time distributed", config: { kind: "time_distributed", layer: dense(8) }, inputs: [[N, 10, 16]] },
  {
    name: "lambda with shape",
    config: { kind: "opaque", reason: "lambda", className: "Lambda", outputShape: [7] },
    inputs: [[N, 5]],
  },
  {
    name: "unknown with shape",
    config: { kind: "opaque", reason: "unknown_layer", className: "MyLayer", outputShape: [7] },
    inputs: [[N, 5]],
  },
  // Issues.
  { name: "conv 3 on 2×2", config: conv(2, 8, 3), inputs: [[N, 2, 2, 3]] },
  { name: "conv dilated on 4×4", config: conv(2, 8, 3, { dilation: 2 }), inputs: [[N, 4, 4, 3]] },
  { name: "pool 3 on 2×2", config: pool(2, "max", 3), inputs: [[N, 2, 2, 3]] },
  {
    name: "torch conv too big",
    framework: "pytorch",
    config: conv(2, 8, 5, { dataFormat: cf, inChannels: 3 }),
    inputs: [[1, 3, 4, 4]],
  },
  {
    name: "torch pool too big",
    framework: "pytorch",
    config: pool(2, "max", 5, { dataFormat: cf }),
    inputs: [[1, 3, 4, 4]],
  },
  {
    name: "torch ct negative",
    framework: "pytorch",
    config: ct(4, 3, 1, explicit(3), 0, { inChannels: 2, channelsFirst: true }),
    inputs: [[1, 2, 2, 2]],
  },
  { name: "conv on 3-D", config: conv(2, 8, 3), inputs: [[N, 28, 28]] },
  { name: "conv on 2-D", config: conv(2, 8, 3), inputs: [[N, 28]] },
  { name: "conv2d on 5-D", config: conv(2, 8, 3), inputs: [[N, 5, 28, 28, 1]] },
  { name: "lstm on 2-D", config: rnn("lstm", 8), inputs: [[N, 64]] },
  { name: "lstm on 4-D", config: rnn("lstm", 8), inputs: [[N, 5, 6, 7]] },
  { name: "repeat on 3-D", config: { kind: "repeat_vector", n: 3 }, inputs: [[N, 5, 6]] },
  { name: "dense on 1-D", config: dense(4), inputs: [[N]] },
  {
    name: "concat mismatch",
    config: { kind: "merge", op: "concat", axis: -1 },
    inputs: [
      [N, 4, 4, 8],
      [N, 5, 5, 8],
    ],
  },
  {
    name: "add mismatch",
    config: { kind: "merge", op: "add", axis: -1 },
    inputs: [
      [N, 4, 4, 8],
      [N, 5, 5, 8],
    ],
  },
  {
    name: "subtract 3",
    config: { kind: "merge", op: "subtract", axis: -1 },
    inputs: [
      [N, 5],
      [N, 5],
      [N, 5],
    ],
  },
  {
    name: "concat axis 5",
    config: { kind: "merge", op: "concat", axis: 5 },
    inputs: [
      [N, 4, 4, 8],
      [N, 4, 4, 3],
    ],
  },
  {
    name: "torch channels",
    framework: "pytorch",
    config: conv(2, 64, 3, { dataFormat: cf, inChannels: 3 }),
    inputs: [[1, 1, 28, 28]],
  },
  {
    name: "torch ct channels",
    framework: "pytorch",
    config: ct(16, 3, 2, explicit(1), 1, { inChannels: 8, channelsFirst: true }),
    inputs: [[1, 4, 8, 8]],
  },
  {
    name: "torch bn channels",
    framework: "pytorch",
    config: { kind: "batch_norm", axis: 1, center: true, scale: true, numFeatures: 32 },
    inputs: [[1, 16, 8, 8]],
  },
  { name: "torch linear", framework: "pytorch", config: dense(10, true, 1024), inputs: [[64, 2304]] },
  { name: "reshape invalid -1", config: { kind: "reshape", targetShape: [-1, 7] }, inputs: [[N, 4, 5]] },
  { name: "reshape invalid", config: { kind: "reshape", targetShape: [3, 7] }, inputs: [[N, 4, 5]] },
  {
    name: "torch reshape invalid",
    framework: "pytorch",
    config: { kind: "reshape", targetShape: [-1, 7] },
    inputs: [[1, 4, 5]],
  },
  { name: "strides+dilation", config: conv(2, 8, 3, { strides: 2, dilation: 2 }), inputs: [[N, 20, 20, 3]] },
  {
    name: "torch same strided",
    framework: "pytorch",
    config: conv(2, 1, 3, { dataFormat: cf, padding: "same_torch", strides: 2 }),
    inputs: [[1, 1, 9, 9]],
  },
  { name: "ct op ≥ s", config: ct(2, 3, 2, "valid", 2), inputs: [[N, 8, 8, 1]] },
  {
    name: "torch ct op ≥ s",
    framework: "pytorch",
    config: ct(2, 3, 2, explicit(0), 2, { inChannels: 1, channelsFirst: true }),
    inputs: [[1, 1, 8, 8]],
  },
  { name: "groups filters", config: conv(2, 7, 3, { groups: 2 }), inputs: [[N, 5, 5, 4]] },
  { name: "groups channels", config: conv(2, 6, 3, { groups: 3 }), inputs: [[N, 5, 5, 4]] },
  {
    name: "torch pool pad",
    framework: "pytorch",
    config: pool(2, "max", 2, { padding: explicit(2), dataFormat: cf }),
    inputs: [[1, 3, 5, 5]],
  },
  {
    name: "cropping too much",
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
  },
  {
    name: "bn axis 5",
    config: { kind: "batch_norm", axis: 5, center: true, scale: true, numFeatures: null },
    inputs: [[N, 8, 8, 16]],
  },
  { name: "permute invalid", config: { kind: "permute", dims: [1, 3] }, inputs: [[N, 5, 4]] },
  { name: "conv unknown channels", config: conv(2, 8, 3), inputs: [[N, 8, 8, N]] },
  { name: "dense unknown features", config: dense(8), inputs: [[N, N]] },
  { name: "td on 2-D", config: { kind: "time_distributed", layer: dense(8) }, inputs: [[N, 16]] },
  {
    name: "lambda",
    config: { kind: "opaque", reason: "lambda", className: "Lambda", outputShape: null },
    inputs: [[N, 5]],
  },
  {
    name: "unknown layer",
    config: { kind: "opaque", reason: "unknown_layer", className: "MyLayer", outputShape: null },
    inputs: [[N, 5]],
  },
];

export interface Sample<T> {
  name: string;
  value: T;
}

/** Every step and issue the cases produce, with a collapsed height_width copy of each axis step. */
export function collect(): { steps: Sample<Step>[]; issues: Sample<ShapeIssue>[] } {
  const steps: Sample<Step>[] = [];
  const issues: Sample<ShapeIssue>[] = [];
  for (const c of CASES) {
    const r = inferLayer(c.config, c.inputs, c.framework ?? "keras");
    if (!r.ok) {
      issues.push({ name: c.name, value: r.issue });
      continue;
    }
    r.record.steps.forEach((step, i) => {
      steps.push({ name: `${c.name} #${i} ${step.code}`, value: step });
      if ("axis" in step && step.axis === "height") {
        steps.push({
          name: `${c.name} #${i} height_width`,
          value: { ...step, axis: "height_width" } as Step,
        });
      }
    });
    for (const w of r.record.warnings) issues.push({ name: `${c.name} (warning)`, value: w });
  }
  return { steps, issues };
}
