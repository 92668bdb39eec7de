import type { Caveat, Translation } from "../../../translate/layer-translation.js";
import type { CrossNote } from "../../../translate/model-notes.js";
import type { WeightTensor } from "../../../translate/weight-layouts.js";
import { thousands } from "../../format.js";
import type { CrossFrameworkTexts } from "../locale.js";
import { CELL, GATES, PERMUTE, TORCH_CELL } from "../notation.js";

// English wording of the Keras ↔ PyTorch notes and layer translations. Code, numbers and shapes
// are the same in every language (see zh/cross-framework.ts).

const n = thousands;
const FW = { keras: "Keras", pytorch: "PyTorch" } as const;
const AXES: Record<number, string[]> = {
  1: ["length"],
  2: ["height", "width"],
  3: ["depth", "height", "width"],
};

const tuple = (xs: readonly number[]): string => (xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(", ")})`);
const tensors = (ws: readonly WeightTensor[]): string =>
  ws.map((w) => `${w.name} ${tuple(w.shape)}`).join(", ");
const names = (xs: string[]): string =>
  xs.length <= 3 ? xs.join(", ") : `${xs.slice(0, 3).join(", ")} and ${xs.length - 3} more`;
const strideArg = (s: number[]): string => (s.every((x) => x === s[0]) ? `${s[0]}` : tuple(s));

/** "(0, 1) on the height and width" or "(0, 1) on the height, (1, 2) on the width". */
function padsText(pads: [number, number][]): string {
  const axes = AXES[pads.length] ?? pads.map((_, i) => `axis ${i + 1}`);
  const first = pads[0] as [number, number];
  if (pads.every(([b, a]) => b === first[0] && a === first[1]))
    return `(${first[0]}, ${first[1]}) on the ${axes.join(" and ")}`;
  return pads.map(([b, a], i) => `(${b}, ${a}) on the ${axes[i]}`).join(", ");
}

function poolAdvice(pads: [number, number][], fPad: string, pool: "max" | "avg"): string {
  if (pool === "max")
    return `use \`F.pad(x, ${fPad}, value=float('-inf'))\` then padding=0 (TF's max pooling never picks a padded position)`;
  const before = pads.map(([b]) => b);
  const extra = before.some((b) => b > 0)
    ? `padding=${strideArg(before)}, ceil_mode=True, count_include_pad=False`
    : "ceil_mode=True";
  return `use ${extra}: TF averages only the positions inside the input, and so does PyTorch's last window when it runs past the end (zeros from F.pad would be counted)`;
}

export const enCrossFramework: CrossFrameworkTexts = {
  notesHeader: "Keras ↔ PyTorch:",

  note: (x: CrossNote) => {
    switch (x.code) {
      case "same_asymmetric": {
        const what = `${names(x.layers)} (${x.className}, strides=${strideArg(x.stride)}, padding='same')`;
        const head = `${what}: Keras pads ${padsText(x.pads)} here — TF puts the extra pixel bottom/right. PyTorch's padding= pads both sides equally and cannot express that:`;
        return x.pool === null
          ? `${head} use \`F.pad(x, ${x.fPad})\` then padding=0.`
          : `${head} ${poolAdvice(x.pads, x.fPad, x.pool)}.`;
      }
      case "transpose_same": {
        const crop = x.kernel.map(() => ":-1").join(", ");
        return `${names(x.layers)} (${x.className}, kernel ${strideArg(x.kernel)}, strides=${strideArg(x.stride)}, padding='same'): TF crops the odd extra position at the end; PyTorch's padding= crops both ends equally, so padding=${strideArg(x.padding.map((p) => p + 1))}, output_padding=1 gives the right shape but shifted by one pixel. Use padding=${strideArg(x.padding)} and drop the last position: \`x[..., ${crop}]\`.`;
      }
      case "rnn_bias": {
        const g = GATES[x.cell];
        const per =
          x.copies > 1
            ? x.from === "keras"
              ? " per direction"
              : ` in each of the ${x.copies} layer-directions`
            : "";
        if (x.from === "keras") {
          const label = `${x.layer} (${CELL[x.cell]}, ${n(x.units)} units)`;
          if (x.cell === "gru" && !x.resetBefore)
            return `${label}: reset_after=True keeps two bias vectors, like PyTorch's nn.GRU (2·3·${n(x.units)} = ${n(6 * x.units)}${per}): ${n(x.keras)} params in both.`;
          if (x.resetBefore)
            return `${label}: reset_after=False keeps one bias (3·${n(x.units)} = ${n(3 * x.units)}${per}): ${n(x.keras)} params. PyTorch's nn.GRU always applies the reset gate after the recurrent product, with two biases: ${n(x.pytorch)} params (+${n(x.pytorch - x.keras)}), and no switch for reset_after=False.`;
          return `${label}: PyTorch's ${TORCH_CELL[x.cell]} keeps two bias vectors (bias_ih and bias_hh, 2·${g === 1 ? "" : `${g}·`}${n(x.units)} = ${n(2 * g * x.units)}${per}) where Keras keeps one (${g === 1 ? "" : `${g}·`}${n(x.units)} = ${n(g * x.units)}${per}): ${n(x.keras)} params in Keras, ${n(x.pytorch)} in PyTorch (+${n(x.pytorch - x.keras)}).`;
        }
        const label = `${x.layer} (${TORCH_CELL[x.cell]}, hidden ${n(x.units)})`;
        if (x.cell === "gru")
          return `${label}: Keras' GRU (reset_after=True, its default) also keeps two bias vectors: ${n(x.pytorch)} params in both.`;
        return `${label}: the two bias vectors (bias_ih + bias_hh${per}) count ${n(x.pytorch - x.keras)} more than Keras' ${CELL[x.cell]}, which keeps one: ${n(x.pytorch)} params here, ${n(x.keras)} in Keras.`;
      }
      case "batch_norm": {
        const which = names(x.layers);
        if (x.from === "keras")
          return `${which}: Keras counts the moving mean and variance (2·${n(x.channels)} = ${n(x.stats)}) as non-trainable params. PyTorch's nn.BatchNorm keeps them as buffers (running_mean, running_var), not in parameters(): torchinfo would count ${n(x.stats)} fewer params and print Non-trainable params: 0.`;
        return `${which}: running_mean and running_var are buffers, so torchinfo counts only weight and bias (Non-trainable params: 0). Keras' BatchNormalization counts the moving mean and variance as non-trainable params: model.summary() would show ${n(x.stats)} more (2·${n(x.channels)}), all non-trainable.`;
      }
    }
  },

  translationHeader: ({ layer, className, line, to }) =>
    `${layer ? `${layer} (${className}${line !== null ? `, line ${line}` : ""})` : className} in ${FW[to]}:`,

  weights: (t: Translation) => {
    if (!t.weights || !t.params) return [];
    const { keras, pytorch, buffers } = t.weights;
    if (keras.length === 0 && pytorch.length === 0) return ["No weights in either framework."];
    const lines = [`Weights — Keras: ${tensors(keras)}; PyTorch: ${tensors(pytorch)}.`];
    const p = t.params;
    if (p.kerasNonTrainable > 0) {
      lines.push(
        `Params: Keras ${n(p.keras)} (${n(p.kerasNonTrainable)} non-trainable: the moving statistics); PyTorch ${n(p.pytorch)} — ${tensors(buffers.filter((b) => b.shape.length > 0))} and num_batches_tracked are buffers, not parameters.`,
      );
    } else if (p.keras === p.pytorch) lines.push(`Params: ${n(p.keras)} in both.`);
    else
      lines.push(
        `Params: Keras ${n(p.keras)}, PyTorch ${n(p.pytorch)} (two bias vectors: +${n(p.pytorch - p.keras)}).`,
      );
    return lines;
  },

  caveat: (c: Caveat) => {
    switch (c.code) {
      case "same_asymmetric":
        return c.pool === "avg"
          ? `Keras 'same' pads ${padsText(c.pads)} here (the extra one bottom/right): ${poolAdvice(c.pads, c.fPad, "avg")}.`
          : `Keras 'same' pads ${padsText(c.pads)} here (TF's extra pixel bottom/right); PyTorch's padding= is symmetric, hence \`F.pad(x, ${c.fPad}${c.pool === "max" ? ", value=float('-inf')" : ""})\` and padding=0.`;
      case "same_unknown_size":
        return `With strides=${strideArg(c.stride)}, Keras 'same' pads depend on the input size (TF puts any odd pixel bottom/right): give the input size to know whether an F.pad is needed; padding=k//2 matches only when both sides get the same.`;
      case "causal":
        return `Keras 'causal' pads ${c.pad} zeros at the start only: \`F.pad(x, ${c.fPad})\` before the layer.`;
      case "transpose_crop":
        return `TF crops the odd extra position at the end; PyTorch's padding= crops both ends, so its output has ${c.crop} more at the end of each axis — drop it as shown. (padding + 1 with output_padding=1 gives the right shape but is shifted by one pixel.)`;
      case "in_channels_unknown":
        return c.lazy
          ? `The input channels are not known from your message: ${c.lazy} infers them on the first call (or write the number in place of the lazy class).`
          : "The input channels / features are not known from your message: put your number in place of the placeholder.";
      case "layout": {
        const p = PERMUTE[c.rank] ?? PERMUTE[2];
        if (!p) return "";
        return c.to === "pytorch"
          ? `PyTorch is channels first: feed ${p.torch} — \`${p.toTorch}\` turns Keras' ${p.keras} around.`
          : `Keras is channels last by default: feed ${p.keras} (\`${p.toKeras}\`), or pass data_format='channels_first'.`;
      }
      case "flatten_order":
        return c.to === "pytorch"
          ? "Flatten orders the values differently — Keras (H, W, C), PyTorch (C, H, W): the sizes match, but trained Dense/Linear weights after it need reordering."
          : "Flatten orders the values differently — PyTorch (C, H, W), Keras (H, W, C): the sizes match, but trained Linear/Dense weights after it need reordering.";
      case "batch_norm_defaults":
        return c.to === "pytorch"
          ? "Keras' defaults momentum=0.99, epsilon=1e-3 are PyTorch's momentum=0.01, eps=1e-3 (PyTorch's momentum weighs the new batch: 1 − 0.99); PyTorch's own defaults are momentum=0.1, eps=1e-5."
          : "PyTorch's defaults momentum=0.1, eps=1e-5 are Keras' momentum=0.9, epsilon=1e-5; axis=1 because PyTorch's tensors are channels first.";
      case "rnn_output":
        if (c.to === "pytorch")
          return c.returnSequences
            ? "batch_first=True keeps Keras' (N, T, features) order; out holds every step, as return_sequences=True."
            : "PyTorch's recurrent layers return every step (and the states): out[:, -1] is Keras' return_sequences=False output; batch_first=True keeps Keras' (N, T, features) order.";
        return c.batchFirst
          ? "Keras' layers return every step with return_sequences=True, like PyTorch's out; drop it on the last layer to get only the last step."
          : "Keras expects (N, T, features): your batch_first=False input (T, N, features) needs x.transpose(1, 0, 2). return_sequences=True returns every step, like PyTorch's out.";
      case "rnn_bias":
        return "";
      case "gru_reset_before":
        return "reset_after=False has no PyTorch equivalent: nn.GRU always applies the reset gate after the recurrent product (Keras' reset_after=True), with two bias vectors.";
      case "max_pool_padding":
        return `PyTorch pads max pooling with −∞; ZeroPadding pads with 0, which wins over negative inputs (the same after a ReLU).`;
      case "torch_padding_to_keras":
        return "PyTorch's average pooling counts the padded zeros (count_include_pad=True), as ZeroPadding then AveragePooling does.";
      case "ceil_mode":
        return "Keras has no ceil_mode: padding='same' (⌈in/s⌉ positions) often gives the same size, but pads differently — compare the shapes.";
      case "unsupported":
        return `I have no translation for ${c.className} yet.`;
    }
  },

  noSuchLayer: (className, found) =>
    found.length > 0
      ? `I found no ${className} in your code (it has ${found.join(", ")}); here is each of its layers instead.`
      : `I found no ${className} in your code.`,

  nothingToTranslate: (to) =>
    `I could not find a layer to write in ${FW[to]}. Paste the layer call, e.g. \`Conv2D(24, 8, strides=2)\` or \`nn.Conv2d(3, 24, 8, stride=2)\`, with the framework to translate to.`,

  moreLayers: (count) => `…and ${count} more layer${count === 1 ? "" : "s"}: ask for one by its class.`,
};
