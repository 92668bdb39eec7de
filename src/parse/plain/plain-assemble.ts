import type { Pos } from "../ast.js";
import { detectInverse } from "./plain-inverse.js";
import { lexPlain, type Phrase, type PlainToken, wordKey } from "./plain-lexer.js";
import type {
  ConceptTopic,
  Lang,
  PlainInput,
  PlainLayer,
  PlainLayerKind,
  PlainQuestion,
} from "./plain-question.js";
import { emptyLayer } from "./plain-question.js";
import type { ModifierKey, UnitKey, WordInfo } from "./plain-vocabulary.js";

// Gives the grammar's flat phrases their meaning, in a few linear passes over the list:
// 1. layers: a layer word starts a layer; modifiers ("transposed", "max", "1d") and the layer word
//    they go with ("max pooling", "conv transpose") make one layer;
// 2. numbers: a unit takes the number before it ("24 filters", "16 个通道"), an attribute the value
//    after it ("stride 2", "步长 2"), an input marker the size after it ("on 128x128x3", "输入 …");
//    what is left is a kernel next to its layer word ("8x8 conv", "conv 3x3") or the input;
// 3. concepts: the question words and cue words present ("why" + "channel" + "vanish").
// Every attribute belongs to the latest layer at or before it in its part of the sentence (parts
// are split by "then", "->", ";", new lines), or to the first layer after it in that part.

const CONV_FAMILY: ReadonlySet<PlainLayerKind> = new Set([
  "conv",
  "conv_transpose",
  "depthwise_conv",
  "separable_conv",
]);
const WINDOWED: ReadonlySet<PlainLayerKind> = new Set([...CONV_FAMILY, "pool"]);

interface Draft {
  layer: PlainLayer;
  /** Kind not decided yet ("1d …" before its layer word); conv when nothing decides. */
  undecided: boolean;
  /** Core index where the layer starts. */
  first: number;
  segment: number;
  /** A layer word (not only modifiers) has been seen. */
  hasWord: boolean;
  /** Still taking modifiers and a layer word: nothing but sizes since its last word. */
  open: boolean;
}

/** An option value: sizes, or a word token, or a flag. */
export type OptionValue =
  | { kind: "dims"; dims: (number | null)[]; text: string }
  | { kind: "word"; tok: PlainToken }
  | { kind: "bool"; value: boolean };

export function posOf(t: PlainToken): Pos {
  return { line: t.line, column: t.col };
}

type Hint = PlainLayerKind;

/** The question under construction, shared by sentences and slash-command options. */
export class QuestionBuilder {
  readonly q: PlainQuestion;
  readonly drafts: Draft[] = [];
  private inputPosIndex = -1;

  constructor(lang: Lang) {
    this.q = { lang, framework: null, layout: null, input: null, layers: [], concepts: [], unknown: [] };
  }

  newDraft(kind: PlainLayerKind | null, pos: Pos, first: number, segment: number): Draft {
    const draft: Draft = {
      layer: emptyLayer(kind ?? "conv", pos),
      undecided: kind === null,
      first,
      segment,
      hasWord: false,
      open: true,
    };
    this.drafts.push(draft);
    return draft;
  }

  input(pos: Pos): PlainInput {
    this.q.input ??= { dims: [], pos, channels: null, steps: null, features: null };
    return this.q.input;
  }

  /** Sets the input sizes; a size already set (`on 3x3 from 64x55x55`) becomes the layer's window. */
  setInputDims(dims: (number | null)[], pos: Pos, at: number, owner: () => PlainLayer | null): void {
    const clean = dims.filter((d): d is number => d !== null);
    const input = this.q.input;
    if (input !== null && input.dims.length > 0) {
      const old = input.dims;
      const layer = owner();
      if (layer !== null && WINDOWED.has(layer.kind) && old.length <= 2) {
        const k = layer.kernel;
        if (k === null || (k.length === 1 && old.every((v) => v === k[0]))) layer.kernel = old;
      }
    }
    const target = this.input(pos);
    target.dims = clean;
    target.pos = pos;
    this.inputPosIndex = at;
  }

  /** Applies one `key=value`; returns an error message for an unknown key or a bad value. */
  applyOption(
    key: string,
    value: OptionValue,
    pos: Pos,
    at: number,
    owner: (hint: Hint) => PlainLayer | null,
  ): string | null {
    const dims = value.kind === "dims" ? value.dims.filter((d): d is number => d !== null) : null;
    const info: WordInfo | null = value.kind === "word" ? value.tok.info : null;
    const word = value.kind === "word" ? wordKey(value.tok) : null;
    const one = dims !== null && dims.length === 1 ? (dims[0] ?? null) : null;
    const flag =
      value.kind === "bool"
        ? value.value
        : word === "true"
          ? true
          : word === "false"
            ? false
            : one !== null
              ? one !== 0
              : null;
    const needDims = (set: (d: number[]) => void): string | null => {
      if (dims === null || dims.length === 0) return "expected a number or a size such as 3 or 3x3";
      set(dims);
      return null;
    };
    const needOne = (set: (n: number) => void): string | null => {
      if (one === null) return "expected one number";
      set(one);
      return null;
    };
    const layer = (hint: Hint): PlainLayer => {
      const l = owner(hint);
      if (l === null) throw new Error("owner() must create a layer");
      return l;
    };
    switch (key) {
      case "input":
      case "inputshape":
      case "inputsize":
      case "shape":
        if (dims === null || dims.length === 0) return "expected a size such as 128x128x3";
        this.setInputDims(dims, pos, at, () => owner("conv"));
        return null;
      case "inchannels":
        return needOne((n) => {
          this.input(pos).channels = n;
        });
      case "filters":
      case "nfilters":
      case "outchannels":
      case "outputchannels":
      case "channels":
        return needOne((n) => {
          layer("conv").filters = n;
        });
      case "units":
      case "hidden":
      case "hiddensize":
        return needOne((n) => {
          const l = layer("dense");
          l.units = n;
          l.filters = n;
        });
      case "kernel":
      case "kernelsize":
      case "ksize":
      case "poolsize":
      case "window":
      case "pool":
        return needDims((d) => {
          layer("conv").kernel = d;
        });
      case "stride":
      case "strides":
        return needDims((d) => {
          layer("conv").stride = d;
        });
      case "dilation":
      case "dilationrate":
        return needDims((d) => {
          layer("conv").dilation = d;
        });
      case "outputpadding":
        return needDims((d) => {
          layer("conv_transpose").outputPadding = d;
        });
      case "padding":
      case "pad":
        if (info?.cat === "PAD") {
          layer("conv").padding = info.pad;
          return null;
        }
        return dims === null || dims.length === 0
          ? "expected 'same', 'valid', 'causal' or a number"
          : needDims((d) => {
              layer("conv").padding = d;
            });
      case "groups":
        return needOne((n) => {
          layer("conv").groups = n;
        });
      case "depthmultiplier":
        return needOne((n) => {
          layer("depthwise_conv").depthMultiplier = n;
        });
      case "rate":
        return needOne((n) => {
          layer("dropout").rate = n;
        });
      case "factor":
      case "scalefactor":
        return needDims((d) => {
          layer("upsampling").factor = d;
        });
      case "inputdim":
        // Keras Embedding(input_dim=…) is the vocabulary; elsewhere the input's size.
        return needOne((n) => {
          const l = owner("embedding");
          if (l !== null && l.kind === "embedding") l.vocabulary = n;
          else this.input(pos).dims = [n];
        });
      case "vocab":
      case "vocabulary":
      case "vocabsize":
        return needOne((n) => {
          layer("embedding").vocabulary = n;
        });
      case "dims":
      case "outputdim":
      case "embeddingdim":
        return needOne((n) => {
          layer("embedding").dims = n;
        });
      case "ceilmode":
      case "returnsequences":
        if (flag === null) return "expected true or false";
        if (key === "ceilmode") layer("pool").ceilMode = flag;
        else layer("recurrent").returnSequences = flag;
        return null;
      case "activation":
        if (word === null) return "expected an activation name such as relu";
        layer("conv").activation = info?.cat === "ACT" ? info.name : word;
        return null;
      case "framework":
        if (info?.cat !== "FRAMEWORK") return "expected keras or pytorch";
        this.q.framework = info.framework;
        return null;
      case "layout":
      case "dataformat":
        if (info?.cat !== "LAYOUT") return "expected channels_first, channels_last, NCHW or NHWC";
        this.q.layout = info.layout;
        return null;
      case "layer":
      case "type":
      case "kind":
      case "op": {
        if (info?.cat === "LAYER") {
          const l = layer(info.kind);
          setKind(l, info.kind);
          l.rank = info.rank ?? l.rank;
          l.op = info.op ?? l.op;
          l.cell = info.cell ?? l.cell;
          return null;
        }
        if (info?.cat === "MOD") {
          const l = layer("conv");
          applyModifierTo(l, info.mod, info.rank);
          return null;
        }
        return "expected a layer such as conv, pool, maxpool, dense or lstm";
      }
      default:
        return "unknown option";
    }
  }

  get inputIndex(): number {
    return this.inputPosIndex;
  }
}

function setKind(layer: PlainLayer, kind: PlainLayerKind): void {
  layer.kind = kind;
}

/** Applies a modifier to a layer whose kind it fits; false when it does not fit. */
function applyModifierTo(
  layer: PlainLayer,
  mod: ModifierKey,
  rank: 1 | 2 | 3 | null,
  undecided = false,
): boolean {
  const k = layer.kind;
  const conv = undecided || k === "conv";
  switch (mod) {
    case "rank":
      layer.rank = rank;
      return true;
    case "transposed":
      if (!conv && k !== "conv_transpose") return false;
      layer.kind = "conv_transpose";
      return true;
    case "depthwise":
      if (!conv && k !== "depthwise_conv") return false;
      layer.kind = "depthwise_conv";
      return true;
    case "separable":
      if (!conv && k !== "depthwise_conv" && k !== "separable_conv") return false;
      layer.kind = "separable_conv";
      return true;
    case "dilated":
    case "strided":
      if (!undecided && !CONV_FAMILY.has(k)) return false;
      if (undecided) layer.kind = "conv";
      return true;
    case "max":
    case "avg":
      if (!undecided && k !== "pool" && k !== "global_pool") return false;
      if (layer.op !== null && layer.op !== mod) return false;
      if (undecided) layer.kind = "pool";
      layer.op = mod;
      return true;
    case "global":
      if (!undecided && k !== "pool") return false;
      layer.kind = "global_pool";
      return true;
  }
}

function kindOfModifier(mod: ModifierKey): PlainLayerKind | null {
  switch (mod) {
    case "transposed":
      return "conv_transpose";
    case "depthwise":
      return "depthwise_conv";
    case "separable":
      return "separable_conv";
    case "dilated":
    case "strided":
      return "conv";
    case "max":
    case "avg":
      return "pool";
    case "global":
      return "global_pool";
    case "rank":
      return null;
  }
}

/** Can a layer word join a layer made so far only of modifiers ("max" + "pooling")? */
function mergeLayerWord(draft: Draft, info: Extract<WordInfo, { cat: "LAYER" }>): boolean {
  const l = draft.layer;
  const k = info.kind;
  if (draft.undecided) {
    l.kind = k;
  } else if (CONV_FAMILY.has(l.kind) && CONV_FAMILY.has(k)) {
    if (k !== "conv" && !(l.kind === "depthwise_conv" && k === "separable_conv")) {
      if (l.kind !== "conv" && l.kind !== k) return false;
    }
    if (k !== "conv") l.kind = k;
  } else if ((l.kind === "pool" || l.kind === "global_pool") && (k === "pool" || k === "global_pool")) {
    if (info.op !== null && l.op !== null && info.op !== l.op) return false;
    if (k === "global_pool") l.kind = k;
  } else {
    return false;
  }
  draft.undecided = false;
  l.rank = info.rank ?? l.rank;
  l.op = info.op ?? l.op;
  l.cell = info.cell ?? l.cell;
  return true;
}

type Kind = PlainToken["type"] | "ASSIGN";

/** Turns the grammar's phrases into a PlainQuestion. Linear in the number of phrases. */
export function assemble(phrases: readonly Phrase[], lang: Lang): PlainQuestion {
  const b = new QuestionBuilder(lang);
  const q = b.q;
  // The core sentence: fillers dropped (they may stand anywhere), everything else kept in order.
  const core: Phrase[] = [];
  // A value right after a colon belongs to what follows ("… vs conv + pooling: 3x3 conv"), not to
  // the layer word before the colon.
  const afterColon = new Set<number>();
  let colon = false;
  for (const p of phrases) {
    if (p.tok.type === "FILLER") {
      if (p.tok.text === ":" || p.tok.text === "：") colon = true;
      continue;
    }
    if (colon) afterColon.add(core.length);
    colon = false;
    core.push(p);
  }
  const n = core.length;
  const kindAt = (i: number): Kind | null => {
    const p = core[i];
    return p === undefined ? null : p.value !== null ? "ASSIGN" : p.tok.type;
  };
  const tokAt = (i: number): PlainToken => (core[i] as Phrase).tok;
  const infoAt = (i: number): WordInfo | null => core[i]?.tok.info ?? null;

  // ------------------------------------------------------------------ 1. layers and parts
  const segmentOf = new Int32Array(n);
  const draftOfToken = new Int32Array(n).fill(-1);
  const latestDraft = new Int32Array(n).fill(-1);
  let segment = 0;
  let current: Draft | null = null;
  for (let i = 0; i < n; i++) {
    const kind = kindAt(i);
    const info = infoAt(i);
    if (kind === "SEP") {
      segment++;
      if (current !== null) current.open = false;
    }
    segmentOf[i] = segment;
    if (info?.cat === "LAYER") {
      if (current?.open && !current.hasWord && mergeLayerWord(current, info)) {
        current.hasWord = true;
      } else {
        current = b.newDraft(info.kind, posOf(tokAt(i)), i, segment);
        current.hasWord = true;
        current.layer.rank = info.rank;
        current.layer.op = info.op;
        current.layer.cell = info.cell;
      }
      if (info.framework !== null) q.framework ??= info.framework;
      draftOfToken[i] = b.drafts.length - 1;
    } else if (info?.cat === "MOD") {
      if (!(current?.open && applyModifierTo(current.layer, info.mod, info.rank, current.undecided))) {
        current = b.newDraft(kindOfModifier(info.mod), posOf(tokAt(i)), i, segment);
        applyModifierTo(current.layer, info.mod, info.rank, current.undecided);
      } else if (current.undecided && info.mod !== "rank") {
        current.undecided = false;
      }
      draftOfToken[i] = b.drafts.length - 1;
    } else if (info?.cat === "ACT") {
      const d = b.drafts[b.drafts.length - 1];
      if (d === undefined || d.segment !== segment) {
        current = b.newDraft("activation", posOf(tokAt(i)), i, segment);
        current.hasWord = true;
        current.open = false;
        current.layer.activation = info.name;
      } else {
        d.layer.activation ??= info.name;
        d.open = false;
      }
    } else if (kind !== "NUM" && kind !== "SIZE" && kind !== "SHAPE" && current !== null) {
      current.open = false;
    }
    latestDraft[i] = b.drafts.length - 1;
  }
  // The first layer of each part, for words that come before their layer word ("24 filters 8x8 conv").
  const firstInSegment = new Map<number, number>();
  b.drafts.forEach((d, index) => {
    if (!firstInSegment.has(d.segment)) firstInSegment.set(d.segment, index);
  });

  let auto: Draft | null = null;
  /** The layer that owns core position i; with a hint, one is made up when the sentence has none. */
  const ownerAt = (i: number, hint: Hint | null): PlainLayer | null => {
    const latest = latestDraft[i] ?? -1;
    const seg = segmentOf[i] ?? 0;
    const here = b.drafts[latest];
    if (here !== undefined && here.segment === seg) return here.layer;
    const later = firstInSegment.get(seg);
    if (later !== undefined) return b.drafts[later]?.layer ?? null;
    if (here !== undefined) return here.layer;
    if (auto !== null) return auto.layer;
    if (hint === null) return null;
    auto = b.newDraft(hint, posOf(tokAt(i)), i, seg);
    return auto.layer;
  };

  // ------------------------------------------------------------------ 2. numbers
  const bound = new Uint8Array(n);
  const isValue = (i: number): boolean => {
    const k = kindAt(i);
    return (k === "NUM" || k === "SIZE" || k === "SHAPE") && bound[i] === 0;
  };
  const dimsAt = (i: number): (number | null)[] => tokAt(i).dims ?? [];
  const hasNull = (i: number): boolean => dimsAt(i).some((d) => d === null);
  const numbers = (i: number): number[] => dimsAt(i).filter((d): d is number => d !== null);
  const isNum = (i: number): boolean => isValue(i) && kindAt(i) === "NUM";
  const unitOf = (i: number): UnitKey | null => {
    const info = infoAt(i);
    return info?.cat === "UNIT" ? info.unit : null;
  };
  // What each unit word counts, once bound: a number, and for filters maybe a kernel.
  const unitCount = new Map<number, number>();
  const attrDone = new Uint8Array(n);

  const setKernel = (i: number, at: number): void => {
    const l = ownerAt(at, "conv");
    if (l !== null) l.kernel ??= numbers(i);
  };

  // "24 个 8x8 滤波器", "16 个通道"
  for (let j = 0; j < n; j++) {
    if (kindAt(j) !== "COUNTER" || !isNum(j - 1)) continue;
    bound[j - 1] = 1;
    const count = numbers(j - 1)[0] ?? 0;
    let k = j + 1;
    if ((kindAt(k) === "SIZE" || kindAt(k) === "SHAPE") && isValue(k) && unitOf(k + 1) === "filters") {
      bound[k] = 1;
      setKernel(k, k);
      k++;
    }
    if (unitOf(k) !== null && !unitCount.has(k)) unitCount.set(k, count);
    else {
      const l = ownerAt(j, "conv");
      if (l !== null) l.filters ??= count;
    }
  }
  // "stride 2", "kernel 5", "步长 2", "padding 1"
  for (let j = 0; j < n; j++) {
    const info = infoAt(j);
    if (info?.cat !== "ATTR" || info.attr === "ceil_mode" || info.attr === "return_sequences") continue;
    if (info.attr === "padding" && (infoAt(j + 1)?.cat === "PAD" || infoAt(j - 1)?.cat === "PAD")) {
      attrDone[j] = 1; // "padding same", "'valid' 填充"
    } else if (isValue(j + 1) && !hasNull(j + 1)) {
      bound[j + 1] = 1;
      attrDone[j] = 1;
      applyAttr(info.attr, numbers(j + 1), ownerAt(j, hintOfAttr(info.attr)));
    }
  }
  // "24 filters", "20 steps", "3x3 filters", "24 8x8 filters"
  for (let j = 0; j < n; j++) {
    const unit = unitOf(j);
    if (unit === null || unitCount.has(j) || !isValue(j - 1) || hasNull(j - 1)) continue;
    if (kindAt(j - 1) === "NUM") {
      bound[j - 1] = 1;
      unitCount.set(j, numbers(j - 1)[0] ?? 0);
    } else if (unit === "filters") {
      bound[j - 1] = 1;
      setKernel(j - 1, j);
      if (isNum(j - 2)) {
        bound[j - 2] = 1;
        unitCount.set(j, numbers(j - 2)[0] ?? 0);
      } else unitCount.set(j, -1);
    }
  }
  // "filters 24", "sequences of 50", "通道数 16"
  for (let j = 0; j < n; j++) {
    const unit = unitOf(j);
    if (unit === null || unitCount.has(j) || !isValue(j + 1) || hasNull(j + 1)) continue;
    if (kindAt(j + 1) === "NUM") {
      bound[j + 1] = 1;
      unitCount.set(j, numbers(j + 1)[0] ?? 0);
    } else if (unit === "filters") {
      bound[j + 1] = 1;
      setKernel(j + 1, j);
      unitCount.set(j, -1);
    }
  }
  // "3x3 kernel"
  for (let j = 0; j < n; j++) {
    const info = infoAt(j);
    if (info?.cat !== "ATTR" || attrDone[j] === 1) continue;
    if (info.attr === "ceil_mode" || info.attr === "return_sequences") continue;
    if (isValue(j - 1) && !hasNull(j - 1)) {
      bound[j - 1] = 1;
      attrDone[j] = 1;
      applyAttr(info.attr, numbers(j - 1), ownerAt(j, hintOfAttr(info.attr)));
    }
  }
  /** An input marker followed by its size: "on 3x3", "输入 32x32x3" (not "5x5 input 3x3 conv"). */
  const takesNext = (j: number): boolean => {
    const info = infoAt(j);
    if (info?.cat !== "INPUT") return false;
    const k = kindAt(j - 1);
    return !(info.strong && (k === "NUM" || k === "SIZE" || k === "SHAPE"));
  };
  // A value next to its layer word: "conv 3x3", "maxpool 2", "dense 10", "8x8 conv" (not "on 3x3").
  for (let i = 0; i < n; i++) {
    if (!isValue(i) || hasNull(i) || takesNext(i - 1)) continue;
    const kind = kindAt(i);
    const values = numbers(i);
    const before = draftOfToken[i - 1] ?? -1;
    const after = draftOfToken[i + 1] ?? -1;
    const prevLayer = before >= 0 ? b.drafts[before]?.layer : undefined;
    const nextLayer = after >= 0 ? b.drafts[after]?.layer : undefined;
    if (prevLayer !== undefined && !afterColon.has(i) && adjacentSlot(prevLayer, kind, values)) bound[i] = 1;
    else if (
      nextLayer !== undefined &&
      kind !== "NUM" &&
      WINDOWED.has(nextLayer.kind) &&
      nextLayer.kernel === null
    ) {
      nextLayer.kernel = values;
      bound[i] = 1;
    }
  }
  // Input and output markers: "on 128x128x3", "输入 32x32x3", "100x100x1 input", "to 64 channels".
  for (let j = 0; j < n; j++) {
    const info = infoAt(j);
    if (info?.cat === "INPUT") {
      if (takesNext(j) && isValue(j + 1) && !(kindAt(j + 1) === "NUM" && unitOf(j + 2) !== null)) {
        bound[j + 1] = 1;
        b.setInputDims(dimsAt(j + 1), posOf(tokAt(j + 1)), j + 1, () => ownerAt(j, null));
      } else if (info.strong && isValue(j - 1) && !hasNull(j - 1)) {
        bound[j - 1] = 1;
        b.setInputDims(dimsAt(j - 1), posOf(tokAt(j - 1)), j - 1, () => ownerAt(j, null));
      }
    } else if (info?.cat === "OUTPUT" || (info?.cat === "CUE" && (info.cue === "not" || info.cue === "vs"))) {
      if (!isValue(j + 1)) continue;
      if (kindAt(j + 1) === "NUM" && info.cat === "OUTPUT") {
        if (unitOf(j + 2) !== null) continue; // "to 64 channels": the unit takes it
        bound[j + 1] = 1;
        const l = ownerAt(j, "conv");
        if (l !== null) {
          if (l.kind === "dense" || l.kind === "recurrent") l.units ??= numbers(j + 1)[0] ?? null;
          l.filters ??= numbers(j + 1)[0] ?? null;
        }
      } else if (kindAt(j + 1) !== "NUM") bound[j + 1] = 1; // a stated output shape, not the input
    }
  }
  // What the units counted.
  for (const [j, count] of [...unitCount].sort((x, y) => x[0] - y[0])) {
    if (count < 0) continue;
    const unit = unitOf(j);
    const pos = posOf(tokAt(j));
    switch (unit) {
      case "filters": {
        const l = ownerAt(j, "conv");
        if (l !== null) l.filters ??= count;
        break;
      }
      case "channels": {
        const context = channelContext(j);
        if (context === "input" || (context === "default" && b.drafts.length === 0))
          b.input(pos).channels ??= count;
        else {
          const l = ownerAt(j, "conv");
          if (l !== null) l.filters ??= count;
        }
        break;
      }
      case "in_channels":
        b.input(pos).channels ??= count;
        break;
      case "units": {
        const l = ownerAt(j, "dense");
        if (l !== null) {
          l.units ??= count;
          l.filters ??= count;
        }
        break;
      }
      case "steps":
        b.input(pos).steps ??= count;
        break;
      case "features":
        b.input(pos).features ??= count;
        break;
      case "words": {
        const l = ownerAt(j, "embedding");
        if (l !== null) l.vocabulary ??= count;
        break;
      }
      case "dims": {
        const l = ownerAt(j, "embedding");
        if (l !== null) l.dims ??= count;
        break;
      }
      default:
        break;
    }
  }
  function channelContext(j: number): "input" | "output" | "default" {
    for (let k = j - 1; k >= 0; k--) {
      const kind = kindAt(k);
      const info = infoAt(k);
      if (info?.cat === "INPUT") return "input";
      if (info?.cat === "OUTPUT") return "output";
      const passThrough =
        kind === "NUM" ||
        kind === "SIZE" ||
        kind === "SHAPE" ||
        kind === "COUNTER" ||
        info?.cat === "CHANHINT" ||
        (info?.cat === "UNIT" && info.unit !== "filters" && info.unit !== "units");
      if (!passThrough) return "default";
    }
    return "default";
  }
  // key=value inside a sentence.
  for (let j = 0; j < n; j++) {
    const p = core[j];
    if (p === undefined || p.value === null) continue;
    const v = p.value;
    const value: OptionValue =
      v.type === "NUM" || v.type === "SIZE" || v.type === "SHAPE"
        ? { kind: "dims", dims: v.dims ?? [], text: v.text }
        : { kind: "word", tok: v };
    const error = b.applyOption(wordKey(p.tok), value, posOf(v), j, (hint) => ownerAt(j, hint));
    if (error !== null) q.unknown.push({ word: p.tok.text, pos: posOf(p.tok) });
  }
  // What is left: a big size is the input, a small one the kernel of its layer.
  for (let i = 0; i < n; i++) {
    if (!isValue(i)) continue;
    const kind = kindAt(i);
    if (hasNull(i)) continue; // (None, 61, 61, 24): a shape the user saw, read by the concepts
    const values = numbers(i);
    const owner = ownerAt(i, null);
    if (kind !== "NUM" && values.length >= 3 && (q.input === null || q.input.dims.length === 0)) {
      b.setInputDims(values, posOf(tokAt(i)), i, () => owner);
      continue;
    }
    if (kind !== "NUM" && owner !== null && WINDOWED.has(owner.kind) && owner.kernel === null) {
      owner.kernel = values;
      continue;
    }
    if (kind !== "NUM" && (q.input === null || q.input.dims.length === 0)) {
      b.setInputDims(values, posOf(tokAt(i)), i, () => owner);
      continue;
    }
    if (kind === "NUM" && owner !== null && looseNumber(owner, values[0] ?? 0)) continue;
    q.unknown.push({ word: tokAt(i).text, pos: posOf(tokAt(i)) });
  }

  // ------------------------------------------------------------------ words that set a property
  for (let i = 0; i < n; i++) {
    const info = infoAt(i);
    if (info === null) continue;
    switch (info.cat) {
      case "PAD": {
        const l = ownerAt(i, null);
        if (l !== null && l.padding === null) l.padding = info.pad;
        break;
      }
      case "ATTR":
        if (info.attr === "ceil_mode" || info.attr === "return_sequences") {
          const l = ownerAt(i, null);
          if (l !== null && info.attr === "ceil_mode") l.ceilMode = true;
          else if (l !== null) l.returnSequences = true;
        }
        break;
      case "FRAMEWORK":
        q.framework ??= info.framework;
        break;
      case "OP":
        if (info.framework !== null) q.framework ??= info.framework;
        break;
      case "LAYOUT":
        q.layout ??= info.layout;
        break;
      case "CHANHINT":
        b.input(posOf(tokAt(i))).channels ??= info.channels;
        break;
      default:
        break;
    }
  }
  for (const p of phrases) {
    if (p.tok.type === "WORD" && p.value === null) q.unknown.push({ word: p.tok.text, pos: posOf(p.tok) });
  }
  q.unknown = mergeUnknown(q.unknown, phrases);
  q.layers = b.drafts.map((d) => d.layer);
  q.concepts = detectConcepts(phrases, q);
  q.inverse = detectInverse(phrases);
  if (q.inverse !== null)
    q.concepts.push({ topic: "inverse", pos: q.layers[0]?.pos ?? { line: 1, column: 1 } });
  return q;
}

function hintOfAttr(attr: string): Hint {
  switch (attr) {
    case "rate":
      return "dropout";
    case "factor":
      return "upsampling";
    case "output_padding":
      return "conv_transpose";
    case "depth_multiplier":
      return "depthwise_conv";
    default:
      return "conv";
  }
}

function applyAttr(attr: string, values: number[], layer: PlainLayer | null): void {
  if (layer === null || values.length === 0) return;
  switch (attr) {
    case "kernel":
      layer.kernel ??= values;
      break;
    case "stride":
      layer.stride ??= values;
      break;
    case "padding":
      layer.padding ??= values;
      break;
    case "dilation":
      layer.dilation ??= values;
      break;
    case "groups":
      layer.groups ??= values[0] ?? null;
      break;
    case "output_padding":
      layer.outputPadding ??= values;
      break;
    case "depth_multiplier":
      layer.depthMultiplier ??= values[0] ?? null;
      break;
    case "rate":
      layer.rate ??= values[0] ?? null;
      break;
    case "factor":
      layer.factor ??= values;
      break;
    default:
      break;
  }
}

/** A value right after a layer word: "conv 3x3", "maxpool 2", "dense 10", "dropout 0.5". */
function adjacentSlot(layer: PlainLayer, kind: Kind | null, values: number[]): boolean {
  const first = values[0] ?? 0;
  switch (layer.kind) {
    case "conv":
    case "conv_transpose":
    case "separable_conv":
      // "conv 64 3x3", Conv2D(24, …): a count after the layer word is the filters, a size the kernel.
      if (kind === "NUM" || (kind === "SHAPE" && values.length === 1)) {
        if (layer.filters !== null) return false;
        layer.filters = first;
        return true;
      }
      if (layer.kernel !== null) return false;
      layer.kernel = values;
      return true;
    case "depthwise_conv":
    case "pool":
      if (layer.kernel !== null) return false;
      layer.kernel = values;
      return true;
    case "dense":
    case "recurrent":
      if (values.length !== 1 || layer.units !== null) return false;
      layer.units = first;
      layer.filters ??= first;
      return true;
    case "dropout":
      if (values.length !== 1 || layer.rate !== null) return false;
      layer.rate = first;
      return true;
    case "upsampling":
      if (layer.factor !== null) return false;
      layer.factor = values;
      return true;
    case "embedding":
      if (values.length !== 1 || layer.vocabulary !== null) return false;
      layer.vocabulary = first;
      return true;
    default:
      return false;
  }
}

/** A number on its own: the one count its layer still misses. */
function looseNumber(layer: PlainLayer, value: number): boolean {
  if (CONV_FAMILY.has(layer.kind) && layer.kind !== "depthwise_conv" && layer.filters === null) {
    layer.filters = value;
    return true;
  }
  if (layer.kind === "pool" && layer.kernel === null) {
    layer.kernel = [value];
    return true;
  }
  if ((layer.kind === "dense" || layer.kind === "recurrent") && layer.units === null) {
    layer.units = value;
    layer.filters ??= value;
    return true;
  }
  if (layer.kind === "dropout" && layer.rate === null) {
    layer.rate = value;
    return true;
  }
  return false;
}

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u;

/** Runs of unknown Chinese characters ("不", "懂") are reported as one word. */
function mergeUnknown(
  unknown: PlainQuestion["unknown"],
  phrases: readonly Phrase[],
): PlainQuestion["unknown"] {
  const out: PlainQuestion["unknown"] = [];
  const endOf = new Map<string, number>();
  const startOf = new Map<string, number>();
  for (const p of phrases) {
    endOf.set(`${p.tok.line}:${p.tok.col}`, p.tok.offset + p.tok.text.length);
    startOf.set(`${p.tok.line}:${p.tok.col}`, p.tok.offset);
  }
  const sorted = [...unknown].sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
  let lastEnd = -1;
  for (const u of sorted) {
    const start = startOf.get(`${u.pos.line}:${u.pos.column}`) ?? -2;
    const prev = out[out.length - 1];
    if (prev !== undefined && HAN.test(u.word) && HAN.test(prev.word.slice(-1)) && start === lastEnd) {
      prev.word += u.word;
    } else out.push({ ...u });
    lastEnd = endOf.get(`${u.pos.line}:${u.pos.column}`) ?? -1;
  }
  return out;
}

// ------------------------------------------------------------------------------------ concepts

interface Seen {
  pos: Pos;
}

function detectConcepts(phrases: readonly Phrase[], q: PlainQuestion): PlainQuestion["concepts"] {
  const seen = new Map<string, Seen>();
  const mark = (key: string, t: PlainToken): void => {
    if (!seen.has(key)) seen.set(key, { pos: posOf(t) });
  };
  let shapes = 0;
  let noneShapes = 0;
  for (const p of phrases) {
    const t = p.tok;
    if (t.type === "SHAPE" || t.type === "SIZE") {
      shapes++;
      if ((t.dims ?? []).some((d) => d === null)) noneShapes++;
      mark("shapeValue", t);
    }
    const info = t.info;
    if (info === null) continue;
    switch (info.cat) {
      case "QUESTION":
        mark(info.q, t);
        break;
      case "CUE":
        mark(info.cue, t);
        break;
      case "UNIT":
        if (info.unit === "filters") mark("filtersWord", t);
        if (info.unit === "channels" || info.unit === "in_channels") mark("channelWord", t);
        if (info.unit === "dims") mark("dimWord", t);
        break;
      case "ATTR":
        if (info.attr === "kernel") mark("kernelWord", t);
        if (info.attr === "padding") mark("paddingWord", t);
        if (info.attr === "stride") mark("strideWord", t);
        break;
      case "PAD":
        mark(info.pad, t);
        break;
      case "MOD":
        if (info.mod === "strided") mark("strideWord", t);
        break;
      case "LAYER":
        if (info.kind === "pool") mark("poolWord", t);
        if (info.kind === "flatten") mark("flattenWord", t);
        if (info.kind === "dense") mark("denseWord", t);
        break;
      case "OP":
        mark("op", t);
        break;
      case "OUTPUT":
        mark("outputWord", t);
        break;
      case "INPUT":
        if (info.strong) mark("inputWord", t);
        break;
      default:
        break;
    }
  }
  const has = (...keys: string[]): boolean => keys.some((k) => seen.has(k));
  const at = (...keys: string[]): Pos => {
    for (const k of keys) {
      const s = seen.get(k);
      if (s !== undefined) return s.pos;
    }
    return { line: 1, column: 1 };
  };
  const hasPool = has("poolWord") || q.layers.some((l) => l.kind === "pool");
  const out: PlainQuestion["concepts"] = [];
  const add = (topic: ConceptTopic, pos: Pos): void => {
    out.push({ topic, pos });
  };

  // "What in_features goes in my Linear?": the one question; the words around it are not others.
  if (has("in_features")) return [{ topic: "in_features", pos: at("in_features") }];
  const channelMention = has("channelWord", "dimWord");
  if (
    (has("vanish") && (channelMention || shapes > 0)) ||
    (has("why") && noneShapes >= 2) ||
    (has("why") && channelMention && has("not"))
  )
    add("channels", at("why", "where", "vanish", "channelWord"));
  if (has("none") || (has("batch") && has("what", "mean"))) add("batch_none", at("none", "batch"));
  if ((has("same") && has("valid")) || (has("same", "valid", "paddingWord") && has("mean", "vs", "do")))
    add("padding", at("same", "valid", "paddingWord"));
  if (has("params") && (has("depend") || (has("why") && has("flattenWord"))))
    add("params_vs_input", at("why", "params"));
  if (has("filtersWord") && has("kernelWord") && has("mean", "vs"))
    add("filters_vs_kernel", at("filtersWord", "kernelWord"));
  if (has("weights")) add("weights", at("weights"));
  if (has("op")) add("layer_vs_op", at("op"));
  if (has("strideWord") && hasPool && has("vs", "mean", "choose")) add("strided_vs_pool", at("strideWord"));
  if (
    (has("choose") && has("filtersWord", "channelWord")) ||
    (has("many") && has("how") && has("filtersWord") && !has("strideWord"))
  )
    if (!out.some((c) => c.topic === "strided_vs_pool"))
      add("choose_filters", at("how", "choose", "many", "filtersWord"));
  const outputAsked =
    has("output_shape") ||
    (has("outputWord") && has("what", "shape") && !has("why")) ||
    (has("shape") && has("what") && !has("weights"));
  // "What is the output shape" is the default question: named only when nothing else is asked.
  if (outputAsked && out.length === 0) add("output_shape", at("output_shape", "outputWord", "what", "shape"));
  return out.sort((a, b) => a.pos.line - b.pos.line || a.pos.column - b.pos.column);
}

/** Lexes one option value ("128x128x3", "(3, 3)", "valid", "2") into an OptionValue. */
export function optionValue(raw: string | number | boolean): OptionValue | null {
  if (typeof raw === "boolean") return { kind: "bool", value: raw };
  if (typeof raw === "number")
    return Number.isFinite(raw) ? { kind: "dims", dims: [raw], text: String(raw) } : null;
  const tokens = lexPlain(raw.slice(0, 200)).filter((t) => t.type !== "FILLER");
  if (tokens.length !== 1) return null;
  const t = tokens[0] as PlainToken;
  if (t.type === "NUM" || t.type === "SIZE" || t.type === "SHAPE")
    return { kind: "dims", dims: t.dims ?? [], text: t.text };
  if (t.type === "COMMA" || t.type === "SEP" || t.type === "EQ") return null;
  return { kind: "word", tok: t };
}
