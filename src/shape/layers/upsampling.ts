import type { UpSamplingConfig } from "../../model/layer-config.js";
import { mul } from "../../model/symbolic.js";
import type { LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import { assemble, axisNames, checkRank, done, fail, firstInput, layoutOf } from "./spatial.js";

export const upsamplingRule: LayerRule<UpSamplingConfig> = {
  kind: "upsampling",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const rankIssue = checkRank(input, c.rank + 2, "eq", `UpSampling${c.rank}D`);
    if (rankIssue) return fail(rankIssue);
    const { spatial, channel } = layoutOf(c.rank, c.dataFormat);
    const names = axisNames(c.rank);
    const steps: Step[] = [];
    const out = spatial.map((ax, i) => {
      const factor = c.size[i] ?? 1;
      const inDim = input[ax] ?? null;
      const o = mul(inDim, factor);
      steps.push({ code: "upsampling.axis", axis: names[i] ?? "", input: inDim, factor, output: o });
      return o;
    });
    return done({ outputs: [assemble(input[0] ?? null, out, input[channel] ?? null, c.dataFormat)], steps });
  },
};
