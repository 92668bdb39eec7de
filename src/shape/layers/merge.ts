import type { MergeConfig } from "../../model/layer-config.js";
import type { Dim, Shape } from "../../model/shape.js";
import { add } from "../../model/symbolic.js";
import type { LayerRule, RuleResult } from "../rule.js";
import { done, fail } from "./spatial.js";

const CLASS_NAMES: Record<MergeConfig["op"], string> = {
  concat: "Concatenate",
  add: "Add",
  subtract: "Subtract",
  multiply: "Multiply",
  average: "Average",
  maximum: "Maximum",
  minimum: "Minimum",
};

function sumDims(dims: Dim[]): Dim {
  if (dims.some((d) => d === null)) return null;
  if (dims.every((d) => typeof d === "number")) return (dims as number[]).reduce((a, b) => a + b, 0);
  const constant = dims.reduce<number>((acc, d) => acc + (typeof d === "number" ? d : 0), 0);
  const symbols = dims.filter((d): d is string => typeof d === "string").join("+");
  return add(symbols, constant);
}

function concat(shapes: Shape[], axisArg: number): RuleResult {
  const rank = shapes[0]?.length ?? 0;
  const axis = axisArg < 0 ? rank + axisArg : axisArg;
  const mismatch = () => fail({ code: "merge_shape_mismatch", op: "concat", shapes, axis: axisArg });
  if (shapes.some((s) => s.length !== rank)) return mismatch();
  if (axis <= 0 || axis >= rank) {
    return fail({
      code: "axis_out_of_range",
      axis: axisArg,
      rank,
      inputShape: shapes[0] ?? [],
      className: "Concatenate",
    });
  }
  const output: Shape = [];
  for (let i = 0; i < rank; i++) {
    const dims = shapes.map((s) => s[i] ?? null);
    if (i === axis) {
      output.push(sumDims(dims));
      continue;
    }
    const known = dims.filter((d) => d !== null);
    if (new Set(known).size > 1 && i > 0) return mismatch();
    output.push(known[0] ?? null);
  }
  return done({
    outputs: [output],
    steps: [
      {
        code: "merge.concat",
        axis: axisArg,
        sizes: shapes.map((s) => s[axis] ?? null),
        total: output[axis] ?? null,
      },
    ],
  });
}

/** Keras' _compute_elemwise_op_output_shape: align from the right, 1 broadcasts, None stays open. */
function broadcast(a: Shape, b: Shape): Shape | null {
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const out: Shape = long.slice(0, long.length - short.length);
  for (let i = 0; i < short.length; i++) {
    const x = long[long.length - short.length + i] ?? null;
    const y = short[i] ?? null;
    if (x === null || y === null) out.push(null);
    else if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (typeof x === "number" && typeof y === "number" && x !== y) return null;
    else out.push(x);
  }
  return out;
}

function elementwise(op: MergeConfig["op"], shapes: Shape[]): RuleResult {
  if (op === "subtract" && shapes.length !== 2) {
    return fail({ code: "merge_input_count", op, expected: 2, found: shapes.length, shapes });
  }
  const first = shapes[0];
  if (!first) return fail({ code: "merge_input_count", op, expected: 2, found: 0, shapes });
  let acc: Shape = first.slice(1);
  for (const s of shapes.slice(1)) {
    const next = broadcast(acc, s.slice(1));
    if (next === null) return fail({ code: "merge_shape_mismatch", op, shapes, axis: null });
    acc = next;
  }
  const batch = shapes.map((s) => s[0] ?? null).find((d) => d !== null) ?? null;
  const output: Shape = [batch, ...acc];
  return done({
    outputs: [output],
    steps: [{ code: "merge.elementwise", op: CLASS_NAMES[op], shapes, output }],
  });
}

export const mergeRule: LayerRule<MergeConfig> = {
  kind: "merge",
  infer({ config: c, inputs }) {
    return c.op === "concat" ? concat(inputs, c.axis) : elementwise(c.op, inputs);
  },
};
