// The canonical description of one layer, whatever framework spelled it. Framework builders
// (src/parse/keras.ts, later pytorch.ts and plain.ts) normalise user arguments into these records
// once (ints to tuples, default strides, padding words); shape rules only read them.

export type Framework = "keras" | "pytorch";
export type DataFormat = "channels_last" | "channels_first";

/**
 * Padding: Keras words, or explicit per-spatial-axis [before, after] pairs (PyTorch `padding=n`
 * becomes [[n, n], …]). PyTorch's 'same' (stride 1 only) is `same_torch`: total k_eff−1 with
 * the extra pixel on the right.
 */
export type Padding = "valid" | "same" | "causal" | "same_torch" | { explicit: [number, number][] };

export type Activation = string; // "relu", "linear", "softmax", … ("linear" when none)

export interface ConvConfig {
  kind: "conv";
  rank: 1 | 2 | 3;
  filters: number;
  kernel: number[];
  strides: number[];
  padding: Padding;
  dilation: number[];
  groups: number;
  useBias: boolean;
  dataFormat: DataFormat;
  activation: Activation;
  /** PyTorch: the declared in_channels, checked against the input. Keras: null. */
  inChannels: number | null;
}

export interface ConvTransposeConfig {
  kind: "conv_transpose";
  rank: 1 | 2 | 3;
  filters: number;
  kernel: number[];
  strides: number[];
  padding: Padding;
  /** Per axis; null = framework default (Keras: max(k_eff, s) − k_eff for 'valid'). */
  outputPadding: number[] | null;
  dilation: number[];
  groups: number;
  useBias: boolean;
  dataFormat: DataFormat;
  activation: Activation;
  inChannels: number | null;
}

/** Keras SeparableConv: a depthwise conv (depth_multiplier) followed by a 1×1 pointwise conv. */
export interface SeparableConvConfig {
  kind: "separable_conv";
  rank: 1 | 2;
  filters: number;
  kernel: number[];
  strides: number[];
  padding: Padding;
  dilation: number[];
  depthMultiplier: number;
  useBias: boolean;
  dataFormat: DataFormat;
  activation: Activation;
}

export interface DepthwiseConvConfig {
  kind: "depthwise_conv";
  rank: 1 | 2;
  kernel: number[];
  strides: number[];
  padding: Padding;
  dilation: number[];
  depthMultiplier: number;
  useBias: boolean;
  dataFormat: DataFormat;
  activation: Activation;
}

export interface PoolConfig {
  kind: "pool";
  rank: 1 | 2 | 3;
  op: "max" | "avg";
  pool: number[];
  strides: number[];
  padding: Padding;
  dilation: number[];
  ceilMode: boolean;
  dataFormat: DataFormat;
}

export interface GlobalPoolConfig {
  kind: "global_pool";
  rank: 1 | 2 | 3;
  op: "max" | "avg";
  keepdims: boolean;
  dataFormat: DataFormat;
}

export interface DenseConfig {
  kind: "dense";
  units: number;
  useBias: boolean;
  activation: Activation;
  /** PyTorch Linear's declared in_features; Keras: null. */
  inFeatures: number | null;
}

export interface FlattenConfig {
  kind: "flatten";
  /** Keras: all but batch. PyTorch: start_dim / end_dim. */
  startDim: number;
  endDim: number;
  dataFormat: DataFormat;
}

/** Shape-preserving layers: Activation, ReLU, LeakyReLU, Softmax, Dropout, SpatialDropout… */
export interface ElementwiseConfig {
  kind: "elementwise";
  op: string; // "relu", "dropout", "spatial_dropout", "leaky_relu", "softmax", "activation"…
  /** Parameters per channel (PReLU-style); 0 for most. */
  paramsPerChannel: number;
  /** For softmax-like ops: the axis; informational. */
  axis: number | null;
  /** PyTorch PReLU: num_parameters weights whatever the channels (instead of paramsPerChannel). */
  fixedParams?: number;
}

export interface BatchNormConfig {
  kind: "batch_norm";
  axis: number;
  center: boolean;
  scale: boolean;
  /** PyTorch: declared num_features, checked. Keras: null. */
  numFeatures: number | null;
  /** PyTorch BatchNorm1d/2d/3d: the input ranks it accepts ([2, 3], [4], [5]); the class for its message. */
  torchRanks?: { ranks: number[]; className: string };
}

export interface LayerNormConfig {
  kind: "layer_norm";
  /** Keras: axes (negative allowed). PyTorch: normalized_shape, handled by its builder. */
  axes: number[];
  center: boolean;
  scale: boolean;
  /** PyTorch normalized_shape; null for Keras. */
  normalizedShape: number[] | null;
}

export interface ZeroPaddingConfig {
  kind: "zero_padding";
  rank: 1 | 2 | 3;
  padding: [number, number][];
  dataFormat: DataFormat;
}

export interface CroppingConfig {
  kind: "cropping";
  rank: 1 | 2 | 3;
  cropping: [number, number][];
  dataFormat: DataFormat;
}

export interface UpSamplingConfig {
  kind: "upsampling";
  rank: 1 | 2 | 3;
  size: number[];
  interpolation: string;
  dataFormat: DataFormat;
}

export interface ReshapeConfig {
  kind: "reshape";
  /** Target shape without the batch axis; may hold one -1. */
  targetShape: number[];
}

export interface PermuteConfig {
  kind: "permute";
  /** 1-based axes without the batch axis, as Keras' Permute takes them. */
  dims: number[];
}

export interface RepeatVectorConfig {
  kind: "repeat_vector";
  n: number;
}

export interface MergeConfig {
  kind: "merge";
  op: "concat" | "add" | "subtract" | "multiply" | "average" | "maximum" | "minimum";
  axis: number;
}

export interface EmbeddingConfig {
  kind: "embedding";
  inputDim: number;
  outputDim: number;
  /** Keras 2's input_length (ignored by Keras 3); null when not given. */
  inputLength: number | null;
}

export interface RecurrentConfig {
  kind: "recurrent";
  cell: "simple" | "lstm" | "gru";
  units: number;
  returnSequences: boolean;
  returnState: boolean;
  useBias: boolean;
  /** GRU only: Keras 3 default true. */
  resetAfter: boolean;
}

export interface BidirectionalConfig {
  kind: "bidirectional";
  layer: RecurrentConfig;
  mergeMode: "concat" | "sum" | "mul" | "ave" | null;
}

export interface TimeDistributedConfig {
  kind: "time_distributed";
  layer: LayerConfig;
}

/** PyTorch AdaptiveAvgPool/AdaptiveMaxPool: the output size is given; None keeps the input's. */
export interface AdaptivePoolConfig {
  kind: "adaptive_pool";
  rank: 1 | 2 | 3;
  op: "max" | "avg";
  outputSize: (number | null)[];
}

/** PyTorch RNN/LSTM/GRU: sequence-first unless batch_first; outputs (out, h_n) or (out, (h_n, c_n)). */
export interface TorchRnnConfig {
  kind: "torch_rnn";
  cell: "simple" | "lstm" | "gru";
  inputSize: number;
  hiddenSize: number;
  numLayers: number;
  bias: boolean;
  batchFirst: boolean;
  bidirectional: boolean;
  /** LSTM proj_size; 0 when absent. */
  projSize: number;
  /** LSTMCell / GRUCell / RNNCell: one time step, (N, in) → h (and c). */
  step?: boolean;
}

/** PyTorch MultiheadAttention: (query, key, value) → (attn_output, attn_weights averaged over heads). */
export interface AttentionConfig {
  kind: "attention";
  embedDim: number;
  numHeads: number;
  kdim: number;
  vdim: number;
  bias: boolean;
  addBiasKv: boolean;
  batchFirst: boolean;
}

/** PyTorch GroupNorm (and InstanceNorm, one group per channel): normalises groups of channels. */
export interface GroupNormConfig {
  kind: "group_norm";
  className: string;
  groups: number | null;
  channels: number;
  affine: boolean;
  /** InstanceNorm's input ranks ([3] for 1d unbatched 2…); null for GroupNorm (≥ 2). */
  ranks: number[] | null;
}

/** PyTorch Bilinear: y = x1ᵀ A x2 + b. */
export interface BilinearConfig {
  kind: "bilinear";
  in1: number;
  in2: number;
  out: number;
  bias: boolean;
}

/** One index of `x[…]`: an int, a slice, None (new axis) or `...`. */
export type IndexItem =
  | { t: "int"; v: number }
  | { t: "slice"; lo: number | null; hi: number | null; step: number | null }
  | { t: "newaxis" }
  | { t: "ellipsis" };

/** A PyTorch tensor operation that is not a module: view, permute, cat, +, @, x[:, -1]… */
export type TensorOp =
  | { name: "view"; method: string; target: (number | string)[] }
  | { name: "permute"; dims: number[] }
  | { name: "transpose"; dim0: number; dim1: number }
  | { name: "squeeze"; dim: number | null }
  | { name: "unsqueeze"; dim: number }
  | { name: "reduce"; fn: string; dims: number[] | null; keepdim: boolean }
  | { name: "index"; items: IndexItem[] }
  | { name: "broadcast"; fn: string }
  | { name: "matmul"; fn: string }
  | { name: "cat"; fn: "cat" | "stack"; dim: number }
  | { name: "pad"; pads: number[]; mode: string }
  | { name: "resize"; fn: string; size: number[] | null; scale: number[] | null; mode?: string }
  | { name: "pixel_shuffle"; factor: number; inverse: boolean }
  | { name: "unflatten"; dim: number; sizes: number[] }
  | { name: "expand"; sizes: (number | string)[] }
  | { name: "repeat"; times: number[] }
  | { name: "unpool"; kernel: number[]; strides: number[]; padding: number[]; outputSize: number[] | null }
  /** split(size or sizes, dim), chunk(n, dim), unbind(dim): several outputs. */
  | { name: "split"; fn: "split" | "chunk" | "unbind"; sizes: number | number[]; dim: number }
  /** F.scaled_dot_product_attention(q, k, v): (…, L, E) with (…, S, E) and (…, S, Ev) → (…, L, Ev). */
  | { name: "sdpa" };

export interface TensorOpConfig {
  kind: "tensor_op";
  op: TensorOp;
}

/** Lambda, or a layer class we do not know: output shape unknown unless given. */
export interface OpaqueConfig {
  kind: "opaque";
  reason: "lambda" | "unknown_layer";
  className: string;
  /** Lambda(output_shape=…) without batch, when given. */
  outputShape: number[] | null;
}

export type LayerConfig =
  | ConvConfig
  | ConvTransposeConfig
  | SeparableConvConfig
  | DepthwiseConvConfig
  | PoolConfig
  | GlobalPoolConfig
  | DenseConfig
  | FlattenConfig
  | ElementwiseConfig
  | BatchNormConfig
  | LayerNormConfig
  | ZeroPaddingConfig
  | CroppingConfig
  | UpSamplingConfig
  | ReshapeConfig
  | PermuteConfig
  | RepeatVectorConfig
  | MergeConfig
  | EmbeddingConfig
  | RecurrentConfig
  | BidirectionalConfig
  | TimeDistributedConfig
  | AdaptivePoolConfig
  | TorchRnnConfig
  | AttentionConfig
  | GroupNormConfig
  | BilinearConfig
  | TensorOpConfig
  | OpaqueConfig;

export type LayerKind = LayerConfig["kind"];
