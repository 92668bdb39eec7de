import type { Shape } from "../../model/shape.js";
import type { ModuleRef } from "./torch-session.js";

// The input a PyTorch model is traced with when the code does not call it: the user's own words
// ("input is 3x32x32", "batch of 8 RGB 64x64 images", "(1, 3, 224, 224)"), the CLI's --input, or
// symbolic sizes (batch N, channels from the first layer, spatial H and W).

export interface InputHint {
  /** Full rank the first layer wants, batch included. */
  rank: number;
  /** The first layer's declared channels / features and the axis they sit on. */
  channels: number | null;
  channelAxis: number;
  dtype: "float" | "long";
  symbolic: Shape;
}

/** The first leaf module in registration order, as the model's forward usually meets it first. */
export function firstLeaf(root: ModuleRef, depth = 0): ModuleRef | null {
  if (root.kind === "leaf") return root;
  if (depth > 50) return null;
  for (const [, child] of root.children()) {
    const found = firstLeaf(child, depth + 1);
    if (found) return found;
  }
  return null;
}

export function inputHint(root: ModuleRef): InputHint {
  const c = firstLeaf(root)?.layer?.config;
  switch (c?.kind) {
    case "conv":
    case "conv_transpose": {
      const spatial = { 1: ["L"], 2: ["H", "W"], 3: ["D", "H", "W"] }[c.rank];
      const ch = c.inChannels;
      return {
        rank: c.rank + 2,
        channels: ch,
        channelAxis: 1,
        dtype: "float",
        symbolic: ["N", ch ?? "C", ...spatial],
      };
    }
    case "pool":
    case "adaptive_pool": {
      const spatial = { 1: ["L"], 2: ["H", "W"], 3: ["D", "H", "W"] }[c.rank];
      return {
        rank: c.rank + 2,
        channels: null,
        channelAxis: 1,
        dtype: "float",
        symbolic: ["N", "C", ...spatial],
      };
    }
    case "batch_norm": {
      const r = c.torchRanks?.ranks[0] ?? 4;
      const spatial = ["L", "H", "W", "D"].slice(0, r - 2);
      return {
        rank: r,
        channels: c.numFeatures,
        channelAxis: 1,
        dtype: "float",
        symbolic: ["N", c.numFeatures ?? "C", ...spatial],
      };
    }
    case "torch_rnn":
      return {
        rank: 3,
        channels: c.inputSize,
        channelAxis: 2,
        dtype: "float",
        symbolic: c.batchFirst ? ["N", "T", c.inputSize] : ["T", "N", c.inputSize],
      };
    case "embedding":
      return { rank: 2, channels: null, channelAxis: -1, dtype: "long", symbolic: ["N", "L"] };
    case "attention":
      return {
        rank: 3,
        channels: c.embedDim,
        channelAxis: 2,
        dtype: "float",
        symbolic: c.batchFirst ? ["N", "L", c.embedDim] : ["L", "N", c.embedDim],
      };
    case "dense":
      return {
        rank: 2,
        channels: c.inFeatures,
        channelAxis: 1,
        dtype: "float",
        symbolic: ["N", c.inFeatures ?? "F"],
      };
    case "layer_norm":
      return {
        rank: 3,
        channels: null,
        channelAxis: 2,
        dtype: "float",
        symbolic: ["N", "L", ...(c.normalizedShape ?? ["F"])],
      };
    default:
      return { rank: 2, channels: null, channelAxis: 1, dtype: "float", symbolic: ["N", "F"] };
  }
}

/** Fits sizes the user gave (with or without batch, channels last or first) to the model's input. */
export function fitInput(sizes: number[], hint: InputHint, batch: number | null): Shape | null {
  let dims = [...sizes];
  if (dims.length === hint.rank - 1) dims = [batch ?? 1, ...dims];
  if (dims.length !== hint.rank) return null;
  // "32x32x3" for a conv that wants 3 channels first: move them.
  if (
    hint.channelAxis === 1 &&
    hint.rank >= 3 &&
    hint.channels !== null &&
    dims[1] !== hint.channels &&
    dims.at(-1) === hint.channels
  )
    dims = [dims[0] as number, hint.channels, ...dims.slice(1, -1)];
  return dims;
}

const SHAPE_RE = /[([]\s*(\d+(?:\s*,\s*\d+){1,4})\s*,?\s*[)\]]|(\d+(?:\s*[x×*]\s*\d+){1,4})/g;
const INPUT_WORD = /(input|inputs|images?|pictures?|photos?|batch|tensor|输入|图像|图片|入力|画像)\W{0,12}$/i;
const OUTPUT_WORD =
  /(output|outputs|result|got|get|gives?|returns?|输出|得到|出力)\W{0,12}(is|are|of|=|是|为)?\W{0,6}$/i;

/**
 * Sizes stated in prose: shape-like groups ("3x32x32", "(1, 3, 224, 224)") in lines that are not
 * code, preferring one right after a word like "input" and skipping one right after "output".
 * Returns the shape fitted to the model, or null.
 */
export function proseInput(lines: string[], hint: InputHint): Shape | null {
  let best: { shape: Shape; score: number } | null = null;
  lines.forEach((line, lineIndex) => {
    const lower = line.toLowerCase();
    const batchMatch = /batch(?:\s*size)?\s*(?:of|=|:|is)?\s*(\d+)/.exec(lower);
    const batch = batchMatch ? Number(batchMatch[1]) : null;
    const channels = /\b(rgb|colou?r)\b/.test(lower)
      ? 3
      : /\b(gr[ae]y(scale)?|mono(chrome)?|mnist)\b/.test(lower)
        ? 1
        : null;
    for (const m of line.matchAll(SHAPE_RE)) {
      const sizes = (m[1] ?? m[2] ?? "")
        .split(/[^\d]+/)
        .filter((p) => p !== "")
        .map(Number);
      if (sizes.some((n) => n <= 0 || n > 1_000_000)) continue;
      const before = line.slice(Math.max(0, (m.index ?? 0) - 30), m.index);
      if (OUTPUT_WORD.test(before)) continue;
      let fitted = fitInput(sizes, hint, batch);
      if (!fitted && sizes.length === hint.rank - 2 && hint.channelAxis === 1)
        fitted = [batch ?? 1, channels ?? hint.channels ?? 1, ...sizes];
      if (!fitted) continue;
      const score = (INPUT_WORD.test(before) ? 100 : 0) - lineIndex;
      if (!best || score > best.score) best = { shape: fitted, score };
    }
  });
  return (best as { shape: Shape } | null)?.shape ?? null;
}
