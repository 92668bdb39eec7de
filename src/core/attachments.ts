import type { Analysis } from "../model/analysis.js";
import { localeFor } from "../render/locale/index.js";
import type { Locale } from "../render/locale/locale.js";
import { renderConvDiagram } from "../render/png/conv-diagram.js";
import { answerOffThread } from "./answer-pool.js";
import {
  addImage,
  chosenWeights,
  type ImageOptions,
  type ImageReply,
  type ReplyFile,
  withLines,
} from "./image-answer.js";
import type { Request } from "./request.js";

// What adapters call when they can send files: the text answer, the feature maps of an attached
// picture, and for a single conv or pooling layer its arithmetic drawn as a picture.

const DRAWN = {
  conv: "conv",
  depthwise_conv: "conv",
  separable_conv: "conv",
  pool: "pool",
  conv_transpose: "conv_transpose",
} as const;

export async function answerWithFiles(
  request: Request,
  image: Buffer | null = null,
  options: ImageOptions = {},
): Promise<ImageReply> {
  // Read off the event loop, in a worker with a bounded heap and a time limit.
  const detailed = await answerOffThread(request, options.limits, { withImage: image !== null });
  const { analysis, lang } = detailed;
  const weights = options.weights ?? chosenWeights(request.text);
  const result = image
    ? await addImage(detailed, image, { ...options, weights })
    : { reply: detailed.reply, files: [] };
  if (!result.reply.understood || !analysis) return result;
  const loc = localeFor(lang);
  const diagram = await arithmeticDiagram(analysis, loc);
  if (!diagram) return { reply: result.reply, files: result.files };
  const files = [...result.files, diagram];
  return { reply: withLines(result.reply, [loc.images.diagram], files), files };
}

/** The one layer of a single-layer question, drawn cell by cell (or schematically when large). */
async function arithmeticDiagram(a: Analysis, loc: Locale): Promise<ReplyFile | null> {
  const layer = a.layers.length === 1 ? a.layers[0] : undefined;
  const geometry = layer?.record?.geometry;
  if (layer?.status !== "ok" || !geometry) return null;
  const kind = DRAWN[layer.config.kind as keyof typeof DRAWN];
  if (!kind) return null;
  if (
    geometry.some((g) => typeof g.input !== "number" || typeof g.output !== "number" || g.padBefore === null)
  )
    return null;
  const title = `${layer.name} (${layer.className}, ${loc.explain.settings(layer.config)})`;
  const ceilMode = layer.config.kind === "pool" && layer.config.ceilMode;
  const d = await renderConvDiagram(geometry, { title, kind, ceilMode });
  return { name: "arithmetic.png", png: d.png, caption: title };
}
