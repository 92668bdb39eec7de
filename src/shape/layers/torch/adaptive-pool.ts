import type { AdaptivePoolConfig } from "../../../model/layer-config.js";
import { torchList } from "../../../model/shape.js";
import type { LayerRule } from "../../rule.js";
import { done, firstInput } from "../spatial.js";
import { dimOutOfRange, torchFail } from "./torch-dims.js";

/**
 * AdaptiveAvgPool/AdaptiveMaxPool: the last `rank` axes become the requested size (None keeps one).
 * The ranks follow PyTorch 1.13: the 1-d pools take 2-D or 3-D input; the 2-d/3-d ones take
 * rank+1 or rank+2 axes, except that an average pool to all ones is a plain mean over the last
 * `rank` axes and takes any input with that many. (A tuple output size on an input without more
 * axes than the tuple raises "Input dimension should be at least …" in Python first; the config
 * does not say whether the size was an int or a tuple, so the int reading is used.)
 */
export const adaptivePoolRule: LayerRule<AdaptivePoolConfig> = {
  kind: "adaptive_pool",
  infer({ config: c, inputs }) {
    const input = firstInput(inputs);
    const name = `adaptive_${c.op}_pool${c.rank}d`;
    if (c.rank === 1) {
      if (input.length !== 2 && input.length !== 3)
        return torchFail(
          name,
          `Expected 2 to 3 dimensions, but got ${input.length}-dimensional tensor for argument #1 'self' (while checking arguments for ${name})`,
        );
    } else {
      const spatialIn = input.slice(Math.max(input.length - c.rank, 0));
      const sizes = c.outputSize.map((s, i) => s ?? spatialIn[i] ?? null);
      const mean = c.op === "avg" && sizes.length === c.rank && sizes.every((s) => s === 1);
      if (mean && input.length < c.rank)
        return dimOutOfRange(name, -(Math.max(input.length, 1) + 1), input.length);
      if (!mean && input.length !== c.rank + 1 && input.length !== c.rank + 2)
        return torchFail(
          name,
          `${name}(): Expected ${c.rank + 1}D or ${c.rank + 2}D tensor, but got${c.op === "max" ? ":" : ""} ${torchList(input)}`,
        );
    }
    const lead = input.slice(0, input.length - c.rank);
    const spatial = input.slice(input.length - c.rank).map((d, i) => c.outputSize[i] ?? d);
    const output = [...lead, ...spatial];
    return done({ outputs: [output], steps: [{ code: "op_shape", op: name, inputs: [input], output }] });
  },
};
