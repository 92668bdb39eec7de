import { thousands } from "../../format.js";
import type { InverseTexts } from "../locale.js";
import { kerasPad, rangeText as rangeTextIn } from "../notation.js";

// English answers to inverse questions ("what padding keeps 32x32 with a 5x5 kernel?", "which
// stride takes 224 to 112?", "what input sizes work with this model?"). The numbers, formulas and
// code are the same in every language (see zh/inverse.ts).

const n = thousands;

function list(xs: readonly string[], last = "or"): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} ${last} ${xs[xs.length - 1]}`;
}

const rangeText = (r: [number, number]): string => rangeTextIn(r, n);

/** "kernel ≤ 11 and stride ≤ 4", or "kernel 3 and stride ≤ 4" when the user fixed the kernel. */
function ranges(x: {
  maxKernel: number;
  maxStride: number;
  fixed: { kernel: boolean; stride: boolean };
}): string {
  return `kernel ${x.fixed.kernel ? "" : "≤ "}${x.maxKernel} and stride ${x.fixed.stride ? "" : "≤ "}${x.maxStride}`;
}

export const enInverse: InverseTexts = {
  paddingHeader: ({ from, to, kernel, stride, dilation, pool }) => {
    const what = from === to ? `keeps ${from}` : `takes ${from} to ${to}`;
    const window = pool ? `a ${kernel}×${kernel} pooling window` : `a ${kernel}×${kernel} kernel`;
    const extra = [`stride ${stride}`, ...(dilation > 1 ? [`dilation ${dilation}`] : [])].join(", ");
    return `Padding that ${what} with ${window}, ${extra}:`;
  },
  torchPadding: ({ pads, formula, code }) =>
    `PyTorch: padding=${list(pads.map(String))} — ${formula}, so ${code}.`,
  torchSame: ({ before, after }) =>
    `  padding='same' does the same (PyTorch allows it with stride 1 only): it pads ${before} before and ${after} after.`,
  torchUneven: (x) =>
    x === null
      ? "PyTorch: no padding up to the kernel size gives that size."
      : `PyTorch: no padding=p (the same on both sides) gives that size; pad ${x.before} before and ${x.after} after first, F.pad(x, (${x.before}, ${x.after}, ${x.before}, ${x.after})), then use padding=0 — ${x.formula}, with ${x.code}.`,
  kerasPadding: ({ same, valid, uneven, rank }) => {
    if (same.ok) return [`Keras: ${same.formula}.`, `  ('valid' would give ${valid.formula}.)`];
    if (valid.ok) return [`Keras: padding='valid' — ${valid.formula}.`];
    const pad =
      uneven === null
        ? ""
        : ` Put ${kerasPad(rank)}(${rank === 1 ? `(${uneven.before}, ${uneven.after})` : `((${uneven.before}, ${uneven.after}), (${uneven.before}, ${uneven.after}))`}) before a 'valid' layer instead.`;
    return [
      `Keras: neither padding word gives it: 'same' gives ${same.formula}; 'valid' gives ${valid.formula}.${pad}`,
    ];
  },
  searchHeader: ({ from, to, count, pool, ...x }) =>
    `${n(count)} ${pool ? "pooling" : "conv"} setting${count === 1 ? "" : "s"} with ${ranges(x)} take${count === 1 ? "s" : ""} ${from} to exactly ${to}${count > 1 ? ", the usual ones first" : ""}:`,
  windowSolution: ({ kernel, stride, padding, formula, tiled }) =>
    `  • kernel ${kernel}, stride ${stride}, padding ${padding}: ${formula}${tiled ? ` (a ${kernel}×${kernel} pool with stride ${stride} does the same, without weights)` : ""}`,
  more: ({ count, examples }) => `  … and ${n(count)} more, e.g. ${examples.join("; ")}.`,
  settingShort: ({ kernel, stride, padding, outputPadding }) =>
    `kernel ${kernel} stride ${stride} padding ${padding}${outputPadding === undefined ? "" : ` output_padding ${outputPadding}`}`,
  kerasSearch: ({ stride, formula, valid }) => {
    const same =
      stride === null || formula === null
        ? "Keras: no stride ≤ 4 with padding='same' gives it"
        : `Keras: strides=${stride} with any kernel size — ${formula}`;
    const v =
      valid === null
        ? "."
        : valid.length === 0
          ? "; with 'valid' no setting above does."
          : `; with 'valid': ${list(
              valid.map((x) => `kernel ${x.kernel} strides ${x.stride}`),
              "or",
            )}.`;
    return `${same}${v}`;
  },
  torchCode: ({ code }) => `In PyTorch: ${list(code)}.`,
  noWindow: ({ from, to, grow, ...x }) =>
    grow
      ? `No transposed conv with ${ranges(x)} takes ${from} to exactly ${to}.`
      : `No conv or pooling with ${ranges(x)} (padding up to half the kernel) takes ${from} to exactly ${to}.`,
  growHeader: ({ from, to, count, maxKernel, maxStride }) =>
    `${n(count)} transposed-conv setting${count === 1 ? "" : "s"} (PyTorch ConvTranspose, kernel ≤ ${maxKernel}, stride ≤ ${maxStride}) take${count === 1 ? "s" : ""} ${from} to exactly ${to}${count > 1 ? ", the usual ones first" : ""}:`,
  transposeSolution: ({ kernel, stride, padding, outputPadding, formula }) =>
    `  • kernel ${kernel}, stride ${stride}, padding ${padding}${outputPadding > 0 ? `, output_padding ${outputPadding}` : ""}: ${formula}`,
  kerasGrow: ({ stride, formula, rank }) =>
    `Keras: Conv${rank}DTranspose(filters, kernel_size, strides=${stride}, padding='same') with any kernel size: ${formula}.`,
  upsample: ({ factor, from, to, rank }) =>
    `Without weights: nn.Upsample(scale_factor=${factor}) or UpSampling${rank}D(${factor}) takes ${from} to ${to} (×${factor}); a 'same' conv after it keeps the size.`,
  tooLarge: ({ size, window, stride }) =>
    `Those numbers are beyond what I search: sizes up to ${n(size)}, a kernel spanning at most ${n(window)} positions (with its dilation) and strides up to ${n(stride)}. Ask with smaller numbers, or say the layer and its input and I will compute its output.`,
  needModel: (kind) =>
    kind === "input_sizes"
      ? "That depends on the model: paste its code (or describe the layers, e.g. 'conv 5x5 then maxpool 2'), and I will work out which input sizes fit."
      : "That depends on the model: paste its code (or say the input size and the layers), and I will work out what gives that size.",
  inputSizes: ({ ranges, open, smallest }) => {
    const shown = ranges.slice(0, 6).map(rangeText);
    if (open && ranges.length === 1)
      return `Input sizes that work (H = W = s): every s ≥ ${n(smallest)}. The smallest is ${n(smallest)}×${n(smallest)}.`;
    const tail = open ? " and up" : "";
    return `Input sizes that work (H = W = s): s = ${shown.join(", ")}${ranges.length > 6 ? ", …" : ""}${tail}. The smallest is ${n(smallest)}×${n(smallest)}.`;
  },
  noInputSize: ({ limit }) => `No square input size up to ${n(limit)}×${n(limit)} works with this model.`,
  smallestBecause: ({ layer, expr, at, value }) =>
    `below that, ${layer} has nothing left: at ${n(at)}, ${expr} = ${n(value)}`,
  constraint: ({ layer, what, expr, equals }) =>
    `${layer} needs ${expr} = ${n(equals)}${what === "in_features" ? " (its in_features)" : what === "view" ? " (the view's size)" : ""}`,
  exactSizes: ({ sizes, more }) =>
    `Sizes where no strided layer drops a last row or column: ${sizes.map(n).join(", ")}${more ? ", …" : ""} — that needs, at each stage:`,
  exactCondition: ({ layer, expr, stride }) => `${layer}: (${expr}) divisible by ${stride}`,
  independentAxes: (vars) =>
    `${list(vars, "and")} are independent: each follows the same rule, so non-square inputs work too.`,
  targetInput: ({ to, sizes, chain }) => [
    `For a ${to} output the input must be H = W = ${sizes.map(rangeText).join(" or ")}.`,
    `  ${chain.join(" → ")}`,
  ],
  noTargetInput: ({ to, limit, nearest }) =>
    `No square input up to ${n(limit)} gives exactly ${to}${
      nearest.length === 0
        ? "."
        : `; the nearest: ${nearest.map((x) => `input ${n(x.input)} → ${x.output}`).join(", ")}.`
    }`,
  targetChange: ({ to, layer, className, now, input }) =>
    `The code fixes the input, so change the last layer that sets the size: ${layer} (${className}) takes ${input} to ${now}. Settings that give ${to}, the smallest change first:`,
  targetSetting: ({ change, formula }) => `  • ${change}: ${formula}`,
  noTargetChange: ({ to, layer }) =>
    `  No kernel ≤ 8, stride ≤ 4 or padding for ${layer} gives ${to}; change an earlier layer or the input size.`,
};
