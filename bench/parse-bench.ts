import * as tf from "@tensorflow/tfjs";
import { answer } from "../src/core/answer.js";
import { DEFAULT_LIMITS } from "../src/core/request.js";
import { generatedKerasModel } from "./generate-model.js";

// Whole-analysis time (parse → evaluate → infer → render) for generated Keras models of growing
// size, the growth per doubling, and, side by side in the same process, the peer: tfjs building
// the same layers (tf.sequential + add + summary), which is what a user would otherwise run.

const SIZES = [250, 500, 1000, 2000];
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function tfjsPeer(layers: number): void {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 32, inputShape: [64] }));
  for (let i = 1; i < layers; i++) {
    if (i % 2 === 1) model.add(tf.layers.dense({ units: 32 + (i % 7), activation: "relu" }));
    else model.add(tf.layers.dropout({ rate: 0.1 }));
  }
  model.summary(200, undefined, () => {});
  model.dispose();
}

export async function parseBench(): Promise<void> {
  await tf.setBackend("cpu");
  const limits = { ...DEFAULT_LIMITS, maxInputBytes: 1024 * 1024, maxLayers: 10_000 };
  console.log("parse: whole analysis of a generated Keras Sequential model (median of 5)");
  console.log("layers   bytes     shapebot ms   ×prev   tfjs build ms   shapebot/tfjs");
  let prev: number | null = null;
  for (const n of SIZES) {
    const code = generatedKerasModel(n);
    const check = answer({ text: code }, limits);
    if (!check.understood || check.json.layers.length !== n)
      throw new Error(`bench model of ${n} layers was not fully analysed`);
    answer({ text: code }, limits); // warm-up
    const ours = median(Array.from({ length: RUNS }, () => time(() => answer({ text: code }, limits))));
    const peer = median(Array.from({ length: RUNS }, () => time(() => tfjsPeer(n))));
    const growth = prev === null ? "   -  " : `${(ours / prev).toFixed(2)}×`;
    console.log(
      `${String(n).padStart(6)} ${String(code.length).padStart(7)} ${ours.toFixed(1).padStart(12)} ${growth.padStart(7)} ${peer.toFixed(1).padStart(15)} ${(ours / peer).toFixed(2).padStart(14)}`,
    );
    prev = ours;
  }
}
