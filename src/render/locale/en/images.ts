import { thousands } from "../../format.js";
import type { ImageTexts } from "../locale.js";

// English lines about an attached image (see zh/images.ts).

const size = ([h, w]: [number, number]) => `${w}×${h}`;

export const enImages: ImageTexts = {
  header: ({ framework, layers, seed, macs }) =>
    `Feature maps from your image, attached as PNGs: the input as the model saw it and ${layers} layer${layers === 1 ? "" : "s"}. ` +
    `The weights are untrained (${framework === "keras" ? "Keras' glorot_uniform, zero bias" : "PyTorch's default kaiming_uniform and bias"}, seed ${seed}): the shapes are your model's, the patterns are what random filters make of the picture (${thousands(macs)} MACs).`,
  resized: (from, to, cropped) =>
    cropped
      ? `Your ${size(from)} image was scaled to cover ${size(to)} and cropped around the centre.`
      : `Your ${size(from)} image was scaled to ${size(to)}.`,
  oriented: "It was turned upright by its EXIF orientation.",
  flattened: "Transparent pixels were put on white.",
  cmyk: "Its CMYK colours were converted to sRGB.",
  firstFrame: (total) => `Only the first of its ${total} frames was used.`,
  stopped: ({ layer, className, reason, detail }) =>
    ({
      unsupported: `Stopped at ${layer} (${className}): the conv engine does not run it${detail ? ` (${detail})` : ""}.`,
      branch: `Stopped at ${layer} (${className}): it does not simply follow the layer before (a branch or a skip connection), which the image run does not follow.`,
      budget: `Stopped at ${layer} (${className}): the next layer would pass the compute budget (${detail}).`,
      memory: `Stopped at ${layer} (${className}): its feature maps and weights would bring the run to ${detail}.`,
      error: `Stopped at ${layer} (${className}), where the model raises (see ✗ above).`,
    })[reason],
  kernels: ({ label, inChannels, perChannel, outChannels }) =>
    `The filters are ${label}, not random: ${perChannel === 1 ? "the kernel runs" : `each of the ${perChannel} kernels runs`} on each of the ${inChannels} input channel${inChannels === 1 ? "" : "s"} on its own (a depthwise conv), so ${outChannels} map${outChannels === 1 ? "" : "s"} come out.`,
  kernelsNeedOneConv: (label) =>
    `${label} applies to a single conv layer; this model has more, so its own (random) weights were used.`,
  kernelError: (message) => `The kernel could not be read (${message}); random weights were used.`,
  diagram:
    "Attached: the arithmetic as a picture — the input with its padding, the first kernel positions with the stride, and the output.",
  output: (values) =>
    `The model's output on this picture (untrained weights, so not a prediction): ${values}.`,
  notImage: (input) =>
    `The image was not used: the model's input ${input} is not an image with 1 or 3 channels.`,
  refused: (message) => `The image was not used: ${message}`,
  noModel: "The image was not used: there is no model in the message to run it through.",
  busy: "The image was not run: I am busy with other pictures right now. Try again in a minute.",
  inputTooLarge: (input, megabytes) =>
    `The image was not run: the model's input ${input} would take ${megabytes} as numbers, more than a picture run may hold.`,
  runFailed: "The image was not run: the run needed more time or memory than a picture may take.",
};
