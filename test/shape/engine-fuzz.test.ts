import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LayerConfig } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import { inferLayer } from "../../src/shape/registry.js";
import { conv, dense, flatten, pool, rnn } from "./configs.js";

// The shape engine on extreme numbers (0, 1, huge, 2^53, negatives where a builder would never
// put them): every rule returns a value or a typed issue, never throws, and never shows a
// dimension below 0 as a valid output.

const extreme = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 7, 1024, 65_535, 1_000_000, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 1, max: 64 }),
);
const dim = fc.oneof(extreme, fc.constant(null));
const shape = (rank: number): fc.Arbitrary<Shape> =>
  fc.array(dim, { minLength: rank, maxLength: rank }).map((ds) => [null, ...ds.slice(1)]);

const config: fc.Arbitrary<LayerConfig> = fc.oneof(
  fc
    .record({
      rank: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
      f: extreme,
      k: extreme,
      s: extreme,
      d: extreme,
      same: fc.boolean(),
      torch: fc.boolean(),
    })
    .map(({ rank, f, k, s, d, same, torch }) =>
      conv(rank, f, k, {
        strides: s,
        dilation: d,
        padding: same ? "same" : "valid",
        ...(torch ? { inChannels: f, dataFormat: "channels_first" as const } : {}),
      }),
    ),
  fc
    .record({
      rank: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
      k: extreme,
      s: extreme,
      same: fc.boolean(),
      ceil: fc.boolean(),
    })
    .map(({ rank, k, s, same, ceil }) =>
      pool(rank, "max", k, { strides: s, padding: same ? "same" : "valid", ceilMode: ceil }),
    ),
  fc
    .record({ u: extreme, inF: fc.oneof(extreme, fc.constant(null)) })
    .map(({ u, inF }) => dense(u, true, inF)),
  fc.constant(flatten()),
  fc
    .record({
      u: extreme,
      cell: fc.constantFrom("simple", "lstm", "gru") as fc.Arbitrary<"simple" | "lstm" | "gru">,
      seq: fc.boolean(),
    })
    .map(({ u, cell, seq }) => rnn(cell, u, { returnSequences: seq })),
  fc
    .record({ target: fc.array(fc.oneof(extreme, fc.constant(-1)), { minLength: 1, maxLength: 4 }) })
    .map(({ target }): LayerConfig => ({ kind: "reshape", targetShape: target })),
  fc.record({ size: fc.array(extreme, { minLength: 2, maxLength: 2 }) }).map(
    ({ size }): LayerConfig => ({
      kind: "upsampling",
      rank: 2,
      size,
      interpolation: "nearest",
      dataFormat: "channels_last",
    }),
  ),
  fc.record({ crop: fc.array(extreme, { minLength: 4, maxLength: 4 }) }).map(
    ({ crop }): LayerConfig => ({
      kind: "cropping",
      rank: 2,
      cropping: [
        [crop[0] as number, crop[1] as number],
        [crop[2] as number, crop[3] as number],
      ],
      dataFormat: "channels_last",
    }),
  ),
  fc
    .record({ v: extreme, o: extreme })
    .map(({ v, o }): LayerConfig => ({ kind: "embedding", inputDim: v, outputDim: o, inputLength: null })),
);

describe("shape engine on extreme numbers", () => {
  it("a value or a typed issue, never a throw, never a negative dimension shown as valid", () => {
    fc.assert(
      fc.property(config, fc.integer({ min: 2, max: 5 }), (c, rank) =>
        fc.assert(
          fc.property(shape(rank), (input) => {
            for (const framework of ["keras", "pytorch"] as const) {
              const result = inferLayer(c, [input], framework);
              if (!result.ok) {
                expect(typeof result.issue.code).toBe("string");
                continue;
              }
              for (const out of result.record.outputs)
                for (const d of out) if (typeof d === "number") expect(d).toBeGreaterThanOrEqual(0);
            }
          }),
          { seed: 20261126, numRuns: 5 },
        ),
      ),
      { seed: 20261126, numRuns: 2000 },
    );
  });
});
