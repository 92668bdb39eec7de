import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { AnalyzedLayer } from "../../src/model/analysis.js";
import { analyzeKeras } from "../../src/parse/keras/analyze-keras.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { translateLayer } from "../../src/translate/layer-translation.js";
import { fPadArg, type PyValue, pyCall } from "../../src/translate/python-call.js";

// GIVEN a Keras layer that real Keras 3 built and ran, and the PyTorch translation that real
// PyTorch reproduced numerically (scripts/gen-cross-framework-fixtures.py, both steps),
// WHEN shapebot translates the same layer,
// THEN it writes the same PyTorch call and F.pad, and states the weight shapes and param counts
// both frameworks reported.

const here = dirname(fileURLToPath(import.meta.url));
const dir = join(here, "..", "fixtures", "cross-framework");

interface KerasRow {
  id: string;
  layer: string;
  kwargs: Record<string, string | number | boolean>;
  input: number[];
  weights: { name: string; shape: number[]; trainable: boolean }[];
  trainable: number;
  nonTrainable: number;
  output: number[];
}
interface TorchRow {
  id: string;
  torch: {
    module: string;
    args: number[];
    kwargs: Record<string, string | number | boolean>;
    pad: number[] | null;
    padValue: string | null;
    crop: number | null;
    params: { name: string; shape: number[] }[];
    buffers: { name: string; shape: number[] }[];
    paramCount: number;
    maxAbsDiff: number;
  } | null;
}

const keras = JSON.parse(readFileSync(join(dir, "keras.json"), "utf8")) as { rows: KerasRow[] };
const torch = JSON.parse(readFileSync(join(dir, "torch.json"), "utf8")) as { rows: TorchRow[] };
const torchById = new Map(torch.rows.map((r) => [r.id, r]));
const ev = { maxSteps: 1_000_000, maxDepth: 64, maxCollection: 100_000 };

function kerasLayer(row: KerasRow): AnalyzedLayer {
  const kw = Object.entries(row.kwargs)
    .map(
      ([k, v]) =>
        `${k}=${typeof v === "string" ? `'${v}'` : typeof v === "boolean" ? (v ? "True" : "False") : v}`,
    )
    .join(", ");
  const code = `model = keras.Sequential([keras.Input(shape=(${row.input.slice(1).join(", ")},)), layers.${row.layer}(${kw})])`;
  const a = analyzeKeras(parseMessage(code), { inputOverride: null, maxLayers: 100, evalLimits: ev });
  const layer = a?.layers[0];
  if (!layer) throw new Error(`no layer for ${row.id}`);
  return layer;
}

/** The PyTorch call the fixture ran, written as shapebot writes calls. */
function expectedCall(t: NonNullable<TorchRow["torch"]>): string {
  const kwargs = Object.entries(t.kwargs).map(([k, v]) => [k, v] as [string, PyValue]);
  return pyCall(`nn.${t.module}`, t.args, kwargs);
}

describe("translations match real Keras 3 and PyTorch", () => {
  it("has the fixture rows and every PyTorch translation reproduced Keras' output", () => {
    expect(keras.rows.length).toBeGreaterThanOrEqual(20);
    for (const r of torch.rows) if (r.torch) expect(r.torch.maxAbsDiff).toBeLessThan(1e-4);
  });

  it.each(keras.rows.map((r) => [r.id, r] as const))("%s", (_id, row) => {
    const layer = kerasLayer(row);
    expect(layer.outputShapes[0]).toEqual([null, ...row.output.slice(1)]);
    const t = translateLayer(layer, "keras", {
      dropoutRate: typeof row.kwargs.rate === "number" ? row.kwargs.rate : null,
    });
    // Keras' own weights and counts.
    if (t.weights) {
      expect(t.weights.keras.map((w) => [w.name, w.shape])).toEqual(
        row.weights.map((w) => [w.name, w.shape]),
      );
      expect(t.params?.keras).toBe(row.trainable + row.nonTrainable);
      expect(t.params?.kerasNonTrainable).toBe(row.nonTrainable);
    } else expect(row.weights).toEqual([]);
    const fx = torchById.get(row.id)?.torch ?? null;
    if (fx === null) {
      expect(t.caveats.map((c) => c.code)).toContain("gru_reset_before");
      return;
    }
    // The call and the pad line.
    const call = t.code.find((line) => line.includes(`nn.${fx.module}(`)) ?? "";
    expect(call.replace(/^rnn = /, "")).toBe(expectedCall(fx));
    const pad = t.code.find((line) => line.startsWith("x = F.pad"));
    if (fx.pad) {
      const axes = fx.pad.length / 2;
      const pairs = Array.from(
        { length: axes },
        (_, i) => [fx.pad?.[2 * (axes - 1 - i)], fx.pad?.[2 * (axes - 1 - i) + 1]] as [number, number],
      );
      const value = fx.padValue === "-inf" ? ", value=float('-inf')" : "";
      expect(pad).toBe(`x = F.pad(x, ${fPadArg(pairs)}${value})`);
    } else expect(pad).toBeUndefined();
    if (fx.crop)
      expect(t.code).toContain(
        `x = x[..., ${Array(row.input.length - 2)
          .fill(`:-${fx.crop}`)
          .join(", ")}]`,
      );
    // PyTorch's parameters and buffers.
    if (t.weights) {
      expect(t.weights.pytorch.map((w) => [w.name, w.shape])).toEqual(
        fx.params.map((p) => [p.name, p.shape]),
      );
      expect(t.weights.buffers.map((w) => [w.name, w.shape])).toEqual(
        fx.buffers.map((b) => [b.name, b.shape]),
      );
      expect(t.params?.pytorch).toBe(fx.paramCount);
    }
  });
});
