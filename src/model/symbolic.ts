import type { Dim } from "./shape.js";

// Arithmetic on dimensions that may be symbolic. A symbolic dimension is a Python-style
// expression string ("H", "H-7", "(H-8)//2+1"), kept readable by folding constant offsets.

/** Splits "E+3" / "E-3" (at the top level, outside parentheses) into base and offset. */
function splitOffset(expr: string): { base: string; offset: number } {
  const m = /^(.*?)([+-])(\d+)$/.exec(expr);
  if (!m || m[1] === undefined || m[2] === undefined || m[3] === undefined) return { base: expr, offset: 0 };
  let depth = 0;
  for (const ch of m[1]) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
  }
  if (depth !== 0 || m[1] === "") return { base: expr, offset: 0 };
  const n = Number(m[3]);
  return { base: m[1], offset: m[2] === "+" ? n : -n };
}

function withOffset(base: string, offset: number): string {
  if (offset === 0) return base;
  return offset > 0 ? `${base}+${offset}` : `${base}-${-offset}`;
}

function isAtom(expr: string): boolean {
  if (/^([A-Za-z_][A-Za-z_0-9]*|\d+)$/.test(expr)) return true;
  if (!expr.startsWith("(") || !expr.endsWith(")")) return /^[a-z]+\(.*\)$/.test(expr) && balanced(expr);
  return balanced(expr.slice(1, -1)) && closesAtEnd(expr);
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** True when the opening parenthesis at 0 closes at the last character. */
function closesAtEnd(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")") {
      depth--;
      if (depth === 0 && i !== s.length - 1) return false;
    }
  }
  return true;
}

function paren(expr: string): string {
  return isAtom(expr) ? expr : `(${expr})`;
}

export function add(d: Dim, n: number): Dim {
  if (d === null) return null;
  if (typeof d === "number") return d + n;
  const { base, offset } = splitOffset(d);
  return withOffset(base, offset + n);
}

export function mul(d: Dim, n: number): Dim {
  if (d === null) return null;
  if (typeof d === "number") return d * n;
  if (n === 1) return d;
  return `${paren(d)}*${n}`;
}

/**
 * ⌊d/n⌋, kept short: an offset moves out as ⌊(X + r + q·n)/n⌋ = ⌊(X + r)/n⌋ + q with 0 ≤ r < n,
 * and ⌊⌊X/a⌋/n⌋ = ⌊X/(a·n)⌋, so conv/pool chains read "H//4-3", not nested floors.
 */
export function floorDiv(d: Dim, n: number): Dim {
  if (d === null) return null;
  if (typeof d === "number") return Math.floor(d / n);
  if (n === 1) return d;
  const { base, offset } = splitOffset(d);
  const r = ((offset % n) + n) % n;
  const q = (offset - r) / n;
  // ⌊(⌊X/a⌋ + r)/n⌋ = ⌊(X + r·a)/(a·n)⌋ for integers.
  const nested = /^(.+)\/\/(\d+)$/.exec(base);
  if (nested?.[1] && nested[2] && isAtom(nested[1])) {
    const a = Number(nested[2]);
    const inner = nested[1].startsWith("(") && closesAtEnd(nested[1]) ? nested[1].slice(1, -1) : nested[1];
    return add(floorDiv(add(inner, r * a), a * n), q);
  }
  const core = r === 0 ? floorOf(base, n) : `(${withOffset(base, r)})//${n}`;
  return add(core, q);
}

function floorOf(x: string, n: number): string {
  const nested = /^(.+)\/\/(\d+)$/.exec(x);
  if (nested?.[1] && nested[2] && isAtom(nested[1])) return `${nested[1]}//${Number(nested[2]) * n}`;
  return `${paren(x)}//${n}`;
}

export function ceilDiv(d: Dim, n: number): Dim {
  if (d === null) return null;
  if (typeof d === "number") return Math.ceil(d / n);
  if (n === 1) return d;
  return `ceil(${d}/${n})`;
}

/** Product of two dims (e.g. flattening H×W); symbolic when either is. */
export function times(a: Dim, b: Dim): Dim {
  if (a === null || b === null) return null;
  if (typeof a === "number" && typeof b === "number") return a * b;
  if (a === 1) return b;
  if (b === 1) return a;
  return `${paren(String(a))}*${paren(String(b))}`;
}
