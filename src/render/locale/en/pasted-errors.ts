import { thousands } from "../../format.js";
import type { PastedErrorTexts } from "../locale.js";
import { pyTuple } from "../notation.js";

// What a pasted framework error means, with its numbers (English).

const n = thousands;
const shape = pyTuple;
/** A Python list of sizes as PyTorch prints it: [32, 3, 3, 3]. */
const list = (s: readonly (number | null)[]) => `[${s.join(", ")}]`;
const PASTE =
  "Paste the model code with it and I will point at the layer, check the fix on your model and show the whole table.";

export const pastedErrors: PastedErrorTexts = {
  lines(e, facts) {
    switch (e.kind) {
      case "matmul": {
        const [batch, got] = e.a as [number, number];
        const [want, out] = e.b as [number, number];
        const made = facts.factorizations.map(([c, s]) => `${c}·${s}·${s}`).join(", ");
        return [
          `PyTorch: a Linear (or a matmul) got ${n(got)} features per sample but was built for ${n(want)}.`,
          `  • The input is ${batch} × ${n(got)} (batch ${batch}); nn.Linear(${want}, ${out}) multiplies it by its weight transposed, ${n(want)} × ${n(out)}: the inner sizes must agree, and ${n(got)} ≠ ${n(want)}.`,
          ...(made
            ? [
                `  • ${n(got)} is what the layer before gives per sample; after a flatten of channels × height × width it is ${made}.`,
              ]
            : []),
          `Fix: nn.Linear(${got}, ${out}) — or nn.LazyLinear(${out}), which takes the size from the first batch.`,
          PASTE,
        ];
      }
      case "channels": {
        const [filters, perGroup, ...kernel] = e.weight;
        const conv = `Conv${kernel.length}d`;
        const inChannels = (perGroup ?? 0) * e.groups;
        return [
          `PyTorch: a ${conv} was built for ${e.expected} input channels, but the input has ${e.got}.`,
          `  • Its weight ${list(e.weight)} is ${filters} filters of ${kernel.join("×")} over ${perGroup} channel${perGroup === 1 ? "" : "s"}${e.groups > 1 ? ` per group (groups=${e.groups})` : ""}: in_channels=${inChannels}.`,
          `  • The input ${list(e.input)} is (N, C, ${kernel.length === 1 ? "L" : kernel.length === 2 ? "H, W" : "D, H, W"}): its channels (axis 1) are ${e.input[1]}.`,
          `Fix: nn.${conv}(${e.got}, ${filters}, kernel_size=${kernel.length === 1 || kernel.every((k) => k === kernel[0]) ? kernel[0] : `(${kernel.join(", ")})`}) — or give the model ${e.expected}-channel input${e.got === 1 && e.expected === 3 ? " (x.repeat(1, 3, 1, 1), or transforms.Grayscale(num_output_channels=3))" : ""}.`,
          PASTE,
        ];
      }
      case "view": {
        const fixed = e.target.filter((d): d is number => d !== null && d !== -1).reduce((a, b) => a * b, 1);
        return [
          e.target.includes(-1)
            ? `PyTorch: view/reshape to ${list(e.target)} needs the ${n(e.size)} values to split into groups of ${n(fixed)}, and ${n(e.size)} / ${n(fixed)} = ${+(e.size / fixed).toFixed(3)} is not whole.`
            : `PyTorch: view/reshape to ${list(e.target)} needs exactly ${n(fixed)} values, but the tensor has ${n(e.size)}.`,
          `  • So the tensor before the view is not the shape the code assumes (print(x.shape) just before it).${facts.splits.length > 0 ? ` ${n(e.size)} = ${facts.splits.map(([b, v]) => `${b} × ${n(v)}`).join(" = ")}: with batch ${facts.splits.map(([b]) => b).join(" or ")}, each sample has ${facts.splits.map(([, v]) => n(v)).join(" or ")} values.` : ""}`,
          "Fix: x.view(x.size(0), -1) keeps the batch and flattens the rest; the Linear after it then needs in_features = the values per sample (or use nn.LazyLinear).",
          PASTE,
        ];
      }
      case "ndim":
        return [
          `Keras: this layer takes ${e.expected}-D input but got ${e.found}-D${e.shape ? ` ${shape(e.shape)}` : ""}.`,
          ...(e.expected === 3 && e.found === 2
            ? [
                "  • Recurrent layers (LSTM, GRU, SimpleRNN) and Conv1D read (batch, timesteps, features); the layer before gives one vector per sample.",
                `Fix: if the layer before is an LSTM/GRU, give it return_sequences=True; otherwise add Reshape((${e.shape?.[1] ?? "timesteps"}, 1)) (or RepeatVector(n)) before this layer.`,
              ]
            : [
                `Fix: make the layer before give ${e.expected}-D output (Flatten, Reshape, or return_sequences on a recurrent layer).`,
              ]),
          PASTE,
        ];
      case "negdim":
        return [
          `TensorFlow: a window of ${e.kernel} does not fit in ${e.size} position${e.size === 1 ? "" : "s"}: with 'valid' padding the output is ${e.size} − ${e.kernel} + 1 = ${e.size - e.kernel + 1}.`,
          "  • The map has shrunk too much by this layer: too many poolings or strides for the input size, or an input smaller than the model was designed for.",
          "Fix: padding='same' on that layer, fewer pooling layers, or a larger input.",
          PASTE,
        ];
      case "computed": {
        const spatial = e.input ? e.input.slice(1, -1) : null;
        const kernel = e.kernel ? e.kernel.slice(0, -2) : null;
        return [
          `Keras: a layer's output would have no positions${spatial && kernel ? `: its ${kernel.join("×")} kernel is larger than the ${spatial.join("×")} map it gets (${spatial[0]} − ${kernel[0]} + 1 = ${(spatial[0] ?? 0) - (kernel[0] ?? 0) + 1})` : ""}.`,
          "  • The map has shrunk too much by this layer: too many poolings or strides for the input size, or an input smaller than the model was designed for.",
          "Fix: padding='same' on that layer, fewer pooling layers, or a larger input.",
          PASTE,
        ];
      }
      case "toosmall":
        return [
          `PyTorch: a pooling (or conv) layer got a ${e.input.slice(1).join("×")} map with ${e.input[0]} channels and would give ${e.output.slice(1).join("×")}: nothing left.`,
          "  • Each pooling or stride-2 layer halves the map; this one had too little left to work on.",
          "Fix: remove a pooling layer, use padding, or feed a larger input.",
          PASTE,
        ];
      case "axis":
        return [
          `Keras: the layer expects ${n(e.expected)} values on axis ${e.axis} but got ${shape(e.shape)}, whose last axis is ${e.shape.at(-1)}.`,
          ...(facts.flattens
            ? [
                `  • ${e.shape.slice(1).join(" × ")} = ${n(e.expected)}: the data is right, it is just not flat. Dense acts on the last axis only.`,
                "Fix: layers.Flatten() before this layer (or keras.Input(shape=(…,)) with the data reshaped).",
              ]
            : [
                `Fix: make the layer before give ${n(e.expected)} values per sample, or change this layer's input size.`,
              ]),
          PASTE,
        ];
      case "running":
        return [
          `PyTorch: a BatchNorm was built with num_features=${e.declared} but the input has ${e.actual} channels.`,
          `Fix: nn.BatchNorm2d(${e.actual}) (BatchNorm1d/3d for 2-D/3-D inputs) — num_features is the out_channels of the layer before.`,
          PASTE,
        ];
      case "rnn":
        return [
          `PyTorch: an LSTM/GRU/RNN was built with input_size=${e.declared} but each time step has ${e.actual} features (the input's last axis).`,
          `Fix: nn.LSTM(${e.actual}, hidden_size, …) — input_size is the embedding size or the features of the layer before.`,
          PASTE,
        ];
      case "cat":
        return [
          `PyTorch: torch.cat along dim ${e.dim} needs every other axis equal, but one tensor is ${e.expected} and tensor ${e.tensor} is ${e.got} on another axis.`,
          "  • In a U-Net or a skip connection this is usually one pixel from an odd size: a stride-2 conv or pooling rounds down, the transposed conv back up does not.",
          "Fix: output_padding=1 on the ConvTranspose2d (or padding that keeps sizes), or crop/resize one tensor: F.interpolate(x, size=skip.shape[2:]).",
          PASTE,
        ];
      case "kernel":
        return [
          `PyTorch: a conv's ${e.kernel.join("×")} kernel is larger than the ${e.input.join("×")} map it gets (after its padding): ${e.input[0]} − ${e.kernel[0]} + 1 = ${(e.input[0] ?? 0) - (e.kernel[0] ?? 0) + 1} positions.`,
          "  • The map has shrunk too much by this layer: too many poolings or strides for the input size, or an input smaller than the model was designed for.",
          "Fix: padding=kernel_size // 2 on that conv, fewer pooling layers, or a larger input.",
          PASTE,
        ];
      case "broadcast":
        return [
          `PyTorch: an element-wise op (x + y, x * y) needs equal sizes on each axis (or 1): dim ${e.dim} is ${e.a} in one tensor and ${e.b} in the other.`,
          ...(e.dim === 1
            ? [
                `  • Dim 1 of (N, C, H, W) is the channels: in a residual block the branch ends with ${e.b === e.a ? e.a : `${e.a} vs ${e.b}`} channels.`,
                `Fix: make the branch end with ${e.a} channels, or project the shortcut with a 1×1 conv: nn.Conv2d(${e.a}, ${e.b}, 1).`,
              ]
            : [
                "Fix: make both tensors the same size on that axis (padding, stride or pooling), or reshape one of them.",
              ]),
          PASTE,
        ];
    }
  },
  tied: (line, layer) => `That is the error at line ${line} (${layer}): see ✗ below.`,
};
