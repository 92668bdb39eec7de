import type { Dim, Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import { sizeVars, solveSquare } from "../../../model/symbolic-eval.js";
import type { ShapeIssue } from "../../issues.js";
import type { RuleResult } from "../../rule.js";
import { fail } from "../spatial.js";

// Small pieces every PyTorch tensor-op rule needs: PyTorch's own dimension wrapping and its
// error for a dimension out of range, and a failure carrying PyTorch's message.

/** A symbolic size that must equal a number, with the square input sides for which it does. */
export function symbolicConstraint(
  className: string,
  what: "in_features" | "view" | "input_size",
  expr: string,
  equals: number,
): ShapeIssue {
  return {
    code: "symbolic_constraint",
    className,
    what,
    expr,
    equals,
    vars: sizeVars(expr),
    sizes: solveSquare(expr, equals),
  };
}

/** PyTorch's error: 1.13's text, and another version's wording when it differs (see ShapeIssue). */
export function torchFail(
  op: string,
  message: string,
  other?: { version: string; message: string },
): RuleResult {
  return fail(other ? { code: "torch_error", op, message, other } : { code: "torch_error", op, message });
}

/** PyTorch's printing of a torch.Size: torch.Size([6, 2, 64]). */
export function torchSize(shape: Shape): string {
  return `torch.Size(${torchList(shape)})`;
}

/** Wraps a negative dim as PyTorch does; null when out of range for `rank` (+ `extra` for unsqueeze). */
export function wrapDim(dim: number, rank: number, extra = 0): number | null {
  const r = rank + extra;
  const lo = -Math.max(r, 1);
  const hi = Math.max(r, 1) - 1;
  if (dim < lo || dim > hi) return null;
  return dim < 0 ? dim + r : dim;
}

export function dimOutOfRange(op: string, dim: number, rank: number, extra = 0): RuleResult {
  const r = Math.max(rank + extra, 1);
  return torchFail(
    op,
    `Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`,
  );
}

/** Equal sizes, as far as they are known: two unknown or symbolic sizes are taken as equal. */
export function sameSize(a: Dim, b: Dim): boolean {
  return typeof a !== "number" || typeof b !== "number" || a === b;
}

export function numel(shape: Shape): Dim {
  let known = 1;
  const symbols: string[] = [];
  for (const d of shape) {
    if (d === null) return null;
    if (typeof d === "number") known *= d;
    else symbols.push(d.length === 1 || /^\w+$/.test(d) ? d : `(${d})`);
  }
  if (symbols.length === 0) return known;
  return [...(known === 1 ? [] : [String(known)]), ...symbols].join("*");
}
