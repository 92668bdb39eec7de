import type { InverseAsk } from "../../inverse/inverse-ask.js";
import type { Pos } from "../ast.js";

// What the plain-language grammar (grammar/plain.ne) makes of a sentence such as "conv 24 filters
// 8x8 stride 2 on 128x128x3" or "输入 128x128x3，卷积 24 个 8x8 滤波器，步长 2": the words as stated,
// before any default or layout decision (src/parse/plain/plain-builder.ts makes those).

export type { Lang } from "../../model/lang.js";

import type { Lang } from "../../model/lang.js";

export type PlainLayerKind =
  | "conv"
  | "conv_transpose"
  | "depthwise_conv"
  | "separable_conv"
  | "pool"
  | "global_pool"
  | "dense"
  | "flatten"
  | "dropout"
  | "batch_norm"
  | "recurrent"
  | "embedding"
  | "upsampling"
  | "activation";

/** One layer as the sentence states it; null = not said (the builder applies the framework default). */
export interface PlainLayer {
  kind: PlainLayerKind;
  pos: Pos;
  /** "conv1d", "3d pooling": 1 | 2 | 3; null when not said (2-D unless the input says otherwise). */
  rank: 1 | 2 | 3 | null;
  /** pool / global_pool. */
  op: "max" | "avg" | null;
  /** recurrent. */
  cell: "lstm" | "gru" | "simple" | null;
  /** Filters / output channels / units ("24 filters", "to 64 channels", "LSTM 64 units", "16 个通道"). */
  filters: number | null;
  /** Kernel or pool size as written ("8x8" → [8, 8], "kernel 5" → [5]). */
  kernel: number[] | null;
  stride: number[] | null;
  /** A word ("same"/"valid"/"causal") or explicit amounts ("padding 1" → [1]). */
  padding: "same" | "valid" | "causal" | number[] | null;
  dilation: number[] | null;
  groups: number | null;
  depthMultiplier: number | null;
  outputPadding: number[] | null;
  ceilMode: boolean;
  /** dense / recurrent units (same as filters for those kinds, kept apart for clarity). */
  units: number | null;
  returnSequences: boolean | null;
  /** embedding: "10000 words into 128 dims" → vocabulary 10000, dims 128. */
  vocabulary: number | null;
  dims: number | null;
  /** activation name ("relu") for activation layers or "conv … relu". */
  activation: string | null;
  /** Dropout rate. */
  rate: number | null;
  /** upsampling factor. */
  factor: number[] | null;
  /** Explicit kernel values written in the message (`kernel [[1,0,-1],…]`), for the image issue. */
  kernelValues: number[][] | null;
}

export type ConceptTopic =
  | "channels" // why the channel axis vanishes / why not (…, 24, 3)
  | "batch_none" // what None is
  | "padding" // 'same' vs 'valid'
  | "params_vs_input" // why conv params do not depend on the input size but Dense after Flatten does
  | "filters_vs_kernel" // filters vs kernel_size
  | "weights" // weight tensors and their shapes ("kernel shape", "weights")
  | "layer_vs_op" // Conv2D vs K.conv2d(x, kernel)
  | "strided_vs_pool" // strided conv vs conv + pooling
  | "choose_filters" // how to choose the number of filters
  | "in_features" // what in_features the Linear (Dense) after the convs needs
  | "inverse" // the settings or input sizes that give a size (PlainQuestion.inverse says which)
  | "output_shape"; // "what is the output shape" (the default question)

export interface PlainInput {
  /** Sizes as written, in the order written ("128x128x3" → [128, 128, 3]; "3x32x32" → [3, 32, 32]). */
  dims: number[];
  pos: Pos;
  /** "RGB image" → 3 channels, "grayscale" → 1: given when the sentence says so. */
  channels: number | null;
  /** "20 steps of 8 features", "300 timesteps of 50 features", "sequences of 50". */
  steps: number | null;
  features: number | null;
}

export interface PlainQuestion {
  lang: Lang;
  /** Stated in the text ("pytorch", "torch", "keras", "tensorflow"); null = not said. */
  framework: "keras" | "pytorch" | null;
  /** Stated ("NCHW", "channels first", "NHWC", "channels last"); null = not said. */
  layout: "channels_first" | "channels_last" | null;
  input: PlainInput | null;
  layers: PlainLayer[];
  concepts: { topic: ConceptTopic; pos: Pos }[];
  /** Words the grammar could not place: the reply names the first one. */
  unknown: { word: string; pos: Pos }[];
  /** An inverse question ("what padding keeps 32x32 …?"); null when the sentence asks none. */
  inverse?: InverseAsk | null;
}

/** A layer with every field at "not said". */
export function emptyLayer(kind: PlainLayerKind, pos: Pos): PlainLayer {
  return {
    kind,
    pos,
    rank: null,
    op: null,
    cell: null,
    filters: null,
    kernel: null,
    stride: null,
    padding: null,
    dilation: null,
    groups: null,
    depthMultiplier: null,
    outputPadding: null,
    ceilMode: false,
    units: null,
    returnSequences: null,
    vocabulary: null,
    dims: null,
    activation: null,
    rate: null,
    factor: null,
    kernelValues: null,
  };
}
