import type { PastedFacts } from "../../diagnose/pasted-error-facts.js";
import type { LayerConfig } from "../../model/layer-config.js";
import type { BuildIssue } from "../../model/problems.js";
import type { Shape } from "../../model/shape.js";
import type { PastedError } from "../../parse/errors/pasted-error.js";
import type { EvalNote } from "../../parse/eval-notes.js";
import type { ShapeIssue } from "../../shape/issues.js";
import type { Step } from "../../shape/steps.js";
import type { Caveat, Translation } from "../../translate/layer-translation.js";
import type { CrossNote } from "../../translate/model-notes.js";

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
    reason: "unsupported" | "branch" | "budget" | "memory" | "error";
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
  /** Too many pictures are being run right now: the text answer goes out, the picture does not. */
  busy: string;
  /** The model's input, as floats, is more than a picture run may hold. */
  inputTooLarge(input: string, megabytes: string): string;
  /** The run itself failed (its worker died or ran out of time): the text answer still goes out. */
  runFailed: string;
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

/** Keras ↔ PyTorch: notes under a model's explanation, and a layer written in the other framework. */
export interface CrossFrameworkTexts {
  notesHeader: string;
  note(note: CrossNote): string;
  translationHeader(x: {
    layer: string | null;
    className: string;
    line: number | null;
    to: "keras" | "pytorch";
  }): string;
  /** The weight tensors in both layouts and the params each framework counts. */
  weights(t: Translation): string[];
  caveat(c: Caveat): string;
  /** The class asked for is not in the code; `found` are the classes that are. */
  noSuchLayer(className: string, found: string[]): string;
  nothingToTranslate(to: "keras" | "pytorch"): string;
  moreLayers(count: number): string;
}

export interface PastedErrorTexts {
  /** What the error means with its numbers, and the fix (reply lines). */
  lines(e: PastedError, facts: PastedFacts): string[];
  /** The pasted error is the one the analysis found at this line. */
  tied(line: number, layer: string): string;
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
    /** Over a checked patch (a ```diff block): the fix was applied and the model analysed again. */
    checkedFix: string;
    /** Before the other checked fixes, each in `alternative` words. */
    alsoChecked: string;
    alternative(change: { kind: "replace" | "insert" | "remove"; line: number; code: string }): string;
    /** The smallest input every layer accepts, found by analysing the model at each size. */
    minInput(side: number, shape: string): string;
    /** Suffix of "Total params" when the model stopped at an error. */
    totalsBeforeError: string;
    /** A totals line when some layer's params are unknown. */
    totalsUnknown(label: string, known: string, size: string, unknownLayers: string[]): string;
  };

  /** Concept questions, answered with the user's numbers (every function returns reply lines). */
  concepts: ConceptTexts;

  images: ImageTexts;

  crossFramework: CrossFrameworkTexts;

  /** Inverse questions: the settings or input sizes that give a size (src/inverse). */
  inverse: InverseTexts;
  /** A framework error message pasted alone or with the code (src/parse/errors). */
  pastedError: PastedErrorTexts;

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
    /** Our bug, caught: the message did not crash anything, and we say so plainly. */
    internalError: string;
    /** Reading the message took longer than the limit (seconds); it was stopped. */
    tooSlow(seconds: number): string;
    badInputOption(text: string, part: string | null): string;
    noTorchModel: string;
    noPython(line: number, column: number, reason: string): string;
    noModelCode: string;
    noKerasModel: string;
  };
}

/**
 * Inverse questions ("what padding keeps 32x32 with a 5x5 kernel?", "which stride takes 224 to
 * 112?", "what input sizes work with this model?"). Sizes arrive formatted ("32×32"), arithmetic
 * arrives as the forward rule's own formula ("⌊(32 − 5 + 2·2)/1⌋ + 1 = 32"), code as code.
 */
export interface InverseTexts {
  /** "Padding that keeps 32×32 with a 5×5 kernel, stride 1:" */
  paddingHeader(x: {
    from: string;
    to: string;
    kernel: number;
    stride: number;
    dilation: number;
    pool: boolean;
  }): string;
  /** PyTorch's symmetric padding=p that works (one or more p), with the arithmetic of the first. */
  torchPadding(x: { pads: number[]; formula: string; code: string }): string;
  /** PyTorch padding='same' (stride 1 only) as an alternative, with its pads. */
  torchSame(x: { before: number; after: number }): string;
  /** No symmetric padding=p works: F.pad with uneven pads first, then padding=0. */
  torchUneven(x: { before: number; after: number; formula: string; code: string } | null): string;
  /** Keras: which padding word works ('same' or 'valid'), or neither (ZeroPadding before 'valid'). */
  kerasPadding(x: {
    same: { formula: string; ok: boolean };
    valid: { formula: string; ok: boolean };
    uneven: { before: number; after: number } | null;
    rank: number;
  }): string[];
  /** "12 conv settings take 224 to 112 (kernel ≤ 11, stride ≤ 4), the usual ones first:" */
  searchHeader(x: {
    from: string;
    to: string;
    count: number;
    pool: boolean;
    maxKernel: number;
    maxStride: number;
    /** The user fixed these: "kernel 3", not "kernel ≤ 3". */
    fixed: { kernel: boolean; stride: boolean };
  }): string;
  /** One setting and its arithmetic; `tiled`: a non-overlapping window (a 2×2 pool does it too). */
  windowSolution(x: {
    kernel: number;
    stride: number;
    padding: number;
    formula: string;
    tiled: boolean;
  }): string;
  /** "… and 7 more: kernel 6 stride 2 padding 2, …" */
  more(x: { count: number; examples: string[] }): string;
  /** One setting as the `more` line lists it. */
  settingShort(x: { kernel: number; stride: number; padding: number; outputPadding?: number }): string;
  /** What Keras writes: strides=s with 'same' (any kernel), and the 'valid' settings. */
  kerasSearch(x: {
    stride: number | null;
    formula: string | null;
    valid: { kernel: number; stride: number }[] | null;
  }): string;
  /** The first solutions as PyTorch code. */
  torchCode(x: { code: string[] }): string;
  /** Nothing in the ranges works. */
  noWindow(x: {
    from: string;
    to: string;
    maxKernel: number;
    maxStride: number;
    grow: boolean;
    fixed: { kernel: boolean; stride: boolean };
  }): string;
  /** Transposed conv: "6 ConvTranspose settings take 112 to 224 (kernel ≤ 8, stride ≤ 4), the usual ones first:" */
  growHeader(x: { from: string; to: string; count: number; maxKernel: number; maxStride: number }): string;
  transposeSolution(x: {
    kernel: number;
    stride: number;
    padding: number;
    outputPadding: number;
    formula: string;
  }): string;
  /** Keras Conv2DTranspose 'same' multiplies by the stride; and an Upsample alternative. */
  kerasGrow(x: { stride: number; formula: string; rank: number }): string;
  upsample(x: { factor: number; from: string; to: string; rank: number }): string;
  /** An inverse question about a model, asked without the model. */
  needModel(kind: "input_sizes" | "output_target"): string;
  /** The sizes asked about are beyond what the search covers (the bounds, so the user can retry). */
  tooLarge(x: { size: number; window: number; stride: number }): string;
  /** Input sizes a model takes (square H = W = s): the ranges that work, the smallest. */
  inputSizes(x: { ranges: [number, number][]; open: boolean; smallest: number; limit: number }): string;
  /** No size up to the limit works. */
  noInputSize(x: { limit: number }): string;
  /** The first axis that shrinks to nothing below the smallest size: "H-4 … at conv 1". */
  smallestBecause(x: { layer: string; expr: string; at: number; value: number }): string;
  /** A size a layer needs exactly (Linear in_features, view): the expression, the value, the sizes. */
  constraint(x: { layer: string; what: string; expr: string; equals: number }): string;
  /** Sizes where no strided layer drops a last row/column, and the condition per layer. */
  exactSizes(x: { sizes: number[]; more: boolean }): string;
  exactCondition(x: { layer: string; expr: string; stride: number }): string;
  /** H and W are independent (no layer ties them): the same holds for each. */
  independentAxes(vars: string[]): string;
  /** Input sizes that give the asked output (symbolic model), with the size after each layer. */
  targetInput(x: { to: string; sizes: [number, number][]; chain: string[] }): string[];
  /** No input size up to the limit gives the asked output. */
  noTargetInput(x: { to: string; limit: number; nearest: { input: number; output: string }[] }): string;
  /** The output is fixed by the code (input given): changes to the last resizing layer that give it. */
  targetChange(x: { to: string; layer: string; className: string; now: string; input: string }): string;
  targetSetting(x: { change: string; formula: string }): string;
  noTargetChange(x: { to: string; layer: string }): string;
}

/** What each language's text.ts writes; the rest of a Locale comes from its own files. */
export type LocaleCommonTexts = Omit<
  Locale,
  | "lang"
  | "step"
  | "shapeIssue"
  | "concepts"
  | "plain"
  | "images"
  | "crossFramework"
  | "inverse"
  | "pastedError"
>;
