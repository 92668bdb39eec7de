import type { TensorOp } from "../../../model/layer-config.js";
import type { Dim, Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import type { RuleResult } from "../../rule.js";
import { done, fail } from "../spatial.js";
import { numel, symbolicConstraint, torchFail, wrapDim } from "./torch-dims.js";

function isSymbol(d: Dim | undefined): d is string {
  return typeof d === "string" && /^[A-Za-z_]\w*$/.test(d);
}

type ViewOp = Extract<TensorOp, { name: "view" }>;

/**
 * view/reshape: the whole shape, batch included, one -1 inferred. Symbolic sizes that appear on
 * both sides (x.view(x.size(0), -1)) cancel; the -1 then takes what is left.
 */
export function inferView(op: ViewOp, input: Shape): RuleResult {
  const target = op.target;
  // PyTorch's infer_size, left to right: at most one -1, no other negative size.
  let inferAt = -1;
  for (const [i, t] of target.entries()) {
    if (t === -1) {
      if (inferAt >= 0) return torchFail(op.method, "only one dimension can be inferred");
      inferAt = i;
    } else if (typeof t === "number" && t < 0) return torchFail(op.method, `invalid shape dimension ${t}`);
  }
  const leftSymbols: string[] = [];
  let leftKnown = 1;
  for (const d of input) {
    if (d === null) return done({ outputs: [target.map((t) => (t === -1 ? null : t))] });
    if (typeof d === "number") leftKnown *= d;
    else leftSymbols.push(d);
  }
  let rightKnown = 1;
  const rightSymbols: string[] = [];
  target.forEach((t, i) => {
    if (i === inferAt) return;
    if (typeof t === "number") rightKnown *= t;
    else rightSymbols.push(t);
  });
  for (const s of [...rightSymbols]) {
    const at = leftSymbols.indexOf(s);
    if (at >= 0) {
      leftSymbols.splice(at, 1);
      rightSymbols.splice(rightSymbols.indexOf(s), 1);
    }
  }
  const invalid = () =>
    fail({
      code: "reshape_invalid",
      framework: "pytorch",
      target: target.map((t) => (typeof t === "number" ? t : -2)),
      inputSize: leftKnown,
      inputShape: input,
    });
  // x.view(-1, 400) on (N, 16, h, w) with h, w unknown: meant to keep the batch; holds when
  // 16·h·w = 400. When the rest is all numbers, the general branch below works the -1 out exactly.
  const keepsBatch = inferAt === 0 && rightSymbols.length === 0 && isSymbol(input[0]) && target.length > 1;
  const restOfInput = keepsBatch ? numel(input.slice(1)) : null;
  let inferred: Dim = null;
  if (leftSymbols.length === 0 && rightSymbols.length === 0) {
    if (inferAt < 0 ? leftKnown !== rightKnown : rightKnown === 0 || leftKnown % rightKnown !== 0)
      return invalid();
    if (inferAt >= 0) inferred = leftKnown / rightKnown;
  } else if (typeof restOfInput === "string") {
    const output: Shape = [input[0] ?? null, ...target.slice(1)];
    return done({
      outputs: [output],
      steps: [{ code: "op_shape", op: op.method, inputs: [input], output }],
      warnings: [symbolicConstraint(op.method, "view", restOfInput, rightKnown)],
    });
  } else if (inferAt >= 0 && rightSymbols.length === 0) {
    // What is left of the input over the known target sizes, kept as a formula.
    const rest = numel([...leftSymbols, leftKnown]);
    inferred =
      rightKnown === 1
        ? rest
        : `${typeof rest === "string" && !/^\w+$/.test(rest) ? `(${rest})` : rest}//${rightKnown}`;
    if (leftKnown % rightKnown === 0) inferred = numel([...leftSymbols, leftKnown / rightKnown]);
  }
  const output: Shape = target.map((t, i) => (i === inferAt ? inferred : t));
  return done({ outputs: [output], steps: [{ code: "op_shape", op: op.method, inputs: [input], output }] });
}

/** Unflatten(dim, sizes): one axis split into several whose product must equal it. */
export function inferUnflatten(op: Extract<TensorOp, { name: "unflatten" }>, input: Shape): RuleResult {
  const at = wrapDim(op.dim, input.length);
  if (at === null)
    return torchFail(
      "unflatten",
      `Dimension out of range (expected to be in range of [${-input.length}, ${input.length - 1}], but got ${op.dim})`,
    );
  const size = input[at] ?? null;
  const inferAt = op.sizes.indexOf(-1);
  const known = op.sizes.reduce((a, b) => (b === -1 ? a : a * b), 1);
  let sizes: Dim[] = op.sizes;
  if (typeof size === "number") {
    if (inferAt < 0 ? known !== size : size % known !== 0)
      return torchFail(
        "unflatten",
        `unflatten: Provided sizes ${torchList(op.sizes)} don't multiply up to the size of dim ${op.dim} (${size}) in the input tensor`,
      );
    if (inferAt >= 0) sizes = op.sizes.map((s) => (s === -1 ? size / known : s));
  }
  const output = [...input.slice(0, at), ...sizes, ...input.slice(at + 1)];
  return done({ outputs: [output], steps: [{ code: "op_shape", op: "unflatten", inputs: [input], output }] });
}
