import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { LayerConfig } from "../../src/model/layer-config.js";
import type { Shape } from "../../src/model/shape.js";
import { parsePlain } from "../../src/parse/plain/parse-plain.js";
import { buildPlainModel } from "../../src/parse/plain/plain-builder.js";
import { EN, ZH } from "./phrasing-table.js";

// Every phrasing of the table, answered: its exact shapes and params are pinned in
// phrasing-shapes.json (UPDATE_PHRASING_SHAPES=1 rewrites it; read the diff), and wherever the
// model is expressible in tfjs (Keras layout, no PyTorch-only arguments) the same numbers are
// checked against tfjs layers, independently of our rules.

const pinnedPath = new URL("./phrasing-shapes.json", import.meta.url).pathname;
const update = process.env.UPDATE_PHRASING_SHAPES === "1";
type Row = [string, Shape | null, number | null][];
const pinned: Record<string, Row> = existsSync(pinnedPath)
  ? JSON.parse(readFileSync(pinnedPath, "utf8"))
  : {};
const fresh: Record<string, Row> = {};

const phrasings = [...EN, ...ZH].map(([text]) => text);

function answerRows(text: string) {
  const parsed = parsePlain(text);
  if (!parsed.ok) return null;
  const model = buildPlainModel(parsed.question, text);
  if (!model) return null;
  return model;
}

const tfPadding = (p: unknown): "valid" | "same" | null => (p === "valid" || p === "same" ? p : null);
const tfFormat = (f: string) =>
  (f === "channels_first" ? "channelsFirst" : "channelsLast") as "channelsFirst" | "channelsLast";

/** The tfjs layer for a canonical config, or null when tfjs cannot express it exactly. */
function tfLayer(
  c: LayerConfig,
  first: { inputShape: number[] } | Record<string, never>,
): tf.layers.Layer | null {
  switch (c.kind) {
    case "conv": {
      const padding = tfPadding(c.padding);
      if (!padding || c.groups !== 1) return null;
      const cfg = {
        filters: c.filters,
        kernelSize: c.kernel,
        strides: c.strides,
        dilationRate: c.dilation,
        padding,
        dataFormat: tfFormat(c.dataFormat),
        ...first,
      };
      // tfjs types tuples by rank; the canonical config holds plain arrays of the right length.
      const args = cfg as never;
      return c.rank === 1
        ? tf.layers.conv1d(args)
        : c.rank === 2
          ? tf.layers.conv2d(args)
          : tf.layers.conv3d(args);
    }
    case "pool": {
      const padding = tfPadding(c.padding);
      if (!padding || c.ceilMode) return null;
      const cfg = {
        poolSize: c.pool,
        strides: c.strides,
        padding,
        dataFormat: tfFormat(c.dataFormat),
        ...first,
      };
      if (c.rank === 1)
        return (c.op === "max" ? tf.layers.maxPooling1d : tf.layers.averagePooling1d)({
          ...cfg,
          poolSize: c.pool[0],
          strides: c.strides[0],
        });
      // tfjs types tuples by rank; the canonical config holds plain arrays of the right length.
      const args = cfg as never;
      if (c.rank === 2) return (c.op === "max" ? tf.layers.maxPooling2d : tf.layers.averagePooling2d)(args);
      return (c.op === "max" ? tf.layers.maxPooling3d : tf.layers.averagePooling3d)(args);
    }
    case "global_pool":
      if (c.rank === 3) return null;
      return (
        c.rank === 1
          ? c.op === "max"
            ? tf.layers.globalMaxPooling1d
            : tf.layers.globalAveragePooling1d
          : c.op === "max"
            ? tf.layers.globalMaxPooling2d
            : tf.layers.globalAveragePooling2d
      )({ dataFormat: tfFormat(c.dataFormat), ...first } as never);
    case "dense":
      return tf.layers.dense({ units: c.units, ...first });
    case "flatten":
      return tf.layers.flatten(first);
    case "elementwise":
      return c.op === "dropout" ? tf.layers.dropout({ rate: 0.5, ...first }) : null;
    case "batch_norm":
      return tf.layers.batchNormalization({ axis: c.axis, ...first });
    case "embedding":
      return tf.layers.embedding({ inputDim: c.inputDim, outputDim: c.outputDim, ...first });
    case "recurrent":
      if (c.cell === "gru") return null; // tfjs has no reset_after=True (Keras 3's default)
      return (c.cell === "lstm" ? tf.layers.lstm : tf.layers.simpleRNN)({
        units: c.units,
        returnSequences: c.returnSequences,
        ...first,
      });
    case "upsampling":
      return c.rank === 2
        ? tf.layers.upSampling2d({ size: c.size, dataFormat: tfFormat(c.dataFormat), ...first })
        : null;
    default:
      return null;
  }
}

describe("every phrasing, answered with exact shapes and params", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("covers at least 150 phrasings, 40 of them Chinese", () => {
    expect(phrasings.length).toBeGreaterThanOrEqual(150);
    expect(ZH.length).toBeGreaterThanOrEqual(40);
  });

  let checkedByTfjs = 0;
  it.each(phrasings)("%s", (text) => {
    const model = answerRows(text);
    const rows: Row = model
      ? model.analysis.layers.map((l) => [
          l.className,
          l.outputShapes[0] ?? null,
          l.params.trainable === null ? null : l.params.trainable + (l.params.nonTrainable ?? 0),
        ])
      : [];
    fresh[text] = rows;
    if (!update) expect(rows, "pinned numbers (UPDATE_PHRASING_SHAPES=1 to rewrite)").toEqual(pinned[text]);
    if (model?.framework !== "keras" || model.analysis.layers.some((l) => l.status !== "ok")) return;
    const input = model.analysis.inputs[0]?.shape;
    if (!input || input.slice(1).some((d) => typeof d !== "number")) return;
    const seq = tf.sequential();
    try {
      for (const [i, layer] of model.analysis.layers.entries()) {
        const made = tfLayer(layer.config, i === 0 ? { inputShape: input.slice(1) as number[] } : {});
        if (!made) return;
        seq.add(made);
      }
      seq.layers.forEach((layer, i) => {
        const row = rows[i] as Row[number];
        expect(row[1], `${text}: layer ${i} shape`).toEqual(layer.outputShape);
        expect(row[2], `${text}: layer ${i} params`).toBe(layer.countParams());
      });
      checkedByTfjs++;
    } finally {
      seq.dispose();
    }
  });

  it("checked most of them against tfjs too", () => {
    if (update) writeFileSync(pinnedPath, `${JSON.stringify(fresh, null, 1)}\n`);
    if (process.env.SHOW_COUNTS === "1")
      console.log(`phrasings: ${phrasings.length}, checked against tfjs: ${checkedByTfjs}`);
    expect(checkedByTfjs).toBeGreaterThanOrEqual(80);
  });
});
