import { planes } from "../conv/tensor.js";
import { type ModelRun, type RunPlan, runPlan } from "./model-run.js";
import { yieldToEventLoop } from "./yield-to-event-loop.js";

// The piscina worker that runs a model on a picture, so the bot's event loop never waits on the
// arithmetic. Input and output cross as plain data (the Float32Arrays are copied by the clone).

export interface RunTask {
  plan: RunPlan;
  input: { channels: number; height: number; width: number; data: Float32Array };
  budgetMacs: number;
}

yieldToEventLoop();

export default function run(task: RunTask): ModelRun {
  const { channels, height, width, data } = task.input;
  return runPlan(task.plan, planes(channels, height, width, data), task.budgetMacs);
}
