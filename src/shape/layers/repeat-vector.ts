import type { RepeatVectorConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import { checkRank, done, fail, firstInput } from "./spatial.js";

export const repeatVectorRule: LayerRule<RepeatVectorConfig> = {
  kind: "repeat_vector",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const rankIssue = checkRank(input, 2, "eq", "RepeatVector");
    if (rankIssue) return fail(rankIssue);
    const features = input[1] ?? null;
    return done({
      outputs: [[input[0] ?? null, c.n, features]],
      steps: [{ code: "repeat_vector", n: c.n, features }],
    });
  },
};
