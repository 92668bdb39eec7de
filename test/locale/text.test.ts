import { describe, expect, it } from "vitest";
import type { BuildIssue } from "../../src/model/problems.js";
import type { EvalNote } from "../../src/parse/eval-notes.js";
import { en } from "../../src/render/locale/en/index.js";
import type { Locale } from "../../src/render/locale/locale.js";
import { zh } from "../../src/render/locale/zh/index.js";
import { conv, dense, pool } from "../shape/configs.js";
import { numbersOf, zhProblems } from "./prose.js";

// Everything else of the Chinese locale, called with sample numbers: no undefined, no English prose
// outside quotes and code, and (where the English says the same thing) the same numbers.

type Sample = [name: string, say: (loc: Locale) => string | string[], sameNumbers?: boolean];

const pos = { line: 3, column: 5 };

const BUILD: BuildIssue[] = [
  { code: "missing_arg", className: "Conv2D", arg: "filters" },
  { code: "bad_arg", className: "Conv2D", arg: "filters", got: "'a'", expected: "an integer" },
  {
    code: "bad_arg",
    className: "Conv2D",
    arg: "strides",
    got: "0",
    expected: "a positive integer up to 1,000,000",
  },
  {
    code: "bad_arg",
    className: "Conv2D",
    arg: "kernel_size",
    got: "(3,)",
    expected: "an integer or a tuple of 2 integers",
  },
  { code: "bad_arg", className: "Conv2D", arg: "padding", got: "'full'", expected: "'valid' or 'same'" },
  {
    code: "bad_arg",
    className: "ZeroPadding2D",
    arg: "padding",
    got: "x",
    expected: "an int, 2 ints, or 2 (before, after) pairs",
  },
  {
    code: "bad_arg",
    className: "Bidirectional",
    arg: "layer",
    got: "Dense(3)",
    expected: "a recurrent layer (LSTM, GRU, SimpleRNN)",
  },
  {
    code: "bad_arg",
    className: "Input",
    arg: "shape",
    got: "5",
    expected: "a shape tuple such as (128, 128, 3)",
  },
  {
    code: "bad_arg",
    className: "Input",
    arg: "shape",
    got: "5",
    expected: "something nobody has translated yet",
  },
  { code: "unknown_layer", className: "MyLayer" },
  { code: "lambda_layer", className: "Lambda" },
  { code: "old_model_kwargs", used: ["input", "output"] },
  { code: "input_length_keras2", length: 50 },
  { code: "no_input_shape", assumed: "(None, H, W, 3)" },
  { code: "input_override", given: "(None, 64, 64, 3)", code_shape: "(None, 128, 128, 3)" },
  { code: "input_override", given: "(None, 64, 64, 3)", code_shape: null },
  { code: "other_models", names: ["encoder", "decoder", "vae"] },
  { code: "too_many_layers", limit: 2000 },
];

const NOTES: EvalNote[] = [
  { code: "unknown_condition", pos, assumed: true },
  { code: "unknown_loop", pos },
  { code: "step_budget", pos, steps: 100_000 },
  { code: "depth_budget", pos, depth: 50 },
  { code: "collection_budget", pos, size: 10_000 },
  { code: "python_error", pos, detail: "index 5 out of range for 3 items" },
  { code: "python_error", pos, detail: "division by zero" },
  { code: "layer_budget", pos, limit: 2000 },
];

const REASONS = [
  "expected ',' or ')', found name 'x'",
  "expected an expression, found the end of the line",
  "'(' was never closed",
  "this line is too complex for me to analyse",
  "brackets are nested more than 64 deep; I did not read this line",
  "this looks like program output (a summary table or a traceback), not code",
  "'else' without a matching 'if'",
  "the character '¿' (U+00BF) is not valid in Python",
  "something the parser will say one day",
];

const out = [null, 61, 61, 24];
const samples: Sample[] = [
  ["list 1", (l) => l.list(["conv_1"])],
  ["list 3", (l) => l.list(["conv_1", "conv_2", "conv_3"])],
  ...BUILD.map(
    (b, i): Sample => [`build ${b.code} ${i}`, (l) => Object.values(l.buildIssue(b)).map((x) => x ?? "")],
  ),
  ...NOTES.map((note, i): Sample => [`eval ${note.code} ${i}`, (l) => l.evalNote(note)]),
  ...REASONS.map((r, i): Sample => [`skipped ${i}`, (l) => l.skippedLine(r, "x = (1,")]),
  ...REASONS.map((r, i): Sample => [`noPython ${i}`, (l) => l.messages.noPython(4, 7, r)]),
  ["prose", (l) => l.proseSkipped(12)],
  [
    "groupHeader",
    (l) =>
      l.explain.groupHeader(
        ["conv_1", "conv_2"],
        "Conv2D",
        l.explain.settings(conv(2, 24, 8, { strides: 2 })),
      ),
  ],
  [
    "settings dilated",
    (l) =>
      l.explain.settings(
        conv(2, 24, [3, 5], {
          dilation: 2,
          padding: {
            explicit: [
              [1, 1],
              [2, 2],
            ],
          },
        }),
      ),
  ],
  ["settings pool", (l) => l.explain.settings(pool(2, "max", 2, { padding: "same" }))],
  ["settings avg pool", (l) => l.explain.settings(pool(2, "avg", 3, { strides: 2 }))],
  ["settings dense", (l) => l.explain.settings(dense(10))],
  ["channelStory", (l) => l.explain.channelStory("conv_1", 24, 3, out)],
  ["channelStory 1", (l) => l.explain.channelStory("conv2d", 200, 1, [null, 98, 98, 200])],
  ["moreGroups", (l) => l.explain.moreGroups(3)],
  ["macsTotal", (l) => l.explain.macsTotal(47_709_024)],
  ["macsShownOf", (l) => l.explain.macsShownOf(12, 40)],
  ["activations", (l) => l.explain.activations(111_601, "435.94 KB", "conv_1", 89_304)],
  ["headline", (l) => l.reply.headline("(None, 128, 128, 3)", "(None, 1)", 80_809, 5)],
  ["headline ?", (l) => l.reply.headline("(None, 128, 128, 3)", "(None, 1)", null, 1)],
  ["headlineStopped", (l) => l.reply.headlineStopped("(None, 28, 28)", "conv2d", "Conv2D", 4)],
  ["where", (l) => l.reply.where(3, 14)],
  ["where line", (l) => l.reply.where(3, null)],
  ["labels", (l) => [l.reply.fixLabel, l.reply.noteLabel, l.reply.totalsBeforeError]],
  // The label is Keras' own summary text ("Total params"), the same in every language.
  ["totalsUnknown", (l) => l.reply.totalsUnknown("LABEL", "4,632", "18.09 KB", ["my_layer", "other"])],
  ["empty", (l) => l.messages.empty],
  ["tooLong", (l) => l.messages.tooLong("120 KB", "64 KB")],
  ["binary", (l) => l.messages.binary],
  ["badInput", (l) => l.messages.badInputOption("abc", null)],
  ["badInput part", (l) => l.messages.badInputOption("128,x,3", "x")],
  ["noTorchModel", (l) => l.messages.noTorchModel],
  ["noModelCode", (l) => l.messages.noModelCode],
  ["noKerasModel", (l) => l.messages.noKerasModel],
  // plain
  ["notUnderstood", (l) => l.plain.notUnderstood("blorp")],
  ["notUnderstood null", (l) => l.plain.notUnderstood(null)],
  ["examples", (l) => [...l.plain.examples], false],
  ...(["stated", "pytorch", "small_first", "default"] as const).flatMap((reason): Sample[] => [
    [`layout first ${reason}`, (l) => l.plain.assumedLayout("channels_first", reason)],
    [`layout last ${reason}`, (l) => l.plain.assumedLayout("channels_last", reason)],
  ]),
  ["noInputSize", (l) => l.plain.noInputSize("(None, H, W, 3)")],
  ...(["filters", "kernel", "channels", "units", "return_sequences"] as const).map(
    (what): Sample => [`assumedDefault ${what}`, (l) => l.plain.assumedDefault(what, "3×3")],
  ),
  // concepts
  [
    "channels",
    (l) => l.concepts.channels({ layer: "conv_1", filters: 24, kernel: [8, 8], inChannels: 3, output: out }),
  ],
  [
    "channels 1",
    (l) =>
      l.concepts.channels({
        layer: "conv2d",
        filters: 200,
        kernel: [3, 3],
        inChannels: 1,
        output: [null, 98, 98, 200],
      }),
  ],
  ["batchNone keras", (l) => l.concepts.batchNone({ output: out, framework: "keras" })],
  ["batchNone none", (l) => l.concepts.batchNone({ output: null, framework: "keras" })],
  ["batchNone torch", (l) => l.concepts.batchNone({ output: [1, 16, 28, 28], framework: "pytorch" })],
  ["batchNone torch none", (l) => l.concepts.batchNone({ output: null, framework: "pytorch" })],
  [
    "padding odd",
    (l) =>
      l.concepts.padding({
        input: 128,
        kernel: 8,
        stride: 2,
        dilation: 1,
        valid: 61,
        same: 64,
        padBefore: 3,
        padAfter: 3,
        framework: "keras",
      }),
  ],
  [
    "padding extra",
    (l) =>
      l.concepts.padding({
        input: 7,
        kernel: 3,
        stride: 2,
        dilation: 1,
        valid: 3,
        same: 4,
        padBefore: 1,
        padAfter: 1,
        framework: "keras",
      }),
  ],
  [
    "padding bottom/right",
    (l) =>
      l.concepts.padding({
        input: 8,
        kernel: 3,
        stride: 2,
        dilation: 1,
        valid: 3,
        same: 4,
        padBefore: 0,
        padAfter: 1,
        framework: "keras",
      }),
  ],
  [
    "padding dilated torch",
    (l) =>
      l.concepts.padding({
        input: 9,
        kernel: 3,
        stride: 1,
        dilation: 2,
        valid: 5,
        same: 9,
        padBefore: 2,
        padAfter: 2,
        framework: "pytorch",
      }),
  ],
  [
    "padding torch strided, none",
    (l) =>
      l.concepts.padding({
        input: 2,
        kernel: 3,
        stride: 2,
        dilation: 1,
        valid: null,
        same: 1,
        padBefore: 0,
        padAfter: 0,
        framework: "pytorch",
      }),
  ],
  [
    "paramsVsInput",
    (l) =>
      l.concepts.paramsVsInput({
        conv: "conv_1",
        convParams: 4632,
        kernel: [8, 8],
        inChannels: 3,
        filters: 24,
        dense: [
          { input: "(None, 128, 128, 3)", features: 89_304, params: 89_305 },
          { input: "(None, 256, 256, 3)", features: 373_464, params: 373_465 },
        ],
        units: 1,
      }),
  ],
  [
    "paramsVsInput no dense",
    (l) =>
      l.concepts.paramsVsInput({
        conv: "c",
        convParams: 896,
        kernel: [3, 3],
        inChannels: 3,
        filters: 32,
        dense: [],
        units: 10,
      }),
  ],
  [
    "filtersVsKernel",
    (l) => l.concepts.filtersVsKernel({ filters: 24, kernel: [8, 8], inChannels: 3, output: out }),
  ],
  [
    "weights keras",
    (l) =>
      l.concepts.weights({
        framework: "keras",
        layers: [
          {
            name: "conv1d",
            className: "Conv1D",
            tensors: [
              { name: "kernel", shape: [5, 300, 64] },
              { name: "bias", shape: [64] },
            ],
          },
          { name: "pool", className: "MaxPooling1D", tensors: [] },
        ],
      }),
  ],
  [
    "weights torch",
    (l) =>
      l.concepts.weights({
        framework: "pytorch",
        layers: [
          {
            name: "conv",
            className: "Conv1d",
            tensors: [
              { name: "weight", shape: [64, 300, 5] },
              { name: "bias", shape: [64] },
            ],
          },
        ],
      }),
  ],
  [
    "layerVsOp keras",
    (l) => l.concepts.layerVsOp({ filters: 64, kernel: [3, 3], inChannels: 3, framework: "keras" }),
  ],
  [
    "layerVsOp torch",
    (l) => l.concepts.layerVsOp({ filters: 64, kernel: [5], inChannels: 300, framework: "pytorch" }),
  ],
  [
    "stridedVsPool",
    (l) =>
      l.concepts.stridedVsPool({
        input: "(None, 32, 32, 3)",
        stride: 2,
        strided: "(None, 15, 15, 16)",
        conv: "(None, 30, 30, 16)",
        pooled: "(None, 15, 15, 16)",
        params: 448,
        macsStrided: 97_200,
        macsConvPool: 388_800,
      }),
  ],
  [
    "stridedVsPool uneven",
    (l) =>
      l.concepts.stridedVsPool({
        input: "(None, 7, 7, 3)",
        stride: 2,
        strided: "(None, 3, 3, 4)",
        conv: "(None, 5, 5, 4)",
        pooled: "(None, 2, 2, 4)",
        params: 112,
        macsStrided: 972,
        macsConvPool: 2700,
      }),
  ],
  ["chooseFilters", (l) => l.concepts.chooseFilters({ filters: 24 })],
  ["chooseFilters none", (l) => l.concepts.chooseFilters({ filters: null })],
];

const texts = (x: string | string[]): string[] => (Array.isArray(x) ? x : [x]);

describe("zh text, plain and concepts", () => {
  it.each(samples)("%s", (_, say, sameNumbers = true) => {
    const z = texts(say(zh));
    const e = texts(say(en));
    expect(z.length).toBe(e.length);
    for (const text of z) if (text !== "") expect(zhProblems(text), text).toEqual([]);
    if (sameNumbers)
      expect(numbersOf(z.join("\n")), `${e.join("\n")}\n${z.join("\n")}`).toEqual(numbersOf(e.join("\n")));
  });

  it("lists the Chinese way", () => {
    expect(zh.list(["a", "b", "c"])).toBe("a、b 和 c");
    expect(zh.list(["a", "b"])).toBe("a 和 b");
  });

  it("words the seed's first conv like the seed page", () => {
    expect(zh.explain.channelStory("conv_1", 24, 3, out)).toContain("(None, 61, 61, 24, 3)");
    expect(
      zh.concepts
        .channels({ layer: "conv_1", filters: 24, kernel: [8, 8], inChannels: 3, output: out })
        .join("\n"),
    ).toContain("8×8×3 = 192 个权重");
  });
});
