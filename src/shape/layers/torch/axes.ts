import type { TensorOp } from "../../../model/layer-config.js";
import type { Shape } from "../../../model/shape.js";
import type { RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { dimOutOfRange, torchFail, wrapDim } from "./torch-dims.js";

// Operations that move, add, remove or reduce axes without touching the values' count rules.

function result(op: string, input: Shape, output: Shape): RuleResult {
  return done({ outputs: [output], steps: [{ code: "op_shape", op, inputs: [input], output }] });
}

export function inferPermute(op: Extract<TensorOp, { name: "permute" }>, input: Shape): RuleResult {
  if (op.dims.length !== input.length)
    return torchFail(
      "permute",
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${input.length} is not equal to len(dims) = ${op.dims.length}`,
    );
  const seen = new Set<number>();
  const output: Shape = [];
  for (const d of op.dims) {
    const at = wrapDim(d, input.length);
    if (at === null) return dimOutOfRange("permute", d, input.length);
    if (seen.has(at)) return torchFail("permute", "permute(): duplicate dims are not allowed.");
    seen.add(at);
    output.push(input[at] ?? null);
  }
  return result("permute", input, output);
}

export function inferTranspose(op: Extract<TensorOp, { name: "transpose" }>, input: Shape): RuleResult {
  const a = wrapDim(op.dim0, input.length);
  if (a === null) return dimOutOfRange("transpose", op.dim0, input.length);
  const b = wrapDim(op.dim1, input.length);
  if (b === null) return dimOutOfRange("transpose", op.dim1, input.length);
  const output = [...input];
  output[a] = input[b] ?? null;
  output[b] = input[a] ?? null;
  return result("transpose", input, output);
}

export function inferSqueeze(op: Extract<TensorOp, { name: "squeeze" }>, input: Shape): RuleResult {
  if (op.dim === null)
    return result(
      "squeeze",
      input,
      input.filter((d) => d !== 1),
    );
  const at = wrapDim(op.dim, input.length);
  if (at === null) return dimOutOfRange("squeeze", op.dim, input.length);
  return result("squeeze", input, input[at] === 1 ? input.filter((_, i) => i !== at) : [...input]);
}

export function inferUnsqueeze(op: Extract<TensorOp, { name: "unsqueeze" }>, input: Shape): RuleResult {
  const at = wrapDim(op.dim, input.length, 1);
  if (at === null) return dimOutOfRange("unsqueeze", op.dim, input.length, 1);
  return result("unsqueeze", input, [...input.slice(0, at), 1, ...input.slice(at)]);
}

export function inferReduce(op: Extract<TensorOp, { name: "reduce" }>, input: Shape): RuleResult {
  if (op.dims === null) return result(op.fn, input, op.keepdim ? input.map(() => 1) : []);
  // PyTorch wraps every dim first (an out-of-range one wins), then rejects repeats.
  const wrapped: number[] = [];
  for (const d of op.dims) {
    const at = wrapDim(d, input.length);
    if (at === null) return dimOutOfRange(op.fn, d, input.length);
    wrapped.push(at);
  }
  const axes = new Set<number>();
  for (const at of wrapped) {
    if (axes.has(at)) return torchFail(op.fn, `dim ${at} appears multiple times in the list of dims`);
    axes.add(at);
  }
  const output = op.keepdim
    ? input.map((d, i) => (axes.has(i) ? 1 : d))
    : input.filter((_, i) => !axes.has(i));
  return result(op.fn, input, output);
}
