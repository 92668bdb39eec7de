import type { Framework, RecurrentConfig } from "../../model/layer-config.js";
import type { Dim, Shape } from "../../model/shape.js";
import type { LayerRule, RuleResult } from "../rule.js";
import type { Step } from "../steps.js";
import { checkRank, done, fail, firstInput } from "./spatial.js";

const GATES = { simple: 1, lstm: 4, gru: 3 } as const;
const CLASS_NAMES = { simple: "SimpleRNN", lstm: "LSTM", gru: "GRU" } as const;

/**
 * Bias vectors of `units` per gate: Keras one (GRU reset_after=True two: input and recurrent
 * biases, Keras 3's default); PyTorch always two (bias_ih and bias_hh).
 */
export function biasVectors(c: RecurrentConfig, framework: Framework): number {
  if (!c.useBias) return 0;
  if (framework === "pytorch") return 2;
  return c.cell === "gru" && c.resetAfter ? 2 : 1;
}

export interface RecurrentParts {
  gates: number;
  kernel: number;
  recurrent: number;
  bias: number;
  total: number;
}

export function recurrentParams(c: RecurrentConfig, framework: Framework, inputSize: number): RecurrentParts {
  const gates = GATES[c.cell];
  const h = c.units;
  const kernel = gates * inputSize * h;
  const recurrent = gates * h * h;
  const bias = biasVectors(c, framework) * gates * h;
  return { gates, kernel, recurrent, bias, total: kernel + recurrent + bias };
}

/** Output shapes: the sequence or last output, then the states when return_state is set. */
export function recurrentOutputs(c: RecurrentConfig, batch: Dim, timesteps: Dim, units: number): Shape[] {
  const main: Shape = c.returnSequences ? [batch, timesteps, units] : [batch, units];
  if (!c.returnState) return [main];
  const states = c.cell === "lstm" ? 2 : 1;
  return [main, ...Array.from({ length: states }, (): Shape => [batch, c.units])];
}

export function inferRecurrent(c: RecurrentConfig, input: Shape, framework: Framework): RuleResult {
  const rankIssue = checkRank(input, 3, "eq", CLASS_NAMES[c.cell]);
  if (rankIssue) return fail(rankIssue);
  const batch = input[0] ?? null;
  const timesteps = input[1] ?? null;
  const features = input[2] ?? null;
  const outputs = recurrentOutputs(c, batch, timesteps, c.units);
  const steps: Step[] = [];
  if (typeof features !== "number") {
    return done({
      outputs,
      params: { trainable: null, nonTrainable: null },
      macs: null,
      warnings: [{ code: "channels_unknown", inputShape: input, className: CLASS_NAMES[c.cell] }],
    });
  }
  const p = recurrentParams(c, framework, features);
  steps.push({
    code: "rnn.params",
    framework,
    cell: c.cell,
    gates: p.gates,
    units: c.units,
    inputSize: features,
    kernel: p.kernel,
    recurrent: p.recurrent,
    biasVectors: biasVectors(c, framework),
    bias: p.bias,
    total: p.total,
  });
  steps.push({
    code: "rnn.output",
    units: c.units,
    timesteps,
    returnSequences: c.returnSequences,
    returnState: outputs.length - 1,
  });
  // Per time step: the gate matmuls of input and recurrent state (the kernel and recurrent weights).
  const perStep = p.kernel + p.recurrent;
  const macs = typeof timesteps === "number" ? perStep * timesteps : null;
  steps.push({ code: "macs", positions: timesteps, perPosition: perStep, total: macs, note: "rnn" });
  return done({ outputs, params: { trainable: p.total, nonTrainable: 0 }, macs, steps });
}

export const recurrentRule: LayerRule<RecurrentConfig> = {
  kind: "recurrent",
  infer({ config, inputs, framework }) {
    return inferRecurrent(config, firstInput(inputs), framework);
  },
};
