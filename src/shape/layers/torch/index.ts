import type { IndexItem } from "../../../model/layer-config.js";
import type { Dim, Shape } from "../../../model/shape.js";
import { add } from "../../../model/symbolic.js";
import type { RuleResult } from "../../rule.js";
import { done } from "../spatial.js";
import { torchFail } from "./torch-dims.js";

/** Length of a Python slice over `size` items (symbolic sizes give a formula for the plain cases). */
function sliceLength(size: Dim, lo: number | null, hi: number | null, step: number | null): Dim {
  const s = step ?? 1;
  if (typeof size !== "number") {
    if (size === null) return null;
    if (s !== 1) return null;
    if (lo === null && hi === null) return size;
    if (hi === null && lo !== null && lo < 0) return -lo;
    if (lo === null && hi !== null && hi >= 0) return hi;
    if (hi === null && lo !== null) return add(size, -lo);
    if (lo === null && hi !== null) return add(size, hi);
    return null;
  }
  const clamp = (i: number) => Math.min(Math.max(i < 0 ? i + size : i, 0), size);
  const start = lo === null ? 0 : clamp(lo);
  const stop = hi === null ? size : clamp(hi);
  if (stop <= start) return 0;
  return Math.ceil((stop - start) / s);
}

/** `x[:, -1, :]`, `x[..., 0]`, `x[:, None]`: ints drop an axis, slices shorten it, None adds one. */
export function inferIndex(items: IndexItem[], input: Shape): RuleResult {
  const used = items.filter((i) => i.t === "int" || i.t === "slice").length;
  if (used > input.length)
    return torchFail("index", `too many indices for tensor of dimension ${input.length}`);
  const output: Shape = [];
  let axis = 0;
  for (const [position, item] of items.entries()) {
    if (item.t === "ellipsis") {
      const rest =
        input.length -
        axis -
        items.slice(position + 1).filter((i) => i.t === "int" || i.t === "slice").length;
      for (let k = 0; k < rest; k++) output.push(input[axis++] ?? null);
    } else if (item.t === "newaxis") output.push(1);
    else if (item.t === "int") {
      const size = input[axis] ?? null;
      if (typeof size === "number" && (item.v >= size || item.v < -size))
        // PyTorch numbers the dimension by the item's place in the index, None and ... included.
        return torchFail(
          "index",
          `index ${item.v} is out of bounds for dimension ${position} with size ${size}`,
        );
      axis++;
    } else output.push(sliceLength(input[axis++] ?? null, item.lo, item.hi, item.step));
  }
  while (axis < input.length) output.push(input[axis++] ?? null);
  return done({ outputs: [output], steps: [{ code: "op_shape", op: "[…]", inputs: [input], output }] });
}
