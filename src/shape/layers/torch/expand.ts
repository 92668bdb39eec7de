import type { Shape } from "../../../model/shape.js";
import { torchList } from "../../../model/shape.js";
import { mul } from "../../../model/symbolic.js";
import type { RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { torchFail } from "./torch-dims.js";

/** x.expand(B, -1, -1): sizes aligned from the right; -1 keeps a size, a 1 may grow, new axes go in front. */
export function inferExpand(sizes: (number | string)[], input: Shape): RuleResult {
  if (sizes.length < input.length)
    return torchFail(
      "expand",
      `expand(torch.FloatTensor{${torchList(input)}}, size=${torchList(sizes)}): the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${input.length})`,
    );
  const lead = sizes.length - input.length;
  const output: Shape = [];
  for (let i = 0; i < sizes.length; i++) {
    const want = sizes[i] ?? -1;
    const have = i >= lead ? (input[i - lead] ?? null) : null;
    if (want === -1) {
      if (i < lead)
        return torchFail(
          "expand",
          `The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      output.push(have);
    } else if (
      i >= lead &&
      typeof have === "number" &&
      typeof want === "number" &&
      have !== 1 &&
      have !== want
    )
      return torchFail(
        "expand",
        `The expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}.  Target sizes: ${torchList(sizes)}.  Tensor sizes: ${torchList(input)}`,
      );
    else output.push(want);
  }
  return done({ outputs: [output], steps: [{ code: "op_shape", op: "expand", inputs: [input], output }] });
}

/** x.repeat(2, 1, 3): each axis times its count; extra counts add axes in front. */
export function inferRepeat(times: number[], input: Shape): RuleResult {
  if (times.length < input.length)
    return torchFail(
      "repeat",
      "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor",
    );
  const lead = times.length - input.length;
  const output: Shape = times.map((t, i) => (i < lead ? t : mul(input[i - lead] ?? null, t)));
  return done({ outputs: [output], steps: [{ code: "op_shape", op: "repeat", inputs: [input], output }] });
}
