import type { Dim, Shape } from "../../model/shape.js";
import { add, floorDiv, mul } from "../../model/symbolic.js";
import type { Pos } from "../ast.js";
import { type HostObject, int, numberOf, unknown, type Value } from "../values.js";

// Sizes as the user's code sees them: `x.size(0)` is an int when the input size is known and a
// symbolic int ("N", "(H-4)//2") when it is not, so `x.view(x.size(0), -1)` works either way.

interface SymIntHost extends HostObject {
  dim: string;
}

export function dimValue(d: Dim): Value {
  if (typeof d === "number") return int(d);
  if (d === null) return unknown("size");
  const h: SymIntHost = {
    label: d,
    dim: d,
    binary(op, other, _pos, reversed) {
      const n = numberOf(other);
      const o = dimOf(other);
      if (n !== null && Number.isInteger(n)) {
        if (op === "+") return dimValue(add(d, n));
        if (op === "-" && !reversed) return dimValue(add(d, -n));
        if (op === "*") return dimValue(mul(d, n));
        if (op === "//" && !reversed && n > 0) return dimValue(floorDiv(d, n));
      }
      if (op === "*" && typeof o === "string") return dimValue(`${wrap(d)}*${wrap(o)}`);
      return undefined;
    },
  };
  return { t: "host", host: h };
}

function wrap(s: string): string {
  return /^\w+$/.test(s) ? s : `(${s})`;
}

/** A size from a value: an int, a symbolic int, or undefined when it is neither. */
export function dimOf(v: Value | undefined): number | string | undefined {
  if (!v) return undefined;
  if (v.t === "host" && "dim" in v.host) return (v.host as SymIntHost).dim;
  const n = numberOf(v);
  return n !== null && Number.isInteger(n) && v.t !== "bool" ? n : undefined;
}

/** `view(2, -1)`, `view((2, -1))`, `view(x.size())`: the sizes, or null when one is not known. */
export function sizesOf(args: Value[]): (number | string)[] | null {
  const list = args.length === 1 && (args[0]?.t === "tuple" || args[0]?.t === "list") ? args[0].items : args;
  const out: (number | string)[] = [];
  for (const v of list) {
    const d = dimOf(v);
    if (d === undefined) return null;
    out.push(d);
  }
  return out;
}

export function intsOf(args: Value[]): number[] | null {
  const sizes = sizesOf(args);
  return sizes?.every((d): d is number => typeof d === "number") ? sizes : null;
}

export function shapeValue(shape: Shape): Value {
  return { t: "tuple", items: shape.map(dimValue) };
}

export const NOWHERE: Pos = { line: 0, column: 0 };
