import type { CroppingConfig } from "../../model/layer-config.js";
import type { Dim } from "../../model/shape.js";
import { add } from "../../model/symbolic.js";
import type { LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import { assemble, axisNames, checkRank, done, fail, firstInput, layoutOf } from "./spatial.js";

export const croppingRule: LayerRule<CroppingConfig> = {
  kind: "cropping",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const rankIssue = checkRank(input, c.rank + 2, "eq", `Cropping${c.rank}D`);
    if (rankIssue) return fail(rankIssue);
    const { spatial, channel } = layoutOf(c.rank, c.dataFormat);
    const names = axisNames(c.rank);
    const steps: Step[] = [];
    const out: Dim[] = [];
    for (let i = 0; i < c.rank; i++) {
      const [before, after] = c.cropping[i] ?? [0, 0];
      const inDim = input[spatial[i] ?? 0] ?? null;
      // Keras: "Values in `cropping` argument should be smaller than the corresponding spatial dimension".
      if (typeof inDim === "number" && before + after >= inDim) {
        return fail({ code: "cropping_too_large", inputShape: input, cropping: c.cropping });
      }
      const o = add(inDim, -(before + after));
      steps.push({
        code: "pad.axis",
        op: "cropping",
        axis: names[i] ?? "",
        input: inDim,
        before,
        after,
        output: o,
      });
      out.push(o);
    }
    return done({ outputs: [assemble(input[0] ?? null, out, input[channel] ?? null, c.dataFormat)], steps });
  },
};
