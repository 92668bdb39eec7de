import type { LayerInstance, LayerNode, Tensor } from "../../model/graph.js";
import type { LayerConfig } from "../../model/layer-config.js";
import type { Problem } from "../../model/problems.js";
import type { Shape } from "../../model/shape.js";
import { GraphBuilder } from "../../shape/graph-builder.js";
import type { RuleResult } from "../../shape/rule.js";
import { ArgError, ArgReader } from "../arg-reader.js";
import type { Pos } from "../ast.js";
import { type Evaluator, emptyArgs, StopEvaluation } from "../evaluate.js";
import { type CallArgs, type HostObject, host, int, NONE, str, unknown, type Value } from "../values.js";
import { TorchConstructError, torchModuleSpec } from "./torch-modules.js";
import { declaredParams } from "./torch-params.js";
import { leafPrecheck } from "./torch-precheck.js";

// The state of one PyTorch reading: the modules the code constructs (leaves, containers, the
// user's own nn.Module classes), the tensors flowing through them, and one trace per top-level
// call of a module, with the nesting torchinfo prints. Nothing of the user's code runs outside
// the safe evaluator.

export type DType = "float" | "long" | "bool";

export interface TensorHost extends HostObject {
  tensor: Tensor;
  dtype: DType;
  /** nn.Parameter: counted in its module's parameters. */
  param: boolean;
  /** False after transpose/permute/expand: view() then fails where reshape() copies. */
  contiguous: boolean;
  /** The largest value an index tensor can hold (torch.randint's high − 1), when known. */
  maxValue: number | null;
}

export interface TensorFlags {
  param?: boolean;
  contiguous?: boolean;
  maxValue?: number | null;
}

export interface ModuleRef {
  id: number;
  className: string;
  kind: "leaf" | "container" | "user";
  value: Value;
  /** Leaf modules: the layer whose calls become graph nodes. */
  layer: LayerInstance | null;
  /** Own parameters (leaves, and a user module's nn.Parameter attributes); null when lazy. */
  params: number | null;
  /** Registered submodules, in registration order, as named_children() lists them. */
  children(): [string, ModuleRef][];
  pos: Pos;
  failed: boolean;
  /** Set once the model is known: the name named_modules() gives it (layer1.0.conv1). */
  qualifiedName?: string;
}

export interface TraceRow {
  kind: "module" | "leaf" | "op";
  ref: ModuleRef | null;
  node: LayerNode | null;
  depth: number;
  outputs: Shape[] | null;
  /** The module whose forward() made this call (null at the top). */
  frame: ModuleRef | null;
}

export interface Trace {
  root: ModuleRef;
  inputs: Tensor[];
  rows: TraceRow[];
  outputs: Shape[] | null;
  pos: Pos;
  via: "call" | "torchsummary" | "torchinfo" | "assumed";
  /** The call returned (a budget or an error in our own reading can cut a trace short). */
  complete: boolean;
}

export interface TorchSessionOptions {
  maxLayers: number;
}

export class TorchSession {
  readonly problems: Problem[] = [];
  readonly graph: GraphBuilder;
  readonly modules: ModuleRef[] = [];
  readonly traces: Trace[] = [];
  readonly layers: LayerInstance[] = [];
  /** The node of each tensor op or leaf call is found again from its row. */
  private readonly frames: ModuleRef[] = [];
  private current: Trace | null = null;
  private readonly hostRefs = new WeakMap<HostObject, ModuleRef>();
  private readonly objectRefs = new WeakMap<object, ModuleRef>();
  private readonly tensorHosts = new Map<string, Value>();
  /** model.eval() was called: BatchNorm no longer needs more than one value per channel. */
  evalMode = false;
  private readonly failed = new Set<number>();
  /** How the next top-level call was made (summary() sets it). */
  callVia: Trace["via"] = "call";
  ev!: Evaluator;
  readonly moduleBase: HostObject = { label: "nn.Module" };

  constructor(readonly options: TorchSessionOptions) {
    this.graph = new GraphBuilder("pytorch", options.maxLayers);
  }

  problem(p: Problem): void {
    if (this.problems.length < 200) this.problems.push(p);
  }

  // ── tensors ─────────────────────────────────────────────────────────────────────────────

  tensorOf(v: Value | undefined): TensorHost | null {
    return v?.t === "host" && "tensor" in v.host ? (v.host as TensorHost) : null;
  }

  tensorValue(t: Tensor, dtype: DType, flags: TensorFlags = {}): Value {
    const plain = !flags.param && flags.contiguous !== false && (flags.maxValue ?? null) === null;
    const key = `${t.id}:${dtype}`;
    const cached = plain ? this.tensorHosts.get(key) : undefined;
    if (cached) return cached;
    const h: TensorHost = {
      label: "tensor",
      tensor: t,
      dtype,
      param: flags.param ?? false,
      contiguous: flags.contiguous ?? true,
      maxValue: flags.maxValue ?? null,
      getAttr: (name, pos) => this.tensorAttrs?.(h, name, pos),
      binary: (op, other, pos, reversed) => this.tensorBinary?.(h, op, other, pos, reversed),
    };
    const v = host(h);
    if (plain) this.tensorHosts.set(key, v);
    return v;
  }

  /** Set by the tensor-method table (torch-tensor.ts) to keep this file about modules and traces. */
  tensorAttrs: ((h: TensorHost, name: string, pos: Pos) => Value | undefined) | null = null;
  tensorBinary:
    | ((h: TensorHost, op: string, other: Value, pos: Pos, reversed: boolean) => Value | undefined)
    | null = null;

  newTensor(shape: Shape, dtype: DType, pos: Pos, name = "input", maxValue: number | null = null): Value {
    return this.tensorValue(this.graph.input(name, shape, pos), dtype, { maxValue });
  }

  /** A tensor operation: one graph node, one row of the current trace. */
  op(
    type: string,
    label: string,
    config: LayerConfig,
    inputs: TensorHost[],
    pos: Pos,
    preset?: RuleResult,
  ): Tensor[] {
    const layer = this.newLayer(label, type, config, pos);
    return this.callLayer(
      layer,
      inputs.map((h) => h.tensor),
      pos,
      "op",
      null,
      preset,
    );
  }

  private callLayer(
    layer: LayerInstance,
    inputs: Tensor[],
    pos: Pos,
    kind: "leaf" | "op",
    ref: ModuleRef | null,
    preset?: RuleResult,
  ): Tensor[] {
    if (this.graph.full) {
      this.problem({
        kind: "build",
        severity: "error",
        issue: { code: "too_many_layers", limit: this.options.maxLayers },
        pos,
      });
      throw new StopEvaluation({ code: "layer_budget", pos, limit: this.options.maxLayers });
    }
    const outputs = this.graph.call(layer, inputs, pos, this.failed.has(layer.id), preset);
    const node = this.graph.nodes[this.graph.nodes.length - 1] as LayerNode;
    const row: TraceRow = {
      kind,
      ref,
      node,
      depth: this.frames.length,
      outputs: null,
      frame: this.frames.at(-1) ?? null,
    };
    row.outputs = outputs.every((t) => t.shape !== null) ? outputs.map((t) => t.shape as Shape) : null;
    if (this.current) this.current.rows.push(row);
    return outputs;
  }

  private newLayer(name: string, className: string, config: LayerConfig, pos: Pos): LayerInstance {
    const limit = this.options.maxLayers * 4;
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
    return layer;
  }

  private readonly unknownOps = new Set<string>();

  /** A tensor method or torch function we do not follow: said once per name, where first met. */
  unknownOp(name: string, pos: Pos): void {
    if (this.unknownOps.has(name)) return;
    this.unknownOps.add(name);
    this.problem({ kind: "build", severity: "warning", issue: { code: "torch_unknown_op", name }, pos });
  }

  isFailed(layer: LayerInstance): boolean {
    return this.failed.has(layer.id);
  }

  // ── modules ─────────────────────────────────────────────────────────────────────────────

  refOf(v: Value | undefined): ModuleRef | null {
    if (!v) return null;
    if (v.t === "host") return this.hostRefs.get(v.host) ?? null;
    if (v.t === "object" && this.isModuleClass(v.cls)) {
      const known = this.objectRefs.get(v);
      if (known) return known;
      const obj = v;
      const ref = this.register({
        className: obj.cls.name,
        kind: "user",
        value: obj,
        layer: null,
        params: 0,
        pos: obj.cls.pos,
        failed: false,
        children: () => {
          const out: [string, ModuleRef][] = [];
          for (const [name, value] of obj.attrs) {
            const child = this.refOf(value);
            if (child && child !== ref) out.push([name, child]);
          }
          return out;
        },
      });
      this.objectRefs.set(v, ref);
      return ref;
    }
    return null;
  }

  /** Own nn.Parameter attributes of a user module (self.w = nn.Parameter(torch.randn(…))). */
  ownParams(ref: ModuleRef): number | null {
    if (ref.kind !== "user" || ref.value.t !== "object") return ref.params;
    let total = 0;
    for (const value of ref.value.attrs.values()) {
      const t = this.tensorOf(value);
      if (!t?.param) continue;
      const shape = t.tensor.shape;
      if (!shape?.every((d) => typeof d === "number")) return null;
      total += (shape as number[]).reduce((a, b) => a * b, 1);
    }
    return total;
  }

  isModuleClass(cls: Extract<Value, { t: "class" }>, depth = 0): boolean {
    if (depth > 20) return false;
    return cls.bases.some(
      (b) =>
        (b.t === "host" && (b.host === this.moduleBase || this.containerClasses.has(b.host))) ||
        (b.t === "class" && this.isModuleClass(b, depth + 1)),
    );
  }

  /** nn.Sequential and friends used as base classes count as modules too. */
  readonly containerClasses = new Set<HostObject>();

  register(ref: Omit<ModuleRef, "id">): ModuleRef {
    const full: ModuleRef = { ...ref, id: this.modules.length };
    this.modules.push(full);
    if (full.value.t === "host") this.hostRefs.set(full.value.host, full);
    return full;
  }

  /** `nn.Conv2d(3, 16, 3)`: a leaf module, its arguments read as PyTorch's constructor would. */
  leafModule(className: string, args: CallArgs, pos: Pos): Value {
    const spec = torchModuleSpec(className);
    let config: LayerConfig;
    let failed = false;
    const attrs = new Map<string, Value>();
    if (!spec) {
      config = { kind: "opaque", reason: "unknown_layer", className, outputShape: null };
      this.problem({
        kind: "build",
        severity: "warning",
        issue: { code: "unknown_layer", className, framework: "pytorch" },
        pos,
      });
    } else {
      const r = new ArgReader(className, spec.signature, args, pos);
      for (const name of spec.signature) {
        const raw = r.raw(name);
        if (raw) attrs.set(name, raw);
      }
      try {
        config = spec.build(r);
      } catch (e) {
        if (e instanceof ArgError)
          this.problem({ kind: "build", severity: "error", issue: e.issue, pos: e.pos });
        else if (e instanceof TorchConstructError)
          this.problem({
            kind: "shape",
            severity: "error",
            issue: { code: "torch_error", op: e.className, message: e.message },
            layer: e.className,
            className: e.className,
            pos,
          });
        else throw e;
        config = { kind: "opaque", reason: "unknown_layer", className, outputShape: null };
        failed = true;
      }
    }
    const layer = this.newLayer(className.toLowerCase(), className, config, pos);
    if (failed) this.failed.add(layer.id);
    const indices = attrs.get("return_indices");
    const h: HostObject = {
      label: `nn.${className}`,
      getAttr: (name, p) => this.leafAttr(ref, attrs, name, p),
      call: (callArgs, p) => this.callLeaf(ref, callArgs, p),
    };
    const ref = this.register({
      className,
      kind: "leaf",
      value: host(h),
      layer,
      params: failed ? 0 : declaredParams(config),
      pos,
      failed,
      children: () => [],
    });
    if (indices?.t === "bool" && indices.v) this.returnsIndices.add(ref.id);
    return ref.value;
  }

  private leafAttr(ref: ModuleRef, attrs: Map<string, Value>, name: string, pos: Pos): Value | undefined {
    const given = attrs.get(name);
    if (given) return given;
    const config = ref.layer?.config;
    if (name === "weight" && config) {
      const shape = weightShape(config);
      if (shape) return this.newTensor(shape, "float", pos, "weight");
    }
    if (name === "out_features" && config?.kind === "dense") return int(config.units);
    if (name === "in_features" && config?.kind === "dense" && config.inFeatures !== null)
      return int(config.inFeatures);
    return this.moduleMethod(ref, name);
  }

  /** Methods every nn.Module has that return the module itself (`.to(device)`, `.eval()`). */
  moduleMethod(ref: ModuleRef, name: string): Value | undefined {
    if (SELF_RETURNING.has(name))
      return host({
        label: name,
        call: () => {
          if (name === "eval") this.evalMode = true;
          return ref.value;
        },
      });
    if (
      name === "add_module" ||
      name === "register_module" ||
      name === "register_buffer" ||
      name === "register_parameter"
    )
      return host({
        label: name,
        call: (args) => {
          const [key, child] = args.positional;
          if (ref.value.t === "object" && key?.t === "str" && child) ref.value.attrs.set(key.v, child);
          return NONE;
        },
      });
    if (name === "forward" && ref.kind !== "user")
      return host({ label: "forward", call: (a, p) => this.ev.callValue(ref.value, a, p) });
    if (name === "__class__")
      return host({
        label: ref.className,
        getAttr: (n) => (n === "__name__" ? str(ref.className) : undefined),
      });
    return undefined;
  }

  private callLeaf(ref: ModuleRef, args: CallArgs, pos: Pos): Value {
    const layer = ref.layer as LayerInstance;
    const tensors = args.positional.map((a) => this.tensorOf(a));
    const first = tensors[0] ?? this.tensorOf(args.keywords.get("input") ?? args.keywords.get("query"));
    if (!first) return unknown(`${ref.className}(…) on a value that is not a tensor`);
    const c = layer.config;
    let inputs: Tensor[] = [first.tensor];
    if (c.kind === "attention") {
      const key = tensors[1] ?? this.tensorOf(args.keywords.get("key")) ?? first;
      const value = tensors[2] ?? this.tensorOf(args.keywords.get("value")) ?? key;
      inputs = [first.tensor, key.tensor, value.tensor];
    } else if (c.kind === "bilinear" && tensors[1]) inputs = [first.tensor, tensors[1].tensor];
    return this.withFrame(
      ref,
      args,
      pos,
      () => {
        const preset = leafPrecheck(c, first, args, this.evalMode, (v) => this.tensorOf(v));
        const outputs = this.callLayer(layer, inputs, pos, "leaf", ref, preset);
        return this.leafResult(ref, outputs, first.dtype, args);
      },
      true,
    );
  }

  private leafResult(ref: ModuleRef, outputs: Tensor[], dtype: DType, args: CallArgs): Value {
    const config = ref.layer?.config;
    const outDtype: DType = config?.kind === "embedding" ? "float" : dtype;
    const values = outputs.map((t) => this.tensorValue(t, outDtype));
    const [out, h, c] = values;
    if (!out) return unknown("no output");
    if (config?.kind === "torch_rnn" && config.step)
      return config.cell === "lstm" && h ? { t: "tuple", items: [out, h] } : out;
    if (config?.kind === "torch_rnn" && h) {
      const state: Value = config.cell === "lstm" && c ? { t: "tuple", items: [h, c] } : h;
      return { t: "tuple", items: [out, state] };
    }
    if (config?.kind === "attention") {
      const need = args.keywords.get("need_weights");
      return { t: "tuple", items: [out, need?.t === "bool" && !need.v ? NONE : (h ?? NONE)] };
    }
    // MaxPool(return_indices=True) gives (values, indices) of the same shape.
    if (this.returnsIndices.has(ref.id) && out.t === "host")
      return { t: "tuple", items: [out, this.tensorValue(outputs[0] as Tensor, "long", { param: true })] };
    return out;
  }

  readonly returnsIndices = new Set<number>();

  /**
   * Runs a module call inside its frame: a top-level call starts a trace (model(x)), a nested one
   * adds a module row whose output is filled when it returns.
   */
  withFrame(ref: ModuleRef, args: CallArgs, pos: Pos, run: () => Value, leaf = false): Value {
    const top = this.frames.length === 0;
    let row: TraceRow | null = null;
    if (top) {
      const inputs = args.positional.map((a) => this.tensorOf(a)?.tensor).filter((t): t is Tensor => !!t);
      this.current = { root: ref, inputs, rows: [], outputs: null, pos, via: this.callVia, complete: false };
    } else if (this.current && !leaf) {
      row = {
        kind: "module",
        ref,
        node: null,
        depth: this.frames.length,
        outputs: null,
        frame: this.frames.at(-1) ?? null,
      };
      this.current.rows.push(row);
    }
    if (!leaf) this.frames.push(ref);
    let result: Value = NONE;
    let returned = false;
    try {
      result = run();
      returned = true;
    } finally {
      if (!leaf) this.frames.pop();
      const shapes = this.shapesOf(result);
      if (row) row.outputs = shapes;
      if (top && this.current) {
        this.current.outputs = shapes;
        this.current.complete = returned;
        this.traces.push(this.current);
        this.current = null;
      }
    }
    return result;
  }

  /** The shapes of a module's result: a tensor, or the tensors of a (nested) tuple. */
  shapesOf(v: Value, depth = 0): Shape[] | null {
    const t = this.tensorOf(v);
    if (t) return t.tensor.shape === null ? null : [t.tensor.shape];
    if ((v.t === "tuple" || v.t === "list") && depth < 4) {
      const out: Shape[] = [];
      for (const item of v.items) {
        if (item.t === "none") continue;
        const s = this.shapesOf(item, depth + 1);
        if (s === null) return null;
        out.push(...s);
      }
      return out.length > 0 ? out : null;
    }
    return null;
  }

  /** A user nn.Module instance called: its forward() runs inside the module's frame. */
  callUserModule(obj: Extract<Value, { t: "object" }>, args: CallArgs, pos: Pos): Value | undefined {
    const ref = this.refOf(obj);
    if (!ref) return undefined;
    const forward = this.ev.getAttr(obj, "forward", pos);
    if (forward.t !== "func") return undefined;
    return this.withFrame(ref, args, pos, () => this.ev.callValue(forward, args, pos));
  }

  /** Calls a module value on a tensor from outside the code (an input the user gave in prose). */
  callOn(model: Value, inputs: Value[], pos: Pos, via: Trace["via"]): void {
    this.callVia = via;
    const args = { ...emptyArgs(), positional: inputs, positionalPos: inputs.map(() => pos) };
    this.ev.callGuarded(host({ label: "trace", call: () => this.ev.callValue(model, args, pos) }), pos);
    this.callVia = "call";
  }
}

const SELF_RETURNING = new Set([
  "to",
  "cuda",
  "cpu",
  "eval",
  "train",
  "float",
  "double",
  "half",
  "bfloat16",
  "requires_grad_",
  "apply",
  "share_memory",
  "zero_grad",
  "type",
]);

/** The weight tensor's shape in PyTorch's layout, for code that reads `self.conv.weight.shape`. */
function weightShape(c: LayerConfig): number[] | null {
  switch (c.kind) {
    case "conv":
      return c.inChannels === null ? null : [c.filters, c.inChannels / c.groups, ...c.kernel];
    case "conv_transpose":
      return c.inChannels === null ? null : [c.inChannels, c.filters / c.groups, ...c.kernel];
    case "dense":
      return c.inFeatures === null ? null : [c.units, c.inFeatures];
    case "embedding":
      return [c.inputDim, c.outputDim];
    default:
      return null;
  }
}
