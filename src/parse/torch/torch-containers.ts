import { torchFail } from "../../shape/layers/torch/torch-dims.js";
import type { Pos } from "../ast.js";
import { emptyArgs } from "../evaluate.js";
import {
  type CallArgs,
  type HostObject,
  host,
  int,
  NONE,
  numberOf,
  str,
  unknown,
  type Value,
} from "../values.js";
import type { ModuleRef, TorchSession } from "./torch-session.js";

// nn.Sequential, nn.ModuleList and nn.ModuleDict, and the built-in blocks made of other modules
// (TransformerEncoderLayer, TransformerEncoder): modules whose children are registered in order.

type Kind = "Sequential" | "ModuleList" | "ModuleDict";

function call1(s: TorchSession, fn: Value, x: Value, pos: Pos): Value {
  return s.ev.callValue(fn, { ...emptyArgs(), positional: [x], positionalPos: [pos] }, pos);
}

/** Reads the children given to a container: modules, a list of them, or an (Ordered)dict. */
function initialChildren(kind: Kind, args: CallArgs): [string, Value][] {
  const first = args.positional[0];
  if (first?.t === "dict")
    return first.keys.map((k, i) => [k.t === "str" ? k.v : String(i), first.values[i] as Value]);
  if (kind !== "Sequential" && first && (first.t === "list" || first.t === "tuple"))
    return first.items.map((v, i) => [String(i), v]);
  if (kind === "Sequential" && first?.t === "list" && args.positional.length === 1)
    return first.items.map((v, i) => [String(i), v]);
  return args.positional.map((v, i) => [String(i), v]);
}

export function makeContainer(s: TorchSession, kind: Kind, args: CallArgs, pos: Pos): Value {
  const items: [string, Value][] = initialChildren(kind, args);
  const values = () => items.map(([, v]) => v);
  const append = (v: Value) => {
    s.ev.checkSize(items.length + 1, pos);
    items.push([String(items.length), v]);
  };
  const h: HostObject = {
    label: `nn.${kind}`,
    getAttr(name, p) {
      const named = items.find(([k]) => k === name);
      if (named && kind !== "ModuleDict") return named[1];
      switch (name) {
        case "__iter__":
          return { t: "list", items: kind === "ModuleDict" ? items.map(([k]) => str(k)) : values() };
        case "append":
          return host({
            label: "append",
            call: (a) => {
              append(a.positional[0] ?? NONE);
              return ref.value;
            },
          });
        case "extend":
          return host({
            label: "extend",
            call: (a) => {
              for (const v of s.ev.iterate(a.positional[0] ?? NONE, p) ?? []) append(v);
              return ref.value;
            },
          });
        case "add_module":
          return host({
            label: "add_module",
            call: (a) => {
              const [k, v] = a.positional;
              if (k?.t === "str" && v) items.push([k.v, v]);
              return NONE;
            },
          });
        case "keys":
          return host({ label: "keys", call: () => ({ t: "list", items: items.map(([k]) => str(k)) }) });
        case "values":
          return host({ label: "values", call: () => ({ t: "list", items: values() }) });
        case "items":
          return host({
            label: "items",
            call: () => ({ t: "list", items: items.map(([k, v]) => ({ t: "tuple", items: [str(k), v] })) }),
          });
        case "children":
          return host({ label: "children", call: () => ({ t: "list", items: values() }) });
        case "__len__":
          return int(items.length);
      }
      return s.moduleMethod(ref, name);
    },
    binary(op, index) {
      if (op !== "[]") return undefined;
      if (index.t === "str") return items.find(([k]) => k === index.v)?.[1] ?? unknown("key");
      const i = numberOf(index);
      if (i === null || !Number.isInteger(i)) return unknown("container slice");
      return items.at(i)?.[1] ?? unknown("index out of range");
    },
    call:
      kind === "Sequential"
        ? (a, p) =>
            s.withFrame(ref, a, p, () => {
              if (a.positional.length !== 1) return wrongArgCount(s, a, p);
              let x = a.positional[0] ?? NONE;
              for (const v of values()) x = call1(s, v, x, p);
              return x;
            })
        : undefined,
  };
  const ref = registerContainer(s, kind, h, pos, items);
  return ref.value;
}

/** Sequential.forward takes exactly one input; more raise Python's TypeError. */
function wrongArgCount(s: TorchSession, a: CallArgs, p: Pos): Value {
  const tensors = a.positional.map((v) => s.tensorOf(v)).filter((t) => t !== null);
  s.op(
    "forward",
    "Sequential.forward",
    { kind: "opaque", reason: "unknown_layer", className: "Sequential", outputShape: null },
    tensors,
    p,
    torchFail(
      "Sequential",
      `Sequential.forward() takes 2 positional arguments but ${a.positional.length + 1} were given`,
    ),
  );
  return unknown("Sequential.forward with several inputs");
}

/** A module made of named children (the list is read when asked: Sequential.append adds to it). */
function registerContainer(
  s: TorchSession,
  className: string,
  h: HostObject,
  pos: Pos,
  children: [string, Value][],
): ModuleRef {
  return s.register({
    className,
    kind: "container",
    value: host(h),
    layer: null,
    params: 0,
    pos,
    failed: false,
    children: () =>
      children
        .map(([k, v]) => [k, s.refOf(v)] as [string, ModuleRef | null])
        .filter((c): c is [string, ModuleRef] => c[1] !== null),
  });
}

function kw(pairs: Record<string, Value>, positional: Value[] = []): CallArgs {
  const a = emptyArgs();
  a.positional.push(...positional);
  for (const [k, v] of Object.entries(pairs)) a.keywords.set(k, v);
  return a;
}

/** A block of named children with a forward written here, as PyTorch's own source has it. */
function composite(
  s: TorchSession,
  className: string,
  children: [string, Value][],
  pos: Pos,
  forward: (x: Value, child: (name: string) => Value, p: Pos) => Value,
): Value {
  const child = (name: string) => children.find(([k]) => k === name)?.[1] ?? NONE;
  const h: HostObject = {
    label: `nn.${className}`,
    getAttr: (name) => children.find(([k]) => k === name)?.[1] ?? s.moduleMethod(ref, name),
    call: (a, p) => s.withFrame(ref, a, p, () => forward(a.positional[0] ?? NONE, child, p)),
  };
  const ref = registerContainer(s, className, h, pos, children);
  return ref.value;
}

function add(s: TorchSession, a: Value, b: Value, pos: Pos): Value {
  return s.ev.binary("+", a, b, pos, false);
}

/** TransformerEncoderLayer (post-norm unless norm_first): self-attention block, then feed-forward block. */
export function transformerEncoderLayer(s: TorchSession, args: CallArgs, pos: Pos): Value {
  const get = (i: number, name: string) => args.keywords.get(name) ?? args.positional[i];
  const d = get(0, "d_model") ?? NONE;
  const nhead = get(1, "nhead") ?? NONE;
  const ff = get(2, "dim_feedforward") ?? int(2048);
  const batchFirst = get(6, "batch_first") ?? { t: "bool", v: false };
  const normFirst = get(7, "norm_first");
  const children: [string, Value][] = [
    [
      "self_attn",
      s.leafModule(
        "MultiheadAttention",
        kw({ embed_dim: d, num_heads: nhead, batch_first: batchFirst }),
        pos,
      ),
    ],
    ["linear1", s.leafModule("Linear", kw({}, [d, ff]), pos)],
    ["dropout", s.leafModule("Dropout", kw({}), pos)],
    ["linear2", s.leafModule("Linear", kw({}, [ff, d]), pos)],
    ["norm1", s.leafModule("LayerNorm", kw({}, [d]), pos)],
    ["norm2", s.leafModule("LayerNorm", kw({}, [d]), pos)],
    ["dropout1", s.leafModule("Dropout", kw({}), pos)],
    ["dropout2", s.leafModule("Dropout", kw({}), pos)],
  ];
  const preNorm = normFirst?.t === "bool" && normFirst.v;
  return composite(s, "TransformerEncoderLayer", children, pos, (x, c, p) => {
    const sa = (y: Value) => {
      const out = s.ev.callValue(c("self_attn"), kw({}, [y, y, y]), p);
      const first = out.t === "tuple" ? (out.items[0] ?? NONE) : out;
      return call1(s, c("dropout1"), first, p);
    };
    const ffBlock = (y: Value) =>
      call1(
        s,
        c("dropout2"),
        call1(s, c("linear2"), call1(s, c("dropout"), call1(s, c("linear1"), y, p), p), p),
        p,
      );
    if (preNorm) {
      const y = add(s, x, sa(call1(s, c("norm1"), x, p)), p);
      return add(s, y, ffBlock(call1(s, c("norm2"), y, p)), p);
    }
    const y = call1(s, c("norm1"), add(s, x, sa(x), p), p);
    return call1(s, c("norm2"), add(s, y, ffBlock(y), p), p);
  });
}

/** TransformerEncoder(layer, num_layers, norm): num_layers copies of the layer, then the norm. */
export function transformerEncoder(s: TorchSession, args: CallArgs, pos: Pos, copyLayer: () => Value): Value {
  const n = numberOf(args.keywords.get("num_layers") ?? args.positional[1] ?? NONE) ?? 1;
  s.ev.checkSize(n, pos);
  const layers = makeContainer(
    s,
    "ModuleList",
    kw({}, [{ t: "list", items: Array.from({ length: n }, copyLayer) }]),
    pos,
  );
  const norm = args.keywords.get("norm") ?? args.positional[2];
  const children: [string, Value][] = [["layers", layers]];
  if (norm && norm.t !== "none") children.push(["norm", norm]);
  return composite(s, "TransformerEncoder", children, pos, (x, c, p) => {
    let y = x;
    for (const layer of s.ev.iterate(c("layers"), p) ?? []) y = call1(s, layer, y, p);
    return norm && norm.t !== "none" ? call1(s, norm, y, p) : y;
  });
}
