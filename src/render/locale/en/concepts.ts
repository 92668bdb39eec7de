import { formatShape, torchList } from "../../../model/shape.js";
import { thousands } from "../../format.js";
import type { ConceptTexts } from "../locale.js";
import { convClass, kernelArg, product } from "../notation.js";

// English answers to the concept questions, with the user's numbers. Every function returns the
// reply's lines; the numbers, shapes and code are the same in every language (see zh/concepts.ts).

const n = thousands;
const sizes = (xs: readonly number[]): string => xs.join("×");

export const enConcepts: ConceptTexts = {
  channels: ({ layer, filters, kernel, inChannels, output }) => {
    const perFilter = product(kernel) * inChannels;
    const each = perFilter + 1;
    const lines =
      inChannels === 1
        ? [
            `Each of the ${n(filters)} filters of ${layer} is ${sizes([...kernel, 1])} = ${n(perFilter)} weights on the 1 input channel and gives one number per position.`,
          ]
        : [
            `Each of the ${n(filters)} filters of ${layer} is ${sizes([...kernel, inChannels])} = ${n(perFilter)} weights: it spans all ${inChannels} input channels and sums them into one number per position.`,
          ];
    lines.push(
      inChannels === 1
        ? `So the output has one channel per filter: ${formatShape(output)}.`
        : `So the output has one channel per filter: ${formatShape(output)}, not ${formatShape([...output, inChannels])} or ${n(filters)}×${inChannels} channels.`,
      `The weights of every input channel are in the params: ${sizes([...kernel, inChannels])} + 1 bias = ${n(each)} per filter → ${n(filters)} × ${n(each)} = ${n(filters * each)} params.`,
    );
    return lines;
  },

  batchNone: ({ output, framework }) => {
    if (framework === "pytorch") {
      const batch = output?.[0];
      return [
        output && typeof batch === "number"
          ? `PyTorch has no None: its shapes carry the batch you give, here ${n(batch)}: ${formatShape(output)}.`
          : "PyTorch has no None: its shapes carry the batch you give, as the first axis.",
        "Keras writes the same axis as None: the batch size, left open until you feed data.",
      ];
    }
    const lines = [
      "None is the batch size: Keras leaves it open until you feed data, so one model takes any batch.",
    ];
    if (output && output.length > 1) {
      const rest = output.slice(1);
      lines.push(
        `${formatShape(output)} means any number of samples, each ${formatShape(rest)}: feed a batch of 32 and you get ${formatShape([32, ...rest])}.`,
      );
    }
    return lines;
  },

  padding: ({ input, kernel, stride, dilation, valid, same, padBefore, padAfter, framework }) => {
    const kEff = dilation * (kernel - 1) + 1;
    const lines: string[] = [];
    if (dilation !== 1) lines.push(`Dilated kernel: k_eff = ${dilation}·(${kernel} − 1) + 1 = ${kEff}.`);
    lines.push(
      valid === null
        ? `'valid' (no padding): the ${kEff} kernel does not fit in ${n(input)}, so there is no output.`
        : `'valid' (no padding): ⌊(${n(input)} − ${kEff})/${stride}⌋ + 1 = ${n(valid)}.`,
    );
    const total = padBefore + padAfter;
    lines.push(
      total === 0
        ? `'same': ⌈${n(input)}/${stride}⌉ = ${n(same)}, with no padding needed.`
        : `'same': ⌈${n(input)}/${stride}⌉ = ${n(same)}, padding ${total} zero${total === 1 ? "" : "s"}: ${padBefore} before, ${padAfter} after.`,
    );
    if (padAfter > padBefore) {
      lines.push("The total is odd: TensorFlow/Keras put the extra pixel on the bottom/right.");
    }
    if (framework === "pytorch") {
      lines.push(
        stride === 1
          ? "PyTorch: padding='same' pads the same way (the extra one on the right too); it only works with stride 1."
          : `PyTorch: padding='same' only works with stride 1; with stride ${stride} give the padding as a number, e.g. padding=${Math.floor(kEff / 2)}.`,
      );
    }
    return lines;
  },

  paramsVsInput: ({ conv, convParams, kernel, inChannels, filters, dense, units }) => {
    const lines = [
      `${conv}: params = filters·(${kernel.map(() => "k").join("·")}·C_in + 1) = ${n(filters)}·(${kernel.join("·")}·${inChannels} + 1) = ${n(convParams)}, whatever the image size: the same ${sizes([...kernel, inChannels])} kernel slides over every position.`,
    ];
    if (dense.length > 0) {
      lines.push(
        `A Dense(${n(units)}) after Flatten has features·units + units, and the features grow with H×W:`,
      );
      for (const d of dense) {
        lines.push(`  ${d.input} → ${n(d.features)}·${n(units)} + ${n(units)} = ${n(d.params)} params`);
      }
      lines.push("GlobalAveragePooling2D instead of Flatten makes the head independent of the size.");
    }
    return lines;
  },

  filtersVsKernel: ({ filters, kernel, inChannels, output }) => {
    const perFilter = product(kernel) * inChannels;
    return [
      `filters=${n(filters)} is how many feature maps come out: the channel axis of ${formatShape(output)} is ${n(filters)}.`,
      `kernel_size=${kernelArg(kernel)} is the window each filter looks through; with ${inChannels} input channels each filter is ${sizes([...kernel, inChannels])} = ${n(perFilter)} weights.`,
      `Params: ${n(filters)} × (${n(perFilter)} + 1) = ${n(filters * (perFilter + 1))}.`,
    ];
  },

  weights: ({ framework, layers }) => {
    const lines = [
      framework === "keras"
        ? "Weight tensors in Keras' layout (kernel: spatial…, C_in, C_out):"
        : "Weight tensors in PyTorch's layout (weight: C_out, C_in, spatial…):",
    ];
    for (const layer of layers) {
      if (layer.tensors.length === 0) {
        lines.push(`  ${layer.name} (${layer.className}): no weights`);
        continue;
      }
      const total = layer.tensors.reduce((s, t) => s + product(t.shape), 0);
      const tensors = layer.tensors
        .map((t) => `${t.name} ${formatShape(t.shape)}`)
        .join(framework === "keras" ? " + " : ", ");
      lines.push(`  ${layer.name} (${layer.className}): ${tensors} = ${n(total)} params`);
    }
    return lines;
  },

  layerVsOp: ({ filters, kernel, inChannels, framework }) => {
    const params = filters * (product(kernel) * inChannels + 1);
    const rank = kernel.length;
    if (framework === "pytorch") {
      return [
        `${convClass(kernel, framework)}(${inChannels}, ${n(filters)}, ${kernelArg(kernel)}) is a module: it creates and owns weight ${formatShape([filters, inChannels, ...kernel])} + bias (${filters},) = ${n(params)} params.`,
        `F.conv${rank}d(x, weight) only computes: you pass the weight tensor (and bias) yourself; there is no out_channels argument (it is weight.shape[0]) and nothing to train unless you make it an nn.Parameter.`,
      ];
    }
    return [
      `${convClass(kernel, framework)}(${n(filters)}, ${kernelArg(kernel)}) is a layer: it creates and owns its kernel ${formatShape([...kernel, inChannels, filters])} + bias (${filters},) = ${n(params)} params, shown in model.summary().`,
      `K.conv${rank}d(x, kernel) / tf.nn.conv${rank}d only compute (Keras 3: keras.ops.conv): you pass the kernel tensor; there is no filters argument (it is the kernel's last axis), no bias, and no params in a summary.`,
    ];
  },

  stridedVsPool: ({ input, stride, strided, conv, pooled, params, macsStrided, macsConvPool }) => {
    const ratio = macsStrided > 0 ? macsConvPool / macsStrided : null;
    const times =
      ratio === null ? "more" : Number.isInteger(ratio) ? `${ratio}×` : `about ${ratio.toFixed(1)}×`;
    return [
      `Stride-${stride} conv: ${input} → ${strided}, ${n(params)} params, ${n(macsStrided)} MACs.`,
      `Stride-1 conv then ${stride}×${stride} pooling: ${input} → ${conv} → ${pooled}, the same ${n(params)} params, ${n(macsConvPool)} MACs (${times} the work: the conv runs at every position before the pooling keeps 1 in ${stride * stride}).`,
      "The strided conv learns its downsampling; pooling is a fixed rule with no weights.",
    ];
  },

  inFeatures: ({ framework, layer, features, source, declared, units }) => {
    const show = (s: readonly (number | string | null)[]) =>
      framework === "pytorch" ? torchList(s) : formatShape([...s]);
    if (typeof features !== "number") {
      return [
        `${layer} receives ${features ?? "?"} features: that depends on the input size, so no single in_features fits every input (the note below says which sizes work).`,
      ];
    }
    const lines: string[] = [];
    const per = source ? source.shape.slice(1) : [];
    lines.push(
      source && per.every((d) => typeof d === "number")
        ? `${layer} receives ${n(features)} features per sample: ${source.name} outputs ${show(source.shape)}, and flattening ${sizes(per as number[])} gives ${n(features)}.`
        : `${layer} receives ${n(features)} features per sample.`,
    );
    if (framework === "pytorch")
      lines.push(
        declared === features
          ? `Your in_features=${n(declared)} is right: nn.Linear(${n(features)}, ${n(units)}).`
          : `So in_features must be ${n(features)}: nn.Linear(${features}, ${units})${declared === null ? "" : ` (the code says ${n(declared)})`}. Or use nn.LazyLinear(${units}), which reads it from the first batch.`,
      );
    else lines.push(`Keras' Dense reads its input size itself: Dense(${units}) gets ${n(features)} inputs.`);
    return lines;
  },
  chooseFilters: ({ filters }) => {
    const lines = [
      "There is no formula: the number of filters is a hyper-parameter.",
      "Common practice: 32 or 64 in the first layers, powers of 2, doubling each time the spatial size halves (32 → 64 → 128 → 256), then tuned on validation data.",
    ];
    lines.push(
      filters === null
        ? "More filters means more params and MACs: both grow in proportion to the filters."
        : `More filters means more params and MACs: going from ${n(filters)} to ${n(2 * filters)} doubles this layer's params and MACs, and the next conv's too (its input channels double).`,
    );
    return lines;
  },
};
