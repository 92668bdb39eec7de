// The phrasing table: each row is a sentence and every field of the PlainQuestion it must
// produce. Shared by phrasings.test.ts (the parse) and phrasing-shapes.test.ts (the answer).
import type {
  ConceptTopic,
  PlainLayer,
  PlainLayerKind,
  PlainQuestion,
} from "../../src/parse/plain/plain-question.js";
import { emptyLayer } from "../../src/parse/plain/plain-question.js";

export type LayerFields = Partial<Omit<PlainLayer, "kind" | "pos">>;
export type Expected = Omit<PlainLayer, "pos">;

export interface Expect {
  layers: Expected[];
  input?: { dims: number[]; channels?: number; steps?: number; features?: number };
  concepts?: ConceptTopic[];
  framework?: PlainQuestion["framework"];
  layout?: PlainQuestion["layout"];
  unknown?: string[];
}

/** A layer with every field at "not said" except the ones given. */
export function L(kind: PlainLayerKind, fields: LayerFields = {}): Expected {
  const { pos: _pos, ...blank } = emptyLayer(kind, { line: 0, column: 0 });
  return { ...blank, ...fields };
}

export const EN: [string, Expect][] = [
  [
    "conv 24 filters 8x8 stride 2 on 128x128x3",
    { layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })], input: { dims: [128, 128, 3] } },
  ],
  [
    "8x8 conv with 24 filters, stride 2, on a 128x128 RGB image",
    {
      layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })],
      input: { dims: [128, 128], channels: 3 },
    },
  ],
  [
    "3x3 conv, padding 1, 16 filters on a 32x32x3 image",
    { layers: [L("conv", { filters: 16, kernel: [3, 3], padding: [1] })], input: { dims: [32, 32, 3] } },
  ],
  [
    "100x100x1 input, 200 filters 3x3",
    { layers: [L("conv", { filters: 200, kernel: [3, 3] })], input: { dims: [100, 100, 1] } },
  ],
  [
    "Conv2D 32 filters 3x3 on 28x28x1",
    { layers: [L("conv", { rank: 2, filters: 32, kernel: [3, 3] })], input: { dims: [28, 28, 1] } },
  ],
  [
    "conv2d with 64 filters, kernel size 3, stride 1, padding 'same', input 224x224x3",
    {
      layers: [L("conv", { rank: 2, filters: 64, kernel: [3], stride: [1], padding: "same" })],
      input: { dims: [224, 224, 3] },
    },
  ],
  [
    "what is the output shape of a 3x3 conv with 16 filters on a 32x32x3 image?",
    {
      layers: [L("conv", { filters: 16, kernel: [3, 3] })],
      input: { dims: [32, 32, 3] },
      concepts: ["output_shape"],
    },
  ],
  [
    "conv 5x5 stride 1 valid on 32x32x3 with 6 filters",
    {
      layers: [L("conv", { filters: 6, kernel: [5, 5], stride: [1], padding: "valid" })],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "a conv layer with 32 filters of size 5x5 on 28x28 grayscale images",
    { layers: [L("conv", { filters: 32, kernel: [5, 5] })], input: { dims: [28, 28], channels: 1 } },
  ],
  [
    "conv 3x3 stride 2 padding same 64 filters on 64x64x3 (keras)",
    {
      layers: [L("conv", { filters: 64, kernel: [3, 3], stride: [2], padding: "same" })],
      input: { dims: [64, 64, 3] },
      framework: "keras",
    },
  ],
  [
    "conv 7x7 64 filters stride 2 padding 3 on 3x224x224 pytorch",
    {
      layers: [L("conv", { filters: 64, kernel: [7, 7], stride: [2], padding: [3] })],
      input: { dims: [3, 224, 224] },
      framework: "pytorch",
    },
  ],
  [
    "nn.Conv2d kernel 3 to 16 channels on 3x32x32",
    {
      layers: [L("conv", { rank: 2, filters: 16, kernel: [3] })],
      input: { dims: [3, 32, 32] },
      framework: "pytorch",
    },
  ],
  [
    "conv with kernel_size=3 filters=32 strides=2 on 64x64x3",
    { layers: [L("conv", { filters: 32, kernel: [3], stride: [2] })], input: { dims: [64, 64, 3] } },
  ],
  [
    "input=128x128x3 filters=24 kernel=8 stride=2 padding=valid",
    {
      layers: [L("conv", { filters: 24, kernel: [8], stride: [2], padding: "valid" })],
      input: { dims: [128, 128, 3] },
    },
  ],
  [
    "conv 3x3 dilation 2 on 32x32x16 with 16 filters",
    { layers: [L("conv", { filters: 16, kernel: [3, 3], dilation: [2] })], input: { dims: [32, 32, 16] } },
  ],
  [
    "dilated 3x3 conv dilation 2 'same'",
    { layers: [L("conv", { kernel: [3, 3], padding: "same", dilation: [2] })] },
  ],
  [
    "3x3 conv with 32 filters and groups 4 on 56x56x64",
    { layers: [L("conv", { filters: 32, kernel: [3, 3], groups: 4 })], input: { dims: [56, 56, 64] } },
  ],
  [
    "conv1d kernel 5 with 64 filters on 300 timesteps of 50 features",
    {
      layers: [L("conv", { rank: 1, filters: 64, kernel: [5] })],
      input: { dims: [], steps: 300, features: 50 },
    },
  ],
  [
    "conv1d 128 filters kernel 3 on 100 steps of 20 features padding causal",
    {
      layers: [L("conv", { rank: 1, filters: 128, kernel: [3], padding: "causal" })],
      input: { dims: [], steps: 100, features: 20 },
    },
  ],
  [
    "conv3d 3x3x3 with 8 filters on 16x64x64x1",
    { layers: [L("conv", { rank: 3, filters: 8, kernel: [3, 3, 3] })], input: { dims: [16, 64, 64, 1] } },
  ],
  [
    "1x1 conv 256 filters on 14x14x512",
    { layers: [L("conv", { filters: 256, kernel: [1, 1] })], input: { dims: [14, 14, 512] } },
  ],
  [
    "conv 3x3 relu 32 filters on 28x28x1",
    {
      layers: [L("conv", { filters: 32, kernel: [3, 3], activation: "relu" })],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "conv 3 by 3, 10 filters, input 28 by 28 by 1",
    { layers: [L("conv", { filters: 10, kernel: [3, 3] })], input: { dims: [28, 28, 1] } },
  ],
  [
    "3*3 conv 8 filters on 32*32*3",
    { layers: [L("conv", { filters: 8, kernel: [3, 3] })], input: { dims: [32, 32, 3] } },
  ],
  [
    "conv 11x11 stride 4 96 filters on 227x227x3",
    { layers: [L("conv", { filters: 96, kernel: [11, 11], stride: [4] })], input: { dims: [227, 227, 3] } },
  ],
  [
    "conv (3, 3) strides (2, 2) 32 filters on (128, 128, 3)",
    { layers: [L("conv", { filters: 32, kernel: [3, 3], stride: [2, 2] })], input: { dims: [128, 128, 3] } },
  ],
  [
    "conv kernel [5, 5] on [3, 32, 32] with 6 filters",
    { layers: [L("conv", { filters: 6, kernel: [5, 5] })], input: { dims: [3, 32, 32] } },
  ],
  [
    "conv 24 filters 8x8 stride 2 on 128x128x3 NCHW",
    {
      layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })],
      input: { dims: [128, 128, 3] },
      layout: "channels_first",
    },
  ],
  [
    "conv 3x3 32 filters on 32x32x3 channels last",
    {
      layers: [L("conv", { filters: 32, kernel: [3, 3] })],
      input: { dims: [32, 32, 3] },
      layout: "channels_last",
    },
  ],
  [
    "conv 3x3 stride 2 on 32x32x3 channels_first",
    {
      layers: [L("conv", { kernel: [3, 3], stride: [2] })],
      input: { dims: [32, 32, 3] },
      layout: "channels_first",
    },
  ],
  [
    "separable conv 3x3 64 filters on 32x32x32",
    { layers: [L("separable_conv", { filters: 64, kernel: [3, 3] })], input: { dims: [32, 32, 32] } },
  ],
  [
    "SeparableConv2D 3x3 with 64 filters on 32x32x32",
    {
      layers: [L("separable_conv", { rank: 2, filters: 64, kernel: [3, 3] })],
      input: { dims: [32, 32, 32] },
    },
  ],
  [
    "depthwise 3x3 on 56x56x32",
    { layers: [L("depthwise_conv", { kernel: [3, 3] })], input: { dims: [56, 56, 32] } },
  ],
  [
    "depthwise conv 3x3 stride 2 depth multiplier 2 on 112x112x32",
    {
      layers: [L("depthwise_conv", { kernel: [3, 3], stride: [2], depthMultiplier: 2 })],
      input: { dims: [112, 112, 32] },
    },
  ],
  [
    "DepthwiseConv2D 5x5 padding same on 28x28x16",
    {
      layers: [L("depthwise_conv", { rank: 2, kernel: [5, 5], padding: "same" })],
      input: { dims: [28, 28, 16] },
    },
  ],
  [
    "transposed conv 4x4 stride 2 padding 1 on 16x16x128 to 64 channels",
    {
      layers: [L("conv_transpose", { filters: 64, kernel: [4, 4], stride: [2], padding: [1] })],
      input: { dims: [16, 16, 128] },
    },
  ],
  [
    "Conv2DTranspose 32 filters 3x3 stride 2 'same' on 16x16x64",
    {
      layers: [L("conv_transpose", { rank: 2, filters: 32, kernel: [3, 3], stride: [2], padding: "same" })],
      input: { dims: [16, 16, 64] },
    },
  ],
  [
    "ConvTranspose2d kernel 4 stride 2 padding 1 output padding 1 on 128x8x8 to 64 channels",
    {
      layers: [
        L("conv_transpose", {
          rank: 2,
          filters: 64,
          kernel: [4],
          stride: [2],
          padding: [1],
          outputPadding: [1],
        }),
      ],
      input: { dims: [128, 8, 8] },
    },
  ],
  [
    "deconv 2x2 stride 2 on 7x7x64 to 32 channels",
    {
      layers: [L("conv_transpose", { filters: 32, kernel: [2, 2], stride: [2] })],
      input: { dims: [7, 7, 64] },
    },
  ],
  [
    "conv transpose 3x3 stride 2 on 14x14x32 16 filters",
    {
      layers: [L("conv_transpose", { filters: 16, kernel: [3, 3], stride: [2] })],
      input: { dims: [14, 14, 32] },
    },
  ],
  [
    "strided conv 3x3 stride 2 on 64x64x3 with 32 filters",
    { layers: [L("conv", { filters: 32, kernel: [3, 3], stride: [2] })], input: { dims: [64, 64, 3] } },
  ],
  [
    "maxpool 2x2 stride 2 on 112x112x64",
    { layers: [L("pool", { op: "max", kernel: [2, 2], stride: [2] })], input: { dims: [112, 112, 64] } },
  ],
  [
    "max pooling 2x2 on 28x28x32",
    { layers: [L("pool", { op: "max", kernel: [2, 2] })], input: { dims: [28, 28, 32] } },
  ],
  [
    "MaxPooling2D pool size 3 strides 2 on 55x55x96",
    { layers: [L("pool", { rank: 2, op: "max", kernel: [3], stride: [2] })], input: { dims: [55, 55, 96] } },
  ],
  [
    "avg pool 3 stride 2 ceil_mode on 3x3 from 64x55x55 (pytorch)",
    {
      layers: [L("pool", { op: "avg", kernel: [3, 3], stride: [2], ceilMode: true })],
      input: { dims: [64, 55, 55] },
      framework: "pytorch",
    },
  ],
  [
    "average pooling 2x2 stride 2 on 32x32x16",
    { layers: [L("pool", { op: "avg", kernel: [2, 2], stride: [2] })], input: { dims: [32, 32, 16] } },
  ],
  [
    "avgpool 3 stride 1 padding 1 on 28x28x64",
    {
      layers: [L("pool", { op: "avg", kernel: [3], stride: [1], padding: [1] })],
      input: { dims: [28, 28, 64] },
    },
  ],
  [
    "global average pooling on 7x7x512",
    { layers: [L("global_pool", { op: "avg" })], input: { dims: [7, 7, 512] } },
  ],
  [
    "GlobalAveragePooling2D on 7x7x2048",
    { layers: [L("global_pool", { rank: 2, op: "avg" })], input: { dims: [7, 7, 2048] } },
  ],
  [
    "global max pooling on 10x10x128",
    { layers: [L("global_pool", { op: "max" })], input: { dims: [10, 10, 128] } },
  ],
  [
    "maxpool 3 stride 2 padding 1 ceil mode on 1x64x112x112 pytorch",
    {
      layers: [L("pool", { op: "max", kernel: [3], stride: [2], padding: [1], ceilMode: true })],
      input: { dims: [1, 64, 112, 112] },
      framework: "pytorch",
    },
  ],
  [
    "maxpool1d 2 on 100 steps of 64 features",
    {
      layers: [L("pool", { rank: 1, op: "max", kernel: [2] })],
      input: { dims: [], steps: 100, features: 64 },
    },
  ],
  [
    "2x2 max pool on a 26x26x32 input",
    { layers: [L("pool", { op: "max", kernel: [2, 2] })], input: { dims: [26, 26, 32] } },
  ],
  ["pool 2 on 24x24x20", { layers: [L("pool", { kernel: [2] })], input: { dims: [24, 24, 20] } }],
  [
    "conv 3x3 32 filters then maxpool 2x2 on 28x28x1",
    {
      layers: [L("conv", { filters: 32, kernel: [3, 3] }), L("pool", { op: "max", kernel: [2, 2] })],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "conv 3x3 16 filters -> maxpool 2 -> dense 10 on 28x28x1",
    {
      layers: [
        L("conv", { filters: 16, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2] }),
        L("dense", { filters: 10, units: 10 }),
      ],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "conv 5x5 6 filters → avgpool 2 → conv 5x5 16 filters → avgpool 2 on 32x32x1",
    {
      layers: [
        L("conv", { filters: 6, kernel: [5, 5] }),
        L("pool", { op: "avg", kernel: [2] }),
        L("conv", { filters: 16, kernel: [5, 5] }),
        L("pool", { op: "avg", kernel: [2] }),
      ],
      input: { dims: [32, 32, 1] },
    },
  ],
  [
    "input 32x32x3; conv 3x3 32 filters; maxpool 2x2; flatten; dense 10",
    {
      layers: [
        L("conv", { filters: 32, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2, 2] }),
        L("flatten"),
        L("dense", { filters: 10, units: 10 }),
      ],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "conv 3x3 64 filters, maxpool 2x2, conv 3x3 128 filters on 64x64x3",
    {
      layers: [
        L("conv", { filters: 64, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2, 2] }),
        L("conv", { filters: 128, kernel: [3, 3] }),
      ],
      input: { dims: [64, 64, 3] },
    },
  ],
  [
    "input 28x28x1\nconv 3x3 32 filters\nmaxpool 2\nflatten\ndense 128\ndense 10",
    {
      layers: [
        L("conv", { filters: 32, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2] }),
        L("flatten"),
        L("dense", { filters: 128, units: 128 }),
        L("dense", { filters: 10, units: 10 }),
      ],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "conv 3x3 32 relu then max pool 2x2 then flatten then dense 10 softmax on 28x28x1",
    {
      layers: [
        L("conv", { filters: 32, kernel: [3, 3], activation: "relu" }),
        L("pool", { op: "max", kernel: [2, 2] }),
        L("flatten"),
        L("dense", { filters: 10, units: 10, activation: "softmax" }),
      ],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "conv 3x3 64 filters followed by batch norm followed by relu on 32x32x3",
    {
      layers: [
        L("conv", { filters: 64, kernel: [3, 3] }),
        L("batch_norm"),
        L("activation", { activation: "relu" }),
      ],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "conv 3x3 16 filters then dropout 0.25 on 32x32x3",
    {
      layers: [L("conv", { filters: 16, kernel: [3, 3] }), L("dropout", { rate: 0.25 })],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "embedding 10000 words into 128 dims, sequences of 50",
    { layers: [L("embedding", { vocabulary: 10000, dims: 128 })], input: { dims: [], steps: 50 } },
  ],
  [
    "embedding 5000 words 64 dims then LSTM 32 units on sequences of 100",
    {
      layers: [
        L("embedding", { vocabulary: 5000, dims: 64 }),
        L("recurrent", { cell: "lstm", filters: 32, units: 32 }),
      ],
      input: { dims: [], steps: 100 },
    },
  ],
  [
    "LSTM 64 units on 20 steps of 8 features",
    {
      layers: [L("recurrent", { cell: "lstm", filters: 64, units: 64 })],
      input: { dims: [], steps: 20, features: 8 },
    },
  ],
  [
    "GRU 128 units return sequences on 50 timesteps of 10 features",
    {
      layers: [L("recurrent", { cell: "gru", filters: 128, units: 128, returnSequences: true })],
      input: { dims: [], steps: 50, features: 10 },
    },
  ],
  [
    "LSTM 32 then dense 1 on 30 steps of 4 features",
    {
      layers: [
        L("recurrent", { cell: "lstm", filters: 32, units: 32 }),
        L("dense", { filters: 1, units: 1 }),
      ],
      input: { dims: [], steps: 30, features: 4 },
    },
  ],
  [
    "simple rnn 16 units on 10 steps of 3 features",
    {
      layers: [L("recurrent", { cell: "simple", filters: 16, units: 16 })],
      input: { dims: [], steps: 10, features: 3 },
    },
  ],
  ["dense 10 on 784", { layers: [L("dense", { filters: 10, units: 10 })], input: { dims: [784] } }],
  [
    "flatten then dense 128 on 7x7x64",
    { layers: [L("flatten"), L("dense", { filters: 128, units: 128 })], input: { dims: [7, 7, 64] } },
  ],
  [
    "fully connected 256 units on 1024",
    { layers: [L("dense", { filters: 256, units: 256 })], input: { dims: [1024] } },
  ],
  [
    "upsampling 2x2 on 16x16x64",
    { layers: [L("upsampling", { factor: [2, 2] })], input: { dims: [16, 16, 64] } },
  ],
  ["upsample 2 on 8x8x128", { layers: [L("upsampling", { factor: [2] })], input: { dims: [8, 8, 128] } }],
  ["dropout 0.5 on 128", { layers: [L("dropout", { rate: 0.5 })], input: { dims: [128] } }],
  ["batchnorm on 32x32x64", { layers: [L("batch_norm")], input: { dims: [32, 32, 64] } }],
  [
    "conv 3x3 32 filters 'same' then maxpool 2 then conv 3x3 64 filters 'same' then maxpool 2 on 32x32x3",
    {
      layers: [
        L("conv", { filters: 32, kernel: [3, 3], padding: "same" }),
        L("pool", { op: "max", kernel: [2] }),
        L("conv", { filters: 64, kernel: [3, 3], padding: "same" }),
        L("pool", { op: "max", kernel: [2] }),
      ],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "conv 24 filters 8x8 stride 2 on 128x128x3 then flatten then dense 1",
    {
      layers: [
        L("conv", { filters: 24, kernel: [8, 8], stride: [2] }),
        L("flatten"),
        L("dense", { filters: 1, units: 1 }),
      ],
      input: { dims: [128, 128, 3] },
    },
  ],
  [
    "3x3 conv 16 filters; 3x3 conv 32 filters; 2x2 maxpool; input 64x64x3",
    {
      layers: [
        L("conv", { filters: 16, kernel: [3, 3] }),
        L("conv", { filters: 32, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2, 2] }),
      ],
      input: { dims: [64, 64, 3] },
    },
  ],
  [
    "why is the output (None, 61, 61, 24) and not (None, 61, 61, 24, 3)",
    { layers: [], concepts: ["channels"] },
  ],
  ["where did the channel dimension go after the conv?", { layers: [L("conv")], concepts: ["channels"] }],
  [
    "why does the channel dimension disappear with 24 filters 8x8 on 128x128x3",
    {
      layers: [L("conv", { filters: 24, kernel: [8, 8] })],
      input: { dims: [128, 128, 3] },
      concepts: ["channels"],
    },
  ],
  ["what is None in the output shape", { layers: [], concepts: ["batch_none"] }],
  ["what does None mean in (None, 61, 61, 24)", { layers: [], concepts: ["batch_none"] }],
  ["what's the batch dimension", { layers: [], concepts: ["batch_none"] }],
  ["'same' vs 'valid' padding", { layers: [], concepts: ["padding"] }],
  [
    "what does padding='same' do on a 5x5 input with a 3x3 conv",
    {
      layers: [L("conv", { kernel: [3, 3], padding: "same" })],
      input: { dims: [5, 5] },
      concepts: ["padding"],
    },
  ],
  [
    "why do conv params not depend on the input size but Dense after Flatten does",
    { layers: [L("conv"), L("dense"), L("flatten")], concepts: ["params_vs_input"] },
  ],
  [
    "why does Dense after Flatten have so many parameters",
    { layers: [L("dense"), L("flatten")], concepts: ["params_vs_input"] },
  ],
  ["filters vs kernel_size", { layers: [], concepts: ["filters_vs_kernel"] }],
  ["what is the difference between filters and kernel size", { layers: [], concepts: ["filters_vs_kernel"] }],
  [
    "what are the weight shapes of conv1d kernel 5 64 filters on 300 features",
    {
      layers: [L("conv", { rank: 1, filters: 64, kernel: [5] })],
      input: { dims: [], features: 300 },
      concepts: ["weights"],
    },
  ],
  [
    "kernel shape of a 3x3 conv with 64 filters on 32x32x3 in pytorch",
    {
      layers: [L("conv", { filters: 64, kernel: [3, 3] })],
      input: { dims: [32, 32, 3] },
      concepts: ["weights"],
      framework: "pytorch",
    },
  ],
  [
    "Conv2D vs K.conv2d(x, kernel)",
    { layers: [L("conv", { rank: 2 })], concepts: ["layer_vs_op"], framework: "keras" },
  ],
  [
    "difference between tf.nn.conv2d and layers.Conv2D",
    { layers: [L("conv", { rank: 2 })], concepts: ["layer_vs_op"], framework: "keras" },
  ],
  [
    "strided conv vs conv + pooling",
    { layers: [L("conv"), L("conv"), L("pool")], concepts: ["strided_vs_pool"] },
  ],
  [
    "should I use stride 2 or max pooling on 64x64x32",
    {
      layers: [L("pool", { op: "max", stride: [2] })],
      input: { dims: [64, 64, 32] },
      concepts: ["strided_vs_pool"],
    },
  ],
  ["how many filters should I use", { layers: [], concepts: ["choose_filters"] }],
  [
    "how do people choose the number of filters in each conv layer",
    { layers: [L("conv")], concepts: ["choose_filters"] },
  ],
  ["what is the output shape", { layers: [], concepts: ["output_shape"] }],
  [
    "what comes out of conv 3x3 with 8 filters on 10x10x1",
    {
      layers: [L("conv", { filters: 8, kernel: [3, 3] })],
      input: { dims: [10, 10, 1] },
      concepts: ["output_shape"],
    },
  ],
  [
    "Conv2D(24, 8x8, stride 2) on 128x128x3",
    {
      layers: [L("conv", { rank: 2, filters: 24, kernel: [8, 8], stride: [2] })],
      input: { dims: [128, 128, 3] },
    },
  ],
  [
    "keras conv 24 filters 8x8 strides 2 input shape (128, 128, 3)",
    {
      layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })],
      input: { dims: [128, 128, 3] },
      framework: "keras",
    },
  ],
  [
    "tensorflow conv 3x3 32 filters on 28x28x1",
    {
      layers: [L("conv", { filters: 32, kernel: [3, 3] })],
      input: { dims: [28, 28, 1] },
      framework: "keras",
    },
  ],
  [
    "torch conv 3x3 32 filters on 1x28x28",
    {
      layers: [L("conv", { filters: 32, kernel: [3, 3] })],
      input: { dims: [1, 28, 28] },
      framework: "pytorch",
    },
  ],
  [
    "conv 3x3 with 10 kernels on 28x28x1",
    { layers: [L("conv", { filters: 10, kernel: [3, 3] })], input: { dims: [28, 28, 1] } },
  ],
  [
    "64 3x3 filters on 32x32x3",
    { layers: [L("conv", { filters: 64, kernel: [3, 3] })], input: { dims: [32, 32, 3] } },
  ],
  [
    "conv 3x3 64 filters with stride 2 and padding 1 on 3x32x32 in PyTorch",
    {
      layers: [L("conv", { filters: 64, kernel: [3, 3], stride: [2], padding: [1] })],
      input: { dims: [3, 32, 32] },
      framework: "pytorch",
    },
  ],
  [
    "maxpool 2x2 then conv 3x3 16 filters on 14x14x8",
    {
      layers: [L("pool", { op: "max", kernel: [2, 2] }), L("conv", { filters: 16, kernel: [3, 3] })],
      input: { dims: [14, 14, 8] },
    },
  ],
  [
    "conv 3x3 filters 32 on 26x26x1",
    { layers: [L("conv", { filters: 32, kernel: [3, 3] })], input: { dims: [26, 26, 1] } },
  ],
  [
    "conv1d 64 filters kernel size 3 on sequences of 100 with 16 features",
    {
      layers: [L("conv", { rank: 1, filters: 64, kernel: [3] })],
      input: { dims: [], steps: 100, features: 16 },
    },
  ],
  [
    "conv 3x3 32 filters on a 64x64 color image",
    { layers: [L("conv", { filters: 32, kernel: [3, 3] })], input: { dims: [64, 64], channels: 3 } },
  ],
  [
    "maxpool 2 on 28x28 with 32 channels",
    { layers: [L("pool", { op: "max", kernel: [2] })], input: { dims: [28, 28], channels: 32 } },
  ],
  [
    "conv 5x5 stride 2 on 1x1x28x28 NCHW 20 filters",
    {
      layers: [L("conv", { filters: 20, kernel: [5, 5], stride: [2] })],
      input: { dims: [1, 1, 28, 28] },
      layout: "channels_first",
    },
  ],
  [
    "lstm 128 units return_sequences=True on 40 steps of 6 features",
    {
      layers: [L("recurrent", { cell: "lstm", filters: 128, units: 128, returnSequences: true })],
      input: { dims: [], steps: 40, features: 6 },
    },
  ],
  ["Dense(10) on 512", { layers: [L("dense", { filters: 10, units: 10 })], input: { dims: [512] } }],
  [
    "conv 3x3 with padding valid 16 filters on 30x30x3",
    { layers: [L("conv", { filters: 16, kernel: [3, 3], padding: "valid" })], input: { dims: [30, 30, 3] } },
  ],
  [
    "conv 24 filters 8x8 stride 2 on 128x128x3, what is the output?",
    {
      layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })],
      input: { dims: [128, 128, 3] },
      concepts: ["output_shape"],
    },
  ],
  [
    "conv1d kernel 3 causal padding on 100 steps of 8 features with 16 filters",
    {
      layers: [L("conv", { rank: 1, filters: 16, kernel: [3], padding: "causal" })],
      input: { dims: [], steps: 100, features: 8 },
    },
  ],
  [
    "global avg pool then dense 10 on 7x7x256",
    {
      layers: [L("global_pool", { op: "avg" }), L("dense", { filters: 10, units: 10 })],
      input: { dims: [7, 7, 256] },
    },
  ],
  [
    "what does 'same' padding do here: conv 3x3 stride 2 on 7x7x1",
    {
      layers: [L("conv", { kernel: [3, 3], stride: [2], padding: "same" })],
      input: { dims: [7, 7, 1] },
      concepts: ["padding"],
    },
  ],
  ["explain None in the Keras summary", { layers: [], concepts: ["batch_none"], framework: "keras" }],
  ["how to choose filters for a conv layer", { layers: [L("conv")], concepts: ["choose_filters"] }],
  [
    "conv 3x3 blah 16 filters on 32x32x3",
    { layers: [L("conv", { filters: 16, kernel: [3, 3] })], input: { dims: [32, 32, 3] }, unknown: ["blah"] },
  ],
  [
    "conv 3x3, 16 filters, stride 2, padding 1, dilation 1, groups 1 on 32x32x3",
    {
      layers: [
        L("conv", { filters: 16, kernel: [3, 3], stride: [2], padding: [1], dilation: [1], groups: 1 }),
      ],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "conv 2x2 stride 2 16 filters on 4x4x1 please",
    { layers: [L("conv", { filters: 16, kernel: [2, 2], stride: [2] })], input: { dims: [4, 4, 1] } },
  ],
  [
    "conv with 32 filters and a 3x3 kernel on 28x28x1",
    { layers: [L("conv", { filters: 32, kernel: [3, 3] })], input: { dims: [28, 28, 1] } },
  ],
  [
    "conv kernel 3 stride 2 padding 1 on 1x3x224x224 to 64 channels",
    {
      layers: [L("conv", { filters: 64, kernel: [3], stride: [2], padding: [1] })],
      input: { dims: [1, 3, 224, 224] },
    },
  ],
  [
    "what is the output of a 3x3 conv with padding 1 on 32x32x3",
    {
      layers: [L("conv", { kernel: [3, 3], padding: [1] })],
      input: { dims: [32, 32, 3] },
      concepts: ["output_shape"],
    },
  ],
  [
    "maxpool 2x2 on 27x27x256 with stride 2 ceil_mode=true",
    {
      layers: [L("pool", { op: "max", kernel: [2, 2], stride: [2], ceilMode: true })],
      input: { dims: [27, 27, 256] },
    },
  ],
  [
    "conv 3x3 'valid' 10 filters -> conv 3x3 'valid' 20 filters -> maxpool 2 on 32x32x1",
    {
      layers: [
        L("conv", { filters: 10, kernel: [3, 3], padding: "valid" }),
        L("conv", { filters: 20, kernel: [3, 3], padding: "valid" }),
        L("pool", { op: "max", kernel: [2] }),
      ],
      input: { dims: [32, 32, 1] },
    },
  ],
  [
    "embedding input_dim=1000 output_dim=64 on sequences of 10",
    { layers: [L("embedding", { vocabulary: 1000, dims: 64 })], input: { dims: [], steps: 10 } },
  ],
  [
    "conv 5x5 16 filters, padding 2, stride 1 on a 28x28x1 image, pytorch NCHW",
    {
      layers: [L("conv", { filters: 16, kernel: [5, 5], stride: [1], padding: [2] })],
      input: { dims: [28, 28, 1] },
      framework: "pytorch",
      layout: "channels_first",
    },
  ],
];

export const ZH: [string, Expect][] = [
  [
    "输入 128x128x3，卷积 24 个 8x8 滤波器，步长 2，然后最大池化 2x2",
    {
      layers: [
        L("conv", { filters: 24, kernel: [8, 8], stride: [2] }),
        L("pool", { op: "max", kernel: [2, 2] }),
      ],
      input: { dims: [128, 128, 3] },
    },
  ],
  [
    "3x3 卷积，填充 1，16 个通道，输入 32x32x3",
    { layers: [L("conv", { filters: 16, kernel: [3, 3], padding: [1] })], input: { dims: [32, 32, 3] } },
  ],
  [
    "转置卷积 4x4，步长 2，填充 1，输入 16x16x128，输出 64 通道",
    {
      layers: [L("conv_transpose", { filters: 64, kernel: [4, 4], stride: [2], padding: [1] })],
      input: { dims: [16, 16, 128] },
    },
  ],
  ["输出形状是多少", { layers: [], concepts: ["output_shape"] }],
  ["为什么通道维度不见了", { layers: [], concepts: ["channels"] }],
  [
    "输入 32x32x3，3x3 卷积 16 个滤波器，输出形状是多少？",
    {
      layers: [L("conv", { filters: 16, kernel: [3, 3] })],
      input: { dims: [32, 32, 3] },
      concepts: ["output_shape"],
    },
  ],
  [
    "卷积核大小 5，步长 1，6 个卷积核，输入 32x32x1",
    { layers: [L("conv", { filters: 6, kernel: [5], stride: [1] })], input: { dims: [32, 32, 1] } },
  ],
  [
    "输入 28x28x1 的图像，卷积 32 个 3x3 卷积核",
    { layers: [L("conv", { filters: 32, kernel: [3, 3] })], input: { dims: [28, 28, 1] } },
  ],
  [
    "最大池化 2x2 步长 2，输入 112x112x64",
    { layers: [L("pool", { op: "max", kernel: [2, 2], stride: [2] })], input: { dims: [112, 112, 64] } },
  ],
  [
    "平均池化 3x3，步长 2，输入 64x55x55",
    { layers: [L("pool", { op: "avg", kernel: [3, 3], stride: [2] })], input: { dims: [64, 55, 55] } },
  ],
  ["全局平均池化，输入 7x7x512", { layers: [L("global_pool", { op: "avg" })], input: { dims: [7, 7, 512] } }],
  [
    "深度卷积 3x3，输入 56x56x32",
    { layers: [L("depthwise_conv", { kernel: [3, 3] })], input: { dims: [56, 56, 32] } },
  ],
  [
    "深度可分离卷积 3x3，64 个滤波器，输入 32x32x32",
    { layers: [L("separable_conv", { filters: 64, kernel: [3, 3] })], input: { dims: [32, 32, 32] } },
  ],
  [
    "空洞卷积 3x3，膨胀率 2，输入 32x32x16，16 个通道",
    { layers: [L("conv", { filters: 16, kernel: [3, 3], dilation: [2] })], input: { dims: [32, 32, 16] } },
  ],
  [
    "一维卷积，卷积核大小 5，64 个滤波器，输入 300 个时间步，50 个特征",
    {
      layers: [L("conv", { rank: 1, filters: 64, kernel: [5] })],
      input: { dims: [], steps: 300, features: 50 },
    },
  ],
  [
    "LSTM 64 个单元，输入 20 个时间步，8 个特征",
    {
      layers: [L("recurrent", { cell: "lstm", filters: 64, units: 64 })],
      input: { dims: [], steps: 20, features: 8 },
    },
  ],
  [
    "嵌入层 10000 个词，128 维，序列长度 50",
    { layers: [L("embedding", { vocabulary: 10000, dims: 128 })], input: { dims: [], steps: 50 } },
  ],
  ["全连接 10，输入 784", { layers: [L("dense", { filters: 10, units: 10 })], input: { dims: [784] } }],
  [
    "展平然后全连接 128，输入 7x7x64",
    { layers: [L("flatten"), L("dense", { filters: 128, units: 128 })], input: { dims: [7, 7, 64] } },
  ],
  [
    "卷积 3x3 32 个滤波器，然后最大池化 2x2，然后展平，然后全连接 10，输入 28x28x1",
    {
      layers: [
        L("conv", { filters: 32, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2, 2] }),
        L("flatten"),
        L("dense", { filters: 10, units: 10 }),
      ],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "输入 32x32x3 → 卷积 3x3 16 个通道 → 最大池化 2",
    {
      layers: [L("conv", { filters: 16, kernel: [3, 3] }), L("pool", { op: "max", kernel: [2] })],
      input: { dims: [32, 32, 3] },
    },
  ],
  [
    "卷积 5x5 步长 2 填充 2 输入 3x64x64 pytorch",
    {
      layers: [L("conv", { kernel: [5, 5], stride: [2], padding: [2] })],
      input: { dims: [3, 64, 64] },
      framework: "pytorch",
    },
  ],
  [
    "卷积 3x3，填充 same，32 个滤波器，输入 64x64x3",
    { layers: [L("conv", { filters: 32, kernel: [3, 3], padding: "same" })], input: { dims: [64, 64, 3] } },
  ],
  [
    "用 'valid' 填充的 3x3 卷积，输入 10x10x1，8 个滤波器",
    { layers: [L("conv", { filters: 8, kernel: [3, 3], padding: "valid" })], input: { dims: [10, 10, 1] } },
  ],
  [
    "分组卷积 3x3，分组 4，32 个通道，输入 56x56x64",
    { layers: [L("conv", { filters: 32, kernel: [3, 3], groups: 4 })], input: { dims: [56, 56, 64] } },
  ],
  [
    "转置卷积 3x3 步长 2，输出 32 通道，输入 16x16x64",
    {
      layers: [L("conv_transpose", { filters: 32, kernel: [3, 3], stride: [2] })],
      input: { dims: [16, 16, 64] },
    },
  ],
  [
    "反卷积 2x2 步长 2，输入 7x7x64，输出通道 32",
    {
      layers: [L("conv_transpose", { filters: 32, kernel: [2, 2], stride: [2] })],
      input: { dims: [7, 7, 64] },
    },
  ],
  ["批归一化，输入 32x32x64", { layers: [L("batch_norm")], input: { dims: [32, 32, 64] } }],
  [
    "上采样 2 倍，输入 16x16x32",
    { layers: [L("upsampling", { factor: [2] })], input: { dims: [16, 16, 32] } },
  ],
  ["丢弃率 0.5 的丢弃层，输入 128", { layers: [L("dropout", { rate: 0.5 })], input: { dims: [128] } }],
  ["为什么输出是 (None, 61, 61, 24) 而不是 (None, 61, 61, 24, 3)", { layers: [], concepts: ["channels"] }],
  ["None 是什么意思", { layers: [], concepts: ["batch_none"] }],
  ["输出形状里的 None 代表什么", { layers: [], concepts: ["batch_none"] }],
  ["'same' 和 'valid' 填充有什么区别", { layers: [], concepts: ["padding"] }],
  [
    "为什么卷积层的参数量和输入大小无关，而 Flatten 后的全连接层有关",
    { layers: [L("conv"), L("flatten"), L("dense")], concepts: ["params_vs_input"] },
  ],
  ["滤波器和卷积核大小有什么区别", { layers: [], concepts: ["filters_vs_kernel"] }],
  [
    "一维卷积 卷积核大小 5，64 个滤波器，输入 300 个特征，权重形状是多少",
    {
      layers: [L("conv", { rank: 1, filters: 64, kernel: [5] })],
      input: { dims: [], features: 300 },
      concepts: ["weights"],
    },
  ],
  [
    "Conv2D 和 K.conv2d 有什么区别",
    { layers: [L("conv", { rank: 2 })], concepts: ["layer_vs_op"], framework: "keras" },
  ],
  [
    "步长为 2 的卷积和卷积加池化有什么区别",
    { layers: [L("conv", { stride: [2] }), L("conv"), L("pool")], concepts: ["strided_vs_pool"] },
  ],
  ["滤波器数量怎么选", { layers: [], concepts: ["choose_filters"] }],
  ["卷积核个数如何确定", { layers: [], concepts: ["choose_filters"] }],
  [
    "输入 64x64x3，卷积 3x3，16 个滤波器，步长 1，填充 1，然后平均池化 2x2，输出形状是多少",
    {
      layers: [
        L("conv", { filters: 16, kernel: [3, 3], stride: [1], padding: [1] }),
        L("pool", { op: "avg", kernel: [2, 2] }),
      ],
      input: { dims: [64, 64, 3] },
      concepts: ["output_shape"],
    },
  ],
  ["池化 2x2，输入 28x28x6", { layers: [L("pool", { kernel: [2, 2] })], input: { dims: [28, 28, 6] } }],
  [
    "全局最大池化，输入 10x10x128",
    { layers: [L("global_pool", { op: "max" })], input: { dims: [10, 10, 128] } },
  ],
  [
    "卷积 24 个 8x8 滤波器 步长 2 输入 128x128x3 通道在前",
    {
      layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })],
      input: { dims: [128, 128, 3] },
      layout: "channels_first",
    },
  ],
  [
    "输入 28x28 灰度图像，卷积 3x3，8 个滤波器",
    { layers: [L("conv", { filters: 8, kernel: [3, 3] })], input: { dims: [28, 28], channels: 1 } },
  ],
  [
    "输入 (3, 32, 32)，卷积 5x5，6 个通道",
    { layers: [L("conv", { filters: 6, kernel: [5, 5] })], input: { dims: [3, 32, 32] } },
  ],
  [
    "嗯 卷积 3x3 8 个滤波器 输入 10x10x1",
    { layers: [L("conv", { filters: 8, kernel: [3, 3] })], input: { dims: [10, 10, 1] }, unknown: ["嗯"] },
  ],
  ["批次维度是什么", { layers: [], concepts: ["batch_none"] }],
  [
    "卷积 3x3 16 个滤波器，接最大池化 2，接全连接 10，输入 28x28x1",
    {
      layers: [
        L("conv", { filters: 16, kernel: [3, 3] }),
        L("pool", { op: "max", kernel: [2] }),
        L("dense", { filters: 10, units: 10 }),
      ],
      input: { dims: [28, 28, 1] },
    },
  ],
  [
    "输入128x128x3，卷积24个8x8滤波器，步长2",
    { layers: [L("conv", { filters: 24, kernel: [8, 8], stride: [2] })], input: { dims: [128, 128, 3] } },
  ],
  [
    "卷积层 3x3，步幅 2，通道数 64，输入 224x224x3，输出大小是多少？",
    {
      layers: [L("conv", { filters: 64, kernel: [3, 3], stride: [2] })],
      input: { dims: [224, 224, 3] },
      concepts: ["output_shape"],
    },
  ],
];
