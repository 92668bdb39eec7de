import { DEFAULT_BUDGET_MACS } from "../conv/budget.js";
import { depthwiseBank } from "../conv/classic-kernels.js";
import { conv2d } from "../conv/conv2d.js";
import type { Planes } from "../conv/tensor.js";
import type { AllowedFormat } from "../image/allowed-formats.js";
import { loadImage } from "../image/load-image.js";
import type { ImageNote } from "../image/note.js";
import type { Analysis } from "../model/analysis.js";
import { formatShape, torchList } from "../model/shape.js";
import { localeFor } from "../render/locale/index.js";
import type { Locale } from "../render/locale/locale.js";
import { renderFeatureGrid } from "../render/png/feature-grid.js";
import { renderInputImage } from "../render/png/input-image.js";
import { padsFor } from "../shape/layers/spatial.js";
import { answerDetailed } from "./answer.js";
import { imageInputOf, type LayerMaps, MAX_RUN_BYTES, megabytes, planOf, WEIGHT_SEED } from "./model-run.js";
import { ImageQueueFull, ImageRunFailed, runPlanOffThread } from "./model-run-pool.js";
import type { Reply } from "./reply.js";
import type { Limits, Request } from "./request.js";
import { type WeightChoice, weightsFromMessage } from "./weight-choice.js";

// A message with an image: the text answer as usual, then the model run on the picture and one
// PNG per layer that has maps to show (the input as the model saw it first).

export interface ReplyFile {
  /** A file name for the attachment: "00-input.png", "01-conv_1.png". */
  name: string;
  png: Buffer;
  /** One line saying what the picture shows. */
  caption: string;
}

export interface ImageReply {
  reply: Reply;
  files: ReplyFile[];
}

export interface ImageOptions {
  budgetMacs?: number;
  /** At most this many layer PNGs (the first layers with maps); default 8. */
  maxLayerImages?: number;
  /** Long side of the picture when the model's input size is symbolic; default 256. */
  maxSide?: number;
  /** The seeded initialiser (default), or named/written kernels for a single conv layer. */
  weights?: WeightChoice | { error: string };
  /** How much of the message is read (a chat adapter's caps); default DEFAULT_LIMITS. */
  limits?: Limits;
  /** Image formats read (default CHAT_FORMATS; the CLI and console, reading local files, add TIFF). */
  imageFormats?: readonly AllowedFormat[];
}

/** Layers worth a picture: those that make or move spatial maps. */
const PICTURED = new Set([
  "conv",
  "conv_transpose",
  "depthwise_conv",
  "separable_conv",
  "pool",
  "adaptive_pool",
  "upsampling",
]);

export async function answerWithImage(
  request: Request,
  image: Buffer,
  options: ImageOptions = {},
): Promise<ImageReply> {
  return addImage(answerDetailed(request), image, {
    ...options,
    weights: options.weights ?? chosenWeights(request.text),
  });
}

/** Kernels the message names or writes; a kernel that cannot be read is said, not guessed. */
export function chosenWeights(text: string): WeightChoice | { error: string } {
  return weightsFromMessage(text) ?? { kind: "init" };
}

/** The picture run through an answered model (see the file comment). */
export async function addImage(
  detailed: ReturnType<typeof answerDetailed>,
  image: Buffer,
  options: ImageOptions = {},
): Promise<ImageReply> {
  const { reply, analysis, lang } = detailed;
  const loc = localeFor(lang);
  if (!reply.understood) return { reply, files: [] };
  if (!analysis) return { reply: withLines(reply, [loc.images.noModel]), files: [] };
  const input = imageInputOf(analysis);
  const shapeText = (analysis.framework === "pytorch" ? torchList : formatShape)(
    analysis.inputs[0]?.shape ?? [],
  );
  if (!input || (input.channels !== 1 && input.channels !== 3))
    return { reply: withLines(reply, [loc.images.notImage(shapeText)]), files: [] };
  const size =
    input.height !== null && input.width !== null ? { height: input.height, width: input.width } : null;
  const inputBytes = size ? 4 * size.height * size.width * input.channels : 0;
  if (inputBytes > MAX_RUN_BYTES / 2)
    return {
      reply: withLines(reply, [loc.images.inputTooLarge(shapeText, megabytes(inputBytes))]),
      files: [],
    };
  const loaded = await loadImage(
    image,
    { channels: input.channels, size, maxSide: options.maxSide ?? 256 },
    options.imageFormats ? { formats: options.imageFormats } : {},
  );
  if (!loaded.ok) return { reply: withLines(reply, [loc.images.refused(loaded.error.message)]), files: [] };

  const weights = options.weights ?? { kind: "init" };
  const lines: string[] = [];
  if ("error" in weights) lines.push(loc.images.kernelError(weights.error));
  else if (weights.kind === "kernels") {
    const single = analysis.layers.length === 1 ? analysis.layers[0] : undefined;
    if (single?.config.kind === "conv" && single.config.rank === 2 && single.status === "ok")
      return kernelAnswer(reply, analysis, single, loaded, weights, loc);
    lines.push(loc.images.kernelsNeedOneConv(weights.label));
  }
  let run: Awaited<ReturnType<typeof runPlanOffThread>>;
  try {
    run = await runPlanOffThread(planOf(analysis), loaded.planes, options.budgetMacs ?? DEFAULT_BUDGET_MACS);
  } catch (e) {
    if (e instanceof ImageQueueFull) return { reply: withLines(reply, [loc.images.busy]), files: [] };
    if (e instanceof ImageRunFailed) return { reply: withLines(reply, [loc.images.runFailed]), files: [] };
    throw e;
  }
  const layerOf = (m: LayerMaps) => analysis.layers[m.index] as Analysis["layers"][number];
  const pictured = run.maps.filter((m) => PICTURED.has(layerOf(m).config.kind) && m.output.rank >= 1);
  const shown = pictured.slice(0, options.maxLayerImages ?? 8);
  const files: ReplyFile[] = [];
  const inputTitle = `input · ${dims(analysis, loaded.planes)}`;
  const inputPng = await renderInputImage(loaded.planes, { title: inputTitle });
  files.push({ name: "00-input.png", png: inputPng.png, caption: inputTitle });
  for (const [i, m] of shown.entries()) {
    const title = `${layerOf(m).name} · ${dims(analysis, m.output.planes)}`;
    const grid = await renderFeatureGrid(m.output.planes, { title });
    files.push({
      name: `${String(i + 1).padStart(2, "0")}-${safeName(layerOf(m).name)}.png`,
      png: grid.png,
      caption: title,
    });
  }
  lines.unshift(
    loc.images.header({
      framework: analysis.framework,
      layers: shown.length,
      seed: WEIGHT_SEED,
      macs: run.macs,
    }),
    ...noteLines(loaded.note, loc),
  );
  if (run.stopped) lines.push(loc.images.stopped(run.stopped));
  else {
    const last = run.maps.at(-1)?.output;
    if (last && last.rank === 0 && last.planes.data.length <= 10)
      lines.push(loc.images.output([...last.planes.data].map((v) => v.toPrecision(4)).join(", ")));
  }
  return { reply: withLines(reply, lines, files), files };
}

/** One conv layer with the kernels the user named: each kernel on each input channel (depthwise). */
async function kernelAnswer(
  reply: Reply,
  analysis: Analysis,
  layer: Analysis["layers"][number],
  loaded: { planes: Planes; note: ImageNote },
  weights: Extract<WeightChoice, { kind: "kernels" }>,
  loc: Locale,
): Promise<ImageReply> {
  const c = layer.config as Extract<typeof layer.config, { kind: "conv" }>;
  const input = loaded.planes;
  const bank = depthwiseBank(weights.kernels, input.channels);
  const kH = weights.kernels[0]?.length ?? 1;
  const kW = weights.kernels[0]?.[0]?.length ?? 1;
  const [sH, sW] = [c.strides[0] ?? 1, c.strides[1] ?? 1];
  const [dH, dW] = [c.dilation[0] ?? 1, c.dilation[1] ?? 1];
  const [top, bottom] = padsFor(c.padding, 0, input.height, dH * (kH - 1) + 1, sH) ?? [0, 0];
  const [left, right] = padsFor(c.padding, 1, input.width, dW * (kW - 1) + 1, sW) ?? [0, 0];
  const out = conv2d(input, bank.weights, {
    strides: [sH, sW],
    dilation: [dH, dW],
    pads: [top, bottom, left, right],
    groups: bank.groups,
  });
  const inputTitle = `input · ${dims(analysis, input)}`;
  const title = `${layer.name} · ${weights.label} · ${dims(analysis, out)}`;
  const files: ReplyFile[] = [
    {
      name: "00-input.png",
      png: (await renderInputImage(input, { title: inputTitle })).png,
      caption: inputTitle,
    },
    {
      name: `01-${safeName(layer.name)}.png`,
      png: (await renderFeatureGrid(out, { title })).png,
      caption: title,
    },
  ];
  const lines = [
    loc.images.kernels({
      label: weights.label,
      inChannels: input.channels,
      perChannel: weights.kernels.length,
      outChannels: out.channels,
    }),
    ...noteLines(loaded.note, loc),
  ];
  return { reply: withLines(reply, lines, files), files };
}

/** Sizes in the framework's order: Keras H×W×C, PyTorch C×H×W. */
function dims(a: Analysis, p: Planes): string {
  if (p.height === 1 && p.width === 1) return `${p.channels}`;
  return a.framework === "pytorch"
    ? `${p.channels}×${p.height}×${p.width}`
    : `${p.height}×${p.width}×${p.channels}`;
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, "_").slice(0, 60) || "layer";
}

function noteLines(note: ImageNote, loc: Locale): string[] {
  const out: string[] = [];
  if (note.resized) out.push(loc.images.resized(note.resized.from, note.resized.to, note.resized.cropped));
  if (note.orientationApplied) out.push(loc.images.oriented);
  if (note.alphaFlattened && note.format !== "gif") out.push(loc.images.flattened);
  if (note.convertedFromCMYK) out.push(loc.images.cmyk);
  if (note.frames) out.push(loc.images.firstFrame(note.frames.total));
  return out;
}

/** The reply with lines added after it, and the attachments listed in its JSON. */
export function withLines(reply: Reply, lines: string[], files: ReplyFile[] = []): Reply {
  const text = `${reply.text}\n\n${lines.join("\n")}`;
  const images = files.map((f) => ({ name: f.name, caption: f.caption, bytes: f.png.length }));
  return { ...reply, text, json: { ...reply.json, reply: text, ...(files.length > 0 ? { images } : {}) } };
}
