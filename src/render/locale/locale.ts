import type { LayerConfig } from "../../model/layer-config.js";
import type { BuildIssue } from "../../model/problems.js";
import type { Shape } from "../../model/shape.js";
import type { EvalNote } from "../../parse/eval-notes.js";
import type { ShapeIssue } from "../../shape/issues.js";
import type { Step } from "../../shape/steps.js";

// Every word a reply says lives in one place per language (locale/en, locale/zh); the rest of
// render/ only arranges numbers, shapes and code, which are the same in every language.

export type { Lang } from "../../model/lang.js";

import type { Lang } from "../../model/lang.js";

export interface Worded {
  message: string;
  fix: string | null;
}

/** The lines said about an attached image: what was done to it, what was run, where it stopped. */
export interface ImageTexts {
  /** "Feature maps from your image (untrained weights: …): the input and N layers, as PNGs." */
  header(x: { framework: "keras" | "pytorch"; layers: number; seed: number; macs: number }): string;
  resized(from: [number, number], to: [number, number], cropped: boolean): string;
  oriented: string;
  flattened: string;
  cmyk: string;
  firstFrame(total: number): string;
  stopped(x: {
    layer: string;
    className: string;
    reason: "unsupported" | "branch" | "budget" | "error";
    detail: string;
  }): string;
  notImage(input: string): string;
  /** The model's last numbers on the picture (a small output, e.g. Dense(10)). */
  output(values: string): string;
  /** Named or written kernels ran instead of random weights, per input channel. */
  kernels(x: { label: string; inChannels: number; perChannel: number; outChannels: number }): string;
  /** Kernels were named but the model is not one conv layer: random weights were used. */
  kernelsNeedOneConv(label: string): string;
  kernelError(message: string): string;
  /** A single conv/pool layer: its arithmetic drawn as a picture, attached. */
  diagram: string;
  refused(message: string): string;
  noModel: string;
}

export interface ConceptTexts {
  /** Why the channel axis vanishes: each filter spans all input channels and sums them. */
  channels(x: {
    layer: string;
    filters: number;
    kernel: number[];
    inChannels: number;
    output: Shape;
  }): string[];
  /** What None is: the batch size, left open. PyTorch shapes carry the batch given instead. */
  batchNone(x: { output: Shape | null; framework: "keras" | "pytorch" }): string[];
  /** 'same' vs 'valid' on one axis: output sizes side by side, pads per side (TF's extra pixel bottom/right). */
  padding(x: {
    input: number;
    kernel: number;
    stride: number;
    dilation: number;
    valid: number | null;
    same: number;
    padBefore: number;
    padAfter: number;
    framework: "keras" | "pytorch";
  }): string[];
  /** Conv params are kernel·C_in·filters + bias whatever H×W; a Dense after Flatten grows with H×W. */
  paramsVsInput(x: {
    conv: string;
    convParams: number;
    kernel: number[];
    inChannels: number;
    filters: number;
    dense: { input: string; features: number; params: number }[];
    units: number;
  }): string[];
  /** filters = how many feature maps come out; kernel_size = the window each one looks through. */
  filtersVsKernel(x: { filters: number; kernel: number[]; inChannels: number; output: Shape }): string[];
  /** Each layer's weight tensors in the framework's layout (Keras kernel (k, C_in, C_out), PyTorch weight (C_out, C_in, k)). */
  weights(x: {
    framework: "keras" | "pytorch";
    layers: { name: string; className: string; tensors: { name: string; shape: number[] }[] }[];
  }): string[];
  /** Conv2D owns its weights; K.conv2d / tf.nn.conv2d / F.conv2d take the kernel you pass. */
  layerVsOp(x: {
    filters: number;
    kernel: number[];
    inChannels: number;
    framework: "keras" | "pytorch";
  }): string[];
  /** A stride-s conv vs a stride-1 conv followed by s×s pooling: shapes and params side by side. */
  stridedVsPool(x: {
    input: string;
    stride: number;
    strided: string;
    conv: string;
    pooled: string;
    params: number;
    macsStrided: number;
    macsConvPool: number;
  }): string[];
  /** What in_features the first Linear/Dense needs: the flattened size, from the layer before the flatten. */
  inFeatures(x: {
    framework: "keras" | "pytorch";
    layer: string;
    features: Shape[number];
    source: { name: string; shape: Shape } | null;
    declared: number | null;
    units: number;
  }): string[];
  /** How people usually choose the number of filters: short and honest. */
  chooseFilters(x: { filters: number | null }): string[];
}

export interface Locale {
  lang: Lang;
  /** "a", "a and b", "a, b and c" (English); "a、b 和 c" (Chinese). */
  list(items: string[]): string;

  step(step: Step, framework?: "keras" | "pytorch"): string;
  shapeIssue(issue: ShapeIssue, layerName: string): Worded;
  buildIssue(issue: BuildIssue): Worded;
  evalNote(note: EvalNote): string;
  /** A line of code the parser could not read; `reason` is the parser's technical text. */
  skippedLine(reason: string, text: string): string;
  proseSkipped(lines: number): string;

  explain: {
    groupHeader(names: string[], className: string, settings: string): string;
    settings(config: LayerConfig): string;
    /** The seed question: why the channel axis becomes the number of filters. */
    channelStory(
      layer: string,
      filters: number,
      inChannels: number,
      output: Shape,
      framework?: "keras" | "pytorch",
    ): string;
    moreGroups(count: number): string;
    macsTotal(total: number): string;
    macsShownOf(shown: number, all: number): string;
    activations(values: number, size: string, largest: string, largestValues: number): string;
  };

  reply: {
    headline(input: string, output: string, params: number | null, layers: number): string;
    headlineStopped(input: string, layer: string, className: string, line: number): string;
    where(line: number | null, column: number | null): string;
    /** Labels with their own trailing space or full-width colon: "Fix: ", "解决办法：". */
    fixLabel: string;
    noteLabel: string;
    /** Suffix of "Total params" when the model stopped at an error. */
    totalsBeforeError: string;
    /** A totals line when some layer's params are unknown. */
    totalsUnknown(label: string, known: string, size: string, unknownLayers: string[]): string;
  };

  /** Concept questions, answered with the user's numbers (every function returns reply lines). */
  concepts: ConceptTexts;

  images: ImageTexts;

  plain: {
    /** Nothing in the sentence could be placed; `word` is the first word not understood. */
    notUnderstood(word: string | null): string;
    /** Two example phrasings in this language, shown with notUnderstood. */
    examples: [string, string];
    /** Which layout was assumed and why (NHWC by default; NCHW because PyTorch was named, or C×H×W was written). */
    assumedLayout(
      layout: "channels_first" | "channels_last",
      reason: "stated" | "pytorch" | "small_first" | "default",
    ): string;
    /** The sentence gives no input size: sizes are symbolic. */
    noInputSize(assumed: string): string;
    /** A layer word without the number it needs ("conv" without filters): the default used. */
    assumedDefault(what: string, value: string): string;
    /** "…, then dense 10" after convolutions: a Flatten was put in before the Dense. */
    insertedFlatten(shape: string): string;
  };

  messages: {
    empty: string;
    tooLong(size: string, limit: string): string;
    binary: string;
    badInputOption(text: string, part: string | null): string;
    noTorchModel: string;
    noPython(line: number, column: number, reason: string): string;
    noModelCode: string;
    noKerasModel: string;
  };
}
