import type { BilinearConfig } from "../../../model/layer-config.js";
import type { LayerRule } from "../../rule.js";
import { done } from "../spatial.js";
import { sameSize, torchFail } from "./torch-dims.js";

/** Bilinear(in1, in2, out): weight (out, in1, in2) and bias (out); inputs share their leading axes. */
export const bilinearRule: LayerRule<BilinearConfig> = {
  kind: "bilinear",
  infer({ config: c, inputs }) {
    const [a = [], b = []] = inputs;
    // at::bilinear: same rank, equal leading axes (no broadcasting), then each last axis.
    if (a.length !== b.length)
      return torchFail(
        "Bilinear",
        `bilinear(): input dimensions do not match: got ${a.length} and ${b.length}`,
      );
    for (let i = 0; i < a.length - 1; i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (!sameSize(x, y))
        return torchFail(
          "Bilinear",
          `bilinear(): input batch dimensions do not match at dim ${i}: got ${x} and ${y}`,
        );
    }
    const lastA = a[a.length - 1];
    const lastB = b[b.length - 1];
    if (typeof lastA === "number" && lastA !== c.in1)
      return torchFail(
        "Bilinear",
        `bilinear(): input1 size does not match weight size: got ${lastA} but expected ${c.in1}`,
      );
    if (typeof lastB === "number" && lastB !== c.in2)
      return torchFail(
        "Bilinear",
        `bilinear(): input2 size does not match weight size: got ${lastB} but expected ${c.in2}`,
      );
    const weight = c.out * c.in1 * c.in2;
    const total = weight + (c.bias ? c.out : 0);
    const output = [...a.slice(0, -1), c.out];
    return done({
      outputs: [output],
      params: { trainable: total, nonTrainable: 0 },
      macs: null,
      steps: [
        {
          code: "params_sum",
          parts: [
            { name: "weight", formula: `${c.out}·${c.in1}·${c.in2}`, count: weight },
            ...(c.bias ? [{ name: "bias", formula: `${c.out}`, count: c.out }] : []),
          ],
          total,
        },
      ],
    });
  },
};
