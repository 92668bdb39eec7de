import type { LayerInstance, Tensor } from "../../model/graph.js";
import type { LayerConfig } from "../../model/layer-config.js";
import type { Problem } from "../../model/problems.js";
import { type Dim, formatShape, type Shape } from "../../model/shape.js";
import { GraphBuilder, nodesBetween } from "../../shape/graph-builder.js";
import { LayerNames } from "../../shape/layer-names.js";
import type { RuleResult } from "../../shape/rule.js";
import { ArgError, ArgReader } from "../arg-reader.js";
import type { Pos } from "../ast.js";
import { StopEvaluation } from "../evaluate.js";
import { type CallArgs, type HostObject, host, int, NONE, str, unknown, type Value } from "../values.js";
import { KERAS_MERGE_FUNCTIONS, kerasLayerSpec, kerasSnakeCase } from "./keras-layers.js";

// The state of one Keras reading: layers created (with Keras' automatic names), the graph of
// calls, the models built, and the host objects the evaluator sees for modules, layer classes,
// layers, tensors and models.

export interface KerasModelRecord {
  kind: "sequential" | "functional";
  name: string;
  pos: Pos;
  /** Sequential: its layers in order, and an input shape if one was given. */
  layers: LayerInstance[];
  sequentialInput: { shape: (number | null)[]; batch: number | null; name: string | null; pos: Pos } | null;
  /** Functional: the tensors it was built from. */
  inputs: Tensor[];
  outputs: Tensor[];
  summarized: boolean;
  /** Assigned to a variable or returned (ordering hint when several models exist). */
  order: number;
}

export interface KerasSessionOptions {
  /** Shape without batch from `--input`, replacing the code's own input shape. */
  inputOverride: (number | null)[] | null;
  maxLayers: number;
}

interface LayerExtras {
  inputShape: { shape: (number | null)[]; batch: number | null } | null;
}

/** Names people use without importing them, as if the usual imports were there. */
const IMPLICIT_MODULES: Record<string, string> = {
  keras: "keras",
  tf: "tensorflow",
  layers: "keras.layers",
  models: "keras.models",
  L: "keras.layers",
  K: "keras.backend",
};

const KERAS_ROOTS = new Set(["tensorflow", "keras", "tf_keras"]);
const MODEL_METHODS_IGNORED = new Set([
  "compile",
  "fit",
  "evaluate",
  "predict",
  "save",
  "save_weights",
  "load_weights",
  "fit_generator",
  "train_on_batch",
]);

export class KerasSession {
  readonly problems: Problem[] = [];
  readonly models: KerasModelRecord[] = [];
  readonly layers: LayerInstance[] = [];
  readonly graph: GraphBuilder;
  private readonly names = new LayerNames();
  private readonly extras = new Map<number, LayerExtras>();
  private readonly layerHosts = new Map<number, Value>();
  private inputOverrideUsed = false;

  constructor(readonly options: KerasSessionOptions) {
    this.graph = new GraphBuilder("keras", options.maxLayers);
  }

  problem(p: Problem): void {
    if (this.problems.length < 200) this.problems.push(p);
  }

  // ── naming ────────────────────────────────────────────────────────────────────────────

  uniqueName(prefix: string): string {
    return this.names.next(prefix);
  }

  private nameFrom(args: CallArgs, prefix: string): string {
    const given = args.keywords.get("name");
    return given?.t === "str" ? given.v : this.uniqueName(prefix);
  }

  // ── modules ───────────────────────────────────────────────────────────────────────────

  importModule(path: string): Value | undefined {
    const parts = path.split(".");
    if (!KERAS_ROOTS.has(parts[0] as string)) return undefined;
    let v: Value = this.module(parts[0] as string);
    for (const part of parts.slice(1)) {
      if (v.t !== "host" || !v.host.getAttr) return undefined;
      v = v.host.getAttr(part, { line: 0, column: 0 }) ?? unknown(path);
    }
    return v;
  }

  private module(path: string): Value {
    const self = this;
    return host({
      label: path,
      getAttr(name, pos) {
        if (name === "__all__") return self.starExports(pos);
        return self.member(name, pos) ?? self.module(`${path}.${name}`);
      },
      call: () => unknown(`${path}()`),
    });
  }

  private starExports(pos: Pos): Value {
    const d: Extract<Value, { t: "dict" }> = { t: "dict", keys: [], values: [] };
    const names = ["Sequential", "Model", "Input", "InputLayer", ...Object.keys(KERAS_MERGE_FUNCTIONS)];
    for (const name of names) {
      d.keys.push(str(name));
      d.values.push(this.member(name, pos) ?? NONE);
    }
    // Layer classes resolve lazily through implicitGlobal, so `from keras.layers import *` needs no list.
    return d;
  }

  /** A name Keras exports: a layer class, Sequential/Model/Input, or a merge function. */
  member(name: string, _pos: Pos): Value | undefined {
    if (name === "Sequential") return this.sequentialClass();
    if (name === "Model" || name === "Functional") return this.modelClass();
    if (name === "Input") return this.inputFunction();
    if (name === "InputLayer") return this.inputLayerClass();
    // Own keys only: a name like __proto__ in user code must not reach Object.prototype.
    const merge = Object.hasOwn(KERAS_MERGE_FUNCTIONS, name) ? KERAS_MERGE_FUNCTIONS[name] : undefined;
    if (merge) return this.mergeFunction(name, merge);
    if (kerasLayerSpec(name)) return this.layerClass(name);
    return undefined;
  }

  /** Bare `Conv2D(…)` with no import: read it as keras.layers.Conv2D (the seed question does this). */
  implicitGlobal(name: string, pos: Pos): Value | undefined {
    const alias = Object.hasOwn(IMPLICIT_MODULES, name) ? IMPLICIT_MODULES[name] : undefined;
    if (alias) {
      return this.importModule(alias);
    }
    const known = this.member(name, pos);
    if (known) {
      return known;
    }
    if (/^[A-Z][A-Za-z0-9]*$/.test(name)) return this.unknownLayerClass(name);
    return undefined;
  }

  // ── layers ────────────────────────────────────────────────────────────────────────────

  private layerClass(name: string): Value {
    const spec = kerasLayerSpec(name);
    if (!spec) return unknown(name);
    return host({
      label: `keras.layers.${spec.className}`,
      call: (args, pos) => {
        const r = new ArgReader(spec.className, spec.signature, args, pos);
        const layerName = this.nameFrom(args, kerasSnakeCase(spec.className));
        let config: LayerConfig;
        let failed = false;
        let inputShape: LayerExtras["inputShape"] = null;
        try {
          config = spec.build(r, (v) => this.innerConfig(v, spec.className, r.callPos));
          inputShape = this.inputShapeKwargs(r);
        } catch (e) {
          if (!(e instanceof ArgError)) throw e;
          this.problem({ kind: "build", severity: "error", issue: e.issue, pos: e.pos });
          config = { kind: "opaque", reason: "unknown_layer", className: spec.className, outputShape: null };
          failed = true;
        }
        const layer = this.newLayer(layerName, spec.className, config, pos, inputShape);
        if (failed) this.failedLayers.add(layer.id);
        if (config.kind === "opaque" && config.reason === "lambda" && config.outputShape === null)
          this.problem({
            kind: "build",
            severity: "warning",
            issue: { code: "lambda_layer", className: "Lambda" },
            pos,
          });
        if (config.kind === "embedding" && config.inputLength !== null)
          this.problem({
            kind: "build",
            severity: "note",
            issue: { code: "input_length_keras2", length: config.inputLength },
            pos,
          });
        return this.layerValue(layer);
      },
    });
  }

  private readonly failedLayers = new Set<number>();

  private unknownLayerClass(name: string): Value {
    return host({
      label: name,
      call: (args, pos) => {
        const layer = this.newLayer(
          this.nameFrom(args, kerasSnakeCase(name)),
          name,
          { kind: "opaque", reason: "unknown_layer", className: name, outputShape: null },
          pos,
          null,
        );
        this.problem({
          kind: "build",
          severity: "warning",
          issue: { code: "unknown_layer", className: name },
          pos,
        });
        return this.layerValue(layer);
      },
    });
  }

  private innerConfig(v: Value | undefined, outer: string, pos: Pos): LayerConfig {
    const id = v?.t === "host" ? this.layerIdOf(v.host) : undefined;
    const layer = id === undefined ? undefined : this.layers[id];
    if (!layer)
      throw new ArgError(
        {
          code: "bad_arg",
          className: outer,
          arg: "layer",
          got: v ? "that value" : "nothing",
          expected: "a layer, e.g. LSTM(64)",
        },
        pos,
      );
    return layer.config;
  }

  private readonly hostIds = new WeakMap<HostObject, number>();

  private layerIdOf(h: HostObject): number | undefined {
    return this.hostIds.get(h);
  }

  private inputShapeKwargs(r: ArgReader): LayerExtras["inputShape"] {
    if (r.has("batch_input_shape")) {
      const full = r.shape("batch_input_shape") as (number | null)[];
      return { shape: full.slice(1), batch: full[0] ?? null };
    }
    if (r.has("input_shape")) return { shape: r.shape("input_shape") as (number | null)[], batch: null };
    // Keras 2's Dense(…, input_dim=784); Embedding's own input_dim is its vocabulary size.
    if (r.has("input_dim") && r.className !== "Embedding")
      return { shape: [r.int("input_dim")], batch: null };
    return null;
  }

  private newLayer(
    name: string,
    className: string,
    config: LayerConfig,
    pos: Pos,
    inputShape: LayerExtras["inputShape"],
  ): LayerInstance {
    // A loop that keeps creating layers stops here, long before memory or time would.
    const limit = this.options.maxLayers * 2;
    if (this.layers.length >= limit) throw new StopEvaluation({ code: "layer_budget", pos, limit });
    const layer: LayerInstance = {
      id: this.layers.length,
      name,
      className,
      config,
      pos,
      builtWith: null,
      record: null,
    };
    this.layers.push(layer);
    this.extras.set(layer.id, { inputShape });
    return layer;
  }

  inputShapeOf(layer: LayerInstance): LayerExtras["inputShape"] {
    return this.extras.get(layer.id)?.inputShape ?? null;
  }

  isFailed(layer: LayerInstance): boolean {
    return this.failedLayers.has(layer.id);
  }

  layerValue(layer: LayerInstance): Value {
    const cached = this.layerHosts.get(layer.id);
    if (cached) return cached;
    const h: HostObject = {
      label: `layer ${layer.name}`,
      getAttr: (name) => {
        if (name === "name") return str(layer.name);
        if (name === "output_shape" && layer.record) return shapeValue(layer.record.outputs[0] ?? []);
        if (name === "count_params")
          return host({
            label: "count_params",
            call: () =>
              layer.record?.params.trainable != null
                ? int(layer.record.params.trainable + (layer.record.params.nonTrainable ?? 0))
                : unknown("params"),
          });
        return undefined;
      },
      call: (args, pos) => this.applyLayer(layer, args.positional[0], pos),
    };
    this.hostIds.set(h, layer.id);
    const v = host(h);
    this.layerHosts.set(layer.id, v);
    return v;
  }

  private applyLayer(layer: LayerInstance, arg: Value | undefined, pos: Pos): Value {
    const tensors = tensorsOf(arg, this);
    if (!tensors) return unknown(`${layer.name}(…) on a value that is not a Keras tensor`);
    if (this.graph.full) {
      this.problem({
        kind: "build",
        severity: "error",
        issue: { code: "too_many_layers", limit: this.options.maxLayers },
        pos,
      });
      return unknown("too many layers");
    }
    const outputs = this.graph.call(layer, tensors, pos, this.isFailed(layer));
    const values = outputs.map((t) => this.tensorValue(t));
    return values.length === 1 ? (values[0] as Value) : { t: "list", items: values };
  }

  // ── tensors ───────────────────────────────────────────────────────────────────────────

  private readonly tensorHosts = new WeakMap<HostObject, Tensor>();

  tensorOf(v: Value): Tensor | undefined {
    return v.t === "host" ? this.tensorHosts.get(v.host) : undefined;
  }

  tensorValue(t: Tensor): Value {
    const h: HostObject = {
      label: "Keras tensor",
      getAttr: (name) => {
        if (name === "shape") return t.shape ? shapeValue(t.shape) : unknown("shape");
        if (name === "dtype") return str("float32");
        return undefined;
      },
      binary: (op, other, pos, reversed) => {
        const o = this.tensorOf(other);
        const opName = { "+": "Add", "-": "Subtract", "*": "Multiply" }[op];
        if (!o || !opName) return undefined;
        const spec = kerasLayerSpec(opName);
        if (!spec) return undefined;
        const layer = this.newLayer(
          this.uniqueName(kerasSnakeCase(opName)),
          opName,
          spec.build(new ArgReader(opName, [], emptyCall(), pos), () => ({
            kind: "opaque",
            reason: "unknown_layer",
            className: opName,
            outputShape: null,
          })),
          pos,
          null,
        );
        return this.applyLayer(
          layer,
          { t: "list", items: reversed ? [other, this.tensorValue(t)] : [this.tensorValue(t), other] },
          pos,
        );
      },
    };
    this.tensorHosts.set(h, t);
    return host(h);
  }

  // ── Input, Sequential, Model ─────────────────────────────────────────────────────────

  private inputFunction(): Value {
    return host({
      label: "keras.Input",
      call: (args, pos) => {
        const r = new ArgReader(
          "Input",
          ["shape", "batch_size", "dtype", "sparse", "batch_shape", "name"],
          args,
          pos,
        );
        try {
          let shape: (number | null)[] | null = r.shape("shape");
          let batch: number | null = r.optionalInt("batch_size");
          if (r.has("batch_shape")) {
            const full = r.shape("batch_shape") as (number | null)[];
            shape = full.slice(1);
            batch = full[0] ?? null;
          }
          const name = r.str("name", "") || this.uniqueName("input_layer");
          return this.tensorValue(
            this.graph.input(name, [batch, ...this.overrideInput(shape ?? [], pos)], pos),
          );
        } catch (e) {
          if (!(e instanceof ArgError)) throw e;
          this.problem({ kind: "build", severity: "error", issue: e.issue, pos: e.pos });
          return unknown("bad Input");
        }
      },
    });
  }

  /** `--input` replaces the first input shape the code gives. */
  overrideInput(shape: (number | null)[], pos: Pos | null = null): (number | null)[] {
    const override = this.options.inputOverride;
    if (!override || this.inputOverrideUsed) return shape;
    this.inputOverrideUsed = true;
    const given = formatShape([null, ...override]);
    const codeShape = shape.length > 0 ? formatShape([null, ...shape]) : null;
    if (given !== codeShape)
      this.problem({
        kind: "build",
        severity: "note",
        issue: { code: "input_override", given, code_shape: codeShape },
        pos,
      });
    return override;
  }

  private inputLayerClass(): Value {
    return host({
      label: "keras.layers.InputLayer",
      call: (args, pos) => {
        const r = new ArgReader("InputLayer", ["shape", "batch_size"], args, pos);
        try {
          const shape = r.shape("shape") ?? r.shape("input_shape") ?? [];
          const layerName = r.str("name", "") || this.uniqueName("input_layer");
          return host({
            label: "InputLayer",
            getAttr: (name) =>
              name === "__input_shape__" ? shapeValue(shape) : name === "name" ? str(layerName) : undefined,
          });
        } catch (e) {
          if (!(e instanceof ArgError)) throw e;
          this.problem({ kind: "build", severity: "error", issue: e.issue, pos: e.pos });
          return unknown("bad InputLayer");
        }
      },
    });
  }

  private mergeFunction(fnName: string, className: string): Value {
    return host({
      label: `keras.layers.${fnName}`,
      call: (args, pos) => {
        const layerClass = this.layerClass(className);
        const inputs = args.positional[0];
        const rest: CallArgs = {
          ...args,
          positional: args.positional.slice(1),
          positionalPos: args.positionalPos.slice(1),
        };
        const layer =
          layerClass.t === "host" && layerClass.host.call ? layerClass.host.call(rest, pos) : unknown(fnName);
        return layer.t === "host" && layer.host.call
          ? layer.host.call({ ...emptyCall(), positional: inputs ? [inputs] : [] }, pos)
          : unknown(fnName);
      },
    });
  }

  private sequentialClass(): Value {
    return host({
      label: "keras.Sequential",
      call: (args, pos) => {
        const model = this.newModel("sequential", this.nameFrom(args, "sequential"), pos);
        const layers = args.positional[0] ?? args.keywords.get("layers");
        if (layers && (layers.t === "list" || layers.t === "tuple"))
          for (const item of layers.items) this.addToSequential(model, item, pos);
        return this.modelValue(model);
      },
    });
  }

  private addToSequential(model: KerasModelRecord, item: Value, pos: Pos): void {
    if (item.t === "host") {
      const inputShape = item.host.getAttr?.("__input_shape__", pos);
      if (inputShape && inputShape.t === "tuple") {
        const named = item.host.getAttr?.("name", pos);
        model.sequentialInput = {
          shape: inputShape.items.map((d) => (d.t === "int" ? d.v : null)),
          batch: null,
          name: named?.t === "str" ? named.v : null,
          pos,
        };
        return;
      }
      const t = this.tensorOf(item);
      if (t?.source.kind === "input" && t.shape) {
        model.sequentialInput = {
          shape: t.shape.slice(1) as (number | null)[],
          batch: (t.shape[0] as number | null) ?? null,
          name: t.source.name,
          pos: t.source.pos,
        };
        return;
      }
      const id = this.layerIdOf(item.host);
      const layer = id === undefined ? undefined : this.layers[id];
      if (layer) {
        if (model.layers.length === 0 && !model.sequentialInput) {
          const given = this.inputShapeOf(layer);
          // Keras 3 builds an InputLayer for it then, which takes the next input_layer name.
          if (given)
            model.sequentialInput = { ...given, name: this.uniqueName("input_layer"), pos: layer.pos };
        }
        model.layers.push(layer);
        return;
      }
    }
    if (item.t === "object") {
      // An instance of the user's own Layer subclass.
      const layer = this.newLayer(
        this.uniqueName(kerasSnakeCase(item.cls.name)),
        item.cls.name,
        { kind: "opaque", reason: "unknown_layer", className: item.cls.name, outputShape: null },
        item.cls.pos,
        null,
      );
      this.problem({
        kind: "build",
        severity: "warning",
        issue: { code: "unknown_layer", className: item.cls.name },
        pos: item.cls.pos,
      });
      model.layers.push(layer);
    }
  }

  private modelClass(): Value {
    return host({
      label: "keras.Model",
      call: (args, pos) => {
        const oldKwargs = ["input", "output"].filter((k) => args.keywords.has(k));
        if (oldKwargs.length > 0)
          this.problem({
            kind: "build",
            severity: "note",
            issue: { code: "old_model_kwargs", used: oldKwargs },
            pos,
          });
        const ins = args.keywords.get("inputs") ?? args.keywords.get("input") ?? args.positional[0];
        const outs = args.keywords.get("outputs") ?? args.keywords.get("output") ?? args.positional[1];
        const model = this.newModel("functional", this.nameFrom(args, "functional"), pos);
        model.inputs = tensorsOf(ins, this) ?? [];
        model.outputs = tensorsOf(outs, this) ?? [];
        return this.modelValue(model);
      },
    });
  }

  private newModel(kind: KerasModelRecord["kind"], name: string, pos: Pos): KerasModelRecord {
    const model: KerasModelRecord = {
      kind,
      name,
      pos,
      layers: [],
      sequentialInput: null,
      inputs: [],
      outputs: [],
      summarized: false,
      order: this.models.length,
    };
    this.models.push(model);
    return model;
  }

  /**
   * A model called on a tensor (an encoder inside an autoencoder): one row, as Keras shows it,
   * with its own layers computed on their own graph and their params summed.
   */
  private applyModel(model: KerasModelRecord, arg: Value | undefined, pos: Pos): Value {
    const tensors = tensorsOf(arg, this);
    const input = tensors?.[0];
    if (!input) return unknown(`${model.name}(…) on a value that is not a Keras tensor`);
    const inner = new GraphBuilder("keras", this.options.maxLayers);
    let outputs: Tensor[];
    if (model.kind === "sequential") {
      let current: Tensor[] = [inner.input("input", input.shape ?? [], pos)];
      for (const layer of model.layers)
        current = inner.call(layer, current.slice(0, 1), layer.pos, this.isFailed(layer));
      outputs = current.slice(0, 1);
    } else outputs = model.outputs;
    const nodes = model.kind === "sequential" ? inner.nodes : nodesBetween(outputs);
    const failed = nodes.find((n) => n.issue);
    const distinct = [...new Set(nodes.map((n) => n.layer))];
    const sum = (pick: (p: { trainable: number | null; nonTrainable: number | null }) => number | null) =>
      distinct.reduce<number | null>((acc, l) => {
        const v = l.record ? pick(l.record.params) : null;
        return acc === null || v === null ? null : acc + v;
      }, 0);
    const macs = nodes.reduce<number | null>(
      (acc, n) => (acc === null || n.record?.macs == null ? acc : acc + n.record.macs),
      0,
    );
    const batch = input.shape?.[0] ?? null;
    const preset: RuleResult = failed?.issue
      ? { ok: false, issue: failed.issue }
      : {
          ok: true,
          record: {
            outputs: outputs.map((t) => (t.shape ? [batch, ...t.shape.slice(1)] : [])),
            params: { trainable: sum((p) => p.trainable), nonTrainable: sum((p) => p.nonTrainable) },
            macs,
            geometry: null,
            steps: [],
            warnings: [],
          },
        };
    const className = model.kind === "sequential" ? "Sequential" : "Functional";
    const layer = this.newLayer(
      model.name,
      className,
      { kind: "opaque", reason: "unknown_layer", className, outputShape: null },
      pos,
      null,
    );
    const out = this.graph.call(layer, tensors, pos, false, preset).map((t) => this.tensorValue(t));
    return out.length === 1 ? (out[0] as Value) : { t: "list", items: out };
  }

  private modelValue(model: KerasModelRecord): Value {
    return host({
      label: `model ${model.name}`,
      call: (args, pos) => this.applyModel(model, args.positional[0], pos),
      getAttr: (name, pos) => {
        if (name === "add")
          return host({
            label: "Sequential.add",
            call: (args) => {
              if (args.positional[0]) this.addToSequential(model, args.positional[0], pos);
              return NONE;
            },
          });
        if (name === "summary")
          return host({
            label: "summary",
            call: () => {
              model.summarized = true;
              return NONE;
            },
          });
        if (name === "build" && model.kind === "sequential")
          return host({
            label: "Sequential.build",
            call: (args, callPos) => {
              const r = new ArgReader("Sequential.build", ["input_shape"], args, callPos);
              try {
                const full = r.shape("input_shape");
                if (full && full.length > 1)
                  model.sequentialInput = {
                    shape: full.slice(1),
                    batch: full[0] ?? null,
                    name: this.uniqueName("input_layer"),
                    pos: callPos,
                  };
              } catch (e) {
                if (!(e instanceof ArgError)) throw e;
                this.problem({ kind: "build", severity: "error", issue: e.issue, pos: e.pos });
              }
              return NONE;
            },
          });
        if (name === "name") return str(model.name);
        if (name === "layers") return { t: "list", items: model.layers.map((l) => this.layerValue(l)) };
        if (MODEL_METHODS_IGNORED.has(name)) return host({ label: name, call: () => unknown(name) });
        return undefined;
      },
    });
  }
}

function emptyCall(): CallArgs {
  return { positional: [], keywords: new Map(), keywordPos: new Map(), positionalPos: [] };
}

export function shapeValue(shape: Shape): Value {
  return { t: "tuple", items: shape.map(dimValue) };
}

function dimValue(d: Dim): Value {
  if (d === null) return NONE;
  if (typeof d === "number") return int(d);
  return unknown(`symbolic ${d}`);
}

/** One tensor or a list/tuple of tensors; undefined when any is not a Keras tensor. */
function tensorsOf(v: Value | undefined, session: KerasSession): Tensor[] | undefined {
  if (!v) return undefined;
  const one = session.tensorOf(v);
  if (one) return [one];
  if (v.t === "list" || v.t === "tuple") {
    const ts = v.items.map((i) => session.tensorOf(i));
    if (ts.length > 0 && ts.every((t) => t !== undefined)) return ts as Tensor[];
  }
  if (v.t === "dict") {
    const ts = v.values.map((i) => session.tensorOf(i));
    if (ts.length > 0 && ts.every((t) => t !== undefined)) return ts as Tensor[];
  }
  return undefined;
}
