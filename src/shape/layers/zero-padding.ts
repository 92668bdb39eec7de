import type { ZeroPaddingConfig } from "../../model/layer-config.js";
import { add } from "../../model/symbolic.js";
import type { LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import { assemble, axisNames, checkRank, done, fail, firstInput, layoutOf } from "./spatial.js";

export const zeroPaddingRule: LayerRule<ZeroPaddingConfig> = {
  kind: "zero_padding",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const rankIssue = checkRank(input, c.rank + 2, "eq", `ZeroPadding${c.rank}D`);
    if (rankIssue) return fail(rankIssue);
    const { spatial, channel } = layoutOf(c.rank, c.dataFormat);
    const names = axisNames(c.rank);
    const steps: Step[] = [];
    const out = spatial.map((ax, i) => {
      const [before, after] = c.padding[i] ?? [0, 0];
      const inDim = input[ax] ?? null;
      const o = add(inDim, before + after);
      steps.push({
        code: "pad.axis",
        op: "zero_padding",
        axis: names[i] ?? "",
        input: inDim,
        before,
        after,
        output: o,
      });
      return o;
    });
    return done({ outputs: [assemble(input[0] ?? null, out, input[channel] ?? null, c.dataFormat)], steps });
  },
};
