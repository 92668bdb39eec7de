import { BudgetExceededError, ComputeBudget, DEFAULT_BUDGET_MACS } from "../conv/budget.js";
import { combineAll, concatChannels, type MergeOp, reshapeContiguous } from "../conv/merge.js";
import { mulberry32 } from "../conv/prng.js";
import {
  type FeatureMap,
  featureMap,
  frameworkShape,
  runLayer,
  UnsupportedLayerError,
} from "../conv/run-layer.js";
import type { Planes } from "../conv/tensor.js";
import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import type { Tensor } from "../model/graph.js";
import type { DataFormat } from "../model/layer-config.js";
import type { Shape } from "../model/shape.js";

// Runs the analysed model on a real image, node by node along the graph the analysis recorded,
// with the framework's default initialisers (a fixed seed): the numbers are untrained, the shapes
// are the model's. Skip connections, residual adds and concatenations are followed; at a layer
// kind the engine does not run, a shape it cannot reproduce, or the compute budget, it stops and
// says where.

export const WEIGHT_SEED = 20261126;

export interface LayerMaps {
  /** Index into Analysis.layers (and RunPlan.layers). */
  index: number;
  output: FeatureMap;
}

/** Where a layer's input comes from: the image, or output `index` of an earlier node. */
export type PlanInput = { kind: "image" } | { kind: "node"; node: number; index: number };

/**
 * What the run needs of the analysis, as plain data (it crosses to a worker thread): each layer's
 * config, status, expected output shape and the tensors that feed it.
 */
export interface RunPlan {
  framework: Analysis["framework"];
  layers: {
    name: string;
    className: string;
    config: AnalyzedLayer["config"];
    status: AnalyzedLayer["status"];
    outputShape: Shape | null;
    /** Weights the layer holds (null: not known). */
    params: number | null;
    node: number | null;
    inputs: PlanInput[] | null;
  }[];
}

/**
 * Memory a run may hold: every layer's maps are kept (they become the PNGs) and a layer's weights
 * are made before it runs. The compute budget alone would allow a 1×1 conv making 4 GB of maps,
 * or a Dense layer with 4 G weights.
 */
export const MAX_RUN_BYTES = 256 * 2 ** 20;

export function planOf(a: Analysis): RunPlan {
  const from = (t: Tensor): PlanInput =>
    t.source.kind === "input" ? { kind: "image" } : { kind: "node", node: t.source.id, index: t.index };
  return {
    framework: a.framework,
    layers: a.layers.map((l) => ({
      name: l.name,
      className: l.className,
      config: l.config,
      status: l.status,
      outputShape: l.outputShapes[0] ?? null,
      params: l.params.trainable === null ? null : l.params.trainable + (l.params.nonTrainable ?? 0),
      node: l.node?.id ?? null,
      inputs: l.node ? l.node.inputs.map(from) : null,
    })),
  };
}

export interface ModelRun {
  maps: LayerMaps[];
  /** Where and why the run stopped before the end; null when every layer ran. */
  stopped: {
    layer: string;
    className: string;
    reason: "unsupported" | "branch" | "budget" | "memory" | "error";
    detail: string;
  } | null;
  macs: number;
  layout: DataFormat;
}

/** The model's input as channels and spatial sizes (null where symbolic or not an image). */
export function imageInputOf(
  a: Analysis,
): { channels: number; height: number | null; width: number | null } | null {
  const shape = a.inputs[0]?.shape;
  if (!shape || a.inputs.length !== 1) return null;
  const num = (d: Shape[number]) => (typeof d === "number" ? d : null);
  if (shape.length === 4) {
    const [c, h, w] =
      a.framework === "pytorch" ? [shape[1], shape[2], shape[3]] : [shape[3], shape[1], shape[2]];
    const channels = num(c ?? null);
    return channels === null ? null : { channels, height: num(h ?? null), width: num(w ?? null) };
  }
  return null;
}

/** Elements of one sample of `shape` (unknown sizes count as 1: the run's own check catches them). */
function elementsOf(shape: Shape | null): number {
  return (shape ?? []).slice(1).reduce<number>((n, d) => n * (typeof d === "number" && d > 0 ? d : 1), 1);
}

/** Bytes as the replies say them: whole megabytes, rounded up ("4,116 MB"). */
export function megabytes(bytes: number): string {
  return `${Math.ceil(bytes / 2 ** 20).toLocaleString("en-US")} MB`;
}

function sameShape(fm: FeatureMap, expected: Shape | null | undefined, layout: DataFormat): boolean {
  if (!expected) return false;
  const ours = frameworkShape(fm, layout).slice(1);
  const theirs = expected.slice(1);
  return (
    ours.length === theirs.length && ours.every((d, i) => theirs[i] === d || typeof theirs[i] !== "number")
  );
}

const MERGE_OPS: Record<string, MergeOp> = {
  add: "add",
  "+": "add",
  subtract: "sub",
  sub: "sub",
  "-": "sub",
  multiply: "mul",
  mul: "mul",
  "*": "mul",
  div: "div",
  "/": "div",
  average: "average",
  maximum: "maximum",
  minimum: "minimum",
};

/** Joins and reshapes of the graph (residual adds, concatenations, PyTorch's view); null = not one. */
function runJoin(
  layer: RunPlan["layers"][number],
  inputs: FeatureMap[],
  framework: Analysis["framework"],
): FeatureMap | null | "unsupported" {
  const c = layer.config;
  const planesIn = inputs.map((f) => f.planes);
  const rank = inputs[0]?.rank ?? 2;
  if (c.kind === "merge") {
    if (c.op === "concat") {
      const channelAxis = framework === "keras" ? -1 : 1;
      if (c.axis !== channelAxis && !(framework === "keras" && c.axis === rank + 1)) return "unsupported";
      const p = concatChannels(planesIn);
      return p && { planes: p, rank };
    }
    const p = combineAll(planesIn, MERGE_OPS[c.op] as MergeOp);
    return p && { planes: p, rank };
  }
  if (c.kind !== "tensor_op") return "unsupported";
  const op = c.op;
  if (op.name === "broadcast" && MERGE_OPS[op.fn]) {
    const p = combineAll(planesIn, MERGE_OPS[op.fn] as MergeOp);
    return p && { planes: p, rank: Math.max(...inputs.map((f) => f.rank)) as 0 | 1 | 2 };
  }
  if (op.name === "cat" && op.fn === "cat" && (op.dim === 1 || op.dim === -(rank + 1))) {
    const p = concatChannels(planesIn);
    return p && { planes: p, rank };
  }
  if (op.name === "view" && framework === "pytorch") {
    const dims = (layer.outputShape ?? []).slice(1);
    if (!dims.every((d): d is number => typeof d === "number")) return "unsupported";
    return inputs[0] ? reshapeContiguous(inputs[0], dims) : null;
  }
  return "unsupported";
}

export function runModel(a: Analysis, input: Planes, budgetMacs = DEFAULT_BUDGET_MACS): ModelRun {
  return runPlan(planOf(a), input, budgetMacs);
}

export function runPlan(plan: RunPlan, input: Planes, budgetMacs = DEFAULT_BUDGET_MACS): ModelRun {
  const framework = plan.framework;
  const layout: DataFormat = framework === "pytorch" ? "channels_first" : "channels_last";
  const budget = new ComputeBudget(budgetMacs);
  const rng = mulberry32(WEIGHT_SEED);
  const image = featureMap(input, 2);
  // What each graph node produced, so a layer fed by an earlier one (a skip connection) finds it.
  const produced = new Map<number, FeatureMap>();
  let previous = image;
  const mapOf = (t: PlanInput): FeatureMap | undefined =>
    t.kind === "image" ? image : t.index === 0 ? produced.get(t.node) : undefined;
  const maps: LayerMaps[] = [];
  const run = (stopped: ModelRun["stopped"]): ModelRun => ({ maps, stopped, macs: budget.spent, layout });
  let keptBytes = input.data.byteLength;
  for (const [index, layer] of plan.layers.entries()) {
    const stop = (reason: NonNullable<ModelRun["stopped"]>["reason"], detail = "") =>
      run({ layer: layer.name, className: layer.className, reason, detail });
    if (layer.status !== "ok") return stop("error");
    const needs = 4 * (elementsOf(layer.outputShape) + (layer.params ?? 0));
    if (keptBytes + needs > MAX_RUN_BYTES)
      return stop(
        "memory",
        `${megabytes(keptBytes + needs)} of the ${megabytes(MAX_RUN_BYTES)} a picture run may hold`,
      );
    const inputs = layer.inputs ? layer.inputs.map(mapOf) : [previous];
    if (inputs.length === 0 || inputs.some((f) => f === undefined)) return stop("branch");
    const given = inputs as FeatureMap[];
    let next: FeatureMap;
    try {
      const joined =
        given.length > 1 || layer.config.kind === "merge" || layer.config.kind === "tensor_op"
          ? runJoin(layer, given, framework)
          : "unsupported";
      if (joined === null) return stop("branch");
      next =
        joined === "unsupported"
          ? runLayer(layer.config, given[0] as FeatureMap, { framework, rng, budget, layout })
          : joined;
    } catch (e) {
      const known = e instanceof BudgetExceededError || e instanceof UnsupportedLayerError;
      const reason =
        e instanceof BudgetExceededError
          ? "budget"
          : e instanceof UnsupportedLayerError
            ? "unsupported"
            : "branch";
      return stop(reason, known ? (e as Error).message : "");
    }
    if (!sameShape(next, layer.outputShape, layout)) return stop("branch");
    if (layer.node !== null) produced.set(layer.node, next);
    maps.push({ index, output: next });
    keptBytes += next.planes.data.byteLength;
    previous = next;
  }
  return run(null);
}
