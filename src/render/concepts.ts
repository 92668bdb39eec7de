import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { DataFormat, Framework, LayerConfig } from "../model/layer-config.js";
import { formatShape, knownProduct, type Shape } from "../model/shape.js";
import type { ConceptTopic } from "../parse/plain/plain-question.js";
import { layoutOf } from "../shape/layers/spatial.js";
import { inferLayer } from "../shape/registry.js";
import type { Locale } from "./locale/locale.js";

// Concept questions answered with the user's numbers: the numbers come from the analysed model
// (the first conv, the stack's Dense) or, where the concept needs a counterfactual (the same conv
// with 'same' padding, stride 1 + pooling, a bigger input), from the same shape rules.

type ConvLike = AnalyzedLayer & { config: Extract<LayerConfig, { kind: "conv" }> };

export function conceptLines(topics: ConceptTopic[], a: Analysis | null, loc: Locale): string[] {
  const out: string[] = [];
  const seen = new Set<ConceptTopic>();
  // "(None, 61, 61, 24) and not (None, 61, 61, 24, 3)?" mentions None only in passing.
  if (topics.includes("channels")) seen.add("batch_none");
  for (const topic of topics) {
    if (seen.has(topic) || topic === "output_shape") continue;
    seen.add(topic);
    const lines = conceptFor(topic, a, loc);
    if (lines.length > 0) out.push(...(out.length > 0 ? [""] : []), ...lines);
  }
  return out;
}

function firstConv(a: Analysis | null): ConvLike | null {
  const layer = a?.layers.find((l) => l.status === "ok" && l.config.kind === "conv");
  return (layer as ConvLike | undefined) ?? null;
}

function inputOf(a: Analysis, layer: AnalyzedLayer): Shape | null {
  const i = a.layers.indexOf(layer);
  return i <= 0 ? (a.inputs[0]?.shape ?? null) : (a.layers[i - 1]?.outputShapes[0] ?? null);
}

function channelAxis(c: { dataFormat: DataFormat }, shape: Shape): number {
  return layoutOf(shape.length - 2, c.dataFormat).channel;
}

function conceptFor(topic: ConceptTopic, a: Analysis | null, loc: Locale): string[] {
  const framework: Framework = a?.framework ?? "keras";
  const conv = firstConv(a);
  const convInput = a && conv ? inputOf(a, conv) : null;
  const inC = conv && convInput ? convInput[channelAxis(conv.config, convInput)] : null;
  switch (topic) {
    case "channels":
    case "filters_vs_kernel":
    case "layer_vs_op": {
      if (!conv || typeof inC !== "number") return [];
      const base = { filters: conv.config.filters, kernel: conv.config.kernel, inChannels: inC };
      if (topic === "layer_vs_op") return loc.concepts.layerVsOp({ ...base, framework });
      const output = conv.outputShapes[0] ?? [];
      return topic === "channels"
        ? loc.concepts.channels({ layer: conv.name, ...base, output })
        : loc.concepts.filtersVsKernel({ ...base, output });
    }
    case "in_features": {
      const linear = a?.layers.find((l) => l.config.kind === "dense");
      if (!a || !linear || linear.config.kind !== "dense") return [];
      const at = a.layers.indexOf(linear);
      const input = inputOf(a, linear);
      const before = a.layers.slice(0, at).reverse();
      const source = before.find((l) => (l.outputShapes[0]?.length ?? 0) > 2);
      return loc.concepts.inFeatures({
        framework,
        layer: linear.name,
        features: input?.[input.length - 1] ?? null,
        source: source ? { name: source.name, shape: source.outputShapes[0] ?? [] } : null,
        declared: linear.config.inFeatures,
        units: linear.config.units,
      });
    }
    case "batch_none":
      return loc.concepts.batchNone({ output: a?.outputs[0] ?? null, framework });
    case "padding":
      return paddingConcept(a, framework, loc);
    case "params_vs_input":
      return paramsVsInput(a, conv, inC, loc);
    case "weights":
      return a ? loc.concepts.weights({ framework, layers: weightTensors(a, framework) }) : [];
    case "strided_vs_pool":
      return stridedVsPool(a, framework, loc);
    case "choose_filters":
      return loc.concepts.chooseFilters({ filters: conv?.config.filters ?? null });
    case "output_shape":
    case "inverse": // answered by src/inverse (plain-reply.ts, answer.ts), not as a concept
      return [];
  }
}

/** The first conv or pool, once 'valid' and once 'same', on its first spatial axis. */
function paddingConcept(a: Analysis | null, framework: Framework, loc: Locale): string[] {
  const layer = a?.layers.find(
    (l) => l.status === "ok" && (l.config.kind === "conv" || l.config.kind === "pool"),
  );
  const input = a && layer ? inputOf(a, layer) : null;
  const geo = layer?.record?.geometry?.[0];
  if (!layer || !input || !geo || typeof geo.input !== "number") {
    return loc.concepts.padding({
      input: 32,
      kernel: 3,
      stride: 1,
      dilation: 1,
      valid: 30,
      same: 32,
      padBefore: 1,
      padAfter: 1,
      framework,
    });
  }
  const c = layer.config as Extract<LayerConfig, { kind: "conv" | "pool" }>;
  const run = (padding: "valid" | "same") =>
    inferLayer(
      {
        ...c,
        padding: padding === "same" && framework === "pytorch" ? "same_torch" : padding,
      } as LayerConfig,
      [input],
      framework,
    );
  const valid = run("valid");
  const same = run("same");
  const sameAxis = same.ok ? same.record.geometry?.[0] : undefined;
  const validAxis = valid.ok ? valid.record.geometry?.[0] : undefined;
  return loc.concepts.padding({
    input: geo.input,
    kernel: geo.kernel,
    stride: geo.stride,
    dilation: geo.dilation,
    valid: typeof validAxis?.output === "number" ? validAxis.output : null,
    same: typeof sameAxis?.output === "number" ? sameAxis.output : Math.ceil(geo.input / geo.stride),
    padBefore: sameAxis?.padBefore ?? 0,
    padAfter: sameAxis?.padAfter ?? 0,
    framework,
  });
}

/** The conv's params as given, and a Dense after Flatten at this input size and at twice its height and width. */
function paramsVsInput(a: Analysis | null, conv: ConvLike | null, inC: unknown, loc: Locale): string[] {
  if (!a || !conv || typeof inC !== "number") return [];
  const convParams = (conv.params.trainable ?? 0) + (conv.params.nonTrainable ?? 0);
  const units =
    (a.layers.find((l) => l.config.kind === "dense")?.config as { units?: number } | undefined)?.units ?? 10;
  const out = conv.outputShapes[0];
  const input = inputOf(a, conv);
  if (!out || !input) return [];
  const cases: { input: string; features: number; params: number }[] = [];
  for (const scale of [1, 2]) {
    const scaled = input.map((d, i) =>
      i > 0 && i !== channelAxis(conv.config, input) && typeof d === "number" ? d * scale : d,
    );
    const r = inferLayer(conv.config, [scaled], a.framework);
    const features = r.ok ? knownProduct((r.record.outputs[0] ?? []).slice(1)) : null;
    if (features !== null)
      cases.push({ input: formatShape(scaled), features, params: features * units + units });
  }
  return loc.concepts.paramsVsInput({
    conv: conv.name,
    convParams,
    kernel: conv.config.kernel,
    inChannels: inC,
    filters: conv.config.filters,
    dense: cases,
    units,
  });
}

/** The first strided conv (or a conv followed by a pool): stride s vs stride 1 then s×s pooling. */
function stridedVsPool(a: Analysis | null, framework: Framework, loc: Locale): string[] {
  const conv = firstConv(a);
  const input = a && conv ? inputOf(a, conv) : null;
  if (!a || !conv || !input) return [];
  const s = Math.max(...conv.config.strides, 2);
  const strided = inferLayer(
    { ...conv.config, strides: conv.config.strides.map(() => s) },
    [input],
    framework,
  );
  const plain = inferLayer({ ...conv.config, strides: conv.config.strides.map(() => 1) }, [input], framework);
  if (!strided.ok || !plain.ok) return [];
  const convOut = plain.record.outputs[0] ?? [];
  const pool: LayerConfig = {
    kind: "pool",
    rank: conv.config.rank,
    op: "avg",
    pool: conv.config.kernel.map(() => s),
    strides: conv.config.kernel.map(() => s),
    padding: "valid",
    dilation: conv.config.kernel.map(() => 1),
    ceilMode: false,
    dataFormat: conv.config.dataFormat,
  };
  const pooled = inferLayer(pool, [convOut], framework);
  if (!pooled.ok) return [];
  return loc.concepts.stridedVsPool({
    input: formatShape(input),
    stride: s,
    strided: formatShape(strided.record.outputs[0] ?? []),
    conv: formatShape(convOut),
    pooled: formatShape(pooled.record.outputs[0] ?? []),
    params: (strided.record.params.trainable ?? 0) + (strided.record.params.nonTrainable ?? 0),
    macsStrided: strided.record.macs ?? 0,
    macsConvPool: plain.record.macs ?? 0,
  });
}

/** Each layer's weight tensors in the framework's own layout. */
function weightTensors(
  a: Analysis,
  framework: Framework,
): { name: string; className: string; tensors: { name: string; shape: number[] }[] }[] {
  const rows: { name: string; className: string; tensors: { name: string; shape: number[] }[] }[] = [];
  a.layers.forEach((layer) => {
    if (layer.status !== "ok" || layer.reused) return;
    const input = inputOf(a, layer);
    const tensors = input ? tensorsOf(layer.config, input, framework) : [];
    if (tensors.length > 0) rows.push({ name: layer.name, className: layer.className, tensors });
  });
  return rows;
}

function tensorsOf(c: LayerConfig, input: Shape, framework: Framework): { name: string; shape: number[] }[] {
  const keras = framework === "keras";
  const lastDim = input.at(-1);
  switch (c.kind) {
    case "conv": {
      const inC = input[channelAxis(c, input)];
      if (typeof inC !== "number") return [];
      const perGroup = inC / c.groups;
      const kernel = keras
        ? { name: "kernel", shape: [...c.kernel, perGroup, c.filters] }
        : { name: "weight", shape: [c.filters, perGroup, ...c.kernel] };
      return c.useBias ? [kernel, { name: "bias", shape: [c.filters] }] : [kernel];
    }
    case "conv_transpose": {
      const inC = input[channelAxis(c, input)];
      if (typeof inC !== "number") return [];
      const kernel = keras
        ? { name: "kernel", shape: [...c.kernel, c.filters, inC] }
        : { name: "weight", shape: [inC, c.filters / c.groups, ...c.kernel] };
      return c.useBias ? [kernel, { name: "bias", shape: [c.filters] }] : [kernel];
    }
    case "depthwise_conv": {
      const inC = input[channelAxis(c, input)];
      if (typeof inC !== "number") return [];
      const out = inC * c.depthMultiplier;
      const kernel = keras
        ? { name: "kernel", shape: [...c.kernel, inC, c.depthMultiplier] }
        : { name: "weight", shape: [out, 1, ...c.kernel] };
      return c.useBias ? [kernel, { name: "bias", shape: [out] }] : [kernel];
    }
    case "dense":
      if (typeof lastDim !== "number") return [];
      return keras
        ? [
            { name: "kernel", shape: [lastDim, c.units] },
            { name: "bias", shape: [c.units] },
          ]
        : [
            { name: "weight", shape: [c.units, lastDim] },
            { name: "bias", shape: [c.units] },
          ];
    case "recurrent": {
      if (typeof lastDim !== "number") return [];
      const g = { lstm: 4, gru: 3, simple: 1 }[c.cell] * c.units;
      if (keras) {
        const bias = c.cell === "gru" && c.resetAfter ? [2, g] : [g];
        return [
          { name: "kernel", shape: [lastDim, g] },
          { name: "recurrent_kernel", shape: [c.units, g] },
          { name: "bias", shape: bias },
        ];
      }
      return [
        { name: "weight_ih_l0", shape: [g, lastDim] },
        { name: "weight_hh_l0", shape: [g, c.units] },
        { name: "bias_ih_l0", shape: [g] },
        { name: "bias_hh_l0", shape: [g] },
      ];
    }
    case "embedding":
      return [{ name: keras ? "embeddings" : "weight", shape: [c.inputDim, c.outputDim] }];
    case "batch_norm": {
      const ch = input[c.axis < 0 ? input.length + c.axis : c.axis];
      if (typeof ch !== "number") return [];
      return keras
        ? ["gamma", "beta", "moving_mean", "moving_variance"].map((name) => ({ name, shape: [ch] }))
        : ["weight", "bias"].map((name) => ({ name, shape: [ch] }));
    }
    default:
      return [];
  }
}
