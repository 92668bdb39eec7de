import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { LayerConfig } from "../model/layer-config.js";
import { formatShape, knownProduct } from "../model/shape.js";
import type { Step } from "../shape/steps.js";
import { describeStep } from "./explain-steps.js";
import { listWords, readableBytes, thousands } from "./format.js";

const MAX_GROUPS = 10;
const MAX_MAC_ROWS = 12;

/**
 * The explanation under the table: for each distinct conv/pool configuration the per-axis
 * formula with the user's numbers and the param breakdown; the channel answer at the first conv;
 * then the other layers' arithmetic, MACs and activation memory.
 */
export function explainAnalysis(a: Analysis): string[] {
  const out: string[] = [];
  const computed = a.layers.filter((l) => l.status === "ok" && l.record && !l.reused);
  const groups = groupByConfiguration(computed);
  const story = { channelsTold: false, macsTold: false };
  let shown = 0;
  let rest = 0;
  for (const group of groups) {
    const lines = groupLines(group, story);
    if (lines.length === 0) continue;
    if (shown >= MAX_GROUPS) {
      rest++;
      continue;
    }
    shown++;
    const first = group.layers[0] as AnalyzedLayer;
    const settings = configSummary(first.config);
    out.push(
      `${listWords(group.layers.map((l) => l.name))} (${first.className}${settings ? `, ${settings}` : ""}):`,
    );
    for (const line of collapseAxes(lines)) out.push(`  • ${line}`);
  }
  if (rest > 0) out.push(`…and ${rest} more layer group${rest === 1 ? "" : "s"} (ask about one by name).`);

  const macs = macsLines(a.layers);
  if (macs.length > 0) out.push(...(out.length > 0 ? [""] : []), ...macs);
  const memory = activationMemory(a.layers);
  if (memory) out.push(memory);
  return out;
}

/**
 * Per-layer arithmetic first (each layer's own input sizes), then what the layers share: the
 * channel story once (at the first conv), the params (named by layer when they differ).
 */
function groupLines(group: Group, story: { channelsTold: boolean; macsTold: boolean }): string[] {
  const perLayer: string[] = [];
  const shared = new Map<string, string[]>();
  const many = group.layers.length > 1;
  for (const layer of group.layers) {
    for (const step of (layer.record as NonNullable<AnalyzedLayer["record"]>).steps) {
      if (step.code === "macs") {
        if (story.macsTold || !layer.config.kind.includes("conv")) continue;
        story.macsTold = true;
        perLayer.push(`${many ? `${layer.name}: ` : ""}${describeStep(step)}`);
        continue;
      }
      if (step.code === "conv.channels") {
        if (story.channelsTold) continue;
        story.channelsTold = true;
        perLayer.push(channelStory(layer, step));
        continue;
      }
      const text = describeStep(step);
      if (isPerLayerStep(step)) perLayer.push(many ? `${layer.name}: ${text}` : text);
      else shared.set(text, [...(shared.get(text) ?? []), layer.name]);
    }
  }
  const sharedLines = [...shared.entries()].map(([text, names]) =>
    shared.size > 1 && names.length < group.layers.length ? `${listWords(names)}: ${text}` : text,
  );
  return [...perLayer, ...sharedLines];
}

/** The seed question: why (None, 61, 61, 24) and not (None, 61, 61, 24, 3). */
function channelStory(layer: AnalyzedLayer, step: Extract<Step, { code: "conv.channels" }>): string {
  const out = layer.outputShapes[0];
  const c = step.inChannels;
  if (!out || step.groups !== 1 || typeof c !== "number") return describeStep(step);
  const f = step.filters.toLocaleString("en-US");
  if (c === 1)
    return `each of the ${f} filters looks at the 1 input channel, and each filter makes one output channel, so the channel axis becomes the number of filters: ${layer.name} gives ${formatShape(out)}`;
  return `each of the ${f} filters spans all ${c} input channels and sums them into one number per position, so the channel axis becomes the number of filters: ${layer.name} gives ${formatShape(out)}, not ${formatShape([...out, c])} or ${f}×${c}`;
}

/** "24 filters 8×8, stride 2, 'valid'" for window layers; "" for others. */
function configSummary(c: LayerConfig): string {
  const size = (xs: number[]) => xs.join("×");
  const same = (xs: number[]) => (xs.every((x) => x === xs[0]) ? String(xs[0]) : xs.join("×"));
  const pad = (p: LayerConfig & { padding: unknown }) =>
    typeof p.padding === "string" ? `'${p.padding}'` : "explicit padding";
  const common = (c: Extract<LayerConfig, { strides: number[] }>) => {
    const parts = [`stride ${same(c.strides)}`, pad(c)];
    if ("dilation" in c && c.dilation.some((d) => d !== 1)) parts.push(`dilation ${same(c.dilation)}`);
    return parts.join(", ");
  };
  switch (c.kind) {
    case "conv":
    case "conv_transpose":
    case "separable_conv":
      return `${c.filters} filter${c.filters === 1 ? "" : "s"} ${size(c.kernel)}, ${common(c)}`;
    case "depthwise_conv":
      return `${size(c.kernel)}, ${common(c)}`;
    case "pool":
      return `${c.op} ${size(c.pool)}, ${common(c)}`;
    case "dense":
      return `${c.units.toLocaleString("en-US")} unit${c.units === 1 ? "" : "s"}`;
    default:
      return "";
  }
}

interface Group {
  key: string;
  layers: AnalyzedLayer[];
}

/** Layers with the same class and arguments share one explanation (conv_2 and conv_3 above). */
function groupByConfiguration(layers: AnalyzedLayer[]): Group[] {
  const groups = new Map<string, Group>();
  for (const layer of layers) {
    const key = `${layer.className}:${configKey(layer.config)}`;
    const g = groups.get(key) ?? { key, layers: [] };
    g.layers.push(layer);
    groups.set(key, g);
  }
  return [...groups.values()];
}

function configKey(config: LayerConfig): string {
  return JSON.stringify(config);
}

/** Steps whose numbers depend on the layer's input size (so each layer of a group gets its own line). */
function isPerLayerStep(step: Step): boolean {
  return step.code.endsWith(".axis") || step.code === "flatten" || step.code === "elementwise";
}

/** "height: …" and "width: …" with the same arithmetic become one line. */
function collapseAxes(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const m = /^(.*?)width: (.*)$/.exec(line);
    const prev = out.at(-1);
    if (m && prev) {
      const pm = /^(.*?)height: (.*)$/.exec(prev);
      if (pm && pm[1] === m[1] && pm[2] === m[2]) {
        out[out.length - 1] = `${pm[1]}height and width: ${pm[2]}`;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

function macsLines(layers: AnalyzedLayer[]): string[] {
  const withMacs = layers.filter((l) => l.status === "ok" && (l.macs ?? 0) > 0);
  if (withMacs.length === 0) return [];
  const total = withMacs.reduce((s, l) => s + (l.macs ?? 0), 0);
  const shown = [...withMacs].sort((x, y) => (y.macs ?? 0) - (x.macs ?? 0)).slice(0, MAX_MAC_ROWS);
  const order = new Map(layers.map((l, i) => [l, i]));
  shown.sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
  const lines = [`MACs (multiply-accumulates per sample, bias excluded): ${thousands(total)} in all`];
  lines.push(`  ${shown.map((l) => `${l.name} ${thousands(l.macs ?? 0)}`).join(" · ")}`);
  if (withMacs.length > shown.length)
    lines.push(`  (the ${shown.length} largest of ${withMacs.length} layers)`);
  return lines;
}

/** Values every layer output holds for one sample, and their float32 size. */
function activationMemory(layers: AnalyzedLayer[]): string | null {
  let total = 0;
  let largest: { name: string; size: number } | null = null;
  for (const layer of layers) {
    if (layer.status !== "ok") continue;
    for (const shape of layer.outputShapes) {
      const size = knownProduct(shape.slice(1));
      if (size === null) return null;
      total += size;
      if (!largest || size > largest.size) largest = { name: layer.name, size };
    }
  }
  if (!largest || total === 0) return null;
  return `Activations: ${thousands(total)} values per sample (${readableBytes(total * 4)} at float32); largest output: ${largest.name} (${thousands(largest.size)}).`;
}
