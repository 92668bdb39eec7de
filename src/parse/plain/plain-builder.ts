import type { Analysis } from "../../model/analysis.js";
import type { LayerInstance, Tensor } from "../../model/graph.js";
import type { DataFormat, Framework, LayerConfig, Padding } from "../../model/layer-config.js";
import type { Problem } from "../../model/problems.js";
import { type Dim, formatShape, symbolicSpatialInput } from "../../model/shape.js";
import { analysisFromGraph } from "../../shape/analysis-from-graph.js";
import { GraphBuilder } from "../../shape/graph-builder.js";
import { LayerNames } from "../../shape/layer-names.js";
import { layoutOf } from "../../shape/layers/spatial.js";
import { kerasSnakeCase } from "../keras/keras-layers.js";
import type { PlainLayer, PlainQuestion } from "./plain-question.js";

// Turns what a sentence states into a model: the framework and layout (saying which was assumed),
// the input shape, and one canonical LayerConfig per layer with the framework's defaults, then
// infers it with the same rules the code path uses.

export type Assumption =
  | { code: "layout"; layout: DataFormat; reason: "stated" | "pytorch" | "small_first" | "default" }
  | { code: "no_input_size"; assumed: string }
  | {
      code: "default";
      what: "filters" | "kernel" | "channels" | "units" | "return_sequences";
      value: string;
    }
  | { code: "inserted_flatten"; shape: string };

export interface PlainModel {
  framework: Framework;
  layout: DataFormat;
  analysis: Analysis;
  assumptions: Assumption[];
}

const MAX_PLAIN_LAYERS = 64;

export function buildPlainModel(asked: PlainQuestion, text = ""): PlainModel | null {
  const q = withoutQuestionWords(asked, text);
  if (q.layers.length === 0) return null;
  // "Which stride takes 224 to 112?" names sizes, not a stack: the inverse answer is the reply.
  if (asked.inverse?.kind === "window") return null;
  const assumptions: Assumption[] = [];
  const { framework, layout, reason } = decideLayout(q);
  const first = q.layers[0] as PlainLayer;
  const rank = spatialRank(first, q);
  const input = inputShape(q, first, rank, layout, framework, assumptions);
  // The layout only matters where there is a channel axis beside spatial ones.
  if (input.length >= 4 && (reason !== "default" || q.input !== null))
    assumptions.unshift({ code: "layout", layout, reason });
  const graph = new GraphBuilder(framework, MAX_PLAIN_LAYERS);
  const names = new LayerNames();
  const inputTensor = graph.input(
    framework === "keras" ? "input_layer" : "input",
    input,
    q.input?.pos ?? first.pos,
  );
  let current = inputTensor;
  const layers = withFlatten(q.layers.slice(0, MAX_PLAIN_LAYERS), input.length);
  layers.forEach((layer, i) => {
    const next = layers[i + 1];
    const config = toConfig(layer, framework, layout, current.shape, next, assumptions);
    const className = classNameOf(config, framework);
    const base = framework === "keras" ? kerasSnakeCase(className) : className.toLowerCase();
    const instance: LayerInstance = {
      id: i,
      name: names.next(base),
      className,
      config,
      pos: layer.pos,
      builtWith: null,
      record: null,
    };
    const before = current.shape;
    current = graph.call(instance, [current], layer.pos)[0] as Tensor;
    if ((layer as PlainLayer & { inserted?: boolean }).inserted && before)
      assumptions.push({ code: "inserted_flatten", shape: formatShape(before) });
  });
  const problems: Problem[] = [];
  const analysis = analysisFromGraph({
    framework,
    modelName: framework === "keras" ? "sequential" : "model",
    modelKind: "sequential",
    inputs: [inputTensor],
    outputs: [current],
    problems,
    isFailed: () => false,
  });
  // A PyTorch question gets torchinfo's table: the stack as an nn.Sequential of its layers.
  if (framework === "pytorch")
    analysis.modules = {
      rootClass: "Sequential",
      rootOutputs: analysis.outputs.length > 0 ? analysis.outputs : null,
      inputSource: "prose",
      rows: analysis.layers.map((l, i) => {
        const params = l.params.trainable === null ? null : l.params.trainable + (l.params.nonTrainable ?? 0);
        return {
          kind: "leaf",
          depth: 1,
          className: l.className,
          name: l.name,
          outputs: l.outputShapes,
          params,
          ownParams: params,
          recursive: false,
          layer: i,
        };
      }),
    };
  return { framework, layout, analysis, assumptions };
}

/** The fields that carry a number: a layer with none of them was only named. */
const NUMBERED: (keyof PlainLayer)[] = [
  "filters",
  "kernel",
  "stride",
  "padding",
  "dilation",
  "groups",
  "depthMultiplier",
  "outputPadding",
  "units",
  "vocabulary",
  "dims",
  "rate",
  "factor",
  "kernelValues",
  "returnSequences",
];

/**
 * "Why do conv params not depend on the input size but dense after flatten does? conv 32 filters
 * 3x3 on 64x64x3 then flatten then dense 10": the layer words of the sentence that asks the
 * concept question name layers, they do not add them. Such bare layers are left out.
 */
function withoutQuestionWords(q: PlainQuestion, text: string): PlainQuestion {
  if (q.concepts.length === 0 || text === "") return q;
  const lines = text.split("\n");
  const offset = (p: { line: number; column: number }) =>
    lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  const sentences: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || /[?？.。!！:：\n]/.test(text[i] as string)) {
      sentences.push([start, i]);
      start = i + 1;
    }
  }
  const sentenceOf = (at: number) => sentences.findIndex(([a, b]) => at >= a && at <= b);
  const asking = new Set(q.concepts.map((c) => sentenceOf(offset(c.pos))));
  const layers = q.layers.filter((l) => {
    const bare = NUMBERED.every((k) => l[k] === null);
    return !(bare && asking.has(sentenceOf(offset(l.pos))));
  });
  return { ...q, layers };
}

/**
 * "…, then dense 10" after convolutions means a classifier on the flattened features: Keras would
 * apply Dense to the last axis only, which is rarely what a sentence means. A Flatten is put in
 * (the reply says so) unless the sentence already has one or the Dense follows a sequence layer.
 */
function withFlatten(layers: PlainLayer[], inputRank: number): PlainLayer[] {
  const out: PlainLayer[] = [];
  // (batch, features) is flat already; sequences (recurrent, embedding) keep Dense per step.
  let spatial = inputRank >= 3 && !["recurrent", "embedding", "dense"].includes(layers[0]?.kind ?? "");
  for (const layer of layers) {
    if (layer.kind === "dense" && spatial)
      out.push({ ...layer, kind: "flatten", inserted: true } as PlainLayer);
    if (["flatten", "global_pool", "dense", "recurrent", "embedding"].includes(layer.kind)) spatial = false;
    out.push(layer);
  }
  return out;
}

function decideLayout(q: PlainQuestion): {
  framework: Framework;
  layout: DataFormat;
  reason: "stated" | "pytorch" | "small_first" | "default";
} {
  if (q.layout)
    return {
      framework: q.framework ?? (q.layout === "channels_first" ? "pytorch" : "keras"),
      layout: q.layout,
      reason: "stated",
    };
  if (q.framework === "pytorch") return { framework: "pytorch", layout: "channels_first", reason: "pytorch" };
  const d = q.input?.dims;
  // 3x32x32: a small first number and larger ones after it is C×H×W.
  if (
    q.framework === null &&
    d &&
    d.length === 3 &&
    (d[0] as number) <= 4 &&
    (d[1] as number) > 4 &&
    (d[2] as number) > 4
  )
    return { framework: "pytorch", layout: "channels_first", reason: "small_first" };
  return { framework: q.framework ?? "keras", layout: "channels_last", reason: "default" };
}

function spatialRank(first: PlainLayer, q: PlainQuestion): 1 | 2 | 3 {
  if (first.rank) return first.rank;
  if (first.kind === "recurrent" || first.kind === "embedding") return 1;
  if (q.input?.steps != null) return 1;
  const d = q.input?.dims.length ?? 3;
  return d >= 4 ? 3 : 2;
}

/** The model input with the batch axis: Keras None, PyTorch 1 (as torchinfo's input_size). */
function inputShape(
  q: PlainQuestion,
  first: PlainLayer,
  rank: 1 | 2 | 3,
  layout: DataFormat,
  framework: Framework,
  assumptions: Assumption[],
): Dim[] {
  const batch: Dim = framework === "keras" ? null : 1;
  const i = q.input;
  if (first.kind === "embedding") {
    const steps = i?.steps ?? i?.dims[0] ?? null;
    if (steps === null) assumptions.push({ code: "no_input_size", assumed: "(None, T)" });
    return [batch, steps ?? "T"];
  }
  if (first.kind === "dense" && i && i.dims.length === 1) return [batch, i.dims[0] as number];
  if (first.kind === "recurrent" || (rank === 1 && (i?.steps != null || i?.features != null))) {
    const steps = i?.steps ?? (i?.dims.length === 2 ? (i.dims[0] as number) : null);
    const features = i?.features ?? (i?.dims.length === 2 ? (i.dims[1] as number) : null);
    if (steps === null || features === null) assumptions.push({ code: "no_input_size", assumed: "(T, F)" });
    const t: Dim = steps ?? "T";
    const f: Dim = features ?? "F";
    return layout === "channels_first" && first.kind !== "recurrent" ? [batch, f, t] : [batch, t, f];
  }
  if (!i) {
    const shape = symbolicSpatialInput(rank, layout);
    assumptions.push({ code: "no_input_size", assumed: `(${shape.join(", ")})` });
    return [batch, ...shape];
  }
  let dims = [...i.dims];
  if (dims.length === rank) {
    // 128x128 with "RGB" / "grayscale", or no word: a picture has 3 channels.
    const channels = i.channels ?? 3;
    if (i.channels === null) assumptions.push({ code: "default", what: "channels", value: String(channels) });
    dims = layout === "channels_first" ? [channels, ...dims] : [...dims, channels];
  }
  return [batch, ...dims];
}

function tuple(values: number[] | null, rank: number, fallback: number): number[] {
  if (!values || values.length === 0) return Array<number>(rank).fill(fallback);
  if (values.length === rank) return values;
  return Array<number>(rank).fill(values[0] as number);
}

function padding(layer: PlainLayer, rank: number, framework: Framework): Padding {
  const p = layer.padding;
  if (p === null) return "valid";
  if (p === "same") return framework === "pytorch" ? "same_torch" : "same";
  if (p === "valid" || p === "causal") return p;
  return { explicit: tuple(p, rank, 0).map((n) => [n, n] as [number, number]) };
}

function channelsOf(shape: Dim[] | null, layout: DataFormat): Dim {
  return shape ? (shape[layoutOf(shape.length - 2, layout).channel] ?? null) : null;
}

function toConfig(
  l: PlainLayer,
  framework: Framework,
  layout: DataFormat,
  inputShape: Dim[] | null,
  next: PlainLayer | undefined,
  assumptions: Assumption[],
): LayerConfig {
  const rank = (l.rank ?? (inputShape ? Math.min(3, Math.max(1, inputShape.length - 2)) : 2)) as 1 | 2 | 3;
  const inC = channelsOf(inputShape, layout);
  const kernel = (): number[] => {
    if (l.kernel) return tuple(l.kernel, rank, 3);
    assumptions.push({ code: "default", what: "kernel", value: Array(rank).fill(3).join("×") });
    return Array<number>(rank).fill(3);
  };
  const filters = (): number => {
    if (l.filters !== null) return l.filters;
    const keep = typeof inC === "number" ? inC : 1;
    assumptions.push({ code: "default", what: "filters", value: String(keep) });
    return keep;
  };
  const common = { dataFormat: layout, activation: l.activation ?? "linear" };
  switch (l.kind) {
    case "conv":
      return {
        kind: "conv",
        rank,
        filters: filters(),
        kernel: kernel(),
        strides: tuple(l.stride, rank, 1),
        padding: padding(l, rank, framework),
        dilation: tuple(l.dilation, rank, 1),
        groups: l.groups ?? 1,
        useBias: true,
        inChannels: null,
        ...common,
      };
    case "conv_transpose":
      return {
        kind: "conv_transpose",
        rank,
        filters: filters(),
        kernel: kernel(),
        strides: tuple(l.stride, rank, 1),
        padding: padding(l, rank, framework),
        outputPadding: l.outputPadding ? tuple(l.outputPadding, rank, 0) : null,
        dilation: tuple(l.dilation, rank, 1),
        groups: l.groups ?? 1,
        useBias: true,
        inChannels: null,
        ...common,
      };
    case "depthwise_conv":
    case "separable_conv": {
      const k = kernel();
      const base = {
        rank: (rank === 3 ? 2 : rank) as 1 | 2,
        kernel: k.slice(0, rank === 3 ? 2 : rank),
        strides: tuple(l.stride, rank === 3 ? 2 : rank, 1),
        padding: padding(l, rank, framework),
        dilation: tuple(l.dilation, rank === 3 ? 2 : rank, 1),
        depthMultiplier: l.depthMultiplier ?? 1,
        useBias: true,
        ...common,
      };
      if (l.kind === "depthwise_conv") return { kind: "depthwise_conv", ...base };
      return { kind: "separable_conv", filters: filters(), ...base };
    }
    case "pool": {
      const size = tuple(l.kernel, rank, 2);
      return {
        kind: "pool",
        rank,
        op: l.op ?? "max",
        pool: size,
        strides: l.stride ? tuple(l.stride, rank, 1) : size,
        padding: padding(l, rank, framework),
        dilation: tuple(l.dilation, rank, 1),
        ceilMode: l.ceilMode,
        dataFormat: layout,
      };
    }
    case "global_pool":
      return { kind: "global_pool", rank, op: l.op ?? "avg", keepdims: false, dataFormat: layout };
    case "dense": {
      const units = l.units ?? l.filters;
      if (units === null) assumptions.push({ code: "default", what: "units", value: "10" });
      return {
        kind: "dense",
        units: units ?? 10,
        useBias: true,
        activation: l.activation ?? "linear",
        inFeatures: null,
      };
    }
    case "flatten":
      return { kind: "flatten", startDim: 1, endDim: -1, dataFormat: layout };
    case "dropout":
      return { kind: "elementwise", op: "dropout", paramsPerChannel: 0, axis: null };
    case "activation":
      return { kind: "elementwise", op: l.activation ?? "relu", paramsPerChannel: 0, axis: null };
    case "batch_norm":
      return {
        kind: "batch_norm",
        axis: layout === "channels_first" ? 1 : -1,
        center: true,
        scale: true,
        numFeatures: null,
      };
    case "upsampling":
      return {
        kind: "upsampling",
        rank,
        size: tuple(l.factor, rank, 2),
        interpolation: "nearest",
        dataFormat: layout,
      };
    case "embedding":
      return {
        kind: "embedding",
        inputDim: l.vocabulary ?? 1000,
        outputDim: l.dims ?? l.filters ?? 64,
        inputLength: null,
      };
    case "recurrent": {
      const units = l.units ?? l.filters;
      if (units === null) assumptions.push({ code: "default", what: "units", value: "64" });
      // "LSTM 64 then LSTM 32": stacking needs the sequence from the first one.
      const stacked = next?.kind === "recurrent";
      if (stacked && l.returnSequences === null)
        assumptions.push({ code: "default", what: "return_sequences", value: "True" });
      return {
        kind: "recurrent",
        cell: l.cell ?? "lstm",
        units: units ?? 64,
        returnSequences: l.returnSequences ?? stacked,
        returnState: false,
        useBias: true,
        resetAfter: true,
      };
    }
  }
}

const KERAS_NAMES: Record<string, string> = {
  conv: "Conv{r}D",
  conv_transpose: "Conv{r}DTranspose",
  depthwise_conv: "DepthwiseConv{r}D",
  separable_conv: "SeparableConv{r}D",
  global_pool_avg: "GlobalAveragePooling{r}D",
  global_pool_max: "GlobalMaxPooling{r}D",
  pool_max: "MaxPooling{r}D",
  pool_avg: "AveragePooling{r}D",
  dense: "Dense",
  flatten: "Flatten",
  batch_norm: "BatchNormalization",
  upsampling: "UpSampling{r}D",
  embedding: "Embedding",
};

const TORCH_NAMES: Record<string, string> = {
  conv: "Conv{r}d",
  conv_transpose: "ConvTranspose{r}d",
  depthwise_conv: "Conv{r}d",
  separable_conv: "Conv{r}d",
  global_pool_avg: "AdaptiveAvgPool{r}d",
  global_pool_max: "AdaptiveMaxPool{r}d",
  pool_max: "MaxPool{r}d",
  pool_avg: "AvgPool{r}d",
  dense: "Linear",
  flatten: "Flatten",
  batch_norm: "BatchNorm{r}d",
  upsampling: "Upsample",
  embedding: "Embedding",
};

function classNameOf(c: LayerConfig, framework: Framework): string {
  const table = framework === "keras" ? KERAS_NAMES : TORCH_NAMES;
  const rank = "rank" in c ? String(c.rank) : "2";
  if (c.kind === "recurrent")
    return { lstm: "LSTM", gru: "GRU", simple: framework === "keras" ? "SimpleRNN" : "RNN" }[c.cell];
  if (c.kind === "elementwise") {
    if (c.op === "dropout") return "Dropout";
    return framework === "keras"
      ? "Activation"
      : ({ relu: "ReLU", sigmoid: "Sigmoid", tanh: "Tanh", softmax: "Softmax" }[c.op] ?? "ReLU");
  }
  const key = c.kind === "pool" || c.kind === "global_pool" ? `${c.kind}_${c.op}` : c.kind;
  return (table[key] ?? c.kind).replace("{r}", rank);
}
