import type { Locale } from "../locale.js";

// English wording of the plain-language replies' own sentences.

const LAYOUT_REASON = {
  stated: "as you said",
  pytorch: "PyTorch's layout",
  small_first: "the input was written channels first (C×H×W)",
  default: "Keras' default; say 'pytorch' or 'NCHW' for channels first",
} as const;

export const enPlain: Locale["plain"] = {
  notUnderstood: (word) =>
    word === null
      ? "I could not tell which layer or input you mean."
      : `I did not understand '${word}'. Say the layer, its numbers and the input, like one of these:`,
  examples: [
    "conv 24 filters 8x8 stride 2 on 128x128x3",
    "maxpool 2x2 stride 2 on 112x112x64, then dense 10",
  ],
  assumedLayout: (layout, reason) =>
    `Assumed ${layout === "channels_first" ? "channels first (N, C, H, W)" : "channels last (None, H, W, C)"}: ${LAYOUT_REASON[reason]}.`,
  noInputSize: (assumed) => `No input size given, so sizes are symbolic: assumed input ${assumed}.`,
  assumedDefault: (what, value) => `No ${what} given: used ${value}.`,
  insertedFlatten: (shape) =>
    `Put a Flatten before the Dense: it turns ${shape} into one vector per sample, as "then dense" almost always means (Keras alone would apply Dense to the last axis).`,
};
