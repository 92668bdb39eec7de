import type { Expr, Pos, Stmt } from "./ast.js";

// Values of the safe evaluator. Python's own data (numbers, strings, tuples, lists, dicts,
// functions) are plain records; framework objects (modules, layer classes, layers, tensors,
// models) are HostObjects supplied by a framework builder. Anything the evaluator cannot know
// (a dataset, numpy, a call into an unknown library) is `unknown` and flows through silently.

export type Value =
  | { t: "none" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: number }
  | { t: "float"; v: number }
  | { t: "str"; v: string }
  | { t: "tuple"; items: Value[] }
  | { t: "list"; items: Value[] }
  | { t: "dict"; keys: Value[]; values: Value[] }
  | {
      t: "func";
      name: string;
      def: Extract<Stmt, { kind: "def" }> | null;
      lambda: Extract<Expr, { kind: "lambda" }> | null;
      scope: Scope;
      bound: Value | null;
    }
  | { t: "class"; name: string; scope: Scope; bases: Value[]; pos: Pos }
  | { t: "object"; cls: Extract<Value, { t: "class" }>; attrs: Map<string, Value> }
  | { t: "host"; host: HostObject }
  | { t: "unknown"; why: string };

export interface CallArgs {
  positional: Value[];
  keywords: Map<string, Value>;
  /** Position of each keyword argument's value, for error messages. */
  keywordPos: Map<string, Pos>;
  positionalPos: Pos[];
}

/** A framework object. Builders implement the parts they need; missing parts mean "unknown". */
export interface HostObject {
  /** What the object is, for messages: "keras.layers.Conv2D", "layer conv_1", "tensor". */
  label: string;
  getAttr?(name: string, pos: Pos): Value | undefined;
  call?(args: CallArgs, pos: Pos): Value;
  /** Keras/PyTorch tensors support `x.shape[1]`, `+`, etc. through these hooks. */
  binary?(op: string, other: Value, pos: Pos, reversed: boolean): Value | undefined;
}

/** `a:b:c` inside a subscript, and `...`: host objects only tensors' indexing reads. */
export interface IndexMarker extends HostObject {
  index: { t: "slice"; lo: Value; hi: Value; step: Value } | { t: "ellipsis" };
}

export function sliceValue(lo: Value, hi: Value, step: Value): Value {
  const marker: IndexMarker = { label: "slice", index: { t: "slice", lo, hi, step } };
  return { t: "host", host: marker };
}

export const ELLIPSIS: Value = {
  t: "host",
  host: { label: "Ellipsis", index: { t: "ellipsis" } } as IndexMarker,
};

export function indexMarkerOf(v: Value): IndexMarker["index"] | null {
  return v.t === "host" && "index" in v.host ? (v.host as IndexMarker).index : null;
}

export class Scope {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent: Scope | null) {}

  lookup(name: string): Value | undefined {
    for (let s: Scope | null = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  set(name: string, value: Value): void {
    this.vars.set(name, value);
  }
}

export const NONE: Value = { t: "none" };
export const TRUE: Value = { t: "bool", v: true };
export const FALSE: Value = { t: "bool", v: false };

export function int(v: number): Value {
  return { t: "int", v };
}

export function str(v: string): Value {
  return { t: "str", v };
}

export function unknown(why: string): Value {
  return { t: "unknown", why };
}

export function host(h: HostObject): Value {
  return { t: "host", host: h };
}

export function isNumber(v: Value): v is Extract<Value, { t: "int" | "float" | "bool" }> {
  return v.t === "int" || v.t === "float" || v.t === "bool";
}

export function numberOf(v: Value): number | null {
  if (v.t === "int" || v.t === "float") return v.v;
  if (v.t === "bool") return v.v ? 1 : 0;
  return null;
}

/** Python truthiness; null when the value is unknown. */
export function truthy(v: Value): boolean | null {
  switch (v.t) {
    case "none":
      return false;
    case "bool":
      return v.v;
    case "int":
    case "float":
      return v.v !== 0;
    case "str":
      return v.v.length > 0;
    case "tuple":
    case "list":
      return v.items.length > 0;
    case "dict":
      return v.keys.length > 0;
    case "unknown":
      return null;
    default:
      return true;
  }
}

/** Python repr-like text, used in messages and for str() of known values. */
export function repr(v: Value, depth = 0): string {
  if (depth > 4) return "…";
  switch (v.t) {
    case "none":
      return "None";
    case "bool":
      return v.v ? "True" : "False";
    case "int":
      return String(v.v);
    case "float":
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    case "str":
      return `'${v.v}'`;
    case "tuple":
      return v.items.length === 1
        ? `(${repr(v.items[0] as Value, depth + 1)},)`
        : `(${v.items.map((i) => repr(i, depth + 1)).join(", ")})`;
    case "list":
      return `[${v.items.map((i) => repr(i, depth + 1)).join(", ")}]`;
    case "dict":
      return `{${v.keys.map((k, i) => `${repr(k, depth + 1)}: ${repr(v.values[i] as Value, depth + 1)}`).join(", ")}}`;
    case "func":
      return `<function ${v.name}>`;
    case "class":
      return `<class ${v.name}>`;
    case "object":
      return `<${v.cls.name} object>`;
    case "host":
      return v.host.label;
    case "unknown":
      return "<unknown>";
  }
}

/** Structural equality for the values the evaluator can compare; null when unknown. */
export function pyEquals(a: Value, b: Value): boolean | null {
  if (a.t === "unknown" || b.t === "unknown") return null;
  const na = numberOf(a);
  const nb = numberOf(b);
  if (na !== null && nb !== null) return na === nb;
  if (a.t === "str" && b.t === "str") return a.v === b.v;
  if (a.t === "none" || b.t === "none") return a.t === b.t;
  if ((a.t === "tuple" && b.t === "tuple") || (a.t === "list" && b.t === "list")) {
    if (a.items.length !== b.items.length) return false;
    for (let i = 0; i < a.items.length; i++) {
      const e = pyEquals(a.items[i] as Value, b.items[i] as Value);
      if (e !== true) return e;
    }
    return true;
  }
  if (a.t === "host" && b.t === "host") return a.host === b.host;
  return a === b;
}
