import type { Analysis } from "../../model/analysis.js";
import type { Tensor } from "../../model/graph.js";
import type { LayerConfig } from "../../model/layer-config.js";
import type { Problem } from "../../model/problems.js";
import { type Shape, symbolicSpatialInput } from "../../model/shape.js";
import { analysisFromGraph } from "../../shape/analysis-from-graph.js";
import { inputsOf } from "../../shape/graph-builder.js";
import type { ParsedModule, Pos } from "../ast.js";
import { mathModule } from "../builtins.js";
import { DEFAULT_EVAL_LIMITS, type EvalLimits, Evaluator, emptyArgs } from "../evaluate.js";
import type { Value } from "../values.js";
import { type KerasModelRecord, KerasSession } from "./keras-session.js";

export interface KerasAnalyzeOptions {
  inputOverride: (number | null)[] | null;
  maxLayers: number;
  evalLimits?: EvalLimits;
}

/** Reads Keras code: runs the safe evaluator with the Keras builder, picks the model, infers it. */
export function analyzeKeras(parsed: ParsedModule, options: KerasAnalyzeOptions): Analysis | null {
  const session = new KerasSession({ inputOverride: options.inputOverride, maxLayers: options.maxLayers });
  let ev: Evaluator;
  ev = new Evaluator(
    {
      importModule: (path) => (path === "math" ? mathModule(ev) : session.importModule(path)),
      implicitGlobal: (name, pos) => session.implicitGlobal(name, pos),
      callObject: (obj, args, pos) => callCustomLayer(session, obj, args.positional[0], pos),
    },
    options.evalLimits ?? DEFAULT_EVAL_LIMITS,
  );
  ev.runModule(parsed.body);
  if (session.models.length === 0) callUncalledBuilders(ev);

  const problems: Problem[] = parsed.skipped.map((line) => ({ kind: "skipped", line }));
  for (const note of ev.notes) problems.push({ kind: "eval", note });

  const model = pickModel(session);
  if (!model) return null;
  const others = session.models.filter((m) => m !== model && m.kind === model.kind).map((m) => m.name);
  if (others.length > 0)
    problems.push({
      kind: "build",
      severity: "note",
      issue: { code: "other_models", names: others },
      pos: null,
    });

  const built =
    model.kind === "sequential"
      ? runSequential(session, model)
      : { inputs: model.inputs, outputs: model.outputs, assumed: null };
  if (built.assumed)
    problems.push({
      kind: "build",
      severity: "note",
      issue: { code: "no_input_shape", assumed: built.assumed },
      pos: model.pos,
    });
  problems.push(...session.problems);
  return analysisFromGraph({
    framework: "keras",
    modelName: model.name,
    modelKind: model.kind,
    inputs: built.inputs,
    outputs: built.outputs,
    problems,
    isFailed: (layer) => session.isFailed(layer),
  });
}

/** The user defined `def create_model(): …` but never called it: call functions that need no arguments. */
function callUncalledBuilders(ev: Evaluator): void {
  for (const value of [...ev.globals.vars.values()]) {
    if (value.t !== "func" || !value.def) continue;
    if (value.def.params.some((p) => p.star === "" && p.default === null)) continue;
    ev.callGuarded(value, value.def.pos);
  }
}

function callCustomLayer(
  session: KerasSession,
  obj: Extract<Value, { t: "object" }>,
  arg: Value | undefined,
  pos: Pos,
): Value | undefined {
  if (!arg || !session.tensorOf(arg)) return undefined;
  const classValue = session.implicitGlobal(obj.cls.name, pos);
  if (classValue?.t !== "host" || !classValue.host.call) return undefined;
  const layer = classValue.host.call(emptyArgs(), obj.cls.pos);
  return layer.t === "host" && layer.host.call
    ? layer.host.call({ ...emptyArgs(), positional: [arg] }, pos)
    : undefined;
}

function pickModel(session: KerasSession): KerasModelRecord | null {
  const summarized = session.models.filter((m) => m.summarized);
  const model = summarized.at(-1) ?? session.models.at(-1);
  if (model) return model;
  // Functional code without a Model(...) call: take the graph from its inputs to the last layer.
  const last = session.graph.nodes.at(-1);
  if (!last) return null;
  const outputs: Tensor[] = [{ id: -1, shape: null, source: last, index: 0 }];
  const inputs = inputsOf(outputs);
  if (inputs.length === 0) return null;
  return {
    kind: "functional",
    name: "functional",
    pos: last.pos,
    layers: [],
    sequentialInput: null,
    inputs,
    outputs,
    summarized: false,
    order: 0,
  };
}

/** Symbolic input used when a Sequential model gives no input shape. */
function assumedInput(config: LayerConfig | undefined): (number | string | null)[] {
  switch (config?.kind) {
    case "conv":
    case "conv_transpose":
    case "pool":
    case "separable_conv":
    case "depthwise_conv":
    case "zero_padding":
    case "cropping":
    case "upsampling":
    case "global_pool":
      return symbolicSpatialInput(config.rank, config.dataFormat);
    case "recurrent":
    case "bidirectional":
      return ["T", "F"];
    case "embedding":
      return [config.inputLength ?? "T"];
    default:
      return ["F"];
  }
}

function runSequential(
  session: KerasSession,
  model: KerasModelRecord,
): { inputs: Tensor[]; outputs: Tensor[]; assumed: string | null } {
  const given = model.sequentialInput;
  let shape: Shape;
  let assumed: string | null = null;
  const override = session.overrideInput(given?.shape ?? [], given?.pos ?? model.pos);
  if (override.length > 0) shape = [given?.batch ?? null, ...override];
  else {
    const first = model.layers[0];
    // Keras 2 builds an Embedding with input_length on (None, N); Keras 3 ignores input_length.
    shape = [null, ...assumedInput(first?.config)];
    if (first?.config.kind !== "embedding" || first.config.inputLength === null)
      assumed = `(${shape.map((d) => d ?? "None").join(", ")})`;
  }
  const input = session.graph.input(given?.name ?? "input", shape, given?.pos ?? model.pos);
  let current: Tensor[] = [input];
  for (const layer of model.layers) {
    if (session.graph.full) {
      session.problem({
        kind: "build",
        severity: "error",
        issue: { code: "too_many_layers", limit: session.options.maxLayers },
        pos: layer.pos,
      });
      break;
    }
    current = session.graph.call(layer, current.slice(0, 1), layer.pos, session.isFailed(layer));
  }
  return { inputs: [input], outputs: current.slice(0, 1), assumed };
}
