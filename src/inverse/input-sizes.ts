import type { Analysis } from "../model/analysis.js";
import type { Dim } from "../model/shape.js";
import { evalDim, sizeVars } from "../model/symbolic-eval.js";

// Which input sizes a model takes, when it was traced with symbolic sizes (N, C, H, W): every
// square side s = H = W from 1 to SIZE_LIMIT is tried on the model's own symbolic output sizes
// (src/model/symbolic-eval.ts): no axis may shrink below 1, every size a layer needs exactly
// (Linear's in_features, a view) must hold. Separately, the sizes where no strided layer silently
// drops a last row or column.

export const SIZE_LIMIT = 1024;

export interface SizeExpr {
  layer: string;
  expr: string;
}

export interface ExactCondition {
  layer: string;
  /** The symbolic input of the window (`H-4`) and what must divide: in + pads − k_eff by stride. */
  input: string;
  expr: string;
  stride: number;
  holds(s: number): boolean;
}

export interface SizeConstraint {
  layer: string;
  what: string;
  expr: string;
  equals: number;
}

export interface InputSizes {
  vars: string[];
  /** Square sides that work, as inclusive ranges; `open`: the last range runs on past the limit. */
  ranges: [number, number][];
  open: boolean;
  smallest: number | null;
  /** The first size that fails just below the smallest, and where. */
  because: { layer: string; expr: string; at: number; value: number } | null;
  constraints: SizeConstraint[];
  exact: { sizes: number[]; more: boolean; conditions: ExactCondition[] };
  /** No layer ties H to W (no flatten into a fixed in_features): each axis on its own. */
  independent: boolean;
}

function valuesAt(vars: readonly string[], s: number): Record<string, number> {
  const v: Record<string, number> = { N: 1 };
  for (const name of vars) v[name] = s;
  return v;
}

/** Every symbolic size in the model's outputs, with the layer that made it. */
export function sizeExprs(a: Analysis): SizeExpr[] {
  const out: SizeExpr[] = [];
  for (const l of a.layers) {
    if (l.status !== "ok") continue;
    for (const shape of l.outputShapes)
      for (const d of shape)
        if (typeof d === "string" && sizeVars(d).length > 0) out.push({ layer: l.name, expr: d });
  }
  return out;
}

export function sizeConstraints(a: Analysis): SizeConstraint[] {
  const out: SizeConstraint[] = [];
  for (const p of a.problems)
    if (p.kind === "shape" && p.issue.code === "symbolic_constraint")
      out.push({ layer: p.layer, what: p.issue.what, expr: p.issue.expr, equals: p.issue.equals });
  return out;
}

function dimText(d: Dim): string {
  return d === null ? "?" : String(d);
}

/** Strided windows with 'valid' or explicit padding: they drop the last rows unless the span divides. */
export function exactConditions(a: Analysis): ExactCondition[] {
  const out: ExactCondition[] = [];
  for (const l of a.layers) {
    const c = l.config;
    if (l.status !== "ok" || (c.kind !== "conv" && c.kind !== "pool")) continue;
    if (c.padding === "same" || (c.kind === "pool" && c.ceilMode)) continue;
    const g = l.record?.geometry?.[0];
    if (!g || g.stride <= 1 || typeof g.input !== "string" || g.padBefore === null || g.padAfter === null)
      continue;
    const pads = g.padBefore + g.padAfter;
    const input = g.input;
    const shift = pads - g.kEff;
    const vars = sizeVars(input);
    out.push({
      layer: l.name,
      input,
      expr: `${dimText(input)} − ${g.kEff}${pads > 0 ? ` + ${pads}` : ""}`,
      stride: g.stride,
      holds: (s) => {
        const v = evalDim(input, valuesAt(vars, s));
        return v === null || (((v + shift) % g.stride) + g.stride) % g.stride === 0;
      },
    });
  }
  return out;
}

/** The input sizes a symbolically traced model takes; null when its sizes are all numbers. */
export function inputSizes(a: Analysis, limit = SIZE_LIMIT): InputSizes | null {
  const exprs = sizeExprs(a);
  const constraints = sizeConstraints(a);
  if (exprs.length === 0 && constraints.length === 0) return null;
  const vars = [...new Set([...exprs, ...constraints].flatMap((e) => sizeVars(e.expr)))];
  const firstBad = (s: number): { layer: string; expr: string; value: number } | null => {
    const values = valuesAt(vars, s);
    for (const e of exprs) {
      const v = evalDim(e.expr, values);
      if (v !== null && v < 1) return { ...e, value: v };
    }
    return null;
  };
  const meets = (s: number): boolean => {
    const values = valuesAt(vars, s);
    return constraints.every((c) => evalDim(c.expr, values) === c.equals);
  };
  const conditions = exactConditions(a);
  const ranges: [number, number][] = [];
  const exact: number[] = [];
  let exactMore = false;
  for (let s = 1; s <= limit; s++) {
    if (firstBad(s) !== null || !meets(s)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === s - 1) last[1] = s;
    else ranges.push([s, s]);
    if (conditions.every((c) => c.holds(s))) {
      if (exact.length < 4) exact.push(s);
      else exactMore = true;
    }
  }
  const smallest = ranges[0]?.[0] ?? null;
  const bad = smallest !== null && smallest > 1 ? firstBad(smallest - 1) : null;
  const independent = [...exprs, ...constraints].every((e) => sizeVars(e.expr).length <= 1);
  return {
    vars,
    ranges,
    open: ranges[ranges.length - 1]?.[1] === limit,
    smallest,
    because: bad !== null && smallest !== null ? { ...bad, at: smallest - 1 } : null,
    constraints,
    exact: { sizes: exact, more: exactMore, conditions },
    independent,
  };
}
