import type { Framework } from "../model/layer-config.js";
import { kerasLayerSpec } from "../parse/keras/keras-layers.js";
import { lexPlain, type PlainToken } from "../parse/plain/plain-lexer.js";
import { normalizeWord } from "../parse/plain/plain-vocabulary.js";
import { torchModuleSpec } from "../parse/torch/torch-modules.js";

// "this Conv2D in PyTorch", "Conv2D(24, 8, strides=2) in pytorch", "nn.Conv2d(3, 24, 8, stride=2) in
// keras", "这个 Conv2D 用 PyTorch 怎么写": a layer asked for in the other framework. Read with the
// plain-language lexer (its vocabulary knows the framework names, the layer words and the
// "translate" cues: translate, convert, equivalent, 写, 转换 …), line by line outside code fences
// and import lines. A framework named after "in/to/into/for/as/用/在" only counts when the message
// also spells a layer in the other framework (a call, pasted code): "conv 3x3 on 32x32 in pytorch"
// stays a shape question.

export interface TranslationRequest {
  /** The framework asked for; null when only "translate" was said (the other one, then). */
  to: Framework | null;
  /** The layer class named ("Conv2D", "nn.Conv2d" → "Conv2d"); null = every layer. */
  className: string | null;
  /** An explicit cue ("translate", "怎么写") rather than only "in PyTorch". */
  explicit: boolean;
}

/** A layer call written in the message: `Conv2D(24, 8, strides=2)`, `nn.Conv2d(3, 24, 8)`. */
export interface LayerCall {
  text: string;
  className: string;
  framework: Framework | null;
  line: number;
}

const MARKERS = new Set(["in", "to", "into", "for", "as", "with", "用", "在", "到", "成"]);

export function translationRequest(text: string, codeFramework: Framework | null): TranslationRequest | null {
  let to: Framework | null = null;
  let marked = false;
  let explicit = false;
  let className: string | null = null;
  let named: Framework | null = null;
  let inFence = false;
  for (const line of text.split("\n").slice(0, 400)) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || /^\s*(import|from|def|class|#)\b/.test(line) || line.length > 300) continue;
    const tokens = lexPlain(line);
    tokens.forEach((t, i) => {
      const info = t.info;
      if (info?.cat === "CUE" && info.cue === "translate") explicit = true;
      if (info?.cat === "FRAMEWORK") {
        const before = previousWord(tokens, i);
        if (before !== null && MARKERS.has(before)) {
          to ??= info.framework;
          marked = true;
        } else named ??= info.framework;
      }
      if (info?.cat === "LAYER" && className === null && /[A-Z]/.test(t.text)) className = classOf(t.text);
    });
  }
  if (explicit) return { to: to ?? named, className, explicit };
  if (!marked || to === null) return null;
  const calls = layerCalls(text);
  const spelled =
    calls.some((c) => c.framework !== null && c.framework !== to) ||
    (codeFramework !== null && codeFramework !== to && (calls.length > 0 || className !== null));
  return spelled ? { to, className, explicit } : null;
}

/** The word before token i, lower case, skipping punctuation ("… in `PyTorch`"). */
function previousWord(tokens: PlainToken[], i: number): string | null {
  for (let j = i - 1; j >= 0; j--) {
    const t = tokens[j] as PlainToken;
    if (t.type === "FILLER" && !/\p{L}/u.test(t.text)) continue;
    return t.text.toLowerCase();
  }
  return null;
}

/** "nn.Conv2d" → "Conv2d", "layers.Conv2D" → "Conv2D". */
function classOf(text: string): string {
  return text.split(".").at(-1) ?? text;
}

const CALL = /((?:[A-Za-z_]\w*\.)*)([A-Z]\w*)\s*\(/g;

/** Layer constructor calls in the text, with their whole argument list (balanced brackets). */
export function layerCalls(text: string): LayerCall[] {
  const out: LayerCall[] = [];
  for (const m of text.slice(0, 20_000).matchAll(CALL)) {
    const prefix = m[1] ?? "";
    const name = m[2] ?? "";
    const keras = kerasLayerSpec(name) !== undefined;
    const torch = torchModuleSpec(name) !== undefined;
    if (!keras && !torch) continue;
    if (/^(Sequential|Model|Input|ModuleList|ModuleDict)$/.test(name)) continue;
    const start = m.index ?? 0;
    const end = closing(text, start + m[0].length - 1);
    if (end < 0) continue;
    const framework: Framework | null = /\bnn\.$/.test(prefix)
      ? "pytorch"
      : /\b(layers|keras)\.$/.test(prefix)
        ? "keras"
        : keras && !torch
          ? "keras"
          : torch && !keras
            ? "pytorch"
            : null;
    out.push({
      text: text.slice(start, end + 1),
      className: name,
      framework,
      line: text.slice(0, start).split("\n").length,
    });
  }
  return out;
}

/** Index of the bracket closing the one at `open`, skipping strings; −1 when unbalanced. */
export function closing(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length && i < open + 2000; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Class names compare without case and underscores: "Conv2D" asks for "Conv2d" too. */
export function sameClass(a: string, b: string): boolean {
  return normalizeWord(a) === normalizeWord(b);
}
