import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { Framework, LayerConfig } from "../model/layer-config.js";
import { inChannels, inputShapeOf, padsOf } from "./layer-translation.js";
import { fPadArg } from "./python-call.js";

// Where the user's model would come out differently in the other framework, with their numbers:
// Keras 'same' + stride padding one more pixel bottom/right than top/left (PyTorch's padding= is
// symmetric), the transposed conv's 'same' crop, the recurrent layers' second bias vector, and
// BatchNorm's moving statistics (Keras params vs PyTorch buffers). Coded here; worded in the locale.

export type CrossNote =
  | {
      code: "same_asymmetric";
      layers: string[];
      className: string;
      stride: number[];
      pads: [number, number][];
      fPad: string;
      pool: "max" | "avg" | null;
    }
  | {
      code: "transpose_same";
      layers: string[];
      className: string;
      kernel: number[];
      stride: number[];
      padding: number[];
      crop: number;
    }
  | {
      code: "rnn_bias";
      from: Framework;
      layer: string;
      cell: "lstm" | "gru" | "simple";
      units: number;
      /** Layers × directions that each carry one bias set. */
      copies: number;
      keras: number;
      pytorch: number;
      /** Keras GRU with reset_after=False: PyTorch has no such GRU. */
      resetBefore: boolean;
    }
  | {
      code: "batch_norm";
      from: Framework;
      layers: string[];
      channels: number;
      /** The moving mean and variance: 2·channels. */
      stats: number;
      totalParams: number | null;
    };

const GATES = { lstm: 4, gru: 3, simple: 1 } as const;

export function crossFrameworkNotes(a: Analysis): CrossNote[] {
  const layers = a.layers.filter((l) => l.status === "ok" && !l.reused);
  return [
    ...paddingNotes(layers, a.framework),
    ...rnnNotes(layers, a.framework),
    ...batchNormNotes(a, layers),
  ];
}

type Windowed = Extract<LayerConfig, { kind: "conv" | "depthwise_conv" | "separable_conv" | "pool" }>;

function paddingNotes(layers: AnalyzedLayer[], framework: Framework): CrossNote[] {
  if (framework !== "keras") return [];
  const out: CrossNote[] = [];
  const byKey = new Map<string, CrossNote & { layers: string[] }>();
  for (const layer of layers) {
    const c = layer.config;
    if (c.kind === "conv_transpose") {
      const note = transposeNote(layer, c);
      if (note) group(byKey, out, note, layer.name);
      continue;
    }
    if (c.kind !== "conv" && c.kind !== "depthwise_conv" && c.kind !== "separable_conv" && c.kind !== "pool")
      continue;
    const w = c as Windowed;
    if (w.padding !== "same" || w.strides.every((s) => s === 1)) continue;
    const pads = padsOf(layer.record?.geometry ?? null);
    if (pads === null || pads.every(([b, after]) => b === after)) continue;
    group(
      byKey,
      out,
      {
        code: "same_asymmetric",
        layers: [],
        className: layer.className,
        stride: w.strides,
        pads,
        fPad: fPadArg(pads),
        pool: w.kind === "pool" ? w.op : null,
      },
      layer.name,
    );
  }
  return out;
}

/** Keras Conv2DTranspose 'same' with k_eff − s odd: TF crops one more position at the end than at the start. */
function transposeNote(
  layer: AnalyzedLayer,
  c: Extract<LayerConfig, { kind: "conv_transpose" }>,
): Extract<CrossNote, { code: "transpose_same" }> | null {
  if (c.padding !== "same") return null;
  const kEff = c.kernel.map((k, i) => (c.dilation[i] ?? 1) * (k - 1) + 1);
  const diff = kEff.map((k, i) => k - (c.strides[i] ?? 1));
  if (!diff.some((d) => d > 0 && d % 2 === 1)) return null;
  return {
    code: "transpose_same",
    layers: [],
    className: layer.className,
    kernel: c.kernel,
    stride: c.strides,
    padding: diff.map((d) => (d > 0 ? Math.floor(d / 2) : 0)),
    crop: 1,
  };
}

function group(
  byKey: Map<string, CrossNote & { layers: string[] }>,
  out: CrossNote[],
  note: CrossNote & { layers: string[] },
  name: string,
): void {
  const key = JSON.stringify({ ...note, layers: [] });
  const seen = byKey.get(key);
  if (seen) {
    seen.layers.push(name);
    return;
  }
  note.layers.push(name);
  byKey.set(key, note);
  out.push(note);
}

function rnnNotes(layers: AnalyzedLayer[], framework: Framework): CrossNote[] {
  const out: CrossNote[] = [];
  for (const layer of layers) {
    let c = layer.config;
    let dirs = 1;
    if (c.kind === "bidirectional") {
      dirs = 2;
      c = c.layer;
    }
    if (c.kind === "recurrent") {
      if (!c.useBias) continue;
      const input = inputShapeOf(layer);
      const i = inChannels(c, input);
      if (i === null) continue;
      const h = c.units;
      const g = GATES[c.cell] * h;
      const weights = g * (i + h);
      const keras = dirs * (weights + (c.cell === "gru" && c.resetAfter ? 2 * g : g));
      const pytorch = dirs * (weights + 2 * g);
      out.push({
        code: "rnn_bias",
        from: "keras",
        layer: layer.name,
        cell: c.cell,
        units: h,
        copies: dirs,
        keras,
        pytorch,
        resetBefore: c.cell === "gru" && !c.resetAfter,
      });
    } else if (c.kind === "torch_rnn" && framework === "pytorch") {
      if (!c.bias || c.projSize > 0) continue;
      const g = GATES[c.cell] * c.hiddenSize;
      const d = c.bidirectional ? 2 : 1;
      let pytorch = 0;
      for (let l = 0; l < c.numLayers; l++) {
        const i = l === 0 ? c.inputSize : d * c.hiddenSize;
        pytorch += d * (g * (i + c.hiddenSize) + 2 * g);
      }
      const copies = d * c.numLayers;
      // Keras' LSTM and SimpleRNN keep one bias vector; its GRU (reset_after=True) two, as PyTorch.
      const keras = c.cell === "gru" ? pytorch : pytorch - copies * g;
      out.push({
        code: "rnn_bias",
        from: "pytorch",
        layer: layer.name,
        cell: c.cell,
        units: c.hiddenSize,
        copies,
        keras,
        pytorch,
        resetBefore: false,
      });
    }
  }
  return out;
}

function batchNormNotes(a: Analysis, layers: AnalyzedLayer[]): CrossNote[] {
  const bns = layers.filter((l) => l.config.kind === "batch_norm");
  if (bns.length === 0) return [];
  let channels = 0;
  for (const l of bns) {
    const c = inChannels(l.config, inputShapeOf(l));
    if (c === null) return [];
    channels += c;
  }
  return [
    {
      code: "batch_norm",
      from: a.framework,
      layers: bns.map((l) => l.name),
      channels,
      stats: 2 * channels,
      totalParams: a.totals.params,
    },
  ];
}
