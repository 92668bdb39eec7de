// What an inverse question asks ("what padding keeps 32x32 with a 5x5 kernel?", "which
// stride/kernel takes 224 to 112?", "what input sizes work with this model?", "how do I get 64x64
// out of this decoder?"): the sizes and settings the user stated, and which settings are unknown.
// The plain-language parser fills it in (src/parse/plain/plain-inverse.ts); the solvers in this
// folder answer it with the shape engine's own rules.

/** The settings a window question can leave open. */
export type WindowSetting = "kernel" | "stride" | "padding" | "output_padding";

/** One layer that should take `from` to `to` (per spatial axis): find the settings that do. */
export interface WindowAsk {
  kind: "window";
  /** The layer word used; null when none was said (a conv, or a transposed conv to grow). */
  layer: "conv" | "pool" | "conv_transpose" | "upsampling" | null;
  /** Spatial sizes before and after, one per axis (the same length). */
  from: number[];
  to: number[];
  /** "keeps 32x32": the size should not change. */
  keep: boolean;
  /** What the user fixed (null = open). */
  kernel: number | null;
  stride: number | null;
  padding: number | "same" | "valid" | null;
  dilation: number | null;
  /** Settings named without a value ("what padding …"); empty when none was named. */
  asked: WindowSetting[];
  framework: "keras" | "pytorch" | null;
}

/** "What input sizes work with this model?" — about the model in the same message. */
export interface InputSizesAsk {
  kind: "input_sizes";
}

/** "How do I get 64x64 out of this decoder?" — about the model in the same message. */
export interface OutputTargetAsk {
  kind: "output_target";
  to: number[];
}

export type InverseAsk = WindowAsk | InputSizesAsk | OutputTargetAsk;
