import type { AdaptivePoolConfig } from "../../../model/layer-config.js";
import type { LayerRule } from "../../rule.js";
import { done, firstInput } from "../spatial.js";
import { torchFail } from "./torch-dims.js";

/** AdaptiveAvgPool/AdaptiveMaxPool: the last `rank` axes become the requested size (None keeps one). */
export const adaptivePoolRule: LayerRule<AdaptivePoolConfig> = {
  kind: "adaptive_pool",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const name = `adaptive_${c.op}_pool${c.rank}d`;
    if (input.length !== c.rank + 1 && input.length !== c.rank + 2) {
      return torchFail(
        name,
        `${name}(): Expected ${c.rank + 1}D or ${c.rank + 2}D tensor, but got ${input.length}D`,
      );
    }
    const lead = input.slice(0, input.length - c.rank);
    const spatial = input.slice(input.length - c.rank).map((d, i) => c.outputSize[i] ?? d);
    const output = [...lead, ...spatial];
    return done({ outputs: [output], steps: [{ code: "op_shape", op: name, inputs: [input], output }] });
  },
};
