import type { Dim, Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import type { RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { numel, sameSize, torchFail } from "./torch-dims.js";

/** PyTorch broadcasting: align from the right; equal sizes or a 1 on either side. */
export function broadcastShapes(
  a: Shape,
  b: Shape,
): { ok: true; shape: Shape } | { ok: false; message: string } {
  const rank = Math.max(a.length, b.length);
  const out: Shape = [];
  for (let i = rank - 1; i >= 0; i--) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x === 1) out.unshift(y);
    else if (y === 1 || sameSize(x, y)) out.unshift(x);
    else
      return {
        ok: false,
        message: `The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`,
      };
  }
  return { ok: true, shape: out };
}

export function inferBroadcast(fn: string, inputs: Shape[]): RuleResult {
  let acc = inputs[0] ?? [];
  for (const next of inputs.slice(1)) {
    const r = broadcastShapes(acc, next);
    if (!r.ok) return torchFail(fn, r.message);
    acc = r.shape;
  }
  return done({ outputs: [acc], steps: [{ code: "op_shape", op: fn, inputs, output: acc }] });
}

function mmError(rows: Dim, k1: Dim, k2: Dim, cols: Dim): RuleResult {
  return torchFail("matmul", `mat1 and mat2 shapes cannot be multiplied (${rows}x${k1} and ${k2}x${cols})`);
}

/** Matrix @ vector (mv) with the matrix's rows folded to `rows`: 1.13's text, and 2.x's. */
function mvError(fn: string, rows: Dim, k: Dim, vec: Dim): RuleResult {
  return torchFail(fn, `size mismatch, got ${rows}, ${rows}x${k},${vec}`, {
    version: "2.x",
    message: `size mismatch, got input (${rows}), mat (${rows}x${k}), vec (${vec})`,
  });
}

function product(dims: Dim[]): number | null {
  let p = 1;
  for (const d of dims) {
    if (typeof d !== "number") return null;
    p *= d;
  }
  return p;
}

/**
 * torch.matmul / @ / mm / bmm, as PyTorch's _matmul_impl does it: 1-D·1-D dot, 2-D·1-D mv, ·2-D mm;
 * an N-D operand (N ≥ 3) against a 1-D or 2-D one is folded into one matrix (its batch axes join
 * the rows), which is where the error texts come from; two N-D operands broadcast their batch axes
 * and run bmm. bmm itself does not broadcast.
 */
export function inferMatmul(fn: string, inputs: Shape[]): RuleResult {
  const a = inputs[0] ?? [];
  const b = inputs[1] ?? [];
  const ok = (output: Shape, macs: number | null) =>
    done({ outputs: [output], macs, steps: [{ code: "op_shape", op: fn, inputs, output }] });
  if (fn === "mm" && (a.length !== 2 || b.length !== 2))
    return torchFail(fn, `${a.length !== 2 ? "self" : "mat2"} must be a matrix`);
  if (fn === "bmm") {
    if (a.length !== 3 || b.length !== 3)
      return torchFail(fn, `${a.length !== 3 ? "batch1" : "batch2"} must be a 3D tensor`);
    const [bs1 = null, n = null, m1 = null] = a;
    const [bs2 = null, m2 = null, p = null] = b;
    if (!sameSize(bs1, bs2) || !sameSize(m1, m2))
      return torchFail(
        fn,
        `Expected size for first two dimensions of batch2 tensor to be: ${torchList([bs1, m1])} but got: ${torchList([bs2, m2])}.`,
      );
    return ok([bs1, n, p], product([bs1, n, m1, p]));
  }
  if (a.length === 0 || b.length === 0)
    return torchFail(
      fn,
      `both arguments to matmul need to be at least 1D, but they are ${a.length}D and ${b.length}D`,
    );
  const k1 = a[a.length - 1] ?? null;
  const k2 = (b.length === 1 ? b[0] : b[b.length - 2]) ?? null;
  if (a.length === 1 && b.length === 1) {
    if (!sameSize(k1, k2))
      return torchFail(
        fn,
        `inconsistent tensor size, expected tensor [${k1}] and src [${k2}] to have the same number of elements, but got ${k1} and ${k2} elements respectively`,
      );
    return ok([], typeof k1 === "number" ? k1 : null);
  }
  if (b.length === 1) {
    // (…, n, k) @ (k,): mv on the matrix with every leading axis folded into its rows.
    const rows = numel(a.slice(0, -1));
    if (!sameSize(k1, k2)) return mvError(fn, rows, k1, k2);
    return ok(a.slice(0, -1), null);
  }
  const cols = b[b.length - 1] ?? null;
  if (a.length <= 2 && b.length === 2) {
    const rows = a.length === 2 ? (a[0] ?? null) : 1;
    if (!sameSize(k1, k2)) return mmError(rows, k1, k2, cols);
    const out = a.length === 2 ? [rows, cols] : [cols];
    return ok(out, product([rows, k1, cols]));
  }
  if (b.length === 2) {
    // (…, n, k) @ (k, m) folds the leading axes into the rows of one matrix product.
    const rows = numel(a.slice(0, -1));
    if (!sameSize(k1, k2)) return mmError(rows, k1, k2, cols);
    const out = [...a.slice(0, -1), cols];
    return ok(out, product([...a.slice(0, -1), k1, cols]));
  }
  if (a.length <= 2) {
    // (k,) or (n, k) @ (…, k, m): PyTorch folds the N-D operand transposed, (…·m, k), and
    // multiplies it by the vector (mv) or by the matrix transposed (mm), then transposes back.
    const batch = b.slice(0, -2);
    const rows = numel([...batch, cols]);
    if (a.length === 1) {
      if (!sameSize(k1, k2)) return mvError(fn, rows, k2, k1);
      const out = [...batch, cols];
      return ok(out, product([...out, k1]));
    }
    const n = a[0] ?? null;
    if (!sameSize(k1, k2)) return mmError(rows, k2, k1, n);
    const out = [...batch, n, cols];
    return ok(out, product([...out, k1]));
  }
  const batch = broadcastShapes(a.slice(0, -2), b.slice(0, -2));
  if (!batch.ok) return torchFail(fn, batch.message);
  const n = a[a.length - 2] ?? null;
  if (!sameSize(k1, k2)) {
    const bsz = numel(batch.shape);
    return torchFail(
      fn,
      `Expected size for first two dimensions of batch2 tensor to be: [${bsz}, ${k1}] but got: [${bsz}, ${k2}].`,
    );
  }
  const out = [...batch.shape, n, cols];
  return ok(out, product([...out, k1]));
}

/** torch.cat: same rank, same sizes except on `dim`; torch.stack: equal shapes, a new axis at `dim`. */
export function inferCat(fn: "cat" | "stack", dimArg: number, inputs: Shape[]): RuleResult {
  const first = inputs[0];
  if (!first) return torchFail(fn, `${fn}(): expected a non-empty list of Tensors`);
  if (fn === "stack") {
    for (let i = 1; i < inputs.length; i++) {
      const s = inputs[i] ?? [];
      if (s.length !== first.length || s.some((d, j) => !sameSize(d, first[j] ?? null)))
        return torchFail(
          fn,
          `stack expects each tensor to be equal size, but got ${torchList(first)} at entry 0 and ${torchList(s)} at entry ${i}`,
        );
    }
    const r = first.length + 1;
    const dim = dimArg < 0 ? dimArg + r : dimArg;
    if (dim < 0 || dim >= r)
      return torchFail(
        fn,
        `Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dimArg})`,
      );
    const output = [...first.slice(0, dim), inputs.length, ...first.slice(dim)];
    return done({ outputs: [output], steps: [{ code: "op_shape", op: fn, inputs, output }] });
  }
  const rank = first.length;
  const dim = dimArg < 0 ? dimArg + rank : dimArg;
  if (dim < 0 || dim >= rank)
    return torchFail(
      fn,
      `Dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${dimArg})`,
    );
  for (let i = 1; i < inputs.length; i++) {
    const s = inputs[i] ?? [];
    if (s.length !== rank)
      return torchFail(fn, `Tensors must have same number of dimensions: got ${rank} and ${s.length}`);
    for (let j = 0; j < rank; j++) {
      if (j !== dim && !sameSize(first[j] ?? null, s[j] ?? null))
        return torchFail(
          fn,
          `Sizes of tensors must match except in dimension ${dim}. Expected size ${first[j]} but got size ${s[j]} for tensor number ${i} in the list.`,
        );
    }
  }
  const along = inputs.map((s) => s[dim] ?? null);
  let total: Dim = 0;
  if (along.every((d) => typeof d === "number")) total = (along as number[]).reduce((x, y) => x + y, 0);
  else if (along.some((d) => d === null)) total = null;
  else total = along.map(String).join("+");
  const output = first.map((d, j) => (j === dim ? total : d));
  return done({ outputs: [output], steps: [{ code: "op_shape", op: fn, inputs, output }] });
}
