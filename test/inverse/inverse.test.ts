import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import type { WindowAsk } from "../../src/inverse/inverse-ask.js";
import { solveTranspose } from "../../src/inverse/transpose-solve.js";
import { runWindow, solveWindow } from "../../src/inverse/window-solve.js";
import { parsePlain } from "../../src/parse/plain/parse-plain.js";
import { windowAxis } from "../../src/shape/layers/spatial.js";

// Inverse questions: the parser recognises them (English and Chinese), and every setting the
// solvers return, plugged back into the forward shape rule, gives exactly the size asked.

const SEED = 20261126;

function inverseOf(text: string) {
  const parsed = parsePlain(text);
  expect(parsed.ok).toBe(true);
  return parsed.ok ? (parsed.question.inverse ?? null) : null;
}

describe("recognising inverse questions", () => {
  it.each<[string, Partial<WindowAsk>]>([
    [
      "what padding keeps 32x32 with a 5x5 kernel?",
      { from: [32, 32], to: [32, 32], kernel: 5, asked: ["padding"], keep: true },
    ],
    ["which stride/kernel takes 224 to 112?", { from: [224], to: [112], asked: ["stride", "kernel"] }],
    [
      "5x5 卷积核要多少 padding 才能保持 32x32？",
      { from: [32, 32], to: [32, 32], kernel: 5, asked: ["padding"] },
    ],
    ["怎样把 224 变成 112？", { from: [224], to: [112], asked: [] }],
    ["how do I get 224x224 from 112x112?", { from: [112, 112], to: [224, 224] }],
    [
      "what padding takes 224 to 112 with a 3x3 conv stride 2?",
      { from: [224], to: [112], kernel: 3, stride: 2 },
    ],
    [
      "maxpool: which kernel and stride take 56x56 to 28x28?",
      { layer: "pool", from: [56, 56], to: [28, 28] },
    ],
    ["转置卷积怎样把 7x7 变成 14x14？", { layer: "conv_transpose", from: [7, 7], to: [14, 14] }],
  ])("%s", (text, want) => {
    const ask = inverseOf(text);
    expect(ask?.kind).toBe("window");
    expect(ask).toMatchObject(want);
  });

  it("recognises questions about a model", () => {
    expect(inverseOf("what input sizes work with this model?")).toEqual({ kind: "input_sizes" });
    expect(inverseOf("这个模型能接受哪些输入尺寸？")).toEqual({ kind: "input_sizes" });
    expect(inverseOf("how do I get 64x64 out of this decoder?")).toEqual({
      kind: "output_target",
      to: [64, 64],
    });
  });

  it.each([
    "conv 24 filters 8x8 stride 2 on 128x128x3",
    "why is the output 1x1x29x29 and not 28x28?",
    "conv 3x3 stride 2 on 28x28x1 to 64 channels",
    "same vs valid padding for a 3x3 conv stride 2 on 28x28x1",
    "what in_features goes in my Linear after the convs? input is 64x64",
  ])("leaves forward questions alone: %s", (text) => {
    const parsed = parsePlain(text);
    if (parsed.ok) expect(parsed.question.inverse ?? null).toBeNull();
  });
});

describe("solutions checked against the forward rule", () => {
  it("every conv/pool setting found gives the asked size (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom("conv" as const, "pool" as const),
        (from, to, layer) => {
          const found = solveWindow({
            from: [from],
            to: [to],
            layer,
            kernel: null,
            stride: null,
            padding: null,
            dilation: null,
          });
          for (const r of found) {
            const p: [number, number] = Array.isArray(r.padding) ? r.padding : [0, 0];
            const g = windowAxis({
              axis: "height",
              index: 0,
              input: from,
              kernel: r.kernel,
              stride: r.stride,
              dilation: r.dilation,
              padding: { explicit: [[p[0], p[1]]] },
              ceilMode: false,
            }).geometry;
            expect(g.output).toBe(to);
            if (layer === "pool") expect(2 * p[0]).toBeLessThanOrEqual(r.kernel);
          }
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("finds every setting in range (brute-force oracle)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 256 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 7 }),
        (from, s, k) => {
          const p = Math.floor(k / 2);
          const to = Math.floor((from + 2 * p - k) / s) + 1;
          const found = solveWindow({
            from: [from],
            to: [to],
            layer: "conv",
            kernel: null,
            stride: null,
            padding: null,
            dilation: null,
          });
          expect(
            found.some(
              (r) => r.kernel === k && r.stride === s && Array.isArray(r.padding) && r.padding[0] === p,
            ),
          ).toBe(true);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("every transposed setting found gives the asked size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 128 }), fc.integer({ min: 2, max: 4 }), (from, factor) => {
        const to = from * factor;
        const found = solveTranspose({
          from: [from],
          to: [to],
          kernel: null,
          stride: null,
          padding: null,
          outputPadding: null,
        });
        expect(found.length).toBeGreaterThan(0);
        for (const r of found) {
          const pad = typeof r.padding === "number" ? r.padding : 0;
          // PyTorch's formula, as DESIGN.md states it: (in−1)·s − 2p + (k−1) + op + 1.
          expect((from - 1) * r.stride - 2 * pad + (r.kernel - 1) + (r.outputPadding ?? 0) + 1).toBe(to);
          expect(r.outputPadding ?? 0).toBeLessThan(r.stride);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("lists the usual settings first for 224 → 112", () => {
    const found = solveWindow({
      from: [224],
      to: [112],
      layer: "conv",
      kernel: null,
      stride: null,
      padding: null,
      dilation: null,
    });
    const first = found
      .slice(0, 4)
      .map((r) => [r.kernel, r.stride, Array.isArray(r.padding) ? r.padding[0] : -1]);
    expect(first).toEqual([
      [3, 2, 1],
      [7, 2, 3],
      [5, 2, 2],
      [2, 2, 0],
    ]);
  });

  it("Keras 'same' keeps the size with any kernel at stride 1", () => {
    for (const k of [1, 2, 3, 4, 5, 7]) {
      const r = runWindow([32], { kernel: k, stride: 1, dilation: 1, padding: "same" }, "conv", "height");
      expect(r?.outputs).toEqual([32]);
    }
  });
});

describe("replies", () => {
  it("answers the padding question with the arithmetic in both frameworks", () => {
    const reply = answer({ text: "what padding keeps 32x32 with a 5x5 kernel?" });
    expect(reply.understood).toBe(true);
    expect(reply.text).toContain("padding=2");
    expect(reply.text).toContain("⌊(32 − 5 + 2·2)/1⌋ + 1 = 32");
    expect(reply.text).toContain("'same'");
    expect(reply.json.layers).toEqual([]);
  });

  it("answers in Chinese", () => {
    const reply = answer({ text: "怎样把 224 变成 112？" });
    expect(reply.text).toContain("卷积核 3，步长 2，填充 1");
  });

  it("answers input sizes from pasted PyTorch code", () => {
    const code = [
      "what input sizes work with this model?",
      "",
      "import torch.nn as nn",
      "class Net(nn.Module):",
      "    def __init__(self):",
      "        super().__init__()",
      "        self.c1 = nn.Conv2d(1, 6, 5)",
      "        self.p = nn.MaxPool2d(2)",
      "    def forward(self, x):",
      "        return self.p(self.c1(x))",
    ].join("\n");
    const reply = answer({ text: code });
    expect(reply.text.split("\n")[0]).toContain("every s ≥ 6");
  });
});
