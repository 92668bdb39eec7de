// The multiply at the heart of every conv: C = A·B (+ bias per row), register-blocked.
// A (M×K, the weights) is packed once into panels of MR rows, k-major: ap[p·MR·K + k·MR + r].
// B (K×N, the im2col columns) arrives one panel of NR columns at a time, k-major: bp[k·NR + c],
// written straight into that layout by im2col (src/conv/im2col.ts), so nothing is repacked.
// The micro-kernel keeps the MR×NR block of C in 32 locals and reads A and B contiguously.
// Accumulation is in float64 (JavaScript numbers); results are stored as float32.

/** Rows of A per micro-kernel step. */
export const MR = 4;
/** Columns of B per micro-kernel step (one im2col panel). */
export const NR = 8;

/** Length of the packed form of an M×K matrix (M rounded up to MR). */
export function packedASize(m: number, k: number): number {
  return Math.ceil(m / MR) * MR * k;
}

/**
 * Packs rows [0, m) of the row-major matrix at a[offset …] (row length k) into MR-row panels;
 * rows past m are zeros.
 */
export function packA(a: Float32Array, offset: number, m: number, k: number, out: Float32Array): void {
  const panels = Math.ceil(m / MR);
  for (let p = 0; p < panels; p++) {
    const base = p * MR * k;
    for (let r = 0; r < MR; r++) {
      const row = p * MR + r;
      if (row < m) {
        const src = offset + row * k;
        for (let kk = 0; kk < k; kk++) out[base + kk * MR + r] = a[src + kk] as number;
      } else {
        for (let kk = 0; kk < k; kk++) out[base + kk * MR + r] = 0;
      }
    }
  }
}

/** Where one panel's products go: row r, column j of the panel lands at c[offset + r·stride + j]. */
export interface PanelTarget {
  c: Float32Array;
  offset: number;
  rowStride: number;
  /** Valid columns in this panel (≤ NR); the rest of the panel is padding. */
  columns: number;
  /** Added to row r (bias[biasOffset + r]); null for none. */
  bias: Float32Array | null;
  biasOffset: number;
}

/** C[0..m) × panel = packed A (m×k) · one B panel (k×NR), written to `t`. */
export function multiplyPanel(
  ap: Float32Array,
  m: number,
  k: number,
  bp: Float32Array,
  t: PanelTarget,
): void {
  // Whole MR×NR blocks take the unrolled kernel; edge blocks (rows past m, a short last panel)
  // plain loops. They are separate functions: any other code next to the kernel's loop costs
  // V8 registers for the 32 accumulators (measured: ~25% slower).
  const full = t.columns === NR ? Math.floor(m / MR) : 0;
  multiplyFullBlocks(ap, full, k, bp, t);
  for (let p = full; p < Math.ceil(m / MR); p++) multiplyEdge(ap, m, k, bp, t, p);
}

/** The micro-kernel over the first `full` row panels, each a whole MR×NR block of C. */
// biome-ignore format: the 4×8 block of accumulators reads best as a grid
function multiplyFullBlocks(ap: Float32Array, full: number, k: number, bp: Float32Array, t: PanelTarget): void {
  const c = t.c;
  const rs = t.rowStride;
  const bias = t.bias;
  const end = k * NR;
  for (let p = 0; p < full; p++) {
    let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c04 = 0, c05 = 0, c06 = 0, c07 = 0;
    let c10 = 0, c11 = 0, c12 = 0, c13 = 0, c14 = 0, c15 = 0, c16 = 0, c17 = 0;
    let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c24 = 0, c25 = 0, c26 = 0, c27 = 0;
    let c30 = 0, c31 = 0, c32 = 0, c33 = 0, c34 = 0, c35 = 0, c36 = 0, c37 = 0;
    let ai = p * MR * k;
    for (let bi = 0; bi < end; bi += NR) {
      const a0 = ap[ai] as number, a1 = ap[ai + 1] as number, a2 = ap[ai + 2] as number, a3 = ap[ai + 3] as number;
      const b0 = bp[bi] as number, b1 = bp[bi + 1] as number, b2 = bp[bi + 2] as number, b3 = bp[bi + 3] as number;
      const b4 = bp[bi + 4] as number, b5 = bp[bi + 5] as number, b6 = bp[bi + 6] as number, b7 = bp[bi + 7] as number;
      c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
      c04 += a0 * b4; c05 += a0 * b5; c06 += a0 * b6; c07 += a0 * b7;
      c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
      c14 += a1 * b4; c15 += a1 * b5; c16 += a1 * b6; c17 += a1 * b7;
      c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
      c24 += a2 * b4; c25 += a2 * b5; c26 += a2 * b6; c27 += a2 * b7;
      c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      c34 += a3 * b4; c35 += a3 * b5; c36 += a3 * b6; c37 += a3 * b7;
      ai += MR;
    }
    const row0 = p * MR;
    const bo = t.biasOffset + row0;
    let o = t.offset + row0 * rs;
    let b: number;
    b = bias === null ? 0 : (bias[bo] as number);
    c[o] = c00 + b; c[o + 1] = c01 + b; c[o + 2] = c02 + b; c[o + 3] = c03 + b;
    c[o + 4] = c04 + b; c[o + 5] = c05 + b; c[o + 6] = c06 + b; c[o + 7] = c07 + b;
    o += rs;
    b = bias === null ? 0 : (bias[bo + 1] as number);
    c[o] = c10 + b; c[o + 1] = c11 + b; c[o + 2] = c12 + b; c[o + 3] = c13 + b;
    c[o + 4] = c14 + b; c[o + 5] = c15 + b; c[o + 6] = c16 + b; c[o + 7] = c17 + b;
    o += rs;
    b = bias === null ? 0 : (bias[bo + 2] as number);
    c[o] = c20 + b; c[o + 1] = c21 + b; c[o + 2] = c22 + b; c[o + 3] = c23 + b;
    c[o + 4] = c24 + b; c[o + 5] = c25 + b; c[o + 6] = c26 + b; c[o + 7] = c27 + b;
    o += rs;
    b = bias === null ? 0 : (bias[bo + 3] as number);
    c[o] = c30 + b; c[o + 1] = c31 + b; c[o + 2] = c32 + b; c[o + 3] = c33 + b;
    c[o + 4] = c34 + b; c[o + 5] = c35 + b; c[o + 6] = c36 + b; c[o + 7] = c37 + b;
  }
}

/** One block at the edge of C, by plain loops: rows [p·MR, m) ∩ the panel's valid columns. */
function multiplyEdge(
  ap: Float32Array,
  m: number,
  k: number,
  bp: Float32Array,
  t: PanelTarget,
  p: number,
): void {
  const row0 = p * MR;
  const rows = Math.min(MR, m - row0);
  for (let r = 0; r < rows; r++) {
    const b = t.bias === null ? 0 : (t.bias[t.biasOffset + row0 + r] as number);
    const o = t.offset + (row0 + r) * t.rowStride;
    for (let j = 0; j < t.columns; j++) {
      let sum = 0;
      for (let kk = 0; kk < k; kk++)
        sum += (ap[row0 * k + kk * MR + r] as number) * (bp[kk * NR + j] as number);
      t.c[o + j] = sum + b;
    }
  }
}
