import type { Pos } from "./ast.js";
import type { Evaluator } from "./evaluate.js";
import {
  type CallArgs,
  FALSE,
  type HostObject,
  host,
  int,
  NONE,
  numberOf,
  repr,
  str,
  TRUE,
  truthy,
  unknown,
  type Value,
} from "./values.js";

// Python builtins and the `math` module, as far as model code needs them.

type Builtin = (args: CallArgs, pos: Pos, ev: Evaluator) => Value;

function fn(label: string, call: Builtin, ev: Evaluator): Value {
  return host({ label, call: (args, pos) => call(args, pos, ev) });
}

function nums(args: CallArgs): number[] | null {
  const out: number[] = [];
  for (const a of args.positional) {
    const n = numberOf(a);
    if (n === null) return null;
    out.push(n);
  }
  return out;
}

function items(v: Value | undefined, ev: Evaluator, pos: Pos): Value[] | null {
  return v ? ev.iterate(v, pos) : null;
}

function minMax(pick: (a: number, b: number) => boolean): Builtin {
  return (args, pos, ev) => {
    const candidates = args.positional.length === 1 ? items(args.positional[0], ev, pos) : args.positional;
    if (!candidates || candidates.length === 0) return unknown("min/max");
    let best: Value = candidates[0] as Value;
    for (const c of candidates) {
      const a = numberOf(c);
      const b = numberOf(best);
      if (a === null || b === null) return unknown("min/max");
      if (pick(a, b)) best = c;
    }
    return best;
  };
}

const BUILTINS: Record<string, Builtin> = {
  range: (args, pos, ev) => {
    const n = nums(args);
    if (!n || n.length === 0 || !n.every(Number.isInteger)) return unknown("range");
    const [a, b, c] = n.length === 1 ? [0, n[0] as number, 1] : [n[0] as number, n[1] as number, n[2] ?? 1];
    return ev.range(a, b, c, pos);
  },
  len: (args, pos, ev) => {
    const v = args.positional[0];
    if (v?.t === "str") return int(v.v.length);
    const it = items(v, ev, pos);
    return it ? int(it.length) : unknown("len");
  },
  int: (args) => {
    const v = args.positional[0] ?? int(0);
    if (v.t === "str") {
      const n = Number.parseInt(v.v, 10);
      return Number.isNaN(n) ? unknown("int") : int(n);
    }
    const n = numberOf(v);
    return n === null ? unknown("int") : int(Math.trunc(n));
  },
  float: (args) => {
    const v = args.positional[0] ?? int(0);
    const n = v.t === "str" ? Number(v.v) : numberOf(v);
    return n === null || Number.isNaN(n) ? unknown("float") : { t: "float", v: n };
  },
  bool: (args) => {
    const t = truthy(args.positional[0] ?? FALSE);
    return t === null ? unknown("bool") : t ? TRUE : FALSE;
  },
  str: (args) => {
    const v = args.positional[0] ?? str("");
    return v.t === "str" ? v : v.t === "unknown" ? v : str(repr(v));
  },
  list: (args, pos, ev) => {
    if (args.positional.length === 0) return { t: "list", items: [] };
    const it = items(args.positional[0], ev, pos);
    return it ? { t: "list", items: [...it] } : unknown("list");
  },
  tuple: (args, pos, ev) => {
    if (args.positional.length === 0) return { t: "tuple", items: [] };
    const it = items(args.positional[0], ev, pos);
    return it ? { t: "tuple", items: [...it] } : unknown("tuple");
  },
  dict: (args) => {
    const d: Extract<Value, { t: "dict" }> = { t: "dict", keys: [], values: [] };
    for (const [k, v] of args.keywords) {
      d.keys.push(str(k));
      d.values.push(v);
    }
    return d;
  },
  zip: (args, pos, ev) => {
    const lists = args.positional.map((a) => items(a, ev, pos));
    if (lists.some((l) => l === null)) return unknown("zip");
    const ls = lists as Value[][];
    const n = Math.min(...ls.map((l) => l.length));
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push({ t: "tuple", items: ls.map((l) => l[i] as Value) });
    return { t: "list", items: out };
  },
  enumerate: (args, pos, ev) => {
    const it = items(args.positional[0], ev, pos);
    const start = numberOf(args.positional[1] ?? args.keywords.get("start") ?? int(0)) ?? 0;
    return it
      ? { t: "list", items: it.map((v, i) => ({ t: "tuple", items: [int(i + start), v] })) }
      : unknown("enumerate");
  },
  reversed: (args, pos, ev) => {
    const it = items(args.positional[0], ev, pos);
    return it ? { t: "list", items: [...it].reverse() } : unknown("reversed");
  },
  sorted: (args, pos, ev) => {
    const it = items(args.positional[0], ev, pos);
    if (!it) return unknown("sorted");
    const ns = it.map(numberOf);
    if (ns.some((n) => n === null)) return unknown("sorted");
    return { t: "list", items: [...it].sort((a, b) => (numberOf(a) as number) - (numberOf(b) as number)) };
  },
  sum: (args, pos, ev) => {
    const it = items(args.positional[0], ev, pos);
    if (!it) return unknown("sum");
    let total = 0;
    let float = false;
    for (const v of it) {
      const n = numberOf(v);
      if (n === null) return unknown("sum");
      if (v.t === "float") float = true;
      total += n;
    }
    return float ? { t: "float", v: total } : int(total);
  },
  min: minMax((a, b) => a < b),
  max: minMax((a, b) => a > b),
  abs: (args) => {
    const v = args.positional[0] ?? int(0);
    const n = numberOf(v);
    return n === null ? unknown("abs") : v.t === "float" ? { t: "float", v: Math.abs(n) } : int(Math.abs(n));
  },
  round: (args) => {
    const n = numberOf(args.positional[0] ?? int(0));
    return n === null ? unknown("round") : int(roundHalfEven(n));
  },
  pow: (args) => {
    const n = nums(args);
    return n && n.length >= 2 ? int((n[0] as number) ** (n[1] as number)) : unknown("pow");
  },
  print: () => NONE,
  isinstance: () => unknown("isinstance"),
  type: () => unknown("type"),
  getattr: (args, pos, ev) => {
    const [obj, name] = args.positional;
    return obj && name?.t === "str" ? ev.getAttr(obj, name.v, pos) : unknown("getattr");
  },
  any: (args, pos, ev) => {
    const it = items(args.positional[0], ev, pos);
    return it ? (it.some((v) => truthy(v) === true) ? TRUE : FALSE) : unknown("any");
  },
  all: (args, pos, ev) => {
    const it = items(args.positional[0], ev, pos);
    return it ? (it.every((v) => truthy(v) === true) ? TRUE : FALSE) : unknown("all");
  },
  map: (args, pos, ev) => {
    const [f, seq] = args.positional;
    const it = items(seq, ev, pos);
    if (!f || !it) return unknown("map");
    return { t: "list", items: it.map((v) => ev.callValue(f, { ...emptyish(), positional: [v] }, pos)) };
  },
};

function emptyish(): CallArgs {
  return { positional: [], keywords: new Map(), keywordPos: new Map(), positionalPos: [] };
}

function roundHalfEven(n: number): number {
  const r = Math.round(n);
  return Math.abs(n % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

const MATH: Record<string, (x: number[]) => number | null> = {
  ceil: ([x]) => (x === undefined ? null : Math.ceil(x)),
  floor: ([x]) => (x === undefined ? null : Math.floor(x)),
  sqrt: ([x]) => (x === undefined ? null : Math.sqrt(x)),
  log2: ([x]) => (x === undefined ? null : Math.log2(x)),
  prod: () => null,
};

export function makeBuiltins(ev: Evaluator): Map<string, Value> {
  const map = new Map<string, Value>();
  for (const [name, call] of Object.entries(BUILTINS)) map.set(name, fn(name, call, ev));
  return map;
}

/** The `math` module. */
export function mathModule(ev: Evaluator): Value {
  const module: HostObject = {
    label: "math",
    getAttr(name, pos) {
      if (name === "pi") return { t: "float", v: Math.PI };
      if (name === "prod")
        return fn(
          "math.prod",
          (args) => {
            const it = items(args.positional[0], ev, pos);
            if (!it) return unknown("prod");
            let p = 1;
            for (const v of it) {
              const n = numberOf(v);
              if (n === null) return unknown("prod");
              p *= n;
            }
            return int(p);
          },
          ev,
        );
      const f = Object.hasOwn(MATH, name) ? MATH[name] : undefined;
      if (!f) return undefined;
      return fn(
        `math.${name}`,
        (args) => {
          const n = nums(args);
          const r = n ? f(n) : null;
          if (r === null) return unknown(name);
          return name === "ceil" || name === "floor" ? int(r) : { t: "float", v: r };
        },
        ev,
      );
    },
  };
  return host(module);
}
