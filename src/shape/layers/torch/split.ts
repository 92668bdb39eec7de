import type { TensorOp } from "../../../model/layer-config.js";
import type { Dim, Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import type { RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { dimOutOfRange, sameSize, torchFail, wrapDim } from "./torch-dims.js";

/** split/chunk/unbind: one axis cut into pieces (PyTorch's sizes; chunk may give fewer than asked). */
export function inferSplit(op: Extract<TensorOp, { name: "split" }>, input: Shape): RuleResult {
  const at = wrapDim(op.dim, input.length);
  if (at === null) return dimOutOfRange(op.fn, op.dim, input.length);
  const size = input[at] ?? null;
  const piece = (d: Dim): Shape => input.map((x, i) => (i === at ? d : x));
  let outputs: Shape[];
  if (op.fn === "unbind") {
    if (typeof size !== "number") return torchFail("unbind", "unbind of an axis whose size is not known");
    outputs = Array.from({ length: size }, () => input.filter((_, i) => i !== at));
  } else if (Array.isArray(op.sizes)) {
    const total = op.sizes.reduce((a, b) => a + b, 0);
    if (typeof size === "number" && total !== size)
      return torchFail(
        "split",
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${at}), but got split_sizes=${torchList(op.sizes)}`,
      );
    outputs = op.sizes.map((s) => piece(s));
  } else {
    if (typeof size !== "number") return done({ outputs: [piece(null)] });
    const n = op.sizes;
    if (n <= 0)
      return torchFail(
        op.fn,
        `${op.fn} expects ${op.fn === "chunk" ? "`chunks`" : "split_size"} to be greater than 0, got: ${n}`,
      );
    const each = op.fn === "chunk" ? Math.ceil(size / n) : n;
    outputs = [];
    for (let start = 0; start < size; start += each) outputs.push(piece(Math.min(each, size - start)));
    if (outputs.length === 0) outputs.push(piece(0));
  }
  return done({
    outputs,
    steps: [{ code: "op_shape", op: op.fn, inputs: [input], output: outputs[0] ?? [] }],
  });
}

/** softmax(q·kᵀ/√E)·v: the query's sequence with the value's features; q and k must share E. */
export function inferAttention(inputs: Shape[]): RuleResult {
  const [q = [], k = [], v = []] = inputs;
  const e = q[q.length - 1] ?? null;
  const ek = k[k.length - 1] ?? null;
  if (!sameSize(e, ek))
    return torchFail(
      "scaled_dot_product_attention",
      `Expected query and key to have the same last dimension, got ${e} and ${ek}`,
    );
  const output: Shape = [...q.slice(0, -1), v[v.length - 1] ?? null];
  return done({
    outputs: [output],
    steps: [{ code: "op_shape", op: "scaled_dot_product_attention", inputs, output }],
  });
}
