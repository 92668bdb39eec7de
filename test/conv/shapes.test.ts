// Every layer the engine runs gives the shape the shape engine computes for the same config, over
// a few hundred random configs in both frameworks; and where the shape engine finds a window
// that does not fit (non_positive_output), the engine refuses too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BudgetExceededError, ComputeBudget } from "../../src/conv/budget.js";
import { mulberry32 } from "../../src/conv/prng.js";
import {
  type FeatureMap,
  featureMap,
  frameworkShape,
  runLayer,
  runLayers,
} from "../../src/conv/run-layer.js";
import type { DataFormat, Framework, LayerConfig, Padding } from "../../src/model/layer-config.js";
import { inferLayer } from "../../src/shape/registry.js";
import { check, randomPlanes } from "./reference.js";

const small = (max: number, min = 1) => fc.integer({ min, max });
const perAxis = <T>(rank: 1 | 2, arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: rank, maxLength: rank });

interface Case {
  framework: Framework;
  rank: 1 | 2;
  channels: number;
  h: number;
  w: number;
  config: LayerConfig;
}

/** The data format the shape engine reads the input in: the config's own, else the framework's default. */
function formatOf(c: Case): DataFormat {
  if (c.config.kind === "adaptive_pool") return "channels_first"; // PyTorch's layer: the last axes
  if ("dataFormat" in c.config && c.config.kind !== "flatten") return c.config.dataFormat;
  return c.framework === "keras" ? "channels_last" : "channels_first";
}

const input = fc.record({
  rank: fc.constantFrom<1 | 2>(1, 2),
  channels: small(6),
  h: small(16),
  w: small(16),
});

function padding(framework: Framework, rank: 1 | 2, pools = false): fc.Arbitrary<Padding> {
  const explicit = perAxis(rank, small(3, 0)).map((p) => ({
    explicit: p.map((v) => [v, v] as [number, number]),
  }));
  if (framework === "pytorch")
    return pools ? explicit : fc.oneof(explicit, fc.constantFrom<Padding>("valid", "same_torch"));
  return fc.constantFrom<Padding>("valid", "same", ...(rank === 1 && !pools ? (["causal"] as const) : []));
}

const conv = fc.constantFrom<Framework>("keras", "pytorch").chain((framework) =>
  input.chain((i) =>
    fc
      .record({
        groups: small(3),
        perGroup: small(3),
        kernel: perAxis(i.rank, small(5)),
        strides: perAxis(i.rank, small(3)),
        dilation: perAxis(i.rank, small(2)),
        padding: padding(framework, i.rank),
        channelsFirst: fc.boolean(),
      })
      .map(
        (g): Case => ({
          framework,
          ...i,
          channels: i.channels * g.groups,
          config: {
            kind: "conv",
            rank: i.rank,
            filters: g.groups * g.perGroup,
            kernel: g.kernel,
            strides: g.padding === "same_torch" ? g.strides.map(() => 1) : g.strides,
            padding: g.padding,
            dilation: g.dilation,
            groups: g.groups,
            useBias: true,
            dataFormat: framework === "pytorch" || g.channelsFirst ? "channels_first" : "channels_last",
            activation: "relu",
            inChannels: null,
          },
        }),
      ),
  ),
);

const convTranspose = fc.constantFrom<Framework>("keras", "pytorch").chain((framework) =>
  input.chain((i) =>
    fc
      .record({
        groups: framework === "pytorch" ? small(2) : fc.constant(1),
        filters: small(4),
        kernel: perAxis(i.rank, small(5)),
        strides: perAxis(i.rank, small(3)),
        dilation: perAxis(i.rank, small(2)),
        pad: perAxis(i.rank, small(2, 0)),
        word: fc.constantFrom<Padding>("same", "valid"),
        op: fc.option(perAxis(i.rank, small(2, 0))),
      })
      .map((g): Case => {
        const strides =
          framework === "keras" && g.dilation.some((d) => d > 1) ? g.strides.map(() => 1) : g.strides;
        const op =
          g.op?.map(
            (v, a) => v % Math.max(strides[a] ?? 1, framework === "keras" ? 1 : (g.dilation[a] ?? 1)),
          ) ?? null;
        return {
          framework,
          ...i,
          channels: i.channels * g.groups,
          config: {
            kind: "conv_transpose",
            rank: i.rank,
            filters: g.filters * g.groups,
            kernel: g.kernel,
            strides,
            padding:
              framework === "keras" ? g.word : { explicit: g.pad.map((p) => [p, p] as [number, number]) },
            outputPadding: op,
            dilation: g.dilation,
            groups: g.groups,
            useBias: true,
            dataFormat: framework === "keras" ? "channels_last" : "channels_first",
            activation: "linear",
            inChannels: null,
          },
        };
      }),
  ),
);

const depthwiseOrSeparable = input.chain((i) =>
  fc
    .record({
      separable: fc.boolean(),
      kernel: perAxis(i.rank, small(4)),
      strides: perAxis(i.rank, small(2)),
      padding: fc.constantFrom<Padding>("valid", "same"),
      dm: small(3),
      filters: small(5),
    })
    .map((g): Case => {
      const common = {
        rank: i.rank,
        kernel: g.kernel,
        strides: g.strides,
        padding: g.padding,
        dilation: g.kernel.map(() => 1),
        depthMultiplier: g.dm,
        useBias: true,
        dataFormat: "channels_last" as const,
        activation: "linear",
      };
      return {
        framework: "keras",
        ...i,
        config: g.separable
          ? { kind: "separable_conv", ...common, filters: g.filters }
          : { kind: "depthwise_conv", ...common },
      };
    }),
);

const pool = fc.constantFrom<Framework>("keras", "pytorch").chain((framework) =>
  input.chain((i) =>
    fc
      .record({
        op: fc.constantFrom<"max" | "avg">("max", "avg"),
        size: perAxis(i.rank, small(4)),
        strides: perAxis(i.rank, small(4)),
        dilation: perAxis(i.rank, small(2)),
        pads: perAxis(i.rank, small(2, 0)),
        word: fc.constantFrom<Padding>("valid", "same"),
        ceilMode: fc.boolean(),
      })
      .map((g): Case => {
        const torch = framework === "pytorch";
        const padding: Padding = torch
          ? {
              explicit: g.pads.map(
                (p, a) =>
                  [Math.min(p, (g.size[a] ?? 1) >> 1), Math.min(p, (g.size[a] ?? 1) >> 1)] as [
                    number,
                    number,
                  ],
              ),
            }
          : g.word;
        return {
          framework,
          ...i,
          config: {
            kind: "pool",
            rank: i.rank,
            op: g.op,
            pool: g.size,
            strides: g.strides,
            padding,
            dilation: torch && g.op === "max" ? g.dilation : g.size.map(() => 1),
            ceilMode: torch && g.ceilMode,
            dataFormat: torch ? "channels_first" : "channels_last",
          },
        };
      }),
  ),
);

const misc = fc.constantFrom<Framework>("keras", "pytorch").chain((framework) =>
  input.chain((i) => {
    const df: DataFormat = framework === "keras" ? "channels_last" : "channels_first";
    const configs: fc.Arbitrary<LayerConfig>[] = [
      fc
        .record({ op: fc.constantFrom<"max" | "avg">("max", "avg"), keepdims: fc.boolean() })
        .map((g) => ({ kind: "global_pool", rank: i.rank, ...g, dataFormat: df })),
      perAxis(i.rank, fc.option(small(8))).map((outputSize) => ({
        kind: "adaptive_pool",
        rank: i.rank,
        op: "avg",
        outputSize,
      })),
      perAxis(i.rank, fc.tuple(small(3, 0), small(3, 0))).map((padding) => ({
        kind: "zero_padding",
        rank: i.rank,
        padding,
        dataFormat: df,
      })),
      fc
        .record({ size: perAxis(i.rank, small(3)), interpolation: fc.constantFrom("nearest", "bilinear") })
        .map((g) => ({ kind: "upsampling", rank: i.rank, ...g, dataFormat: df })),
      fc.record({ startDim: fc.constantFrom(1, 2), endDim: fc.constantFrom(-1, 2) }).map((g) => ({
        kind: "flatten",
        ...(framework === "keras" ? { startDim: 1, endDim: -1 } : g),
        dataFormat: "channels_last",
      })),
      small(7).map((units) => ({
        kind: "dense",
        units,
        useBias: true,
        activation: "softmax",
        inFeatures: null,
      })),
      fc
        .constantFrom("relu", "gelu", "softmax", "dropout", "leaky_relu")
        .map((op) => ({ kind: "elementwise", op, paramsPerChannel: 0, axis: null })),
      fc.constant<LayerConfig>({
        kind: "batch_norm",
        axis: framework === "keras" ? -1 : 1,
        center: true,
        scale: true,
        numFeatures: null,
      }),
    ];
    return fc.oneof(...configs).map((config): Case => ({ framework, ...i, config }));
  }),
);

function sampleOf(c: Case, seed: number): FeatureMap {
  return featureMap(randomPlanes(c.channels, c.rank === 1 ? 1 : c.h, c.w, seed), c.rank);
}

const MAC_KINDS = new Set(["conv", "conv_transpose", "depthwise_conv", "separable_conv", "dense"]);

/** Runs the case in both engines; returns whether the layer ran. */
function agree(c: Case, seed: number): boolean {
  const fm = sampleOf(c, seed);
  const format = formatOf(c);
  const expected = inferLayer(c.config, [frameworkShape(fm, format)], c.framework);
  const context = JSON.stringify({ c, expected: expected.ok ? expected.record.outputs : expected.issue });
  const budget = new ComputeBudget(Number.POSITIVE_INFINITY);
  const run = () => runLayer(c.config, fm, { framework: c.framework, rng: mulberry32(seed), budget });
  if (!expected.ok) {
    if (expected.issue.code === "non_positive_output") expect(run, context).toThrow();
    return false;
  }
  const out = run();
  const outFormat = c.config.kind === "flatten" || c.config.kind === "dense" ? format : formatOf(c);
  expect(frameworkShape(out, outFormat), context).toEqual(expected.record.outputs[0]);
  expect(out.planes.data.every(Number.isFinite), context).toBe(true);
  if (MAC_KINDS.has(c.config.kind)) {
    // The budget charges the shape engine's MACs, plus one unit per value for a fused activation.
    const activation =
      "activation" in c.config && c.config.activation !== "linear" ? out.planes.data.length : 0;
    expect(budget.spent, context).toBe((expected.record.macs ?? Number.NaN) + activation);
  }
  return true;
}

describe("engine output sizes equal the shape engine's", () => {
  for (const [name, arb, runs] of [
    ["conv (words, explicit pads, groups, dilation, 1-D and 2-D)", conv, 150],
    ["transposed conv (Keras' arithmetic, PyTorch's formula, output padding)", convTranspose, 100],
    ["depthwise and separable conv", depthwiseOrSeparable, 50],
    ["pooling (Keras words, PyTorch pads, ceil_mode, dilation)", pool, 120],
    ["global/adaptive pooling, padding, upsampling, flatten, dense, activations, batch norm", misc, 150],
  ] as const) {
    it(name, () => {
      let ran = 0;
      check(fc.tuple(arb as fc.Arbitrary<Case>, fc.nat()), runs, ([c, seed]) => {
        if (agree(c, seed)) ran++;
      });
      expect(ran).toBeGreaterThan(runs / 3);
    });
  }
});

describe("runLayers and the budget", () => {
  const keras: LayerConfig[] = [
    {
      kind: "conv",
      rank: 2,
      filters: 8,
      kernel: [3, 3],
      strides: [2, 2],
      padding: "same",
      dilation: [1, 1],
      groups: 1,
      useBias: true,
      dataFormat: "channels_last",
      activation: "linear",
      inChannels: null,
    },
    { kind: "batch_norm", axis: -1, center: true, scale: true, numFeatures: null },
    { kind: "elementwise", op: "relu", paramsPerChannel: 0, axis: null },
    {
      kind: "pool",
      rank: 2,
      op: "max",
      pool: [2, 2],
      strides: [2, 2],
      padding: "valid",
      dilation: [1, 1],
      ceilMode: false,
      dataFormat: "channels_last",
    },
    { kind: "flatten", startDim: 1, endDim: -1, dataFormat: "channels_last" },
    { kind: "dense", units: 10, useBias: true, activation: "softmax", inFeatures: null },
  ];

  it("runs a model layer by layer with the shapes and MACs of the shape engine", () => {
    const budget = new ComputeBudget();
    const outs = runLayers(keras, featureMap(randomPlanes(3, 17, 15, 1), 2), {
      framework: "keras",
      rng: mulberry32(9),
      budget,
    });
    let shape = [1, 17, 15, 3];
    let macs = 0;
    keras.forEach((config, i) => {
      const r = inferLayer(config, [shape], "keras");
      if (!r.ok) throw new Error(JSON.stringify(r.issue));
      shape = r.record.outputs[0] as number[];
      macs += r.record.macs ?? 0;
      expect(frameworkShape(outs[i] as FeatureMap, "channels_last")).toEqual(shape);
    });
    const probs = (outs.at(-1) as FeatureMap).planes.data;
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    // conv 9·8 positions × 8 filters × 27 + dense 10·128 MACs, plus one unit per element/tap for the rest.
    expect(macs).toBe(9 * 8 * 8 * 27 + 10 * 128);
    expect(budget.spent).toBeGreaterThan(macs);
    expect(budget.spent).toBeLessThan(macs + 6 * 9 * 8 * 8 + 1000);
  });

  it("stops before a layer that would exceed the budget, having spent nothing on it", () => {
    const budget = new ComputeBudget(5000);
    const big = keras[0] as LayerConfig;
    const sample = featureMap(randomPlanes(3, 17, 15, 1), 2);
    expect(() => runLayer(big, sample, { framework: "keras", rng: mulberry32(1), budget })).toThrow(
      BudgetExceededError,
    );
    expect(budget.spent).toBe(0);
    expect(() => runLayer(big, sample, { framework: "keras", rng: mulberry32(1), budget })).toThrow(
      /needs 15\.6 kMAC; 0 MAC of the 5\.0 kMAC budget/,
    );
  });
});
