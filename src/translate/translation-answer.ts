import { detectFramework } from "../core/triage.js";
import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { Framework } from "../model/layer-config.js";
import { analyzeKeras } from "../parse/keras/analyze-keras.js";
import { parseMessage } from "../parse/parse-python.js";
import { parsePlain } from "../parse/plain/parse-plain.js";
import { buildPlainModel } from "../parse/plain/plain-builder.js";
import { analyzePytorch } from "../parse/torch/analyze-pytorch.js";
import type { Locale } from "../render/locale/locale.js";
import { type Translation, translateLayer } from "./layer-translation.js";
import { closing, layerCalls, sameClass, translationRequest } from "./translation-request.js";

// A layer asked for in the other framework: find the layers (the user's model, the bare calls in
// the message, or a plain-language description), write each one in the target framework with
// both weight layouts, and the caveats once each.

const MAX_LAYERS = 6;

export interface TranslationAnswer {
  text: string;
  analysis: Analysis | null;
}

export interface TranslationLimits {
  maxLayers: number;
  maxStatesPerLine: number;
  evalLimits: { maxSteps: number; maxDepth: number; maxCollection: number };
}

/** The reply to a translation request, or null when the message does not ask for one. */
export function translationAnswer(
  text: string,
  loc: Locale,
  limits: TranslationLimits,
  inputOverride: (number | null)[] | null = null,
): TranslationAnswer | null {
  const calls = layerCalls(text);
  const codeFramework =
    calls.length > 0 || /\bimport\b|\bnn\.|\blayers\./.test(text) ? detectFramework(text) : null;
  const request = translationRequest(text, codeFramework);
  if (request === null) return null;
  const found = findLayers(text, calls, request.to, codeFramework, limits, inputOverride);
  const to: Framework = request.to ?? (found?.framework === "pytorch" ? "keras" : "pytorch");
  if (found === null || found.framework === to)
    return { text: loc.crossFramework.nothingToTranslate(to), analysis: null };
  const candidates = found.analysis.layers.filter(
    (l) => l.status === "ok" && !l.reused && !(l.config.kind === "tensor_op") && l.className !== "InputLayer",
  );
  // Bare calls are the layers asked for, whichever class the sentence names first.
  const className = found.bare ? null : request.className;
  const named = className ? candidates.filter((l) => sameClass(l.className, className)) : [];
  const out: string[] = [];
  let layers = named;
  if (className && named.length === 0) {
    const classes = [...new Set(candidates.map((l) => l.className))];
    out.push(loc.crossFramework.noSuchLayer(className, classes), "");
    layers = candidates;
  } else if (!className) layers = candidates;
  if (layers.length === 0)
    return { text: loc.crossFramework.nothingToTranslate(to), analysis: found.analysis };

  const shownCaveats = new Set<string>();
  for (const layer of layers.slice(0, MAX_LAYERS)) {
    const t = translateLayer(layer, found.framework, { dropoutRate: dropoutRate(layer, found.source) });
    if (out.length > 0 && out.at(-1) !== "") out.push("");
    out.push(...translationLines(t, layer, found.bare, loc, shownCaveats));
  }
  if (layers.length > MAX_LAYERS) out.push("", loc.crossFramework.moreLayers(layers.length - MAX_LAYERS));
  return { text: out.join("\n"), analysis: found.analysis };
}

function translationLines(
  t: Translation,
  layer: AnalyzedLayer,
  bare: boolean,
  loc: Locale,
  shown: Set<string>,
): string[] {
  const x = loc.crossFramework;
  const header = x.translationHeader({
    layer: bare ? null : layer.name,
    className: layer.className,
    line: bare ? null : layer.pos.line,
    to: t.to,
  });
  const lines = [header];
  if (t.code.length > 0) lines.push("```python", ...t.code, "```");
  for (const w of x.weights(t)) lines.push(`  • ${w}`);
  for (const c of t.caveats) {
    const said = x.caveat(c);
    if (said === "" || shown.has(said)) continue;
    shown.add(said);
    lines.push(`  • ${said}`);
  }
  return lines;
}

interface Found {
  framework: Framework;
  analysis: Analysis;
  /** The layers came from bare calls (no model): no names or lines to show. */
  bare: boolean;
  source: string;
}

function findLayers(
  text: string,
  calls: ReturnType<typeof layerCalls>,
  to: Framework | null,
  codeFramework: Framework | null,
  limits: TranslationLimits,
  inputOverride: (number | null)[] | null,
): Found | null {
  if (calls.length > 0 && codeFramework !== null) {
    const model = analyzeCode(text, codeFramework, limits, inputOverride);
    if (model && model.layers.length > 0)
      return { framework: codeFramework, analysis: model, bare: false, source: text };
    // Bare calls: wrapped in a Sequential of their own framework.
    const from: Framework =
      calls.find((c) => c.framework !== null)?.framework ?? (to === "keras" ? "pytorch" : "keras");
    const own = calls.filter((c) => c.framework === from || c.framework === null).slice(0, 20);
    const source =
      from === "keras"
        ? `from tensorflow import keras\nfrom tensorflow.keras import layers\nfrom tensorflow.keras.layers import *\nmodel = keras.Sequential([\n${own.map((c) => `    ${c.text},`).join("\n")}\n])\n`
        : `import torch\nfrom torch import nn\nfrom torch.nn import *\nmodel = nn.Sequential(\n${own.map((c) => `    ${c.text},`).join("\n")}\n)\n`;
    const wrapped = analyzeCode(source, from, limits, inputOverride ?? statedInput(text, own));
    return wrapped ? { framework: from, analysis: wrapped, bare: true, source } : null;
  }
  // A plain-language description ("conv 24 filters 8x8 stride 2 on 128x128x3, in PyTorch").
  const parsed = parsePlain(text);
  if (!parsed.ok || parsed.question.layers.length === 0) return null;
  const from: Framework = to === "keras" ? "pytorch" : "keras";
  const model = buildPlainModel({ ...parsed.question, framework: from }, text);
  return model ? { framework: from, analysis: model.analysis, bare: true, source: "" } : null;
}

function analyzeCode(
  text: string,
  framework: Framework,
  limits: TranslationLimits,
  inputOverride: (number | null)[] | null,
): Analysis | null {
  const parsed = parseMessage(text, { maxStatesPerLine: limits.maxStatesPerLine });
  if (parsed.body.length === 0) return null;
  return framework === "pytorch"
    ? analyzePytorch(parsed, {
        inputOverride,
        maxLayers: limits.maxLayers,
        proseLines: [],
        evalLimits: limits.evalLimits,
      })
    : analyzeKeras(parsed, { inputOverride, maxLayers: limits.maxLayers, evalLimits: limits.evalLimits });
}

/** "Conv2D(24, 8, strides=2) on 128x128x3 in PyTorch": the size the prose around the calls states. */
function statedInput(text: string, calls: ReturnType<typeof layerCalls>): number[] | null {
  let prose = text;
  for (const c of calls) prose = prose.replace(c.text, " ");
  const parsed = parsePlain(prose.slice(0, 1_000));
  const input = parsed.ok ? parsed.question.input : null;
  if (input && input.dims.length >= 2) return input.dims;
  // "20 steps of 8 features": a sequence.
  if (input && input.steps !== null && input.features !== null) return [input.steps, input.features];
  return null;
}

/** Dropout's rate from the user's call at the layer's position (`Dropout(0.3)`, `nn.Dropout(p=0.3)`). */
function dropoutRate(layer: AnalyzedLayer, source: string): number | null {
  if (layer.config.kind !== "elementwise" || !layer.config.op.includes("dropout")) return null;
  const line = source.split("\n")[layer.pos.line - 1] ?? "";
  const start = layer.pos.column - 1;
  const open = line.indexOf("(", start);
  if (open < 0) return null;
  const end = closing(line, open);
  const args = end < 0 ? "" : line.slice(open + 1, end);
  const m = /(?:^|[,\s])(?:rate|p)\s*=\s*([\d.]+)/.exec(args) ?? /^\s*([\d.]+)/.exec(args);
  const v = m ? Number(m[1]) : Number.NaN;
  return Number.isFinite(v) ? v : null;
}
