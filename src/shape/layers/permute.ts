import type { PermuteConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { checkRank, done, fail, firstInput } from "./spatial.js";

/** Keras Permute: 1-based axes without the batch; `dims` must be a permutation of 1..n. */
export const permuteRule: LayerRule<PermuteConfig> = {
  kind: "permute",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const sorted = [...c.dims].sort((a, b) => a - b);
    if (sorted.some((d, i) => d !== i + 1)) return fail({ code: "permute_invalid", dims: c.dims });
    const rankIssue = checkRank(input, c.dims.length + 1, "eq", "Permute");
    if (rankIssue) return fail(rankIssue);
    const output = [input[0] ?? null, ...c.dims.map((d) => input[d] ?? null)];
    return done({ outputs: [output], steps: [{ code: "permute", dims: c.dims, input, output }] });
  },
};
