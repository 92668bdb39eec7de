import type { Locale } from "../render/locale/locale.js";
import type { Step } from "../shape/steps.js";
import type { WindowAsk } from "./inverse-ask.js";
import {
  MAX_TRANSPOSE_KERNEL,
  MAX_TRANSPOSE_STRIDE,
  runTranspose,
  solveTranspose,
} from "./transpose-solve.js";
import {
  MAX_KERNEL,
  MAX_STRIDE,
  runWindow,
  solveUnevenPads,
  solveWindow,
  type WindowResult,
  type WindowSearch,
} from "./window-solve.js";

// The reply to a window question ("what padding keeps 32x32 with a 5x5 kernel?", "which
// stride/kernel takes 224 to 112?", "怎样把 112 变成 224？"): the settings the solvers found, each with
// the forward rule's own arithmetic, in PyTorch's terms and Keras'.

/** How many settings are listed with their arithmetic; the rest are named on one line. */
export const LISTED = 6;

export function sizeText(xs: readonly number[]): string {
  return xs.join("×");
}

/** The forward rule's arithmetic for one step, without its axis label ("height and width: "). */
export function formulaOf(step: Step, loc: Locale, framework: "keras" | "pytorch" = "pytorch"): string {
  const text = loc.step(step, framework);
  const colon = text.search(/: |：/u);
  return colon < 0 ? text : text.slice(colon + (text[colon] === "：" ? 1 : 2));
}

/** The axis labels the steps carry: both axes at once when they are the same size. */
function axisLabel(from: readonly number[], to: readonly number[]): string | string[] {
  const square = from.every((v) => v === from[0]) && to.every((v) => v === to[0]);
  if (square) return "height_width";
  return from.length === 3
    ? ["depth", "height", "width"]
    : from.length === 2
      ? ["height", "width"]
      : "length";
}

/** The arithmetic of a result: one formula for a square question, one per axis (labelled) otherwise. */
function formulas(steps: readonly Step[], loc: Locale, framework: "keras" | "pytorch" = "pytorch"): string {
  if (steps.length === 1) return formulaOf(steps[0] as Step, loc, framework);
  return steps.map((s) => loc.step(s, framework)).join("; ");
}

/** A bare number ("224 to 112") is the side of a square image: 2-D layers. */
function rankOf(from: readonly number[]): number {
  return from.length === 1 ? 2 : from.length;
}

/** A square question is solved on one axis; a non-square one on every axis at once. */
function axes(ask: WindowAsk): { from: number[]; to: number[] } {
  const square = ask.from.every((v) => v === ask.from[0]) && ask.to.every((v) => v === ask.to[0]);
  return square
    ? { from: [ask.from[0] as number], to: [ask.to[0] as number] }
    : { from: ask.from, to: ask.to };
}

export function windowAnswer(ask: WindowAsk, loc: Locale): string[] {
  const grow = ask.to.some((v, i) => v > (ask.from[i] ?? 0));
  if (grow || ask.layer === "conv_transpose" || ask.layer === "upsampling") return growAnswer(ask, loc);
  const onlyPadding = ask.asked.length > 0 && ask.asked.every((a) => a === "padding");
  if (onlyPadding && ask.kernel !== null) return paddingAnswer(ask, loc);
  return searchAnswer(ask, loc);
}

function torchClass(layer: "conv" | "pool", rank: number): string {
  return layer === "pool" ? `nn.MaxPool${rank}d` : `nn.Conv${rank}d`;
}

function torchCode(
  layer: "conv" | "pool",
  rank: number,
  kernel: number,
  stride: number,
  pad: number,
  dil = 1,
): string {
  const cls = torchClass(layer, rank);
  if (layer === "pool") {
    if (stride === kernel && pad === 0) return `${cls}(${kernel})`;
    return `${cls}(${kernel}, stride=${stride}${pad > 0 ? `, padding=${pad}` : ""})`;
  }
  const args = [`${kernel}`];
  if (stride !== 1) args.push(`stride=${stride}`);
  if (pad !== 0) args.push(`padding=${pad}`);
  if (dil !== 1) args.push(`dilation=${dil}`);
  return `${cls}(in_channels, out_channels, ${args.join(", ")})`;
}

/** "What padding keeps 32x32 with a 5x5 kernel?": the kernel and stride are given, the padding asked. */
function paddingAnswer(ask: WindowAsk, loc: Locale): string[] {
  const layer = ask.layer === "pool" ? "pool" : "conv";
  const kernel = ask.kernel as number;
  const stride = ask.stride ?? 1;
  const dilation = ask.dilation ?? 1;
  const { from, to } = axes(ask);
  const axis = axisLabel(ask.from, ask.to);
  const rank = rankOf(ask.from);
  const search: WindowSearch = { from, to, layer, kernel, stride, padding: null, dilation };
  const lines = [
    loc.inverse.paddingHeader({
      from: sizeText(ask.from),
      to: sizeText(ask.to),
      kernel,
      stride,
      dilation,
      pool: layer === "pool",
    }),
  ];
  const found = solveWindow(search, axis).sort((a, b) => padOf(a) - padOf(b));
  const first = found[0];
  if (first !== undefined) {
    lines.push(
      loc.inverse.torchPadding({
        pads: found.map(padOf),
        formula: formulas(first.steps, loc),
        code: torchCode(layer, rank, kernel, stride, padOf(first), dilation),
      }),
    );
  } else {
    const uneven = solveUnevenPads({ ...search, kernel, stride }, axis)[0];
    lines.push(
      loc.inverse.torchUneven(
        uneven === undefined || !Array.isArray(uneven.padding)
          ? null
          : {
              before: uneven.padding[0],
              after: uneven.padding[1],
              formula: formulas(uneven.steps, loc),
              code: torchCode(layer, rank, kernel, stride, 0, dilation),
            },
      ),
    );
  }
  // PyTorch's padding='same' exists for convs with stride 1 only.
  if (layer === "conv" && stride === 1 && ask.keep) {
    const same = runWindow(from, { kernel, stride, dilation, padding: "same_torch" }, layer, axis);
    const g = same?.steps[0];
    if (g && g.padBefore !== null && g.padAfter !== null)
      lines.push(loc.inverse.torchSame({ before: g.padBefore, after: g.padAfter }));
  }
  const keras = (padding: "same" | "valid") => {
    const r = runWindow(from, { kernel, stride, dilation, padding }, layer, axis);
    return {
      formula: r ? formulas(r.steps, loc, "keras") : "—",
      ok: r?.outputs.every((o, i) => o === to[i]) ?? false,
    };
  };
  const same = keras("same");
  const valid = keras("valid");
  const uneven = same.ok || valid.ok ? null : solveUnevenPads({ ...search, kernel, stride }, axis)[0];
  lines.push(
    ...loc.inverse.kerasPadding({
      same,
      valid,
      uneven:
        uneven && Array.isArray(uneven.padding)
          ? { before: uneven.padding[0], after: uneven.padding[1] }
          : found[0]
            ? { before: padOf(found[0]), after: padOf(found[0]) }
            : null,
      rank,
    }),
  );
  return lines;
}

function padOf(r: WindowResult): number {
  return Array.isArray(r.padding) ? r.padding[0] : 0;
}

/** "Which stride/kernel takes 224 to 112?": every small setting that does, the usual ones first. */
function searchAnswer(ask: WindowAsk, loc: Locale): string[] {
  const layer = ask.layer === "pool" ? "pool" : "conv";
  const { from, to } = axes(ask);
  const axis = axisLabel(ask.from, ask.to);
  const rank = rankOf(ask.from);
  const dilation = ask.dilation ?? 1;
  const fixedPad = typeof ask.padding === "number" ? ask.padding : ask.padding === "valid" ? 0 : null;
  const kerasSame = ask.padding === "same";
  const found = kerasSame
    ? []
    : solveWindow(
        { from, to, layer, kernel: ask.kernel, stride: ask.stride, padding: fixedPad, dilation },
        axis,
      );
  // Keras: 'same' gives ⌈in/s⌉ whatever the kernel; 'valid' is padding 0.
  const sameStride = [...Array(MAX_STRIDE).keys()]
    .map((i) => i + 1)
    .filter((s) => ask.stride === null || s === ask.stride)
    .map((s) =>
      runWindow(from, { kernel: ask.kernel ?? 3, stride: s, dilation, padding: "same" }, layer, axis),
    )
    .find((r) => r?.outputs.every((o, i) => o === to[i]));
  if (found.length === 0 && sameStride === undefined)
    return [
      loc.inverse.noWindow({
        from: sizeText(ask.from),
        to: sizeText(ask.to),
        maxKernel: ask.kernel ?? MAX_KERNEL,
        maxStride: ask.stride ?? MAX_STRIDE,
        grow: false,
        fixed: { kernel: ask.kernel !== null, stride: ask.stride !== null },
      }),
    ];
  const lines: string[] = [];
  if (found.length > 0) {
    lines.push(
      loc.inverse.searchHeader({
        from: sizeText(ask.from),
        to: sizeText(ask.to),
        count: found.length,
        pool: layer === "pool",
        maxKernel: ask.kernel ?? MAX_KERNEL,
        maxStride: ask.stride ?? MAX_STRIDE,
        fixed: { kernel: ask.kernel !== null, stride: ask.stride !== null },
      }),
    );
    for (const r of found.slice(0, LISTED))
      lines.push(
        loc.inverse.windowSolution({
          kernel: r.kernel,
          stride: r.stride,
          padding: padOf(r),
          formula: formulas(r.steps, loc),
          tiled: layer === "conv" && r.kernel === r.stride && padOf(r) === 0 && r.kernel > 1,
        }),
      );
    if (found.length > LISTED)
      lines.push(
        loc.inverse.more({
          count: found.length - LISTED,
          examples: found
            .slice(LISTED, LISTED + 3)
            .map((r) => loc.inverse.settingShort({ kernel: r.kernel, stride: r.stride, padding: padOf(r) })),
        }),
      );
  }
  const valid = found.filter((r) => padOf(r) === 0).map((r) => ({ kernel: r.kernel, stride: r.stride }));
  lines.push(
    loc.inverse.kerasSearch({
      stride: sameStride?.stride ?? null,
      formula: sameStride ? formulas(sameStride.steps, loc, "keras") : null,
      valid: kerasSame ? null : valid.slice(0, 4),
    }),
  );
  if (found.length > 0) {
    const code = found
      .slice(0, 2)
      .map((r) => torchCode(layer, rank, r.kernel, r.stride, padOf(r), r.dilation));
    const tiled = found.find((r) => r.kernel === r.stride && padOf(r) === 0 && r.kernel > 1);
    if (layer === "conv" && tiled !== undefined)
      code.push(torchCode("pool", rank, tiled.kernel, tiled.stride, 0));
    lines.push(loc.inverse.torchCode({ code }));
  }
  return lines;
}

/** "怎样把 112 变成 224？": transposed convs (PyTorch and Keras) and upsampling. */
function growAnswer(ask: WindowAsk, loc: Locale): string[] {
  const { from, to } = axes(ask);
  const axis = axisLabel(ask.from, ask.to);
  const rank = rankOf(ask.from);
  const found = solveTranspose(
    {
      from,
      to,
      kernel: ask.kernel,
      stride: ask.stride,
      padding: typeof ask.padding === "number" ? ask.padding : null,
      outputPadding: null,
    },
    axis,
  );
  const lines: string[] = [];
  if (found.length > 0) {
    lines.push(
      loc.inverse.growHeader({
        from: sizeText(ask.from),
        to: sizeText(ask.to),
        count: found.length,
        maxKernel: ask.kernel ?? MAX_TRANSPOSE_KERNEL,
        maxStride: ask.stride ?? MAX_TRANSPOSE_STRIDE,
      }),
    );
    for (const r of found.slice(0, LISTED))
      lines.push(
        loc.inverse.transposeSolution({
          kernel: r.kernel,
          stride: r.stride,
          padding: typeof r.padding === "number" ? r.padding : 0,
          outputPadding: r.outputPadding ?? 0,
          formula: formulas(r.steps, loc),
        }),
      );
    if (found.length > LISTED)
      lines.push(
        loc.inverse.more({
          count: found.length - LISTED,
          examples: found.slice(LISTED, LISTED + 3).map((r) =>
            loc.inverse.settingShort({
              kernel: r.kernel,
              stride: r.stride,
              padding: typeof r.padding === "number" ? r.padding : 0,
              outputPadding: r.outputPadding ?? 0,
            }),
          ),
        }),
      );
  }
  // Keras 'same' multiplies by the stride; an integer factor is also a plain upsampling.
  const factor = from.every(
    (v, i) => (to[i] ?? 0) % v === 0 && (to[i] ?? 0) / v === (to[0] ?? 0) / (from[0] ?? 1),
  )
    ? (to[0] ?? 0) / (from[0] ?? 1)
    : null;
  if (factor !== null && factor > 1 && (ask.stride === null || ask.stride === factor)) {
    const keras = runTranspose(
      from,
      { kernel: ask.kernel ?? 3, stride: factor, padding: "same", outputPadding: null },
      "keras",
      axis,
    );
    if (keras?.outputs.every((o, i) => o === to[i]))
      lines.push(
        loc.inverse.kerasGrow({ stride: factor, formula: formulas(keras.steps, loc, "keras"), rank }),
      );
    lines.push(loc.inverse.upsample({ factor, from: sizeText(ask.from), to: sizeText(ask.to), rank }));
  }
  if (lines.length === 0)
    lines.push(
      loc.inverse.noWindow({
        from: sizeText(ask.from),
        to: sizeText(ask.to),
        maxKernel: ask.kernel ?? MAX_TRANSPOSE_KERNEL,
        maxStride: ask.stride ?? MAX_TRANSPOSE_STRIDE,
        grow: true,
        fixed: { kernel: ask.kernel !== null, stride: ask.stride !== null },
      }),
    );
  return lines;
}
