import { describe, expect, it } from "vitest";
import { inferLayer } from "../../src/shape/registry.js";
import { convTranspose, depthwise, explicit, pool } from "./configs.js";

const N = null;

describe("rules fixed after review, checked against Keras 3's behaviour", () => {
  it("DepthwiseConv2D's too-small input quotes Keras' kernel shape (k, k, C_in, C_in·dm)", () => {
    const config = depthwise(5, 2);
    const r = inferLayer(config, [[N, 3, 3, 4]], "keras");
    expect(r.ok).toBe(false);
    if (!r.ok && r.issue.code === "non_positive_output") expect(r.issue.kernelShape).toEqual([5, 5, 4, 8]);
    else expect.unreachable("expected non_positive_output");
  });

  it("Conv2DTranspose reports output_padding ≥ strides before strides-with-dilation, as Keras does", () => {
    const config = convTranspose(4, 3, 2, "valid", 2, { dilation: 2 });
    const r = inferLayer(config, [[N, 8, 8, 3]], "keras");
    expect(r.ok ? "ok" : r.issue.code).toBe("output_padding_too_large");
  });

  it("Concatenate folds the numbers of symbolic sizes: C + 3 + 4 = C+7", () => {
    const r = inferLayer(
      { kind: "merge", op: "concat", axis: -1 },
      [
        [N, 5, "C"],
        [N, 5, 3],
        [N, 5, 4],
      ],
      "keras",
    );
    expect(r.ok && r.record.outputs[0]).toEqual([N, 5, "C+7"]);
  });

  it("symbolic ceil_mode pooling with padding stays unknown rather than guessing", () => {
    const config = pool(2, "max", 2, { padding: explicit(1), ceilMode: true, dataFormat: "channels_first" });
    const symbolic = inferLayer(config, [[1, 3, "H", 5]], "pytorch");
    expect(symbolic.ok && symbolic.record.outputs[0]).toEqual([1, 3, null, 3]);
  });
});
