import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { Framework, LayerConfig } from "../model/layer-config.js";
import { knownProduct } from "../model/shape.js";
import type { Step } from "../shape/steps.js";
import { crossFrameworkNotes } from "../translate/model-notes.js";
import { readableBytes, thousands } from "./format.js";
import type { Locale } from "./locale/locale.js";

const MAX_GROUPS = 10;
const MAX_MAC_ROWS = 12;

/**
 * The explanation under the table: for each distinct conv/pool configuration the per-axis
 * formula with the user's numbers and the param breakdown; the channel answer at the first conv;
 * then the other layers' arithmetic, MACs and activation memory.
 */
export function explainAnalysis(a: Analysis, loc: Locale, channelsTold = false): string[] {
  const out: string[] = [];
  // PyTorch code calls F.relu and friends inline: the table shows them; the prose skips them.
  const quiet = (l: AnalyzedLayer) =>
    a.framework === "pytorch" &&
    ((l.config.kind === "elementwise" && (l.params.trainable ?? 0) === 0) || sameShapeSum(l));
  const computed = a.layers.filter((l) => l.status === "ok" && l.record && !l.reused && !quiet(l));
  const story = { channelsTold, macsTold: false };
  let shown = 0;
  let rest = 0;
  for (const group of groupByConfiguration(computed)) {
    const lines = groupLines(group, story, loc, a.framework);
    if (lines.length === 0) continue;
    if (shown >= MAX_GROUPS) {
      rest++;
      continue;
    }
    shown++;
    const first = group.layers[0] as AnalyzedLayer;
    out.push(
      loc.explain.groupHeader(
        group.layers.map((l) => l.name),
        first.className,
        loc.explain.settings(first.config),
      ),
    );
    for (const line of lines) out.push(`  • ${line}`);
  }
  if (rest > 0) out.push(loc.explain.moreGroups(rest));

  const macs = macsLines(a.layers, loc);
  if (macs.length > 0) out.push(...(out.length > 0 ? [""] : []), ...macs);
  const memory = activationMemory(a.layers, loc);
  if (memory) out.push(memory);
  const cross = crossFrameworkNotes(a);
  if (cross.length > 0) {
    const notes = cross.map((x) => `  • ${loc.crossFramework.note(x)}`);
    out.push(...(out.length > 0 ? [""] : []), loc.crossFramework.notesHeader, ...notes);
  }
  return out;
}

/**
 * Per-layer arithmetic first (each layer's own input sizes), then what the layers share: the
 * channel story once (at the first conv), the params (named by layer when they differ).
 */
function groupLines(
  group: Group,
  story: { channelsTold: boolean; macsTold: boolean },
  loc: Locale,
  framework: Framework,
): string[] {
  const perLayer: string[] = [];
  const shared = new Map<string, string[]>();
  const many = group.layers.length > 1;
  for (const layer of group.layers) {
    for (const step of collapseAxes((layer.record as NonNullable<AnalyzedLayer["record"]>).steps)) {
      if (step.code === "macs") {
        if (story.macsTold || !layer.config.kind.includes("conv") || step.total === null) continue;
        story.macsTold = true;
        perLayer.push(`${many ? `${layer.name}: ` : ""}${loc.step(step, framework)}`);
        continue;
      }
      if (step.code === "conv.channels") {
        if (story.channelsTold) continue;
        story.channelsTold = true;
        perLayer.push(channelStory(layer, step, loc, framework));
        continue;
      }
      const text = loc.step(step, framework);
      if (isPerLayerStep(step)) perLayer.push(many ? `${layer.name}: ${text}` : text);
      else shared.set(text, [...(shared.get(text) ?? []), layer.name]);
    }
  }
  const sharedLines = [...shared.entries()].map(([text, names]) =>
    shared.size > 1 && names.length < group.layers.length ? `${loc.list(names)}: ${text}` : text,
  );
  return [...perLayer, ...sharedLines];
}

/** The seed question: why (None, 61, 61, 24) and not (None, 61, 61, 24, 3). */
function channelStory(
  layer: AnalyzedLayer,
  step: Extract<Step, { code: "conv.channels" }>,
  loc: Locale,
  framework: Framework,
): string {
  const out = layer.outputShapes[0];
  if (!out || step.groups !== 1 || typeof step.inChannels !== "number") return loc.step(step, framework);
  return loc.explain.channelStory(layer.name, step.filters, step.inChannels, out, framework);
}

/** x + y on equal shapes (a residual add): nothing to explain; broadcasting is worth a line. */
function sameShapeSum(l: AnalyzedLayer): boolean {
  if (l.config.kind !== "tensor_op" || l.config.op.name !== "broadcast") return false;
  const steps = l.record?.steps ?? [];
  const step = steps.find((s) => s.code === "op_shape");
  return (
    step?.code === "op_shape" && step.inputs.every((s) => JSON.stringify(s) === JSON.stringify(step.output))
  );
}

interface Group {
  layers: AnalyzedLayer[];
}

/** Layers with the same class and arguments share one explanation (conv_2 and conv_3 of the seed). */
function groupByConfiguration(layers: AnalyzedLayer[]): Group[] {
  const groups = new Map<string, Group>();
  for (const layer of layers) {
    const key = `${layer.className}:${configKey(layer.config)}`;
    const g = groups.get(key) ?? { layers: [] };
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

/** A height step and a width step with the same arithmetic become one "height_width" step. */
function collapseAxes(steps: Step[]): Step[] {
  const out: Step[] = [];
  for (const step of steps) {
    const prev = out.at(-1);
    if (
      isAxisStep(step) &&
      prev &&
      isAxisStep(prev) &&
      prev.code === step.code &&
      prev.axis === "height" &&
      step.axis === "width"
    ) {
      if (JSON.stringify({ ...prev, axis: "" }) === JSON.stringify({ ...step, axis: "" })) {
        out[out.length - 1] = { ...prev, axis: "height_width" } as Step;
        continue;
      }
    }
    out.push(step);
  }
  return out;
}

type AxisStep = Extract<Step, { axis: string }>;

function isAxisStep(step: Step): step is AxisStep {
  return step.code.endsWith(".axis") && typeof (step as { axis?: unknown }).axis === "string";
}

function macsLines(layers: AnalyzedLayer[], loc: Locale): string[] {
  const withMacs = layers.filter((l) => l.status === "ok" && (l.macs ?? 0) > 0);
  if (withMacs.length === 0) return [];
  const total = withMacs.reduce((s, l) => s + (l.macs ?? 0), 0);
  const shown = [...withMacs].sort((x, y) => (y.macs ?? 0) - (x.macs ?? 0)).slice(0, MAX_MAC_ROWS);
  const order = new Map(layers.map((l, i) => [l, i]));
  shown.sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0));
  const lines = [
    loc.explain.macsTotal(total),
    `  ${shown.map((l) => `${l.name} ${thousands(l.macs ?? 0)}`).join(" · ")}`,
  ];
  if (withMacs.length > shown.length)
    lines.push(`  ${loc.explain.macsShownOf(shown.length, withMacs.length)}`);
  return lines;
}

/** Values every layer output holds for one sample, and their float32 size. */
function activationMemory(layers: AnalyzedLayer[], loc: Locale): string | null {
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
  return loc.explain.activations(total, readableBytes(total * 4), largest.name, largest.size);
}
