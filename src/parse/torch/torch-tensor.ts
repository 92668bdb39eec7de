import type { Pos } from "../ast.js";
import { host, int, numberOf, str, unknown, type Value } from "../values.js";
import { apply, indexItems, OPS, passThrough } from "./torch-ops.js";
import type { TensorHost, TorchSession } from "./torch-session.js";
import { dimValue, shapeValue } from "./torch-values.js";

// What user code can ask of a tensor: x.shape, x.size(1), x.dim(), x.view(…), x[:, -1], x + y, x @ w.

const BINARY: Record<string, { type: string; kind: "broadcast" | "matmul" }> = {
  "+": { type: "+", kind: "broadcast" },
  "-": { type: "-", kind: "broadcast" },
  "*": { type: "*", kind: "broadcast" },
  "/": { type: "/", kind: "broadcast" },
  "@": { type: "@", kind: "matmul" },
};

export function installTensorMethods(s: TorchSession): void {
  s.tensorAttrs = (h, name, pos) => tensorAttr(s, h, name, pos);
  s.tensorBinary = (h, op, other, pos, reversed) => tensorBinary(s, h, op, other, pos, reversed);
}

function tensorAttr(s: TorchSession, h: TensorHost, name: string, pos: Pos): Value | undefined {
  const shape = h.tensor.shape;
  switch (name) {
    case "shape":
      return shape ? shapeValue(shape) : unknown("shape");
    case "ndim":
      return shape ? int(shape.length) : unknown("ndim");
    case "dtype":
      return str(h.dtype === "long" ? "torch.int64" : h.dtype === "bool" ? "torch.bool" : "torch.float32");
    case "device":
      return str("cpu");
    case "data":
    case "T":
      return name === "data" ? host(h) : OPS.t?.(s, h, emptyCall(), pos, ".T");
    case "size":
      return host({
        label: "size",
        call: (args) => {
          if (!shape) return unknown("size");
          const d = args.positional[0] ?? args.keywords.get("dim");
          if (!d) return shapeValue(shape);
          const i = numberOf(d);
          if (i === null) return unknown("size");
          const at = i < 0 ? shape.length + i : i;
          return at >= 0 && at < shape.length ? dimValue(shape[at] ?? null) : unknown("size");
        },
      });
    case "dim":
      return host({ label: "dim", call: () => (shape ? int(shape.length) : unknown("dim")) });
    case "numel":
      return host({
        label: "numel",
        call: () =>
          shape?.every((d) => typeof d === "number")
            ? int((shape as number[]).reduce((a, b) => a * b, 1))
            : unknown("numel"),
      });
  }
  const impl = Object.hasOwn(OPS, name) ? OPS[name] : undefined;
  if (!impl) {
    if (/^[a-z]\w*$/.test(name) && !name.startsWith("_")) s.unknownOp(`.${name}`, pos);
    return undefined;
  }
  return host({ label: `.${name}`, call: (args, p) => impl(s, h, args, p, `.${name}`) });
}

function emptyCall() {
  return { positional: [], keywords: new Map(), keywordPos: new Map(), positionalPos: [] };
}

function tensorBinary(
  s: TorchSession,
  h: TensorHost,
  op: string,
  other: Value,
  pos: Pos,
  reversed: boolean,
): Value | undefined {
  if (op === "[]") {
    const items = indexItems(other);
    if (!items) {
      const t = s.tensorOf(other);
      // Boolean-mask or tensor indexing: the size depends on the values.
      return t ? unknown("indexing with a tensor") : unknown("index");
    }
    return apply(s, "getitem", "[…]", { kind: "tensor_op", op: { name: "index", items } }, [h], pos);
  }
  if (op.startsWith("unary")) return host(h);
  const spec = BINARY[op];
  const t = s.tensorOf(other);
  if (!t) {
    // A scalar on either side keeps the tensor's shape; no row for `x * 0.5`.
    return numberOf(other) !== null || other.t === "unknown"
      ? passThrough(s, h, emptyCall(), pos, op)
      : undefined;
  }
  if (!spec) return host(h);
  const inputs = reversed ? [t, h] : [h, t];
  return apply(
    s,
    spec.type,
    spec.type,
    {
      kind: "tensor_op",
      op: spec.kind === "broadcast" ? { name: "broadcast", fn: spec.type } : { name: "matmul", fn: "@" },
    },
    inputs,
    pos,
  );
}
