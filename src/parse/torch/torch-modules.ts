import type { LayerConfig, Padding } from "../../model/layer-config.js";
import { ArgError, type ArgReader } from "../arg-reader.js";
import { numberOf, repr, type Value } from "../values.js";

// PyTorch spellings: one entry per torch.nn module class, giving its constructor's positional
// signature and how its arguments normalise into the canonical config (channels first).
// Adding a module = one entry here (+ its shape rule in src/shape/layers/ when it is new).

export interface TorchModuleSpec {
  className: string;
  signature: readonly string[];
  build(r: ArgReader): LayerConfig;
}

const CONV_SIG = [
  "in_channels",
  "out_channels",
  "kernel_size",
  "stride",
  "padding",
  "dilation",
  "groups",
  "bias",
  "padding_mode",
];
const TRANSPOSE_SIG = [
  "in_channels",
  "out_channels",
  "kernel_size",
  "stride",
  "padding",
  "output_padding",
  "groups",
  "bias",
  "dilation",
  "padding_mode",
];
const MAXPOOL_SIG = ["kernel_size", "stride", "padding", "dilation", "return_indices", "ceil_mode"];
export const AVGPOOL_SIG = [
  "kernel_size",
  "stride",
  "padding",
  "ceil_mode",
  "count_include_pad",
  "divisor_override",
];
const BN_SIG = ["num_features", "eps", "momentum", "affine", "track_running_stats"];
const RNN_SIG = [
  "input_size",
  "hidden_size",
  "num_layers",
  "bias",
  "batch_first",
  "dropout",
  "bidirectional",
  "proj_size",
];
const PLAIN_RNN_SIG = [
  "input_size",
  "hidden_size",
  "num_layers",
  "nonlinearity",
  "bias",
  "batch_first",
  "dropout",
  "bidirectional",
];

type Rank = 1 | 2 | 3;

export class TorchConstructError {
  constructor(
    readonly className: string,
    readonly message: string,
  ) {}
}

function bad(r: ArgReader, arg: string, expected: string): never {
  throw new ArgError(
    { code: "bad_arg", className: r.className, arg, got: repr(r.raw(arg) ?? { t: "none" }), expected },
    r.posOf(arg),
  );
}

function convPadding(r: ArgReader, rank: Rank, strides: number[]): Padding {
  const raw = r.raw("padding");
  if (raw?.t === "str") {
    const word = raw.v.toLowerCase();
    if (word === "valid") return "valid";
    if (word === "same") {
      if (strides.some((s) => s !== 1))
        throw new TorchConstructError(
          r.className,
          "padding='same' is not supported for strided convolutions",
        );
      return "same_torch";
    }
    return bad(r, "padding", "'same', 'valid', an integer or a tuple");
  }
  const pads = r.tuple("padding", rank, 0, 0);
  return { explicit: pads.map((p): [number, number] => [p, p]) };
}

/** What every (transposed, lazy) conv reads: channels (checked against groups), kernel, stride, bias. */
function convCommon(r: ArgReader, rank: Rank, lazy: boolean) {
  const inChannels = lazy ? null : r.int("in_channels");
  const filters = r.int("out_channels");
  const groups = r.int("groups", 1);
  if (inChannels !== null && inChannels % groups !== 0)
    throw new TorchConstructError(r.className, "in_channels must be divisible by groups");
  if (filters % groups !== 0)
    throw new TorchConstructError(r.className, "out_channels must be divisible by groups");
  return {
    rank,
    filters,
    inChannels,
    groups,
    kernel: r.tuple("kernel_size", rank),
    strides: r.tuple("stride", rank, 1),
    dilation: r.tuple("dilation", rank, 1),
    useBias: r.bool("bias", true),
    dataFormat: "channels_first" as const,
    activation: "linear",
  };
}

function conv(rank: Rank, lazy = false) {
  return (r: ArgReader): LayerConfig => {
    const c = convCommon(r, rank, lazy);
    return { kind: "conv", ...c, padding: convPadding(r, rank, c.strides) };
  };
}

function convTranspose(rank: Rank) {
  return (r: ArgReader): LayerConfig => ({
    kind: "conv_transpose",
    ...convCommon(r, rank, false),
    padding: { explicit: r.tuple("padding", rank, 0, 0).map((p): [number, number] => [p, p]) },
    outputPadding: r.tuple("output_padding", rank, 0, 0),
  });
}

function pool(rank: Rank, op: "max" | "avg") {
  return (r: ArgReader): LayerConfig => {
    const kernel = r.tuple("kernel_size", rank);
    const pads = r.tuple("padding", rank, 0, 0);
    return {
      kind: "pool",
      rank,
      op,
      pool: kernel,
      strides: r.has("stride") ? r.tuple("stride", rank) : kernel,
      padding: { explicit: pads.map((p): [number, number] => [p, p]) },
      dilation: op === "max" ? r.tuple("dilation", rank, 1) : Array<number>(rank).fill(1),
      ceilMode: r.bool("ceil_mode", false),
      dataFormat: "channels_first",
    };
  };
}

/** output_size: an int, or a tuple whose None entries keep the input size. */
function outputSize(r: ArgReader, rank: Rank): (number | null)[] {
  const v = r.raw("output_size");
  if (!v) return bad(r, "output_size", "an integer or a tuple");
  const one = numberOf(v);
  if (one !== null) return Array<number | null>(rank).fill(one);
  if ((v.t === "tuple" || v.t === "list") && v.items.length === rank)
    return v.items.map((i) => (i.t === "none" ? null : numberOf(i)));
  return bad(r, "output_size", rank === 1 ? "an integer" : `an integer or a tuple of ${rank}`);
}

function adaptive(rank: Rank, op: "max" | "avg") {
  return (r: ArgReader): LayerConfig => ({
    kind: "adaptive_pool",
    rank,
    op,
    outputSize: outputSize(r, rank),
  });
}

function batchNorm(ranks: number[]) {
  return (r: ArgReader): LayerConfig => {
    const affine = r.bool("affine", true);
    return {
      kind: "batch_norm",
      axis: 1,
      center: affine,
      scale: affine,
      numFeatures: r.int("num_features"),
      torchRanks: { ranks, className: r.className },
    };
  };
}

function instanceNorm(ranks: number[]) {
  return (r: ArgReader): LayerConfig => ({
    kind: "group_norm",
    className: r.className,
    groups: null,
    channels: r.int("num_features"),
    affine: r.bool("affine", false),
    ranks,
  });
}

function act(op: string): TorchModuleSpec["build"] {
  return (r) => ({
    kind: "elementwise",
    op,
    paramsPerChannel: 0,
    axis: r.has("dim") ? r.int("dim", 0, -8) : null,
  });
}

function rnnCell(cell: "simple" | "lstm" | "gru") {
  return (r: ArgReader): LayerConfig => ({
    kind: "torch_rnn",
    cell,
    inputSize: r.int("input_size"),
    hiddenSize: r.int("hidden_size"),
    numLayers: 1,
    bias: r.bool("bias", true),
    batchFirst: false,
    bidirectional: false,
    projSize: 0,
    step: true,
  });
}

function unpool(rank: Rank) {
  return (r: ArgReader): LayerConfig => {
    const kernel = r.tuple("kernel_size", rank);
    return {
      kind: "tensor_op",
      op: {
        name: "unpool",
        kernel,
        strides: r.has("stride") ? r.tuple("stride", rank) : kernel,
        padding: r.tuple("padding", rank, 0, 0),
        outputSize: null,
      },
    };
  };
}

/** num_layers of RNN/LSTM/GRU: far beyond any real model, small enough to count layer by layer. */
const MAX_STACKED_LAYERS = 1000;

function rnn(cell: "simple" | "lstm" | "gru") {
  return (r: ArgReader): LayerConfig => ({
    kind: "torch_rnn",
    cell,
    inputSize: r.int("input_size"),
    hiddenSize: r.int("hidden_size"),
    // Stacked layers are counted one by one: a sane bound before anything is done per layer.
    numLayers: r.int("num_layers", 1, 1, MAX_STACKED_LAYERS),
    bias: r.bool("bias", true),
    batchFirst: r.bool("batch_first", false),
    bidirectional: r.bool("bidirectional", false),
    projSize: cell === "lstm" ? r.int("proj_size", 0, 0) : 0,
  });
}

/** nn.ZeroPad2d(2) / (left, right, top, bottom) → F.pad's flat list, last axis first. */
function padModule(rank: Rank, mode: string) {
  return (r: ArgReader): LayerConfig => {
    const v = r.raw("padding") as Value | undefined;
    const one = v ? numberOf(v) : null;
    let pads: number[];
    if (one !== null && Number.isInteger(one)) pads = Array<number>(2 * rank).fill(one);
    else if (v && (v.t === "tuple" || v.t === "list") && v.items.length === 2 * rank)
      pads = v.items.map((i) => {
        const n = numberOf(i);
        return n === null || !Number.isInteger(n) ? bad(r, "padding", "integers") : n;
      });
    else return bad(r, "padding", `an integer or a tuple of ${2 * rank} integers`);
    return { kind: "tensor_op", op: { name: "pad", pads, mode } };
  };
}

function resizeModule(r: ArgReader): LayerConfig {
  const size = r.raw("size");
  const scale = r.raw("scale_factor");
  const list = (v: Value | undefined) => {
    if (!v || v.t === "none") return null;
    const one = numberOf(v);
    if (one !== null) return [one];
    if (v.t === "tuple" || v.t === "list") return v.items.map((i) => numberOf(i) ?? 1);
    return null;
  };
  const s = list(size);
  const f = list(scale);
  if (!s && !f) return bad(r, "size", "size or scale_factor");
  const mode = r.raw("mode");
  return {
    kind: "tensor_op",
    op: {
      name: "resize",
      fn: "Upsample",
      size: s,
      scale: s ? null : f,
      mode: mode?.t === "str" ? mode.v : "nearest",
    },
  };
}

const SPECS: TorchModuleSpec[] = [
  {
    className: "Linear",
    signature: ["in_features", "out_features", "bias"],
    build: (r) => ({
      kind: "dense",
      units: r.int("out_features"),
      useBias: r.bool("bias", true),
      activation: "linear",
      inFeatures: r.int("in_features"),
    }),
  },
  {
    className: "LazyLinear",
    signature: ["out_features", "bias"],
    build: (r) => ({
      kind: "dense",
      units: r.int("out_features"),
      useBias: r.bool("bias", true),
      activation: "linear",
      inFeatures: null,
    }),
  },
  {
    className: "Bilinear",
    signature: ["in1_features", "in2_features", "out_features", "bias"],
    build: (r) => ({
      kind: "bilinear",
      in1: r.int("in1_features"),
      in2: r.int("in2_features"),
      out: r.int("out_features"),
      bias: r.bool("bias", true),
    }),
  },
  {
    className: "Identity",
    signature: [],
    build: () => ({ kind: "elementwise", op: "identity", paramsPerChannel: 0, axis: null }),
  },
  {
    className: "Flatten",
    signature: ["start_dim", "end_dim"],
    build: (r) => ({
      kind: "flatten",
      startDim: r.int("start_dim", 1, -8),
      endDim: r.int("end_dim", -1, -8),
      dataFormat: "channels_first",
    }),
  },
  {
    className: "Unflatten",
    signature: ["dim", "unflattened_size"],
    build: (r) => ({
      kind: "tensor_op",
      op: { name: "unflatten", dim: r.int("dim", undefined, -8), sizes: r.ints("unflattened_size", -1) },
    }),
  },
  {
    className: "Embedding",
    signature: ["num_embeddings", "embedding_dim", "padding_idx"],
    build: (r) => ({
      kind: "embedding",
      inputDim: r.int("num_embeddings"),
      outputDim: r.int("embedding_dim"),
      inputLength: null,
    }),
  },
  {
    className: "LayerNorm",
    signature: ["normalized_shape", "eps", "elementwise_affine"],
    build: (r) => {
      const affine = r.bool("elementwise_affine", true);
      return {
        kind: "layer_norm",
        axes: [-1],
        center: affine,
        scale: affine,
        normalizedShape: r.ints("normalized_shape", 1),
      };
    },
  },
  {
    className: "GroupNorm",
    signature: ["num_groups", "num_channels", "eps", "affine"],
    build: (r) => {
      const groups = r.int("num_groups");
      const channels = r.int("num_channels");
      if (channels % groups !== 0)
        throw new TorchConstructError("GroupNorm", "num_channels must be divisible by num_groups");
      return {
        kind: "group_norm",
        className: "GroupNorm",
        groups,
        channels,
        affine: r.bool("affine", true),
        ranks: null,
      };
    },
  },
  {
    className: "MultiheadAttention",
    signature: [
      "embed_dim",
      "num_heads",
      "dropout",
      "bias",
      "add_bias_kv",
      "add_zero_attn",
      "kdim",
      "vdim",
      "batch_first",
    ],
    build: (r) => {
      const embedDim = r.int("embed_dim");
      const numHeads = r.int("num_heads");
      if (embedDim % numHeads !== 0)
        throw new TorchConstructError("MultiheadAttention", "embed_dim must be divisible by num_heads");
      return {
        kind: "attention",
        embedDim,
        numHeads,
        kdim: r.int("kdim", embedDim),
        vdim: r.int("vdim", embedDim),
        bias: r.bool("bias", true),
        addBiasKv: r.bool("add_bias_kv", false),
        batchFirst: r.bool("batch_first", false),
      };
    },
  },
  { className: "RNN", signature: PLAIN_RNN_SIG, build: rnn("simple") },
  { className: "LSTM", signature: RNN_SIG, build: rnn("lstm") },
  { className: "GRU", signature: RNN_SIG, build: rnn("gru") },
  {
    className: "Upsample",
    signature: ["size", "scale_factor", "mode", "align_corners"],
    build: resizeModule,
  },
  { className: "UpsamplingNearest2d", signature: ["size", "scale_factor"], build: resizeModule },
  { className: "UpsamplingBilinear2d", signature: ["size", "scale_factor"], build: resizeModule },
  {
    className: "PixelShuffle",
    signature: ["upscale_factor"],
    build: (r) => ({
      kind: "tensor_op",
      op: { name: "pixel_shuffle", factor: r.int("upscale_factor"), inverse: false },
    }),
  },
  {
    className: "PixelUnshuffle",
    signature: ["downscale_factor"],
    build: (r) => ({
      kind: "tensor_op",
      op: { name: "pixel_shuffle", factor: r.int("downscale_factor"), inverse: true },
    }),
  },
  { className: "LSTMCell", signature: ["input_size", "hidden_size", "bias"], build: rnnCell("lstm") },
  { className: "GRUCell", signature: ["input_size", "hidden_size", "bias"], build: rnnCell("gru") },
  {
    className: "RNNCell",
    signature: ["input_size", "hidden_size", "bias", "nonlinearity"],
    build: rnnCell("simple"),
  },
  {
    className: "PReLU",
    signature: ["num_parameters", "init"],
    build: (r) => ({
      kind: "elementwise",
      op: "prelu",
      paramsPerChannel: 0,
      axis: null,
      fixedParams: r.int("num_parameters", 1),
    }),
  },
];

for (const rank of [1, 2, 3] as const) {
  SPECS.push(
    { className: `Conv${rank}d`, signature: CONV_SIG, build: conv(rank) },
    { className: `ConvTranspose${rank}d`, signature: TRANSPOSE_SIG, build: convTranspose(rank) },
    { className: `MaxPool${rank}d`, signature: MAXPOOL_SIG, build: pool(rank, "max") },
    {
      className: `AvgPool${rank}d`,
      signature: rank === 1 ? AVGPOOL_SIG.slice(0, 5) : AVGPOOL_SIG,
      build: pool(rank, "avg"),
    },
    { className: `AdaptiveAvgPool${rank}d`, signature: ["output_size"], build: adaptive(rank, "avg") },
    {
      className: `AdaptiveMaxPool${rank}d`,
      signature: ["output_size", "return_indices"],
      build: adaptive(rank, "max"),
    },
    { className: `BatchNorm${rank}d`, signature: BN_SIG, build: batchNorm(rank === 1 ? [2, 3] : [rank + 2]) },
    { className: `InstanceNorm${rank}d`, signature: BN_SIG, build: instanceNorm([rank + 1, rank + 2]) },
    { className: `ZeroPad${rank}d`, signature: ["padding"], build: padModule(rank, "constant") },
    { className: `ConstantPad${rank}d`, signature: ["padding", "value"], build: padModule(rank, "constant") },
    { className: `ReplicationPad${rank}d`, signature: ["padding"], build: padModule(rank, "replicate") },
    { className: `Dropout${rank}d`, signature: ["p", "inplace"], build: act("dropout") },
    { className: `LazyConv${rank}d`, signature: CONV_SIG.slice(1), build: conv(rank, true) },
    { className: `MaxUnpool${rank}d`, signature: ["kernel_size", "stride", "padding"], build: unpool(rank) },
  );
  if (rank < 3)
    SPECS.push({
      className: `ReflectionPad${rank}d`,
      signature: ["padding"],
      build: padModule(rank, "reflect"),
    });
}

const ACTIVATIONS: [string, string, readonly string[]][] = [
  ["ReLU", "relu", ["inplace"]],
  ["ReLU6", "relu6", ["inplace"]],
  ["LeakyReLU", "leaky_relu", ["negative_slope", "inplace"]],
  ["ELU", "elu", ["alpha", "inplace"]],
  ["SELU", "selu", ["inplace"]],
  ["CELU", "celu", ["alpha", "inplace"]],
  ["GELU", "gelu", ["approximate"]],
  ["SiLU", "silu", ["inplace"]],
  ["Mish", "mish", ["inplace"]],
  ["Sigmoid", "sigmoid", []],
  ["Tanh", "tanh", []],
  ["Hardswish", "hardswish", ["inplace"]],
  ["Hardsigmoid", "hardsigmoid", ["inplace"]],
  ["Hardtanh", "hardtanh", ["min_val", "max_val", "inplace"]],
  ["Softplus", "softplus", ["beta", "threshold"]],
  ["Softsign", "softsign", []],
  ["Tanhshrink", "tanhshrink", []],
  ["Softmax", "softmax", ["dim"]],
  ["LogSoftmax", "log_softmax", ["dim"]],
  ["Softmin", "softmin", ["dim"]],
  ["Dropout", "dropout", ["p", "inplace"]],
  ["AlphaDropout", "dropout", ["p", "inplace"]],
];
for (const [className, op, signature] of ACTIVATIONS) SPECS.push({ className, signature, build: act(op) });

const BY_NAME = new Map(SPECS.map((s) => [s.className, s]));

export function torchModuleSpec(name: string): TorchModuleSpec | undefined {
  return BY_NAME.get(name);
}

export const TORCH_MODULE_NAMES: readonly string[] = [...BY_NAME.keys()];
