import type { AttentionConfig } from "../../../model/layer-config.js";
import type { Shape } from "../../../model/shape.js";
import { add } from "../../../model/symbolic.js";
import type { LayerRule } from "../../rule.js";
import { done } from "../spatial.js";
import { torchFail } from "./torch-dims.js";

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

/** (query, key, value) → attn_output like query, and the head-averaged weights (N, L, S). */
export const attentionRule: LayerRule<AttentionConfig> = {
  kind: "attention",
  infer({ config: c, inputs }) {
    const q = inputs[0] ?? [];
    const k = inputs[1] ?? q;
    const v = inputs[2] ?? k;
    if (c.embedDim % c.numHeads !== 0)
      return torchFail("MultiheadAttention", "embed_dim must be divisible by num_heads");
    if (q.length !== 3 && q.length !== 2)
      return torchFail(
        "MultiheadAttention",
        `query should be unbatched 2D or batched 3D tensor but received ${q.length}-D query tensor`,
      );
    const e = q[q.length - 1];
    if (typeof e === "number" && e !== c.embedDim)
      return torchFail(
        "MultiheadAttention",
        `was expecting embedding dimension of ${c.embedDim}, but got ${e}`,
      );
    const batched = q.length === 3;
    const seq = (s: Shape) => (batched ? (c.batchFirst ? s[1] : s[0]) : s[0]) ?? null;
    const batch = batched ? ((c.batchFirst ? q[0] : q[1]) ?? null) : null;
    const L = seq(q);
    // add_bias_kv appends one learned key/value position.
    const S = c.addBiasKv ? add(seq(k), 1) : seq(k);
    const kv = [k[k.length - 1], v[v.length - 1]];
    if (typeof kv[0] === "number" && kv[0] !== c.kdim)
      return torchFail(
        "MultiheadAttention",
        `key's embedding dimension ${kv[0]} does not match kdim ${c.kdim}`,
      );
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
