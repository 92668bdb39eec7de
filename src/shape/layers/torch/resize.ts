import type { TensorOp } from "../../../model/layer-config.js";
import type { Dim, Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import { add, floorDiv, mul } from "../../../model/symbolic.js";
import type { RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { torchFail } from "./torch-dims.js";

function result(op: string, input: Shape, output: Shape): RuleResult {
  return done({ outputs: [output], steps: [{ code: "op_shape", op, inputs: [input], output }] });
}

/** Which (pad count, input rank) pairs PyTorch's non-constant padding modes accept. */
function nonConstantFits(pads: number, rank: number): boolean {
  return (
    (pads === 2 && (rank === 2 || rank === 3)) ||
    (pads === 4 && (rank === 3 || rank === 4)) ||
    (pads === 6 && (rank === 4 || rank === 5))
  );
}

/**
 * F.pad / nn.*Pad: pairs (before, after) from the last axis backwards. Constant padding takes any
 * count up to the rank; reflect / replicate / circular only 1, 2 or 3 pairs on an input with that
 * many spatial axes plus one or two (PyTorch 1.13's _pad). Reflect needs each pad < the size;
 * circular may wrap at most once.
 */
export function inferPad(op: Extract<TensorOp, { name: "pad" }>, input: Shape): RuleResult {
  if (op.pads.length % 2 !== 0) return torchFail("pad", "Padding length must be divisible by 2");
  const pairs = op.pads.length / 2;
  if (pairs > input.length) return torchFail("pad", "Padding length too large");
  if (op.mode !== "constant" && !nonConstantFits(op.pads.length, input.length))
    return torchFail("pad", "Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now");
  const output = [...input];
  for (let p = 0; p < pairs; p++) {
    const axis = input.length - 1 - p;
    const before = op.pads[2 * p] ?? 0;
    const after = op.pads[2 * p + 1] ?? 0;
    const size = input[axis] ?? null;
    if (op.mode === "reflect" && typeof size === "number" && (before >= size || after >= size)) {
      // reflection_pad{1,2,3}d check width, height, depth in turn (arguments #4, #6, #8); the 2-D
      // kernel names the input by its rank, the others by its sizes.
      const of = pairs === 2 ? String(input.length) : torchList(input);
      return torchFail(
        "pad",
        `Argument #${4 + 2 * p}: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${axis} of input ${of}`,
      );
    }
    if (op.mode === "circular" && typeof size === "number" && (before > size || after > size))
      return torchFail("pad", "Padding value causes wrapping around more than once.");
    output[axis] = add(size, before + after);
  }
  return result(op.mode === "constant" ? "pad" : `pad (${op.mode})`, input, output);
}

const INTERPOLATE_MODES = "nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact";

/** The input rank each interpolation mode needs (nearest, nearest-exact and area take 3-D to 5-D). */
const MODE_RANK: Record<string, number> = { linear: 3, bilinear: 4, bicubic: 4, trilinear: 5 };
const ANY_RANK_MODES = ["nearest", "nearest-exact", "area"];

/**
 * F.interpolate / Upsample: the spatial axes (after N, C) become `size`, or ⌊in·scale⌋. The op
 * carries no interpolation mode yet; PyTorch's default "nearest" is assumed unless it does.
 */
export function inferResize(op: Extract<TensorOp, { name: "resize" }>, input: Shape): RuleResult {
  const mode = "mode" in op && typeof op.mode === "string" ? op.mode : "nearest";
  const spatialRank = input.length - 2;
  const spatial = input.slice(2);
  // A size tuple of the wrong length is caught before the rank (a single size fits any rank).
  if (op.size !== null && op.size.length > 1 && op.size.length !== spatialRank)
    return torchFail(
      op.fn,
      `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${torchList(spatial)} and output size of ${torchList(op.size)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
    );
  // The (rank, mode) pairs PyTorch runs; a linear-family mode on the wrong rank has its own text.
  const rankOk = spatialRank >= 1 && spatialRank <= 3;
  const wants = MODE_RANK[mode];
  const fits = wants === undefined ? ANY_RANK_MODES.includes(mode) : wants === input.length;
  if (rankOk && !fits && wants !== undefined && mode !== "bicubic")
    return torchFail(op.fn, `Got ${input.length}D input, but ${mode} mode needs ${wants}D input`);
  if (!rankOk || !fits)
    return torchFail(
      op.fn,
      `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${input.length}D) for the modes: ${INTERPOLATE_MODES} (got ${mode})`,
    );
  let out: Dim[];
  if (op.size !== null) {
    out = op.size.length === 1 ? spatial.map(() => op.size?.[0] ?? 1) : op.size;
  } else {
    const scale = op.scale?.length === 1 ? spatial.map(() => op.scale?.[0] ?? 1) : (op.scale ?? []);
    out = spatial.map((d, i) => {
      const s = scale[i] ?? 1;
      if (typeof d === "number") return Math.floor(d * s);
      if (Number.isInteger(s)) return mul(d, s);
      return Number.isInteger(1 / s) ? floorDiv(d, 1 / s) : null;
    });
  }
  return result(op.fn, input, [input[0] ?? null, input[1] ?? null, ...out]);
}

/** MaxUnpool: (in − 1)·stride − 2·pad + kernel per spatial axis, or the output_size given. */
export function inferUnpool(op: Extract<TensorOp, { name: "unpool" }>, input: Shape): RuleResult {
  const rank = op.kernel.length;
  const spatial = input.slice(input.length - rank);
  const out: Dim[] = op.outputSize
    ? op.outputSize.slice(-rank)
    : spatial.map((d, i) =>
        add(mul(add(d, -1), op.strides[i] ?? 1), (op.kernel[i] ?? 1) - 2 * (op.padding[i] ?? 0)),
      );
  return result("max_unpool", input, [...input.slice(0, input.length - rank), ...out]);
}

/** PixelShuffle(r): (N, C·r², H, W) → (N, C, H·r, W·r); PixelUnshuffle the other way. */
export function inferPixelShuffle(
  op: Extract<TensorOp, { name: "pixel_shuffle" }>,
  input: Shape,
): RuleResult {
  const name = op.inverse ? "pixel_unshuffle" : "pixel_shuffle";
  if (input.length < 3)
    return torchFail(
      name,
      `${name} expects input to have at least 3 dimensions, but got input with ${input.length} dimension(s)`,
    );
  const r = op.factor;
  const lead = input.slice(0, -3);
  const [c = null, h = null, w = null] = input.slice(-3);
  if (!op.inverse) {
    if (typeof c === "number" && c % (r * r) !== 0)
      return torchFail(
        name,
        `pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of upscale_factor, but input.size(-3)=${c} is not divisible by ${r * r}`,
      );
    return result(name, input, [
      ...lead,
      typeof c === "number" ? c / (r * r) : floorDiv(c, r * r),
      mul(h, r),
      mul(w, r),
    ]);
  }
  for (const [axis, d] of [
    ["height", h],
    ["width", w],
  ] as const) {
    if (typeof d === "number" && d % r !== 0)
      return torchFail(
        name,
        `pixel_unshuffle expects ${axis} to be divisible by downscale_factor, but input.size(${axis === "height" ? -2 : -1})=${d} is not divisible by ${r}`,
      );
  }
  return result(name, input, [...lead, mul(c, r * r), floorDiv(h, r), floorDiv(w, r)]);
}
