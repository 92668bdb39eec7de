import type { LayerConfig } from "../../../model/layer-config.js";
import type { BuildIssue } from "../../../model/problems.js";
import type { Shape } from "../../../model/shape.js";
import type { EvalNote } from "../../../parse/eval-notes.js";
import { thousands } from "../../format.js";
import type { LocaleCommonTexts, Worded } from "../locale.js";
import { channelsKept, shapeIn } from "../notation.js";
import { paddingWords } from "../padding-words.js";

// English wording of everything but the steps and shape issues (steps.ts, shape-issues.ts).

const n = thousands;
const plural = (count: number, word: string, many = `${word}s`): string =>
  `${n(count)} ${count === 1 ? word : many}`;

export function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

export function buildIssue(issue: BuildIssue): Worded {
  switch (issue.code) {
    case "missing_arg":
      return {
        message: `${issue.className}() needs the argument '${issue.arg}'.`,
        fix: `Give ${issue.className} its ${issue.arg}.`,
      };
    case "bad_arg":
      return {
        message: `${issue.className}(${issue.arg}=${issue.got}): expected ${issue.expected}.`,
        fix: null,
      };
    case "unknown_layer":
      return {
        message: `${issue.className} is not a ${issue.framework === "pytorch" ? "torch.nn module" : "Keras layer"} I know (a custom layer?): its output shape is unknown; assumed it keeps its input shape.`,
        fix: null,
      };
    case "lambda_layer":
      return {
        message:
          "Lambda layer: its output shape cannot be known without running it; assumed it keeps its input shape.",
        fix: "Give Lambda an output_shape=… to make it exact.",
      };
    case "old_model_kwargs":
      return {
        message: `Model(${issue.used.map((k) => `${k}=`).join(", ")}) is the Keras 1 spelling; answered as inputs=/outputs=. Keras 3 only accepts inputs= and outputs=.`,
        fix: "Write Model(inputs=…, outputs=…).",
      };
    case "input_length_keras2":
      return {
        message: `Embedding(input_length=${issue.length}): Keras 2 builds the model on (None, ${issue.length}); Keras 3 ignores input_length. Answered as Keras 2 would.`,
        fix: `In Keras 3 write keras.Input(shape=(${issue.length},)) first.`,
      };
    case "no_input_shape":
      return {
        message: `The code gives no input shape, so sizes are symbolic: assumed input ${issue.assumed}.`,
        fix: "Add input_shape=(…) to the first layer, start with keras.Input(shape=(…)), or pass --input.",
      };
    case "input_override":
      return {
        message: `Answered for the input shape you gave, ${issue.given}${issue.code_shape ? `, instead of the code's ${issue.code_shape}` : ""}.`,
        fix: null,
      };
    case "other_models":
      return {
        message: `The code builds other models too (${list(issue.names)}); this answer is for the last one built or summarised.`,
        fix: null,
      };
    case "too_many_layers":
      return { message: `The model has more than ${n(issue.limit)} layer calls; stopped there.`, fix: null };
    case "torch_unknown_op":
      return {
        message: `${issue.name} is not a tensor operation I follow: the shapes that depend on it are unknown.`,
        fix: null,
      };
    case "smallest_input":
      return {
        message: `Every layer has something left for ${issue.vars.join(" = ")} ≥ ${issue.side}; smaller inputs shrink an axis to nothing.`,
        fix: null,
      };
    case "torch_input": {
      const how = {
        code: "the input your code creates",
        torchsummary: "torchsummary's summary() input (it runs a batch of 2 and prints it as -1)",
        torchinfo: "torchinfo's summary() input",
        prose: "the input size you stated",
        option: "the --input you gave",
        symbolic: "symbolic sizes, since the code gives no input (N = batch; H, W = your image size)",
      }[issue.source];
      return {
        message: `Traced forward() with ${how}: ${issue.shape}.`,
        fix:
          issue.source === "symbolic"
            ? "Say the input size (e.g. 'input is 1x3x32x32'), add x = torch.randn(…) and model(x), or pass --input."
            : null,
      };
    }
  }
}

export function evalNote(note: EvalNote): string {
  switch (note.code) {
    case "unknown_condition":
      return "A condition depends on a value I cannot know; assumed it is true.";
    case "unknown_loop":
      return "A loop runs over values I cannot know (data, a file…); skipped its body.";
    case "step_budget":
      return `Stopped reading the code after ${n(note.steps)} steps (a loop too long to follow).`;
    case "depth_budget":
      return `Stopped at a call chain ${note.depth} deep (recursion?).`;
    case "collection_budget":
      return `Stopped at a list of more than ${n(note.size)} items.`;
    case "python_error":
      return `Python would fail here: ${note.detail}.`;
    case "layer_budget":
      return `Stopped reading the code after it created ${n(note.limit)} layers.`;
  }
}

function settings(c: LayerConfig): string {
  const size = (xs: number[]) => xs.join("×");
  const same = (xs: number[]) => (xs.every((x) => x === xs[0]) ? String(xs[0]) : xs.join("×"));
  const window = (w: { strides: number[]; padding: unknown; dilation?: number[] }) => {
    const parts = [`stride ${same(w.strides)}`, paddingWords(w.padding, "padding")];
    if (w.dilation?.some((d) => d !== 1)) parts.push(`dilation ${same(w.dilation)}`);
    return parts.join(", ");
  };
  switch (c.kind) {
    case "conv":
    case "conv_transpose":
    case "separable_conv":
      return `${plural(c.filters, "filter")} ${size(c.kernel)}, ${window(c)}`;
    case "depthwise_conv":
      return `${size(c.kernel)}, ${window(c)}`;
    case "pool":
      return `${c.op} ${size(c.pool)}, ${window(c)}`;
    case "dense":
      return plural(c.units, "unit");
    default:
      return "";
  }
}

function channelStory(
  layer: string,
  filters: number,
  inChannels: number,
  output: Shape,
  framework: "keras" | "pytorch" = "keras",
): string {
  const show = (x: Shape) => shapeIn(x, framework);
  const naive = channelsKept(output, inChannels, framework);
  const f = n(filters);
  if (inChannels === 1)
    return `each of the ${f} filters looks at the 1 input channel, and each filter makes one output channel, so the channel axis becomes the number of filters: ${layer} gives ${show(output)}`;
  return `each of the ${f} filters spans all ${inChannels} input channels and sums them into one number per position, so the channel axis becomes the number of filters: ${layer} gives ${show(output)}, not ${show(naive)} or ${f}×${inChannels}`;
}

export const enText: LocaleCommonTexts = {
  list,
  buildIssue,
  evalNote,
  skippedLine: (reason, text) => `Skipped a line I could not read as Python (${reason}): ${text}`,
  proseSkipped: (lines) => `Read ${plural(lines, "line")} of prose around the code as text, not code.`,
  explain: {
    groupHeader: (names, className, s) => `${list(names)} (${className}${s ? `, ${s}` : ""}):`,
    settings,
    channelStory,
    moreGroups: (count) =>
      `…and ${plural(count, "more layer group", "more layer groups")} (ask about one by name).`,
    macsTotal: (total) => `MACs (multiply-accumulates per sample, bias excluded): ${n(total)} in all`,
    macsShownOf: (shown, all) => `(the ${shown} largest of ${all} layers)`,
    activations: (values, size, largest, largestValues) =>
      `Activations: ${n(values)} values per sample (${size} at float32); largest output: ${largest} (${n(largestValues)}).`,
  },
  reply: {
    headline: (input, output, params, layers) =>
      `${input} → ${output} · ${params === null ? "?" : n(params)} params · ${plural(layers, "layer")}`,
    headlineStopped: (input, layer, className, line) =>
      `${input} → stops at ${layer} (${className}), line ${line}: see ✗ below.`,
    where: (line, column) =>
      line === null ? "" : `line ${line}${column !== null ? `, column ${column}` : ""}`,
    fixLabel: "Fix: ",
    noteLabel: "Note: ",
    checkedFix: "Fix (checked: with it every layer fits):",
    alsoChecked: "Also checked:",
    alternative: ({ kind, line, code }) =>
      kind === "replace"
        ? `line ${line} → \`${code}\``
        : kind === "insert"
          ? `add \`${code}\` before line ${line}`
          : `remove line ${line} (\`${code}\`)`,
    minInput: (side, shape) =>
      `The smallest input every layer accepts is ${side}×${side}: ${shape} (checked by analysing the model at each size).`,
    totalsBeforeError: " (layers before the error)",
    totalsUnknown: (label, known, size, unknownLayers) =>
      ` ${label}: ${known} + ? (${known} known = ${size}; ${unknownLayers.join(", ")} unknown)`,
  },
  messages: {
    empty:
      "The message is empty. Paste your model code (Keras Sequential, functional or model.add; a PyTorch nn.Module or nn.Sequential), optionally with the error it raises, and I will answer with the shapes, the parameters and the arithmetic.",
    tooLong: (size, limit) =>
      `That message is ${size}; I read at most ${limit}. Paste just the model (the class or function that builds it) and the error, if there is one.`,
    tooSlow: (seconds) =>
      `Reading that message took me longer than ${seconds} s, so I stopped. Paste just the model (or a part of it), and I will answer at once.`,
    internalError:
      "Sorry, I hit a bug of mine while reading that message; it is not your code's fault. Try pasting just the model, or ask in a sentence.",
    binary:
      "That does not look like text (it has control characters or invalid bytes). Paste the model code as text.",
    badInputOption: (text, part) =>
      part === null
        ? `--input ${JSON.stringify(text)}: expected sizes such as 128,128,3 or (None, 128, 128, 3)`
        : `--input ${JSON.stringify(text)}: '${part}' is not a size (a positive integer, or None)`,
    noTorchModel:
      "I read the code but found no PyTorch model in it: no nn.Module subclass, no nn.Sequential(...), no module called on a tensor. Paste the code that builds the model (the class with __init__ and forward, or the nn.Sequential).",
    noPython: (line, column, reason) =>
      `I could not read any of the code as Python. First problem: line ${line}, column ${column}: ${reason}.`,
    noModelCode:
      'I did not find model code in that message. Paste the model code (Keras: `model = Sequential([...])` or the function that builds it; PyTorch: the nn.Module class or the nn.Sequential), or ask in a sentence such as "conv 24 filters 8x8 stride 2 on 128x128x3", and I will answer with the table and the arithmetic.',
    noKerasModel:
      "I read the code but found no Keras model in it: no Sequential(...), no Model(inputs, outputs), and no layer called on an Input. Paste the code that builds the model (a subclassed keras.Model is not read yet).",
  },
};
