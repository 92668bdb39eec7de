import type { IndexItem, LayerConfig, TensorOp } from "../../model/layer-config.js";
import { torchFail } from "../../shape/layers/torch/torch-dims.js";
import type { RuleResult } from "../../shape/rule.js";
import type { Pos } from "../ast.js";
import { type CallArgs, indexMarkerOf, NONE, numberOf, unknown, type Value } from "../values.js";
import type { DType, TensorHost, TorchSession } from "./torch-session.js";
import { dimOf, intsOf, sizesOf } from "./torch-values.js";

// The tensor operations shared by tensor methods (x.view), torch functions (torch.flatten) and
// torch.nn.functional (F.relu): one table, each entry reading its arguments as PyTorch does and
// adding one node (one table row) through the session.

export type OpImpl = (s: TorchSession, self: TensorHost, args: CallArgs, pos: Pos, label: string) => Value;

/** The i-th argument after the tensor itself, or the keyword. */
export function arg(args: CallArgs, i: number, name: string): Value | undefined {
  const v = args.keywords.get(name) ?? args.positional[i];
  return v?.t === "none" ? undefined : v;
}

function intArg(args: CallArgs, i: number, name: string, fallback: number): number {
  const v = arg(args, i, name);
  const n = v ? numberOf(v) : null;
  return n !== null && Number.isInteger(n) ? n : fallback;
}

function boolArg(args: CallArgs, i: number, name: string, fallback: boolean): boolean {
  const v = arg(args, i, name);
  return v?.t === "bool" ? v.v : fallback;
}

/** Runs one tensor op with several outputs (split, chunk, unbind) and returns them as a tuple. */
export function applyMany(
  s: TorchSession,
  type: string,
  label: string,
  op: TensorOp,
  self: TensorHost,
  pos: Pos,
): Value {
  const outs = s.op(type, label, { kind: "tensor_op", op }, [self], pos);
  return { t: "tuple", items: outs.map((t) => s.tensorValue(t, self.dtype)) };
}

/** Runs one tensor op and returns its first output as a tensor value. */
export function apply(
  s: TorchSession,
  type: string,
  label: string,
  config: LayerConfig,
  inputs: TensorHost[],
  pos: Pos,
  dtype?: DType,
  preset?: RuleResult,
): Value {
  const outs = s.op(type, label, config, inputs, pos, preset);
  const first = outs[0];
  if (!first) return unknown(type);
  // transpose/permute/expand return strided views: a later view() needs .contiguous() first.
  const strided = config.kind === "tensor_op" && ["permute", "transpose", "expand"].includes(config.op.name);
  return s.tensorValue(first, dtype ?? inputs[0]?.dtype ?? "float", { contiguous: !strided });
}

function tensorOp(
  s: TorchSession,
  type: string,
  label: string,
  op: TensorOp,
  inputs: TensorHost[],
  pos: Pos,
): Value {
  return apply(s, type, label, { kind: "tensor_op", op }, inputs, pos);
}

function elementwise(op: string): OpImpl {
  return (s, self, args, pos, label) =>
    apply(
      s,
      op,
      label,
      {
        kind: "elementwise",
        op,
        paramsPerChannel: 0,
        axis: arg(args, 0, "dim") ? intArg(args, 0, "dim", -1) : null,
      },
      [self],
      pos,
    );
}

/** Ops that change nothing a shape question cares about: no row, the same tensor. */
export const passThrough: OpImpl = (_s, self) => ({ t: "host", host: self });

function view(method: string): OpImpl {
  return (s, self, args, pos, label) => {
    const target = sizesOf(args.positional.length > 0 ? args.positional : [arg(args, 0, "shape") ?? NONE]);
    if (!target) return unknown(`${method} with sizes that are not known`);
    const shape = self.tensor.shape;
    const same = shape !== null && shape.length === target.length && shape.every((d, i) => d === target[i]);
    const preset =
      method === "view" && !self.contiguous && !same
        ? torchFail(
            "view",
            "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
          )
        : undefined;
    return apply(
      s,
      method,
      label,
      { kind: "tensor_op", op: { name: "view", method, target } },
      [self],
      pos,
      undefined,
      preset,
    );
  };
}

const reduce =
  (fn: string): OpImpl =>
  (s, self, args, pos, label) => {
    const dimV = arg(args, 0, "dim");
    const dims = dimV ? intsOf([dimV]) : null;
    if (dimV && !dims) return unknown(fn);
    const out = tensorOp(
      s,
      fn,
      label,
      { name: "reduce", fn, dims, keepdim: boolArg(args, 1, "keepdim", false) },
      [self],
      pos,
    );
    // max/min along a dim give (values, indices), as torch.max(x, 1) does.
    if ((fn === "max" || fn === "min") && dims) {
      const t = s.tensorOf(out);
      return { t: "tuple", items: [out, t ? s.tensorValue(t.tensor, "long") : out] };
    }
    return out;
  };

const binaryWith =
  (fn: string, kind: "broadcast" | "matmul"): OpImpl =>
  (s, self, args, pos, label) => {
    const other = s.tensorOf(arg(args, 0, "other") ?? arg(args, 0, "mat2"));
    if (!other) return kind === "broadcast" ? passThrough(s, self, args, pos, label) : unknown(fn);
    return tensorOp(
      s,
      fn,
      label,
      kind === "broadcast" ? { name: "broadcast", fn } : { name: "matmul", fn },
      [self, other],
      pos,
    );
  };

export const OPS: Record<string, OpImpl> = {
  view: view("view"),
  reshape: view("reshape"),
  flatten: (s, self, args, pos, label) =>
    apply(
      s,
      "flatten",
      label,
      {
        kind: "flatten",
        startDim: intArg(args, 0, "start_dim", 0),
        endDim: intArg(args, 1, "end_dim", -1),
        dataFormat: "channels_first",
      },
      [self],
      pos,
    ),
  permute: (s, self, args, pos, label) => {
    const dims = intsOf(args.positional.length > 0 ? args.positional : [arg(args, 0, "dims") ?? NONE]);
    return dims ? tensorOp(s, "permute", label, { name: "permute", dims }, [self], pos) : unknown("permute");
  },
  transpose: (s, self, args, pos, label) =>
    tensorOp(
      s,
      "transpose",
      label,
      { name: "transpose", dim0: intArg(args, 0, "dim0", 0), dim1: intArg(args, 1, "dim1", 1) },
      [self],
      pos,
    ),
  t: (s, self, _args, pos, label) =>
    tensorOp(s, "transpose", label, { name: "transpose", dim0: 0, dim1: -1 }, [self], pos),
  squeeze: (s, self, args, pos, label) => {
    const d = arg(args, 0, "dim");
    return tensorOp(
      s,
      "squeeze",
      label,
      { name: "squeeze", dim: d ? intArg(args, 0, "dim", 0) : null },
      [self],
      pos,
    );
  },
  unsqueeze: (s, self, args, pos, label) =>
    tensorOp(s, "unsqueeze", label, { name: "unsqueeze", dim: intArg(args, 0, "dim", 0) }, [self], pos),
  split: (s, self, args, pos, label) => {
    const sizeV = arg(args, 0, "split_size_or_sections") ?? arg(args, 0, "split_size");
    const many = sizeV && (sizeV.t === "list" || sizeV.t === "tuple") ? intsOf([sizeV]) : null;
    const one = sizeV ? numberOf(sizeV) : null;
    if (!many && one === null) return unknown("split");
    return applyMany(
      s,
      "split",
      label,
      { name: "split", fn: "split", sizes: many ?? (one as number), dim: intArg(args, 1, "dim", 0) },
      self,
      pos,
    );
  },
  chunk: (s, self, args, pos, label) => {
    const n = numberOf(arg(args, 0, "chunks") ?? NONE);
    return n === null
      ? unknown("chunk")
      : applyMany(
          s,
          "chunk",
          label,
          { name: "split", fn: "chunk", sizes: n, dim: intArg(args, 1, "dim", 0) },
          self,
          pos,
        );
  },
  unbind: (s, self, args, pos, label) =>
    applyMany(
      s,
      "unbind",
      label,
      { name: "split", fn: "unbind", sizes: 0, dim: intArg(args, 0, "dim", 0) },
      self,
      pos,
    ),
  tril: elementwise("tril"),
  triu: elementwise("triu"),
  expand: (s, self, args, pos, label) => {
    const sizes = sizesOf(args.positional.length > 0 ? args.positional : [arg(args, 0, "size") ?? NONE]);
    return sizes ? tensorOp(s, "expand", label, { name: "expand", sizes }, [self], pos) : unknown("expand");
  },
  repeat: (s, self, args, pos, label) => {
    const times = intsOf(args.positional.length > 0 ? args.positional : [arg(args, 0, "repeats") ?? NONE]);
    return times ? tensorOp(s, "repeat", label, { name: "repeat", times }, [self], pos) : unknown("repeat");
  },
  unflatten: (s, self, args, pos, label) => {
    const sizes = intsOf([arg(args, 1, "sizes") ?? NONE]);
    return sizes
      ? tensorOp(
          s,
          "unflatten",
          label,
          { name: "unflatten", dim: intArg(args, 0, "dim", 1), sizes },
          [self],
          pos,
        )
      : unknown("unflatten");
  },
  mean: reduce("mean"),
  sum: reduce("sum"),
  amax: reduce("amax"),
  amin: reduce("amin"),
  max: reduce("max"),
  min: reduce("min"),
  prod: reduce("prod"),
  std: reduce("std"),
  var: reduce("var"),
  argmax: (s, self, args, pos, label) => {
    const v = reduce("argmax")(s, self, args, pos, label);
    const t = s.tensorOf(v);
    return t ? s.tensorValue(t.tensor, "long") : v;
  },
  add: binaryWith("add", "broadcast"),
  sub: binaryWith("sub", "broadcast"),
  mul: binaryWith("mul", "broadcast"),
  div: binaryWith("div", "broadcast"),
  matmul: binaryWith("matmul", "matmul"),
  mm: binaryWith("mm", "matmul"),
  bmm: binaryWith("bmm", "matmul"),
  expand_as: (s, self, args, pos, label) => {
    const other = s.tensorOf(arg(args, 0, "other"));
    return other?.tensor.shape
      ? tensorOp(s, "expand_as", label, { name: "broadcast", fn: "expand_as" }, [self, other], pos)
      : unknown("expand_as");
  },
  view_as: (s, self, args, pos, label) => {
    const other = s.tensorOf(arg(args, 0, "other"));
    const shape = other?.tensor.shape;
    const target = shape?.every((d) => d !== null) ? (shape as (number | string)[]) : null;
    return target
      ? tensorOp(s, "view_as", label, { name: "view", method: "view_as", target }, [self], pos)
      : unknown("view_as");
  },
  softmax: elementwise("softmax"),
  log_softmax: elementwise("log_softmax"),
  relu: elementwise("relu"),
  relu6: elementwise("relu6"),
  gelu: elementwise("gelu"),
  silu: elementwise("silu"),
  mish: elementwise("mish"),
  elu: elementwise("elu"),
  selu: elementwise("selu"),
  leaky_relu: elementwise("leaky_relu"),
  sigmoid: elementwise("sigmoid"),
  tanh: elementwise("tanh"),
  hardswish: elementwise("hardswish"),
  softplus: elementwise("softplus"),
  dropout: elementwise("dropout"),
  dropout2d: elementwise("dropout2d"),
  normalize: elementwise("normalize"),
  exp: elementwise("exp"),
  log: elementwise("log"),
  sqrt: elementwise("sqrt"),
  abs: elementwise("abs"),
  contiguous: (s, self) => s.tensorValue(self.tensor, self.dtype),
  clone: passThrough,
  detach: passThrough,
  float: passThrough,
  double: passThrough,
  half: passThrough,
  cpu: passThrough,
  cuda: passThrough,
  to: passThrough,
  requires_grad_: passThrough,
  masked_fill: passThrough,
  long: (s, self) => s.tensorValue(self.tensor, "long", { maxValue: self.maxValue }),
  int: (s, self) => s.tensorValue(self.tensor, "long", { maxValue: self.maxValue }),
  bool: (s, self) => s.tensorValue(self.tensor, "bool"),
};

/** `x[:, -1, :]`, `x[..., None]`, `x[0]`: the index items, or null when one is not known. */
export function indexItems(index: Value): IndexItem[] | null {
  const items = index.t === "tuple" ? index.items : [index];
  const out: IndexItem[] = [];
  for (const item of items) {
    const marker = indexMarkerOf(item);
    if (marker?.t === "ellipsis") out.push({ t: "ellipsis" });
    else if (marker?.t === "slice") {
      const bound = (v: Value) => (v.t === "none" ? null : numberOf(v));
      const lo = bound(marker.lo);
      const hi = bound(marker.hi);
      const step = bound(marker.step);
      if ((marker.lo.t !== "none" && lo === null) || (marker.hi.t !== "none" && hi === null)) return null;
      out.push({ t: "slice", lo, hi, step });
    } else if (item.t === "none") out.push({ t: "newaxis" });
    else {
      const d = dimOf(item);
      if (typeof d !== "number") return null;
      out.push({ t: "int", v: d });
    }
  }
  return out;
}
