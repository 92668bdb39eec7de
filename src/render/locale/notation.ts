import type { Padding } from "../../model/layer-config.js";
import { type Dim, formatShape } from "../../model/shape.js";

// Notation shared by every language: numbers, sizes, and the framework's own spellings of shapes
// (quoted verbatim in error messages), which no locale translates.

/** Python's repr of a tuple of ints: (2, 2), (5,). */
export function pyTuple(xs: readonly Dim[]): string {
  return formatShape([...xs]);
}

/** NumPy's repr of a 1-D array: [1 1], [None 2 2 3]. */
export function npArray(xs: readonly Dim[]): string {
  return `[${xs.map((d) => (d === null ? "None" : String(d))).join(" ")}]`;
}

// The notation of the step being worded: set around one step so every shape in it is written the
// framework's way (the wording functions are plain functions of the step).
let stepFramework: "keras" | "pytorch" = "keras";

/** Runs `word` with shapes written as `framework` writes them. */
export function inNotation<T>(framework: "keras" | "pytorch", word: () => T): T {
  stepFramework = framework;
  try {
    return word();
  } finally {
    stepFramework = "keras";
  }
}

/** A shape in the notation of the step being worded. */
export function stepShape(s: readonly Dim[]): string {
  return shapeIn(s, stepFramework);
}

/** What people expect a conv to give instead: the input's channels kept as an axis of their own. */
export function channelsKept(
  output: readonly Dim[],
  inChannels: number,
  framework: "keras" | "pytorch",
): Dim[] {
  return framework === "pytorch"
    ? [...output.slice(0, 2), inChannels, ...output.slice(2)]
    : [...output, inChannels];
}

/** A shape as the framework writes it: Keras' tuple (None, 61, 61, 24), PyTorch's list [1, 24, 61, 61]. */
export function shapeIn(s: readonly Dim[], framework: "keras" | "pytorch" = "keras"): string {
  return framework === "pytorch" ? torchList(s) : formatShape([...s]);
}

/** PyTorch's size list: [64, 3, 3, 3]. */
export { torchList } from "../../model/shape.js";

import { torchList } from "../../model/shape.js";

/** PyTorch's own words for a transposed conv's output_padding that is too large (aten's shape check). */
export function torchOutputPaddingMessage(op: number[], strides: number[], dilation: number[]): string {
  const axes =
    op.length === 3 ? ["depth", "height", "width"] : op.length === 2 ? ["height", "width"] : ["width"];
  const part = (name: string, xs: number[]) => axes.map((a, i) => `${name}_${a}: ${xs[i] ?? 1}`).join(" ");
  return `output padding must be smaller than either stride or dilation, but got ${part("output_padding", op)} ${part("stride", strides)} ${part("dilation", dilation)}`;
}

export function paddingWord(p: Padding): string {
  return typeof p === "string" ? (p === "same_torch" ? "same" : p) : "explicit";
}

export function explicitPads(p: Padding, i: number): [number, number] {
  if (typeof p === "string") return [0, 0];
  const pair = p.explicit[i] ?? p.explicit[0] ?? [0, 0];
  return [pair[0], pair[1]];
}

export const product = (xs: readonly number[]): number => xs.reduce((p, x) => p * x, 1);

/** Keras' kernel_size argument as written: 5, (3, 3). */
export const kernelArg = (k: readonly number[]): string =>
  k.length === 1 ? String(k[0]) : `(${k.join(", ")})`;

export const convClass = (k: readonly number[], framework: "keras" | "pytorch"): string =>
  framework === "keras" ? `Conv${k.length}D` : `nn.Conv${k.length}d`;

/** Keras' channels-last and PyTorch's channels-first layouts, and the permutes between them, by rank. */
export const PERMUTE: Record<number, { toTorch: string; toKeras: string; torch: string; keras: string }> = {
  1: {
    toTorch: "x.permute(0, 2, 1)",
    toKeras: "x.transpose(0, 2, 1)",
    torch: "(N, C, L)",
    keras: "(N, L, C)",
  },
  2: {
    toTorch: "x.permute(0, 3, 1, 2)",
    toKeras: "x.transpose(0, 2, 3, 1)",
    torch: "(N, C, H, W)",
    keras: "(N, H, W, C)",
  },
  3: {
    toTorch: "x.permute(0, 4, 1, 2, 3)",
    toKeras: "x.transpose(0, 2, 3, 4, 1)",
    torch: "(N, C, D, H, W)",
    keras: "(N, D, H, W, C)",
  },
};

/** Recurrent cells as each framework names them, and their gates. */
export const CELL = { lstm: "LSTM", gru: "GRU", simple: "SimpleRNN" } as const;
export const TORCH_CELL = { lstm: "nn.LSTM", gru: "nn.GRU", simple: "nn.RNN" } as const;
export const GATES = { lstm: 4, gru: 3, simple: 1 } as const;

/** "3" or "3–5": a range of sizes. */
export function rangeText([lo, hi]: readonly [number, number], n: (x: number) => string = String): string {
  return lo === hi ? n(lo) : `${n(lo)}–${n(hi)}`;
}

export const kerasPad = (rank: number): string => `ZeroPadding${rank}D`;
