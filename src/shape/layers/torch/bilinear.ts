import type { BilinearConfig } from "../../../model/layer-config.js";
import type { LayerRule } from "../../rule.js";
import { done } from "../spatial.js";
import { torchFail } from "./torch-dims.js";

/** Bilinear(in1, in2, out): weight (out, in1, in2) and bias (out); inputs share their leading axes. */
export const bilinearRule: LayerRule<BilinearConfig> = {
  kind: "bilinear",
  infer({ config: c, inputs }) {
    const [a = [], b = []] = inputs;
    const lastA = a[a.length - 1];
    const lastB = b[b.length - 1];
    if (typeof lastA === "number" && lastA !== c.in1)
      return torchFail("Bilinear", `Input1 size (${lastA}) does not match in1_features (${c.in1})`);
    if (typeof lastB === "number" && lastB !== c.in2)
      return torchFail("Bilinear", `Input2 size (${lastB}) does not match in2_features (${c.in2})`);
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
