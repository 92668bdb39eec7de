import type { AnalyzedLayer } from "../model/analysis.js";
import type { Framework, LayerConfig, Padding } from "../model/layer-config.js";
import type { Shape } from "../model/shape.js";
import { layoutOf } from "../shape/layers/spatial.js";
import { fPadArg, type PyValue, pyCall, sizeArg } from "./python-call.js";
import { kerasWeights, torchBuffers, torchWeights, type WeightTensor } from "./weight-layouts.js";

// One layer written in the other framework: the call, what goes before it (an F.pad, a
// ZeroPadding) and after it (the activation Keras fuses, a crop, `out[:, -1]`), the weight
// tensors in each framework's layout, and coded caveats the locale words. Pads come from the
// layer's own record (the geometry the table and the explanation read), never recomputed here.

export type Caveat =
  /** Keras 'same' with stride > 1 pads these amounts per spatial axis; PyTorch's padding= cannot. */
  | { code: "same_asymmetric"; pads: [number, number][]; fPad: string; pool: "max" | "avg" | null }
  /** Keras 'same' with stride > 1 and no input size: the pads depend on it. */
  | { code: "same_unknown_size"; stride: number[] }
  | { code: "causal"; pad: number; fPad: string }
  /** Keras Conv2DTranspose 'same' with k_eff − s odd: PyTorch gives one more position at the end of each axis. */
  | { code: "transpose_crop"; crop: number }
  | { code: "in_channels_unknown"; lazy: string | null }
  /** Channels last (Keras) vs channels first (PyTorch): the input must be permuted. */
  | { code: "layout"; rank: number; to: Framework }
  | { code: "flatten_order"; to: Framework }
  | { code: "batch_norm_defaults"; to: Framework }
  | { code: "rnn_output"; to: Framework; returnSequences: boolean; batchFirst: boolean }
  | { code: "rnn_bias"; cell: "lstm" | "gru" | "simple"; keras: number; pytorch: number }
  | { code: "gru_reset_before" }
  /** PyTorch max pooling pads with −∞; a Keras ZeroPadding before MaxPooling pads with 0. */
  | { code: "max_pool_padding"; padding: number[] }
  | { code: "ceil_mode" }
  | { code: "torch_padding_to_keras"; padding: number[] }
  | { code: "unsupported"; className: string };

export interface Translation {
  layer: string;
  className: string;
  from: Framework;
  to: Framework;
  /** Lines of target code in order: e.g. `x = F.pad(x, (0, 1, 0, 1))`, the layer, `nn.ReLU()`. */
  code: string[];
  /** The weight tensors in each framework's layout; null when a size is unknown. */
  weights: { keras: WeightTensor[]; pytorch: WeightTensor[]; buffers: WeightTensor[] } | null;
  /** Parameter counts as each framework reports them (Keras trainable + non-trainable; PyTorch parameters()). */
  params: { keras: number; kerasNonTrainable: number; pytorch: number } | null;
  caveats: Caveat[];
}

/** The layer's first input shape, as the graph fed it. */
export function inputShapeOf(layer: AnalyzedLayer): Shape | null {
  return layer.node?.inputs[0]?.shape ?? null;
}

/** What the canonical config does not keep: Dropout's rate, read from the user's call when it is there. */
export interface TranslateOptions {
  dropoutRate?: number | null;
}

export function translateLayer(
  layer: AnalyzedLayer,
  from: Framework,
  options: TranslateOptions = {},
): Translation {
  const to: Framework = from === "keras" ? "pytorch" : "keras";
  const input = inputShapeOf(layer);
  const base: Translation = {
    layer: layer.name,
    className: layer.className,
    from,
    to,
    code: [],
    weights: null,
    params: null,
    caveats: [],
  };
  const rate = options.dropoutRate ?? null;
  const t = to === "pytorch" ? toTorch(layer, input, base, rate) : toKeras(layer, input, base, rate);
  const inC = inChannels(layer.config, input);
  const keras = kerasWeights(layer.config, inC);
  const pytorch = torchWeights(layer.config, inC);
  if (keras && pytorch) {
    const buffers = torchBuffers(layer.config, inC) ?? [];
    const count = (ws: WeightTensor[]) => ws.reduce((s, w) => s + w.shape.reduce((p, d) => p * d, 1), 0);
    const nonTrainable = count(keras.filter((w) => !w.trainable));
    t.weights = { keras, pytorch, buffers };
    t.params = { keras: count(keras), kerasNonTrainable: nonTrainable, pytorch: count(pytorch) };
  }
  return t;
}

/** The input channels (or features) a layer sees: declared (PyTorch) or read from its input. */
export function inChannels(config: LayerConfig, input: Shape | null): number | null {
  switch (config.kind) {
    case "conv":
    case "conv_transpose":
      if (config.inChannels !== null) return config.inChannels;
      return channelOf(input, config.rank, config.dataFormat);
    case "depthwise_conv":
    case "separable_conv":
    case "pool":
      return channelOf(input, config.rank, config.dataFormat);
    case "batch_norm": {
      if (config.numFeatures !== null) return config.numFeatures;
      if (!input) return null;
      const c = input[config.axis < 0 ? input.length + config.axis : config.axis];
      return typeof c === "number" ? c : null;
    }
    case "dense":
      if (config.inFeatures !== null) return config.inFeatures;
      return lastKnown(input);
    case "recurrent":
      return lastKnown(input);
    case "torch_rnn":
      return config.inputSize;
    default:
      return null;
  }
}

function channelOf(
  input: Shape | null,
  rank: number,
  dataFormat: "channels_last" | "channels_first",
): number | null {
  if (!input || input.length !== rank + 2) return null;
  const c = input[layoutOf(rank, dataFormat).channel];
  return typeof c === "number" ? c : null;
}

function lastKnown(input: Shape | null): number | null {
  const d = input?.[input.length - 1];
  return typeof d === "number" ? d : null;
}

// ------------------------------------------------------------------------------ Keras → PyTorch

const TORCH_ACTIVATIONS: Record<string, string> = {
  relu: "nn.ReLU()",
  relu6: "nn.ReLU6()",
  sigmoid: "nn.Sigmoid()",
  tanh: "nn.Tanh()",
  gelu: "nn.GELU()",
  elu: "nn.ELU()",
  selu: "nn.SELU()",
  leaky_relu: "nn.LeakyReLU(0.2)",
  swish: "nn.SiLU()",
  silu: "nn.SiLU()",
  mish: "nn.Mish()",
  softplus: "nn.Softplus()",
};

function torchActivation(activation: string, softmaxDim: number): string | null {
  if (activation === "linear" || activation === "") return null;
  if (activation === "softmax") return `nn.Softmax(dim=${softmaxDim})`;
  return TORCH_ACTIVATIONS[activation] ?? `# then the '${activation}' activation`;
}

function toTorch(
  layer: AnalyzedLayer,
  input: Shape | null,
  t: Translation,
  rate: number | null,
): Translation {
  const c = layer.config;
  const geometry = layer.record?.geometry ?? null;
  switch (c.kind) {
    case "conv": {
      const inC = inChannels(c, input);
      const lazy = `nn.LazyConv${c.rank}d`;
      const padding = torchConvPadding(c.padding, c.strides, c.kernel, c.dilation, geometry, t, null);
      const keywords: [string, number | number[] | string | boolean | undefined][] = [
        ["kernel_size", sizeArg(c.kernel)],
        ["stride", c.strides.some((s) => s !== 1) ? sizeArg(c.strides) : undefined],
        ["padding", padding],
        ["dilation", c.dilation.some((d) => d !== 1) ? sizeArg(c.dilation) : undefined],
        ["groups", c.groups !== 1 ? c.groups : undefined],
        ["bias", c.useBias ? undefined : false],
      ];
      if (inC === null) {
        t.caveats.push({ code: "in_channels_unknown", lazy });
        t.code.push(pyCall(lazy, [c.filters], keywords));
      } else t.code.push(pyCall(`nn.Conv${c.rank}d`, [inC, c.filters], keywords));
      pushActivation(t, c.activation, 1);
      if (c.dataFormat === "channels_last") t.caveats.push({ code: "layout", rank: c.rank, to: "pytorch" });
      return t;
    }
    case "conv_transpose": {
      const inC = inChannels(c, input);
      const kEff = c.kernel.map((k, i) => (c.dilation[i] ?? 1) * (k - 1) + 1);
      let padding: number[] = c.kernel.map(() => 0);
      let outputPadding: number[] = c.kernel.map(() => 0);
      if (c.padding === "same") {
        // Keras: out = in·s. PyTorch: (in−1)·s − 2p + k_eff + op. TF crops ⌊(k_eff−s)/2⌋ before and the rest
        // after; PyTorch crops p on both sides, so an odd k_eff − s leaves one extra position at the end.
        const crops = kEff.map((k, i) => k - (c.strides[i] ?? 1));
        padding = crops.map((d) => (d > 0 ? Math.floor(d / 2) : 0));
        outputPadding = crops.map((d) => (d < 0 ? -d : 0));
        const extra = crops.map((d) => (d > 0 ? d % 2 : 0));
        if (extra.some((e) => e > 0)) t.caveats.push({ code: "transpose_crop", crop: Math.max(...extra) });
      } else if (c.padding === "valid") {
        outputPadding = c.outputPadding ?? kEff.map((k, i) => Math.max(k, c.strides[i] ?? 1) - k);
      } else if (typeof c.padding === "object") {
        padding = c.padding.explicit.map(([b]) => b);
        outputPadding = c.outputPadding ?? outputPadding;
      }
      const keywords: [string, number | number[] | boolean | undefined][] = [
        ["kernel_size", sizeArg(c.kernel)],
        ["stride", c.strides.some((s) => s !== 1) ? sizeArg(c.strides) : undefined],
        ["padding", padding.some((p) => p !== 0) ? sizeArg(padding) : undefined],
        ["output_padding", outputPadding.some((p) => p !== 0) ? sizeArg(outputPadding) : undefined],
        ["dilation", c.dilation.some((d) => d !== 1) ? sizeArg(c.dilation) : undefined],
        ["bias", c.useBias ? undefined : false],
      ];
      const lazy = `nn.LazyConvTranspose${c.rank}d`;
      if (inC === null) {
        t.caveats.push({ code: "in_channels_unknown", lazy });
        t.code.push(pyCall(lazy, [c.filters], keywords));
      } else t.code.push(pyCall(`nn.ConvTranspose${c.rank}d`, [inC, c.filters], keywords));
      const crop = t.caveats.find((x) => x.code === "transpose_crop");
      if (crop) t.code.push(`x = x[${["...", ...c.kernel.map(() => `:-${crop.crop}`)].join(", ")}]`);
      pushActivation(t, c.activation, 1);
      if (c.dataFormat === "channels_last") t.caveats.push({ code: "layout", rank: c.rank, to: "pytorch" });
      return t;
    }
    case "depthwise_conv": {
      const inC = inChannels(c, input);
      const padding = torchConvPadding(c.padding, c.strides, c.kernel, c.dilation, geometry, t, null);
      const keywords: [string, PyValue | undefined][] = [
        ["kernel_size", sizeArg(c.kernel)],
        ["stride", c.strides.some((s) => s !== 1) ? sizeArg(c.strides) : undefined],
        ["padding", padding],
        ["dilation", c.dilation.some((d) => d !== 1) ? sizeArg(c.dilation) : undefined],
        ["groups", inC ?? { raw: "in_channels" }],
        ["bias", c.useBias ? undefined : false],
      ];
      if (inC === null) t.caveats.push({ code: "in_channels_unknown", lazy: null });
      const inArg = inC ?? { raw: "in_channels" };
      const outArg = inC === null ? { raw: `in_channels * ${c.depthMultiplier}` } : inC * c.depthMultiplier;
      t.code.push(pyCall(`nn.Conv${c.rank}d`, [inArg, outArg], keywords));
      pushActivation(t, c.activation, 1);
      if (c.dataFormat === "channels_last") t.caveats.push({ code: "layout", rank: c.rank, to: "pytorch" });
      return t;
    }
    case "pool": {
      const name = c.op === "max" ? `nn.MaxPool${c.rank}d` : `nn.AvgPool${c.rank}d`;
      const stride = c.strides.every((s, i) => s === c.pool[i]) ? undefined : sizeArg(c.strides);
      const keywords: [string, number | number[] | boolean | undefined][] = [["stride", stride]];
      if (c.padding === "same") {
        const pads = padsOf(geometry);
        if (pads === null) {
          if (c.strides.some((s) => s !== 1))
            t.caveats.push({ code: "same_unknown_size", stride: c.strides });
        } else if (pads.every(([b, a]) => b === a)) {
          if (pads.some(([b]) => b > 0)) keywords.push(["padding", sizeArg(pads.map(([b]) => b))]);
          if (c.op === "avg" && pads.some(([b]) => b > 0)) keywords.push(["count_include_pad", false]);
        } else if (c.op === "max") {
          const fPad = fPadArg(pads);
          t.caveats.push({ code: "same_asymmetric", pads, fPad, pool: "max" });
          t.code.push(`x = F.pad(x, ${fPad}, value=float('-inf'))`);
        } else {
          // TF averages over the window's positions inside the input; ceil_mode lets PyTorch's last
          // window run past the end, where it too divides by the positions inside (checked against Keras).
          const before = pads.map(([b]) => b);
          if (before.some((b) => b > 0)) keywords.push(["padding", sizeArg(before)]);
          keywords.push(["ceil_mode", true]);
          if (before.some((b) => b > 0)) keywords.push(["count_include_pad", false]);
          t.caveats.push({ code: "same_asymmetric", pads, fPad: fPadArg(pads), pool: "avg" });
        }
      }
      t.code.push(pyCall(name, [sizeArg(c.pool)], keywords));
      if (c.dataFormat === "channels_last") t.caveats.push({ code: "layout", rank: c.rank, to: "pytorch" });
      return t;
    }
    case "global_pool": {
      t.code.push(`nn.Adaptive${c.op === "max" ? "Max" : "Avg"}Pool${c.rank}d(1)`);
      if (!c.keepdims) t.code.push("nn.Flatten()");
      if (c.dataFormat === "channels_last") t.caveats.push({ code: "layout", rank: c.rank, to: "pytorch" });
      return t;
    }
    case "dense": {
      const inF = inChannels(c, input);
      const keywords: [string, boolean | undefined][] = [["bias", c.useBias ? undefined : false]];
      if (inF === null) {
        t.caveats.push({ code: "in_channels_unknown", lazy: "nn.LazyLinear" });
        t.code.push(pyCall("nn.LazyLinear", [c.units], keywords));
      } else t.code.push(pyCall("nn.Linear", [inF, c.units], keywords));
      pushActivation(t, c.activation, -1);
      return t;
    }
    case "batch_norm": {
      const ch = inChannels(c, input);
      const rank = input ? Math.min(Math.max(input.length - 2, 1), 3) : 2;
      const keywords: [string, number | boolean | undefined][] = [
        ["eps", 0.001],
        ["momentum", 0.01],
        ["affine", c.center && c.scale ? undefined : false],
      ];
      if (ch === null) {
        t.caveats.push({ code: "in_channels_unknown", lazy: `nn.LazyBatchNorm${rank}d` });
        t.code.push(pyCall(`nn.LazyBatchNorm${rank}d`, [], keywords));
      } else t.code.push(pyCall(`nn.BatchNorm${rank}d`, [ch], keywords));
      t.caveats.push({ code: "batch_norm_defaults", to: "pytorch" });
      if (input && input.length > 2 && c.axis === -1)
        t.caveats.push({ code: "layout", rank: input.length - 2, to: "pytorch" });
      return t;
    }
    case "recurrent": {
      const inF = inChannels(c, input);
      const cls = { lstm: "nn.LSTM", gru: "nn.GRU", simple: "nn.RNN" }[c.cell];
      const keywords: [string, boolean | undefined][] = [
        ["bias", c.useBias ? undefined : false],
        ["batch_first", true],
      ];
      t.code.push(
        `rnn = ${pyCall(cls, [inF ?? { raw: "input_size" }, c.units], keywords)}`,
        "out, _ = rnn(x)",
      );
      if (inF === null) t.caveats.push({ code: "in_channels_unknown", lazy: null });
      if (!c.returnSequences) t.code.push("out = out[:, -1]");
      t.caveats.push({
        code: "rnn_output",
        to: "pytorch",
        returnSequences: c.returnSequences,
        batchFirst: true,
      });
      if (c.cell === "gru" && !c.resetAfter) t.caveats.push({ code: "gru_reset_before" });
      return t;
    }
    case "embedding":
      t.code.push(pyCall("nn.Embedding", [c.inputDim, c.outputDim]));
      return t;
    case "flatten":
      t.code.push("nn.Flatten()");
      // (N, T, D) flattens the same way in both; an image's channels sit last in Keras, first in PyTorch.
      if (input && input.length > 3) t.caveats.push({ code: "flatten_order", to: "pytorch" });
      return t;
    case "elementwise":
      if (c.op === "dropout" || c.op === "spatial_dropout") {
        t.code.push(pyCall("nn.Dropout", [], [["p", rate ?? { raw: "rate" }]]));
        return t;
      }
      return unsupported(t, layer.className);
    default:
      return unsupported(t, layer.className);
  }
}

function unsupported(t: Translation, className: string): Translation {
  t.caveats.push({ code: "unsupported", className });
  return t;
}

function pushActivation(t: Translation, activation: string, softmaxDim: number): void {
  const a = torchActivation(activation, softmaxDim);
  if (a !== null) t.code.push(a);
}

/** Per-axis [before, after] pads from the layer's record; null when a size is unknown. */
export function padsOf(
  geometry: readonly { padBefore: number | null; padAfter: number | null }[] | null,
): [number, number][] | null {
  if (!geometry || geometry.length === 0) return null;
  const out: [number, number][] = [];
  for (const g of geometry) {
    if (g.padBefore === null || g.padAfter === null) return null;
    out.push([g.padBefore, g.padAfter]);
  }
  return out;
}

/** PyTorch's `padding=` for a Keras conv's padding; asymmetric pads become an F.pad line before the layer. */
function torchConvPadding(
  padding: Padding,
  strides: number[],
  kernel: number[],
  dilation: number[],
  geometry: LayerRecordGeometry,
  t: Translation,
  _pool: null,
): number | number[] | string | undefined {
  if (padding === "valid") return undefined;
  if (padding === "causal") {
    const pad = ((dilation[0] ?? 1) * ((kernel[0] ?? 1) - 1)) as number;
    const fPad = fPadArg([[pad, 0]]);
    t.caveats.push({ code: "causal", pad, fPad });
    t.code.push(`x = F.pad(x, ${fPad})`);
    return undefined;
  }
  if (padding === "same_torch") return "same";
  if (typeof padding === "object") {
    const pads = padding.explicit;
    if (pads.every(([b, a]) => b === a))
      return pads.some(([b]) => b > 0) ? sizeArg(pads.map(([b]) => b)) : undefined;
    const fPad = fPadArg(pads);
    t.code.push(`x = F.pad(x, ${fPad})`);
    return undefined;
  }
  // 'same'
  if (strides.every((s) => s === 1)) return "same";
  const pads = padsOf(geometry);
  if (pads === null) {
    t.caveats.push({ code: "same_unknown_size", stride: strides });
    return undefined;
  }
  if (pads.every(([b, a]) => b === a))
    return pads.some(([b]) => b > 0) ? sizeArg(pads.map(([b]) => b)) : undefined;
  const fPad = fPadArg(pads);
  t.caveats.push({ code: "same_asymmetric", pads, fPad, pool: null });
  t.code.push(`x = F.pad(x, ${fPad})`);
  return undefined;
}

type LayerRecordGeometry = readonly { padBefore: number | null; padAfter: number | null }[] | null;

// ------------------------------------------------------------------------------ PyTorch → Keras

function toKeras(
  layer: AnalyzedLayer,
  _input: Shape | null,
  t: Translation,
  rate: number | null,
): Translation {
  const c = layer.config;
  switch (c.kind) {
    case "conv": {
      const { padding, before } = kerasPadding(c.padding, c.kernel, c.dilation, c.strides, c.rank);
      if (before) t.code.push(before);
      t.code.push(
        pyCall(
          `layers.Conv${c.rank}D`,
          [c.filters, sizeArg(c.kernel)],
          [
            ["strides", c.strides.some((s) => s !== 1) ? sizeArg(c.strides) : undefined],
            ["padding", padding === "valid" ? undefined : padding],
            ["dilation_rate", c.dilation.some((d) => d !== 1) ? sizeArg(c.dilation) : undefined],
            ["groups", c.groups !== 1 ? c.groups : undefined],
            ["use_bias", c.useBias ? undefined : false],
          ],
        ),
      );
      t.caveats.push({ code: "layout", rank: c.rank, to: "keras" });
      return t;
    }
    case "conv_transpose": {
      const padding =
        typeof c.padding === "object" ? c.padding.explicit.map(([b]) => b) : c.kernel.map(() => 0);
      const op = c.outputPadding ?? c.kernel.map(() => 0);
      t.code.push(
        pyCall(
          `layers.Conv${c.rank}DTranspose`,
          [c.filters, sizeArg(c.kernel)],
          [
            ["strides", c.strides.some((s) => s !== 1) ? sizeArg(c.strides) : undefined],
            ["output_padding", op.some((p) => p !== 0) ? sizeArg(op) : undefined],
            ["dilation_rate", c.dilation.some((d) => d !== 1) ? sizeArg(c.dilation) : undefined],
            ["use_bias", c.useBias ? undefined : false],
          ],
        ),
      );
      if (padding.some((p) => p > 0)) t.code.push(pyCall(`layers.Cropping${c.rank}D`, [sizeArg(padding)]));
      t.caveats.push({ code: "layout", rank: c.rank, to: "keras" });
      return t;
    }
    case "pool": {
      const explicit = typeof c.padding === "object" ? c.padding.explicit.map(([b]) => b) : [];
      if (explicit.some((p) => p > 0)) {
        t.code.push(pyCall(`layers.ZeroPadding${c.rank}D`, [sizeArg(explicit)]));
        if (c.op === "max") t.caveats.push({ code: "max_pool_padding", padding: explicit });
        else t.caveats.push({ code: "torch_padding_to_keras", padding: explicit });
      }
      const name = c.op === "max" ? `layers.MaxPooling${c.rank}D` : `layers.AveragePooling${c.rank}D`;
      const stride = c.strides.every((s, i) => s === c.pool[i]) ? undefined : sizeArg(c.strides);
      t.code.push(pyCall(name, [sizeArg(c.pool)], [["strides", stride]]));
      if (c.ceilMode) t.caveats.push({ code: "ceil_mode" });
      t.caveats.push({ code: "layout", rank: c.rank, to: "keras" });
      return t;
    }
    case "dense":
      t.code.push(pyCall("layers.Dense", [c.units], [["use_bias", c.useBias ? undefined : false]]));
      return t;
    case "batch_norm":
      t.code.push(
        pyCall(
          "layers.BatchNormalization",
          [],
          [
            ["axis", 1],
            ["momentum", 0.9],
            ["epsilon", { raw: "1e-5" }],
          ],
        ),
      );
      t.caveats.push({ code: "batch_norm_defaults", to: "keras" });
      return t;
    case "torch_rnn": {
      const name = { lstm: "layers.LSTM", gru: "layers.GRU", simple: "layers.SimpleRNN" }[c.cell];
      const one = pyCall(
        name,
        [c.hiddenSize],
        [
          ["return_sequences", true],
          ["use_bias", c.bias ? undefined : false],
        ],
      );
      const wrapped = c.bidirectional ? `layers.Bidirectional(${one})` : one;
      for (let i = 0; i < c.numLayers; i++) t.code.push(wrapped);
      t.caveats.push({ code: "rnn_output", to: "keras", returnSequences: true, batchFirst: c.batchFirst });
      return t;
    }
    case "embedding":
      t.code.push(pyCall("layers.Embedding", [c.inputDim, c.outputDim]));
      return t;
    case "flatten":
      t.code.push("layers.Flatten()");
      t.caveats.push({ code: "flatten_order", to: "keras" });
      return t;
    case "elementwise":
      if (c.op === "dropout") {
        t.code.push(pyCall("layers.Dropout", [rate ?? { raw: "p" }]));
        return t;
      }
      return unsupported(t, layer.className);
    default:
      return unsupported(t, layer.className);
  }
}

/** PyTorch's symmetric padding as Keras says it: 'valid', 'same' when it gives the same pads, else ZeroPadding first. */
function kerasPadding(
  padding: Padding,
  kernel: number[],
  dilation: number[],
  strides: number[],
  rank: number,
): { padding: string; before: string | null } {
  if (padding === "same_torch") return { padding: "same", before: null };
  if (typeof padding !== "object") return { padding: padding === "same" ? "same" : "valid", before: null };
  const pads = padding.explicit.map(([b]) => b);
  if (pads.every((p) => p === 0)) return { padding: "valid", before: null };
  const sameMatches =
    strides.every((s) => s === 1) &&
    kernel.every((k, i) => {
      const kEff = (dilation[i] ?? 1) * (k - 1) + 1;
      return kEff % 2 === 1 && (kEff - 1) / 2 === pads[i];
    });
  if (sameMatches) return { padding: "same", before: null };
  return { padding: "valid", before: pyCall(`layers.ZeroPadding${rank}D`, [sizeArg(pads)]) };
}
