import type {
  DataFormat,
  LayerConfig,
  Padding,
  PoolConfig,
  RecurrentConfig,
} from "../../model/layer-config.js";
import { ArgError, type ArgReader } from "../arg-reader.js";
import type { Value } from "../values.js";

// Keras spellings: one entry per layer class (with its aliases), giving the constructor's
// positional signature (Keras 3) and how its arguments normalise into the canonical config.
// Adding a Keras layer = one entry here + its shape rule in src/shape/layers/.

export interface KerasLayerSpec {
  className: string;
  aliases?: string[];
  signature: readonly string[];
  /** `inner` resolves a wrapped layer argument (Bidirectional, TimeDistributed). */
  build(r: ArgReader, inner: (v: Value | undefined) => LayerConfig): LayerConfig;
}

const CONV_SIG = [
  "filters",
  "kernel_size",
  "strides",
  "padding",
  "data_format",
  "dilation_rate",
  "groups",
  "activation",
  "use_bias",
];
const TRANSPOSE_SIG = [
  "filters",
  "kernel_size",
  "strides",
  "padding",
  "output_padding",
  "data_format",
  "dilation_rate",
  "activation",
  "use_bias",
];
const SEPARABLE_SIG = [
  "filters",
  "kernel_size",
  "strides",
  "padding",
  "data_format",
  "dilation_rate",
  "depth_multiplier",
  "activation",
  "use_bias",
];
const DEPTHWISE_SIG = [
  "kernel_size",
  "strides",
  "padding",
  "depth_multiplier",
  "data_format",
  "dilation_rate",
  "activation",
  "use_bias",
];
const POOL_SIG = ["pool_size", "strides", "padding", "data_format"];
const RNN_SIG = ["units", "activation", "recurrent_activation", "use_bias"];

function dataFormat(r: ArgReader): DataFormat {
  return r.choice("data_format", ["channels_last", "channels_first"], "channels_last");
}

function padding(r: ArgReader, allowCausal: boolean): Padding {
  return allowCausal
    ? r.choice("padding", ["valid", "same", "causal"], "valid")
    : r.choice("padding", ["valid", "same"], "valid");
}

function activation(r: ArgReader): string {
  const v = r.raw("activation");
  if (!v || v.t === "none") return "linear";
  if (v.t === "str") return v.v.toLowerCase();
  return "custom";
}

function conv(rank: 1 | 2 | 3): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "conv",
    rank,
    filters: r.int("filters"),
    kernel: r.tuple("kernel_size", rank),
    strides: r.tuple("strides", rank, 1),
    padding: padding(r, rank === 1),
    dilation: r.tuple("dilation_rate", rank, 1),
    groups: r.int("groups", 1),
    useBias: r.bool("use_bias", true),
    dataFormat: dataFormat(r),
    activation: activation(r),
    inChannels: null,
  });
}

function convTranspose(rank: 1 | 2 | 3): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "conv_transpose",
    rank,
    filters: r.int("filters"),
    kernel: r.tuple("kernel_size", rank),
    strides: r.tuple("strides", rank, 1),
    padding: padding(r, false),
    outputPadding: r.has("output_padding") ? r.tuple("output_padding", rank, undefined, 0) : null,
    dilation: r.tuple("dilation_rate", rank, 1),
    groups: 1,
    useBias: r.bool("use_bias", true),
    dataFormat: dataFormat(r),
    activation: activation(r),
    inChannels: null,
  });
}

function separable(rank: 1 | 2): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "separable_conv",
    rank,
    filters: r.int("filters"),
    kernel: r.tuple("kernel_size", rank),
    strides: r.tuple("strides", rank, 1),
    padding: padding(r, false),
    dilation: r.tuple("dilation_rate", rank, 1),
    depthMultiplier: r.int("depth_multiplier", 1),
    useBias: r.bool("use_bias", true),
    dataFormat: dataFormat(r),
    activation: activation(r),
  });
}

function depthwise(rank: 1 | 2): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "depthwise_conv",
    rank,
    kernel: r.tuple("kernel_size", rank),
    strides: r.tuple("strides", rank, 1),
    padding: padding(r, false),
    dilation: r.tuple("dilation_rate", rank, 1),
    depthMultiplier: r.int("depth_multiplier", 1),
    useBias: r.bool("use_bias", true),
    dataFormat: dataFormat(r),
    activation: activation(r),
  });
}

function pool(rank: 1 | 2 | 3, op: PoolConfig["op"]): KerasLayerSpec["build"] {
  return (r) => {
    const size = r.tuple("pool_size", rank, 2);
    return {
      kind: "pool",
      rank,
      op,
      pool: size,
      // Keras: strides default to pool_size.
      strides: r.has("strides") ? r.tuple("strides", rank) : size,
      padding: padding(r, false),
      dilation: Array<number>(rank).fill(1),
      ceilMode: false,
      dataFormat: dataFormat(r),
    };
  };
}

function globalPool(rank: 1 | 2 | 3, op: "max" | "avg"): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "global_pool",
    rank,
    op,
    keepdims: r.bool("keepdims", false),
    dataFormat: dataFormat(r),
  });
}

function elementwise(op: string, paramsPerChannel = 0): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "elementwise",
    op: op === "activation" ? r.str("activation", "linear") : op,
    paramsPerChannel,
    axis: null,
  });
}

/** Keras padding/cropping arguments: int, (a, b) symmetric per axis, or ((t, b), (l, r)). */
function pairs(r: ArgReader, name: string, rank: number, fallback: number): [number, number][] {
  const v = r.raw(name);
  if (!v || v.t === "none")
    return Array.from({ length: rank }, () => [fallback, fallback] as [number, number]);
  if (v.t === "int") {
    const n = r.int(name, undefined, 0);
    return Array.from({ length: rank }, () => [n, n] as [number, number]);
  }
  if ((v.t === "tuple" || v.t === "list") && rank === 1 && v.items.length === 2) {
    const [a, b] = r.toTuple(name, v, 2, 0) as [number, number];
    return [[a, b]];
  }
  if ((v.t === "tuple" || v.t === "list") && v.items.length === rank) {
    return v.items.map((item) => {
      if (item.t === "tuple" || item.t === "list") return r.toTuple(name, item, 2, 0) as [number, number];
      const [n] = r.toTuple(name, item, 1, 0) as [number];
      return [n, n] as [number, number];
    });
  }
  throw new ArgError(
    {
      code: "bad_arg",
      className: r.className,
      arg: name,
      got: "that value",
      expected: `an int, ${rank} ints, or ${rank} (before, after) pairs`,
    },
    r.posOf(name),
  );
}

/** ZeroPadding/Cropping: Keras' defaults are 1 everywhere except Cropping2D's 0. */
function padOrCrop(kind: "zero_padding" | "cropping", rank: 1 | 2 | 3): KerasLayerSpec["build"] {
  const arg = kind === "zero_padding" ? "padding" : "cropping";
  const fallback = kind === "cropping" && rank === 2 ? 0 : 1;
  return (r) => {
    const amounts = pairs(r, arg, rank, fallback);
    const format = rank === 1 ? "channels_last" : dataFormat(r);
    return kind === "zero_padding"
      ? { kind, rank, padding: amounts, dataFormat: format }
      : { kind, rank, cropping: amounts, dataFormat: format };
  };
}

function upSampling(rank: 1 | 2 | 3): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "upsampling",
    rank,
    size: r.tuple("size", rank, 2),
    interpolation: rank === 2 ? r.str("interpolation", "nearest") : "nearest",
    dataFormat: rank === 1 ? "channels_last" : dataFormat(r),
  });
}

function recurrent(cell: RecurrentConfig["cell"]): KerasLayerSpec["build"] {
  return (r) => ({
    kind: "recurrent",
    cell,
    units: r.int("units"),
    returnSequences: r.bool("return_sequences", false),
    returnState: r.bool("return_state", false),
    useBias: r.bool("use_bias", true),
    resetAfter: cell === "gru" ? r.bool("reset_after", true) : false,
  });
}

function merge(op: Extract<LayerConfig, { kind: "merge" }>["op"]): KerasLayerSpec["build"] {
  return (r) => ({ kind: "merge", op, axis: op === "concat" ? r.number("axis", -1) : -1 });
}

export const KERAS_LAYERS: readonly KerasLayerSpec[] = [
  { className: "Conv1D", aliases: ["Convolution1D"], signature: CONV_SIG, build: conv(1) },
  { className: "Conv2D", aliases: ["Convolution2D"], signature: CONV_SIG, build: conv(2) },
  { className: "Conv3D", aliases: ["Convolution3D"], signature: CONV_SIG, build: conv(3) },
  {
    className: "Conv1DTranspose",
    aliases: ["Convolution1DTranspose"],
    signature: TRANSPOSE_SIG,
    build: convTranspose(1),
  },
  {
    className: "Conv2DTranspose",
    aliases: ["Convolution2DTranspose", "Deconvolution2D", "Deconv2D"],
    signature: TRANSPOSE_SIG,
    build: convTranspose(2),
  },
  {
    className: "Conv3DTranspose",
    aliases: ["Convolution3DTranspose"],
    signature: TRANSPOSE_SIG,
    build: convTranspose(3),
  },
  {
    className: "SeparableConv1D",
    aliases: ["SeparableConvolution1D"],
    signature: SEPARABLE_SIG,
    build: separable(1),
  },
  {
    className: "SeparableConv2D",
    aliases: ["SeparableConvolution2D"],
    signature: SEPARABLE_SIG,
    build: separable(2),
  },
  { className: "DepthwiseConv1D", signature: DEPTHWISE_SIG, build: depthwise(1) },
  { className: "DepthwiseConv2D", signature: DEPTHWISE_SIG, build: depthwise(2) },
  { className: "MaxPooling1D", aliases: ["MaxPool1D"], signature: POOL_SIG, build: pool(1, "max") },
  { className: "MaxPooling2D", aliases: ["MaxPool2D"], signature: POOL_SIG, build: pool(2, "max") },
  { className: "MaxPooling3D", aliases: ["MaxPool3D"], signature: POOL_SIG, build: pool(3, "max") },
  { className: "AveragePooling1D", aliases: ["AvgPool1D"], signature: POOL_SIG, build: pool(1, "avg") },
  { className: "AveragePooling2D", aliases: ["AvgPool2D"], signature: POOL_SIG, build: pool(2, "avg") },
  { className: "AveragePooling3D", aliases: ["AvgPool3D"], signature: POOL_SIG, build: pool(3, "avg") },
  {
    className: "GlobalAveragePooling1D",
    aliases: ["GlobalAvgPool1D"],
    signature: ["data_format", "keepdims"],
    build: globalPool(1, "avg"),
  },
  {
    className: "GlobalAveragePooling2D",
    aliases: ["GlobalAvgPool2D"],
    signature: ["data_format", "keepdims"],
    build: globalPool(2, "avg"),
  },
  {
    className: "GlobalAveragePooling3D",
    aliases: ["GlobalAvgPool3D"],
    signature: ["data_format", "keepdims"],
    build: globalPool(3, "avg"),
  },
  {
    className: "GlobalMaxPooling1D",
    aliases: ["GlobalMaxPool1D"],
    signature: ["data_format", "keepdims"],
    build: globalPool(1, "max"),
  },
  {
    className: "GlobalMaxPooling2D",
    aliases: ["GlobalMaxPool2D"],
    signature: ["data_format", "keepdims"],
    build: globalPool(2, "max"),
  },
  {
    className: "GlobalMaxPooling3D",
    aliases: ["GlobalMaxPool3D"],
    signature: ["data_format", "keepdims"],
    build: globalPool(3, "max"),
  },
  {
    className: "Dense",
    signature: ["units", "activation", "use_bias"],
    build: (r) => ({
      kind: "dense",
      units: r.int("units"),
      useBias: r.bool("use_bias", true),
      activation: activation(r),
      inFeatures: null,
    }),
  },
  {
    className: "Flatten",
    signature: ["data_format"],
    build: (r) => ({ kind: "flatten", startDim: 1, endDim: -1, dataFormat: dataFormat(r) }),
  },
  { className: "Dropout", signature: ["rate"], build: elementwise("dropout") },
  { className: "SpatialDropout1D", signature: ["rate"], build: elementwise("spatial_dropout") },
  {
    className: "SpatialDropout2D",
    signature: ["rate", "data_format"],
    build: elementwise("spatial_dropout"),
  },
  {
    className: "SpatialDropout3D",
    signature: ["rate", "data_format"],
    build: elementwise("spatial_dropout"),
  },
  { className: "GaussianNoise", signature: ["stddev"], build: elementwise("gaussian_noise") },
  { className: "GaussianDropout", signature: ["rate"], build: elementwise("gaussian_dropout") },
  { className: "AlphaDropout", signature: ["rate"], build: elementwise("alpha_dropout") },
  { className: "Activation", signature: ["activation"], build: elementwise("activation") },
  { className: "ReLU", signature: ["max_value", "negative_slope", "threshold"], build: elementwise("relu") },
  { className: "LeakyReLU", signature: ["negative_slope"], build: elementwise("leaky_relu") },
  { className: "ELU", signature: ["alpha"], build: elementwise("elu") },
  {
    className: "Softmax",
    signature: ["axis"],
    build: (r) => ({ kind: "elementwise", op: "softmax", paramsPerChannel: 0, axis: r.number("axis", -1) }),
  },
  {
    className: "BatchNormalization",
    signature: ["axis", "momentum", "epsilon", "center", "scale"],
    build: (r) => ({
      kind: "batch_norm",
      axis: r.number("axis", -1),
      center: r.bool("center", true),
      scale: r.bool("scale", true),
      numFeatures: null,
    }),
  },
  {
    className: "LayerNormalization",
    signature: ["axis", "epsilon", "center", "scale"],
    build: (r) => ({
      kind: "layer_norm",
      axes: r.has("axis") ? r.ints("axis") : [-1],
      center: r.bool("center", true),
      scale: r.bool("scale", true),
      normalizedShape: null,
    }),
  },
  { className: "ZeroPadding1D", signature: ["padding"], build: padOrCrop("zero_padding", 1) },
  { className: "ZeroPadding2D", signature: ["padding", "data_format"], build: padOrCrop("zero_padding", 2) },
  { className: "ZeroPadding3D", signature: ["padding", "data_format"], build: padOrCrop("zero_padding", 3) },
  { className: "Cropping1D", signature: ["cropping"], build: padOrCrop("cropping", 1) },
  { className: "Cropping2D", signature: ["cropping", "data_format"], build: padOrCrop("cropping", 2) },
  { className: "Cropping3D", signature: ["cropping", "data_format"], build: padOrCrop("cropping", 3) },
  { className: "UpSampling1D", signature: ["size"], build: upSampling(1) },
  { className: "UpSampling2D", signature: ["size", "data_format", "interpolation"], build: upSampling(2) },
  { className: "UpSampling3D", signature: ["size", "data_format"], build: upSampling(3) },
  {
    className: "Reshape",
    signature: ["target_shape"],
    build: (r) => ({ kind: "reshape", targetShape: r.ints("target_shape", -1) }),
  },
  { className: "Permute", signature: ["dims"], build: (r) => ({ kind: "permute", dims: r.ints("dims", 1) }) },
  { className: "RepeatVector", signature: ["n"], build: (r) => ({ kind: "repeat_vector", n: r.int("n") }) },
  { className: "Concatenate", signature: ["axis"], build: merge("concat") },
  { className: "Add", signature: [], build: merge("add") },
  { className: "Subtract", signature: [], build: merge("subtract") },
  { className: "Multiply", signature: [], build: merge("multiply") },
  { className: "Average", signature: [], build: merge("average") },
  { className: "Maximum", signature: [], build: merge("maximum") },
  { className: "Minimum", signature: [], build: merge("minimum") },
  {
    className: "Embedding",
    signature: ["input_dim", "output_dim"],
    build: (r) => ({
      kind: "embedding",
      inputDim: r.int("input_dim"),
      outputDim: r.int("output_dim"),
      inputLength: r.optionalInt("input_length"),
    }),
  },
  {
    className: "SimpleRNN",
    signature: RNN_SIG.filter((s) => s !== "recurrent_activation"),
    build: recurrent("simple"),
  },
  { className: "LSTM", signature: RNN_SIG, build: recurrent("lstm") },
  { className: "GRU", signature: RNN_SIG, build: recurrent("gru") },
  {
    className: "Bidirectional",
    signature: ["layer", "merge_mode"],
    build: (r, inner) => {
      const layer = inner(r.raw("layer"));
      if (layer.kind !== "recurrent")
        throw new ArgError(
          {
            code: "bad_arg",
            className: "Bidirectional",
            arg: "layer",
            got: layer.kind,
            expected: "a recurrent layer (LSTM, GRU, SimpleRNN)",
          },
          r.posOf("layer"),
        );
      const mode = r.raw("merge_mode");
      return {
        kind: "bidirectional",
        layer,
        mergeMode:
          mode?.t === "none" ? null : r.choice("merge_mode", ["concat", "sum", "mul", "ave"], "concat"),
      };
    },
  },
  {
    className: "TimeDistributed",
    signature: ["layer"],
    build: (r, inner) => ({ kind: "time_distributed", layer: inner(r.raw("layer")) }),
  },
  {
    className: "Lambda",
    signature: ["function", "output_shape"],
    build: (r) => {
      const out = r.raw("output_shape");
      const shape = out && (out.t === "tuple" || out.t === "list") ? r.shape("output_shape") : null;
      return {
        kind: "opaque",
        reason: "lambda",
        className: "Lambda",
        outputShape: shape?.every((d) => d !== null) ? (shape as number[]) : null,
      };
    },
  },
];

/** Functional forms: `layers.concatenate([a, b], axis=1)` builds the layer and calls it. */
export const KERAS_MERGE_FUNCTIONS: Record<string, string> = {
  concatenate: "Concatenate",
  add: "Add",
  subtract: "Subtract",
  multiply: "Multiply",
  average: "Average",
  maximum: "Maximum",
  minimum: "Minimum",
};

const BY_NAME = new Map<string, KerasLayerSpec>();
for (const spec of KERAS_LAYERS) {
  BY_NAME.set(spec.className, spec);
  for (const alias of spec.aliases ?? []) BY_NAME.set(alias, spec);
}

export function kerasLayerSpec(name: string): KerasLayerSpec | undefined {
  return BY_NAME.get(name);
}

/** Keras' own auto-naming: `to_snake_case(class name)`. */
export function kerasSnakeCase(className: string): string {
  return className
    .replace(/\W+/g, "")
    .replace(/(.)([A-Z][a-z]+)/g, "$1_$2")
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
}
