import type { GlobalPoolConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { assemble, checkRank, done, fail, firstInput, layoutOf } from "./spatial.js";

export const globalPoolRule: LayerRule<GlobalPoolConfig> = {
  kind: "global_pool",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const className = `Global${c.op === "max" ? "Max" : "Average"}Pooling${c.rank}D`;
    const rankIssue = checkRank(input, c.rank + 2, "eq", className);
    if (rankIssue) return fail(rankIssue);
    const { spatial, channel } = layoutOf(c.rank, c.dataFormat);
    const channels = input[channel] ?? null;
    const batch = input[0] ?? null;
    const output = c.keepdims
      ? assemble(
          batch,
          spatial.map(() => 1),
          channels,
          c.dataFormat,
        )
      : [batch, channels];
    return done({
      outputs: [output],
      steps: [
        {
          code: "global_pool",
          op: c.op,
          axes: spatial.map((ax) => input[ax] ?? null),
          channels,
          keepdims: c.keepdims,
        },
      ],
    });
  },
};
