import type { InverseAsk, WindowSetting } from "../../inverse/inverse-ask.js";
import { type Phrase, type PlainToken, wordKey } from "./plain-lexer.js";
import type { AttrKey } from "./plain-vocabulary.js";

// Recognises inverse questions in the grammar's flat phrases, in one linear pass like
// plain-assemble.ts: "what padding keeps 32x32 with a 5x5 kernel?", "which stride/kernel takes 224
// to 112?", "5x5 卷积核要多少 padding 才能保持 32x32？", "怎样把 224 变成 112？", "what input sizes
// work with this model?", "how do I get 64x64 out of this decoder?". The sizes around an output
// marker ("224 to 112", "把 224 变成 112", "224 → 112") or after "keep" are the question; values
// next to an attribute ("kernel 5", "5x5 kernel", "k=3") are the settings the user fixed.

const ARROWS: ReadonlySet<string> = new Set(["->", "=>", "→", "⟶", "⇒", "➔", "➜", "—>", "-->"]);
const SETTINGS: ReadonlySet<AttrKey> = new Set(["kernel", "stride", "padding", "dilation", "output_padding"]);
/** `k=3`, `s=2`, `p=1` as well as the attribute words themselves. */
const ASSIGN_KEYS: Record<string, AttrKey> = {
  k: "kernel",
  kernel: "kernel",
  kernelsize: "kernel",
  s: "stride",
  stride: "stride",
  strides: "stride",
  p: "padding",
  pad: "padding",
  padding: "padding",
  d: "dilation",
  dilation: "dilation",
  op: "output_padding",
  outputpadding: "output_padding",
};

function isValue(t: PlainToken | undefined): boolean {
  return (
    t !== undefined &&
    (t.type === "NUM" || t.type === "SIZE" || t.type === "SHAPE") &&
    (t.dims ?? []).every((d) => d !== null)
  );
}

/** The spatial sizes of a written size: 224 → [224]; 224x224 → [224, 224]; 3x224x224 / 224x224x3 → [224, 224]. */
export function spatialOf(dims: readonly (number | null)[]): number[] {
  const xs = dims.filter((d): d is number => d !== null);
  if (xs.length <= 2) return xs;
  if (xs.length === 3) return (xs[0] ?? 0) <= 4 && (xs[2] ?? 0) > 4 ? xs.slice(1) : xs.slice(0, 2);
  return xs.slice(-2);
}

/** The inverse question a sentence asks, or null when it asks none. Linear in the phrases. */
export function detectInverse(phrases: readonly Phrase[]): InverseAsk | null {
  const core = phrases.filter((p) => p.tok.type !== "FILLER");
  const tok = (i: number): PlainToken | undefined => core[i]?.tok;
  let question = false;
  let why = false;
  let keep = false;
  let fit = false;
  let how = false;
  let concept = false;
  let inputWord = false;
  let framework: "keras" | "pytorch" | null = null;
  let layer: "conv" | "pool" | "conv_transpose" | "upsampling" | null = null;
  let padWord: "same" | "valid" | null = null;
  const attrs: { at: number; attr: AttrKey }[] = [];
  for (let i = 0; i < core.length; i++) {
    const p = core[i] as Phrase;
    const info = p.tok.info;
    if (p.value !== null) {
      const attr = ASSIGN_KEYS[wordKey(p.tok)];
      if (attr !== undefined) attrs.push({ at: i, attr });
      continue;
    }
    if (info === null) continue;
    switch (info.cat) {
      case "QUESTION":
        if (info.q === "why") why = true;
        else question = true;
        if (info.q === "how") how = true;
        break;
      case "CUE":
        if (info.cue === "in_features") return null; // the in_features concept answers it
        if (info.cue === "choose") question = true;
        if (info.cue === "mean" || info.cue === "vs") concept = true; // "difference between …", "same vs valid"
        if (info.cue === "keep") keep = true;
        if (info.cue === "fit") fit = true;
        break;
      case "ATTR":
        if (SETTINGS.has(info.attr)) attrs.push({ at: i, attr: info.attr });
        break;
      case "INPUT":
        if (info.strong) inputWord = true;
        break;
      case "PAD":
        if (info.pad !== "causal") padWord = info.pad;
        break;
      case "FRAMEWORK":
        framework ??= info.framework;
        break;
      case "LAYER":
        if (info.framework !== null) framework ??= info.framework;
        if (info.kind === "pool") layer ??= "pool";
        else if (info.kind === "conv_transpose") layer = "conv_transpose";
        else if (info.kind === "upsampling") layer ??= "upsampling";
        else if (info.kind === "conv") layer ??= "conv";
        break;
      case "MOD":
        if (info.mod === "transposed") layer = "conv_transpose";
        break;
      default:
        break;
    }
  }
  if (why || concept) return null;

  // Settings with their values: "kernel 5", "5x5 kernel", "k=3". A value followed by an output
  // marker is the size the question starts from ("kernel takes 224 to 112"), not a setting.
  const bound = new Uint8Array(core.length);
  const isMarker = (i: number): boolean => {
    const t = tok(i);
    return t !== undefined && (t.type === "OUTPUT" || (t.type === "SEP" && ARROWS.has(t.text)));
  };
  const fixed: Partial<Record<AttrKey, number[] | "same" | "valid">> = {};
  const asked: WindowSetting[] = [];
  for (const { at, attr } of attrs) {
    const p = core[at] as Phrase;
    let dims: number[] | null = null;
    if (p.value !== null) {
      if (isValue(p.value)) dims = (p.value.dims ?? []) as number[];
      else if (p.value.info?.cat === "PAD" && p.value.info.pad !== "causal") fixed.padding = p.value.info.pad;
    } else if (isValue(tok(at + 1)) && !isMarker(at + 2) && bound[at + 1] === 0) {
      bound[at + 1] = 1;
      dims = (tok(at + 1)?.dims ?? []) as number[];
    } else if (isValue(tok(at - 1)) && bound[at - 1] === 0 && !isMarker(at) && attr === "kernel") {
      bound[at - 1] = 1;
      dims = (tok(at - 1)?.dims ?? []) as number[];
    }
    if (dims !== null && dims.length > 0) fixed[attr] ??= dims;
    else if (fixed[attr] === undefined && attr !== "dilation") {
      const setting = attr as WindowSetting;
      if (!asked.includes(setting)) asked.push(setting);
    }
  }
  // A size right next to the layer word is its window: "3x3 conv", "conv 3x3", "maxpool 2";
  // before a filter word too: "3x3 filters", "5x5 卷积核".
  for (let i = 0; i < core.length; i++) {
    const info = tok(i)?.info;
    const filterWord = info?.cat === "UNIT" && info.unit === "filters";
    if ((info?.cat !== "LAYER" && !filterWord) || fixed.kernel !== undefined) continue;
    for (const j of filterWord ? [i - 1] : [i + 1, i - 1]) {
      const t = tok(j);
      // "conv 3x3" but not "conv takes 224 to 112"; "3x3 conv" even after "output of".
      const free = j > i ? !isMarker(j + 1) && !isMarker(j - 1) : true;
      if (isValue(t) && bound[j] === 0 && free && t?.type !== "NUM") {
        bound[j] = 1;
        fixed.kernel = (t?.dims ?? []) as number[];
        break;
      }
    }
  }

  // The sizes: around an output marker, after an input marker, or after "keep".
  let from: number[] | null = null;
  let to: number[] | null = null;
  const take = (i: number): number[] | null => {
    const t = tok(i);
    if (!isValue(t) || bound[i] === 1) return null;
    if (tok(i + 1)?.info?.cat === "UNIT") return null; // "to 64 channels"
    bound[i] = 1;
    return spatialOf(t?.dims ?? []);
  };
  for (let i = 0; i < core.length && to === null; i++) {
    if (!isMarker(i)) continue;
    const word = tok(i)?.text.toLowerCase() ?? "";
    to = take(i + 1) ?? (word === "out" ? take(i - 1) : null);
    if (to !== null && from === null && word !== "out") from = take(i - 1);
  }
  for (let i = 0; i < core.length && from === null; i++) {
    if (tok(i)?.info?.cat !== "INPUT") continue;
    from = take(i + 1);
    if (from !== null && to === null && tok(i)?.text.toLowerCase() === "from") to = take(i - 1); // "get 224x224 from 112x112"
  }
  if (keep && from === null) {
    for (let i = 0; i < core.length && from === null; i++) from = take(i);
  }
  if (keep && to === null && from !== null) to = from;

  if (from !== null && to !== null && from.length > 0 && to.length > 0 && (question || asked.length > 0)) {
    const n = Math.max(from.length, to.length);
    const spread = (xs: number[]): number[] | null =>
      xs.length === n ? xs : xs.length === 1 ? Array.from({ length: n }, () => xs[0] as number) : null;
    const f = spread(from);
    const t = spread(to);
    if (f === null || t === null || f.some((v) => v < 1) || t.some((v) => v < 1)) return null;
    const one = (x: number[] | "same" | "valid" | undefined): number | null =>
      Array.isArray(x) && x.length > 0 ? (x[0] as number) : null;
    const padding =
      fixed.padding === "same" || fixed.padding === "valid"
        ? fixed.padding
        : (one(fixed.padding) ?? padWord ?? null);
    return {
      kind: "window",
      layer,
      from: f,
      to: t,
      keep: keep && f.every((v, i) => v === t[i]),
      kernel: one(fixed.kernel),
      stride: one(fixed.stride),
      padding,
      dilation: one(fixed.dilation),
      asked,
      framework,
    };
  }
  // About a model given as code (or as a stack in the sentence).
  if (to !== null && from === null && (how || (question && inputWord)) && to.length > 0)
    return { kind: "output_target", to };
  if (question && inputWord && fit && from === null) return { kind: "input_sizes" };
  return null;
}
