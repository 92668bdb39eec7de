import type { PoolConfig } from "../../model/layer-config.js";
import type { LayerRule } from "../rule.js";
import type { Step } from "../steps.js";
import {
  assemble,
  checkRank,
  done,
  fail,
  firstInput,
  layoutOf,
  windowGeometry,
  windowStep,
} from "./spatial.js";

/** Pooling keeps the channels; MACs are counted as 0 (fvcore's convention: comparisons and sums are not MACs). */
export const poolRule: LayerRule<PoolConfig> = {
  kind: "pool",
  infer({ config: c, inputs, framework }) {
    const input = firstInput(inputs);
    const className = `${c.op === "max" ? "Max" : "Average"}Pooling${c.rank}D`;
    const rankIssue = checkRank(input, c.rank + 2, "eq", className);
    if (rankIssue) return fail(rankIssue);
    if (typeof c.padding === "object") {
      // PyTorch: "pad should be at most half of kernel size" — the kernel as given, dilation not
      // counted (MaxPool2d(3, dilation=2, padding=2) fails); the first axis that breaks it is named.
      for (let i = 0; i < c.rank; i++) {
        const kernel = c.pool[i] ?? 1;
        const pad = Math.max(...(c.padding.explicit[i] ?? c.padding.explicit[0] ?? [0, 0]));
        if (pad > kernel / 2)
          return fail({ code: "pool_padding_too_large", op: c.op, rank: c.rank, pad, kernel });
      }
    }
    const { channel } = layoutOf(c.rank, c.dataFormat);
    const channels = input[channel] ?? null;
    const geo = windowGeometry(input, {
      framework,
      layer: "pool",
      rank: c.rank,
      kernel: c.pool,
      strides: c.strides,
      dilation: c.dilation,
      padding: c.padding,
      ceilMode: c.ceilMode,
      dataFormat: c.dataFormat,
      kernelShape: c.pool,
    });
    if (!geo.ok) return fail(geo.issue);
    const outSpatial = geo.axes.map((a) => a.geometry.output);
    const steps: Step[] = geo.axes.map((a) => windowStep("pool.axis", a, c.ceilMode));
    steps.push({ code: "pool.channels", channels });
    return done({
      outputs: [assemble(input[0] ?? null, outSpatial, channels, c.dataFormat)],
      geometry: geo.axes.map((a) => a.geometry),
      steps,
    });
  },
};
