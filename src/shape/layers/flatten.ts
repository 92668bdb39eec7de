import type { FlattenConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { checkRank, done, fail, firstInput, positionsOf } from "./spatial.js";

/** Flattens axes startDim..endDim (negative counts from the end) into one: their product. */
export const flattenRule: LayerRule<FlattenConfig> = {
  kind: "flatten",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const rankIssue = checkRank(input, 1, "min", "Flatten");
    if (rankIssue) return fail(rankIssue);
    const rank = input.length;
    const start = c.startDim < 0 ? rank + c.startDim : c.startDim;
    const end = c.endDim < 0 ? rank + c.endDim : c.endDim;
    if (start < 0 || end >= rank || start > end) {
      // Keras 3 turns (None,) into (None, 1); a start past the end is only reachable in PyTorch.
      if (rank === 1)
        return done({ outputs: [[input[0] ?? null, 1]], steps: [{ code: "flatten", dims: [], product: 1 }] });
      return fail({
        code: "axis_out_of_range",
        axis: c.startDim < 0 || start < 0 ? c.startDim : c.endDim,
        rank,
        inputShape: input,
        className: "Flatten",
      });
    }
    const dims = input.slice(start, end + 1);
    const product = positionsOf(dims);
    return done({
      outputs: [[...input.slice(0, start), product, ...input.slice(end + 1)]],
      steps: [{ code: "flatten", dims, product }],
    });
  },
};
