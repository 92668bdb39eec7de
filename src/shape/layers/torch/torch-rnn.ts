import type { TorchRnnConfig } from "../../../model/layer-config.js";
import type { Shape } from "../../../model/shape.js";
import type { LayerRule } from "../../rule.js";
import type { Step } from "../../steps.js";
import { done } from "../spatial.js";
import { symbolicConstraint, torchFail } from "./torch-dims.js";

const GATES = { simple: 1, lstm: 4, gru: 3 } as const;
const NAMES = { simple: "RNN", lstm: "LSTM", gru: "GRU" } as const;

/**
 * Per layer and direction: weight_ih (G·h, in), weight_hh (G·h, h_out), bias_ih and bias_hh (G·h
 * each), and for LSTM with proj_size weight_hr (proj, h). Layers after the first take D·h_out inputs.
 */
export function torchRnnParams(c: TorchRnnConfig): {
  parts: { name: string; formula: string; count: number }[];
  total: number;
  perStep: number;
} {
  const g = GATES[c.cell];
  const h = c.hiddenSize;
  const hOut = c.projSize > 0 ? c.projSize : h;
  const dirs = c.bidirectional ? 2 : 1;
  const parts: { name: string; formula: string; count: number }[] = [];
  let perStep = 0;
  for (let layer = 0; layer < c.numLayers; layer++) {
    const inSize = layer === 0 ? c.inputSize : dirs * hOut;
    const ih = g * h * inSize;
    const hh = g * h * hOut;
    const bias = c.bias ? 2 * g * h : 0;
    const proj = c.projSize > 0 ? c.projSize * h : 0;
    const one = ih + hh + bias + proj;
    const gh = g === 1 ? `${h}` : `${g}·${h}`;
    const formula = `${dirs > 1 ? `${dirs}·(` : ""}${gh}·${inSize} + ${gh}·${hOut}${c.bias ? ` + 2·${gh}` : ""}${proj ? ` + ${c.projSize}·${h}` : ""}${dirs > 1 ? ")" : ""}`;
    // PyTorch keeps two bias vectors per gate (bias_ih and bias_hh) where Keras has one.
    const terms = ["W_ih", "W_hh", ...(c.bias ? ["b_ih", "b_hh"] : []), ...(proj ? ["W_hr"] : [])].join(
      " + ",
    );
    const name = c.step ? `(${terms})` : `layer ${layer}${dirs > 1 ? " × 2 directions" : ""} (${terms})`;
    parts.push({ name, formula, count: dirs * one });
    perStep += dirs * (ih + hh + proj);
  }
  return { parts, total: parts.reduce((a, p) => a + p.count, 0), perStep };
}

/** LSTMCell/GRUCell/RNNCell: (N, in) → h' (and c'), each (N, hidden). */
function inferCell(c: TorchRnnConfig, input: Shape, name: string) {
  if (input.length !== 1 && input.length !== 2)
    return torchFail(name, `${name}: Expected input to be 1-D or 2-D but received ${input.length}-D tensor`, {
      version: "2.x",
      message: `${name}: Expected input to be 1D or 2D, got ${input.length}D instead`,
    });
  const features = input[input.length - 1] ?? null;
  if (typeof features === "number" && features !== c.inputSize)
    return torchFail(name, `input has inconsistent input_size: got ${features} expected ${c.inputSize}`);
  const state: Shape = input.length === 2 ? [input[0] ?? null, c.hiddenSize] : [c.hiddenSize];
  const p = torchRnnParams(c);
  const outputs = c.cell === "lstm" ? [state, [...state]] : [state];
  return done({
    outputs,
    params: { trainable: p.total, nonTrainable: 0 },
    macs: p.perStep,
    steps: [{ code: "params_sum", parts: p.parts, total: p.total }],
  });
}

/** Output, h_n (and c_n): (L, N, D·h_out) or batch-first (N, L, D·h_out); states (D·layers, N, h). */
export const torchRnnRule: LayerRule<TorchRnnConfig> = {
  kind: "torch_rnn",
  infer({ config: c, inputs }) {
    const input = inputs[0] ?? [];
    const name = `${NAMES[c.cell]}${c.step ? "Cell" : ""}`;
    if (c.step) return inferCell(c, input, name);
    if (input.length !== 2 && input.length !== 3)
      // 1.13 reads any rank but 3 as unbatched, adds an axis, and the C++ kernel rejects it;
      // 2.x checks the rank in Python first (RNN's text says "tensor").
      return torchFail(name, `input must have 3 dimensions, got ${input.length + 1}`, {
        version: "2.x",
        message: `${name}: Expected input to be 2D or 3D, got ${input.length}D ${c.cell === "simple" ? "tensor " : ""}instead`,
      });
    const features = input[input.length - 1] ?? null;
    if (typeof features === "number" && features !== c.inputSize)
      return torchFail(
        name,
        `input.size(-1) must be equal to input_size. Expected ${c.inputSize}, got ${features}`,
      );
    const dirs = c.bidirectional ? 2 : 1;
    const hOut = c.projSize > 0 ? c.projSize : c.hiddenSize;
    const states = dirs * c.numLayers;
    let outputs: Shape[];
    let steps_: Shape[number] = null;
    if (input.length === 2) {
      steps_ = input[0] ?? null;
      outputs = [
        [steps_, dirs * hOut],
        [states, hOut],
      ];
      if (c.cell === "lstm") outputs.push([states, c.hiddenSize]);
    } else {
      const [a = null, b = null] = input;
      const batch = c.batchFirst ? a : b;
      steps_ = c.batchFirst ? b : a;
      outputs = [
        c.batchFirst ? [batch, steps_, dirs * hOut] : [steps_, batch, dirs * hOut],
        [states, batch, hOut],
      ];
      if (c.cell === "lstm") outputs.push([states, batch, c.hiddenSize]);
    }
    const p = torchRnnParams(c);
    const steps: Step[] = [
      {
        code: "torch_rnn.output",
        cell: c.cell,
        batchFirst: c.batchFirst,
        directions: dirs,
        layers: c.numLayers,
        hidden: hOut,
        out: outputs[0] ?? [],
        state: outputs[1] ?? [],
      },
      { code: "params_sum", parts: p.parts, total: p.total },
    ];
    const warnings =
      typeof features === "string" ? [symbolicConstraint(name, "input_size", features, c.inputSize)] : [];
    // Per sample, as every other layer counts them.
    const macs = typeof steps_ === "number" ? p.perStep * steps_ : null;
    steps.push({ code: "macs", positions: steps_, perPosition: p.perStep, total: macs, note: "rnn" });
    return done({ outputs, params: { trainable: p.total, nonTrainable: 0 }, macs, steps, warnings });
  },
};
