import type { AttentionConfig } from "../../../model/layer-config.js";
import type { Dim, Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import { add } from "../../../model/symbolic.js";
import type { LayerRule, RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { numel, sameSize, torchFail, torchSize } from "./torch-dims.js";

/** Params: in-projections (3E·E, or E·E + E·kdim + E·vdim), in_proj_bias 3E, out_proj E·E + E. */
export function attentionParams(c: AttentionConfig): {
  parts: { name: string; formula: string; count: number }[];
  total: number;
} {
  const E = c.embedDim;
  const same = c.kdim === E && c.vdim === E;
  const parts = same
    ? [{ name: "in_proj_weight", formula: `3·${E}·${E}`, count: 3 * E * E }]
    : [
        { name: "q_proj_weight", formula: `${E}·${E}`, count: E * E },
        { name: "k_proj_weight", formula: `${E}·${c.kdim}`, count: E * c.kdim },
        { name: "v_proj_weight", formula: `${E}·${c.vdim}`, count: E * c.vdim },
      ];
  if (c.bias) parts.push({ name: "in_proj_bias", formula: `3·${E}`, count: 3 * E });
  parts.push({
    name: "out_proj",
    formula: c.bias ? `${E}·${E} + ${E}` : `${E}·${E}`,
    count: E * E + (c.bias ? E : 0),
  });
  if (c.addBiasKv) parts.push({ name: "bias_k, bias_v", formula: `2·${E}`, count: 2 * E });
  return { parts, total: parts.reduce((a, p) => a + p.count, 0) };
}

/** Python's printing of a shape tuple: (64, 48). */
function pyShape(dims: Dim[]): string {
  return `(${dims.map((d) => (d === null ? "N" : String(d))).join(", ")})`;
}

/** Equal as far as known: every position of the same rank may still agree. */
function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => sameSize(d, b[i] ?? null));
}

/**
 * The checks of MultiheadAttention.forward / F.multi_head_attention_forward (PyTorch 1.13), in
 * their order, on seq-first shapes (batch_first inputs are transposed, unbatched ones get a batch
 * of 1 at axis 1, before any check prints a shape). `sameKV`: key and value are one tensor, which
 * the packed in-projection multiplies by the key and value weights together.
 */
function attentionError(
  c: AttentionConfig,
  q: Shape,
  k: Shape,
  v: Shape,
  sameKV: boolean,
): RuleResult | null {
  const op = "MultiheadAttention";
  if (q.length === 3) {
    if (k.length !== 3 || v.length !== 3)
      return torchFail(
        op,
        `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${k.length}-D and ${v.length}-D tensors respectively`,
      );
  } else if (q.length === 2) {
    if (k.length !== 2 || v.length !== 2)
      return torchFail(
        op,
        `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${k.length}-D and ${v.length}-D tensors respectively`,
      );
  } else
    return torchFail(
      op,
      `query should be unbatched 2D or batched 3D tensor but received ${q.length}-D query tensor`,
    );
  const seqFirst = (s: Shape): Shape =>
    s.length === 2
      ? [s[0] ?? null, 1, s[1] ?? null]
      : c.batchFirst
        ? [s[1] ?? null, s[0] ?? null, s[2] ?? null]
        : s;
  const [, B = null, Eq = null] = seqFirst(q);
  const [S = null, Bk = null, Ek = null] = seqFirst(k);
  const [Sv = null, Bv = null, Ev = null] = seqFirst(v);
  const E = c.embedDim;
  if (typeof Eq === "number" && Eq !== E)
    return torchFail(op, `was expecting embedding dimension of ${E}, but got ${Eq}`);
  const separate = c.kdim !== E || c.vdim !== E;
  if (separate) {
    if (!sameShape([S, Bk], [Sv, Bv]))
      return torchFail(
        op,
        `key's sequence and batch dims ${torchSize([S, Bk])} do not match value's ${torchSize([Sv, Bv])}`,
      );
    if (typeof Ek === "number" && Ek !== c.kdim)
      return torchFail(
        op,
        `expecting key weights shape of ${pyShape([E, Ek])}, but got ${torchSize([E, c.kdim])}`,
      );
    if (typeof Ev === "number" && Ev !== c.vdim)
      return torchFail(
        op,
        `expecting value weights shape of ${pyShape([E, Ev])}, but got ${torchSize([E, c.vdim])}`,
      );
  } else {
    if (!sameShape([S, Bk, Ek], [Sv, Bv, Ev]))
      return torchFail(
        op,
        `key shape ${torchSize([S, Bk, Ek])} does not match value shape ${torchSize([Sv, Bv, Ev])}`,
      );
    // Packed in-projection: key @ W_kᵀ (E×E), or key @ [W_k; W_v]ᵀ (E×2E) when value is key.
    if (typeof Ek === "number" && Ek !== E)
      return torchFail(
        op,
        `mat1 and mat2 shapes cannot be multiplied (${numel([S, Bk])}x${Ek} and ${E}x${sameKV ? 2 * E : E})`,
      );
  }
  if (typeof B === "number" && typeof Bk === "number" && B !== Bk) {
    // The key's batch must be the query's: bias_k is repeated for the query's batch and
    // concatenated, else the projected key (S, Bk, E) is viewed as (S, B·heads, E/heads).
    if (c.addBiasKv)
      return torchFail(
        op,
        `Sizes of tensors must match except in dimension 0. Expected size ${Bk} but got size ${B} for tensor number 1 in the list.`,
      );
    return torchFail(
      op,
      `shape '${torchList([S, B * c.numHeads, E / c.numHeads])}' is invalid for input of size ${numel([S, Bk, E])}`,
    );
  }
  return null;
}

/** (query, key, value) → attn_output like query, and the head-averaged weights (N, L, S). */
export const attentionRule: LayerRule<AttentionConfig> = {
  kind: "attention",
  infer({ config: c, inputs }) {
    const q = inputs[0] ?? [];
    const k = inputs[1] ?? q;
    const v = inputs[2] ?? k;
    if (c.embedDim % c.numHeads !== 0)
      return torchFail("MultiheadAttention", "embed_dim must be divisible by num_heads");
    // The same Shape object for key and value: the same tensor passed twice (attn(q, mem, mem)).
    const error = attentionError(c, q, k, v, inputs[2] === undefined || inputs[1] === inputs[2]);
    if (error) return error;
    const batched = q.length === 3;
    const seq = (s: Shape) => (batched ? (c.batchFirst ? s[1] : s[0]) : s[0]) ?? null;
    const batch = batched ? ((c.batchFirst ? q[0] : q[1]) ?? null) : null;
    const L = seq(q);
    // add_bias_kv appends one learned key/value position.
    const S = c.addBiasKv ? add(seq(k), 1) : seq(k);
    const weights: Shape = batched ? [batch, L, S] : [L, S];
    const p = attentionParams(c);
    // Per sample: the q/k/v projections, QKᵀ, the weighted sum of V, the output projection.
    const E = c.embedDim;
    const macs =
      typeof L === "number" && typeof S === "number"
        ? L * E * E + S * E * (c.kdim + c.vdim) + 2 * L * S * E + L * E * E
        : null;
    return done({
      outputs: [[...q], weights],
      params: { trainable: p.total, nonTrainable: 0 },
      macs,
      steps: [{ code: "params_sum", parts: p.parts, total: p.total }],
    });
  },
};
