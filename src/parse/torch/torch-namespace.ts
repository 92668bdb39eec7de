import type { LayerConfig } from "../../model/layer-config.js";
import type { Shape } from "../../model/shape.js";
import { ArgReader } from "../arg-reader.js";
import type { Pos } from "../ast.js";
import { emptyArgs } from "../evaluate.js";
import {
  type CallArgs,
  FALSE,
  type HostObject,
  host,
  NONE,
  numberOf,
  str,
  unknown,
  type Value,
} from "../values.js";
import { makeContainer, transformerEncoder, transformerEncoderLayer } from "./torch-containers.js";
import { AVGPOOL_SIG, TORCH_MODULE_NAMES, torchModuleSpec } from "./torch-modules.js";
import { apply, arg, OPS } from "./torch-ops.js";
import type { DType, TorchSession } from "./torch-session.js";
import { intsOf, sizesOf } from "./torch-values.js";

// The names user code imports: torch, torch.nn, torch.nn.functional, collections.OrderedDict,
// and torchsummary/torchinfo's summary(), as host objects of the safe evaluator.

const CREATORS: Record<string, DType> = {
  randn: "float",
  rand: "float",
  zeros: "float",
  ones: "float",
  empty: "float",
  full: "float",
  randint: "long",
};

function namespace(label: string, member: (name: string, pos: Pos) => Value | undefined): Value {
  return host({ label, getAttr: (name, pos) => member(name, pos) ?? unknown(`${label}.${name}`) });
}

function fn(label: string, call: (args: CallArgs, pos: Pos) => Value): Value {
  return host({ label, call });
}

export class TorchNamespace {
  readonly torch: Value;
  readonly nn: Value;
  readonly functional: Value;
  private readonly classes = new Map<string, Value>();
  private readonly encoderLayerArgs = new WeakMap<HostObject, CallArgs>();

  constructor(private readonly s: TorchSession) {
    this.functional = namespace(
      "torch.nn.functional",
      (name) => this.functionalMember(name) ?? this.unknownFunction(`F.${name}`),
    );
    this.nn = namespace("torch.nn", (name) => this.nnMember(name));
    this.torch = namespace(
      "torch",
      (name) => this.torchMember(name) ?? this.unknownFunction(`torch.${name}`),
    );
  }

  /** A torch function we do not follow: said once when it is called on a tensor (torch.optim.SGD is not). */
  private unknownFunction(label: string): Value {
    return host({
      label,
      call: (a, p) => {
        if ([...a.positional, ...a.keywords.values()].some((v) => this.s.tensorOf(v)))
          this.s.unknownOp(label, p);
        return unknown(label);
      },
      getAttr: (name) => unknown(`${label}.${name}`),
    });
  }

  importModule(path: string): Value | undefined {
    switch (path) {
      case "torch":
        return this.torch;
      case "torch.nn":
        return this.nn;
      case "torch.nn.functional":
        return this.functional;
      case "collections":
        return namespace("collections", (name) => (name === "OrderedDict" ? this.orderedDict() : undefined));
      case "torchsummary":
      case "torchinfo":
        return namespace(path, (name) => (name === "summary" ? this.summary(path) : undefined));
    }
    if (path.startsWith("torch.")) return unknown(path);
    return undefined;
  }

  /** `nn`, `F`, `torch` used without an import: read as the usual imports. */
  implicitGlobal(name: string): Value | undefined {
    if (name === "torch") return this.torch;
    if (name === "nn") return this.nn;
    if (name === "F") return this.functional;
    if (name === "OrderedDict") return this.orderedDict();
    if (name === "super")
      return fn("super", () => host({ label: "super()", getAttr: () => fn("super method", () => NONE) }));
    return undefined;
  }

  private orderedDict(): Value {
    return fn("OrderedDict", (args) => {
      const d: Extract<Value, { t: "dict" }> = { t: "dict", keys: [], values: [] };
      const pairs = args.positional[0];
      const items = pairs ? (this.s.ev.iterate(pairs, { line: 0, column: 0 }) ?? []) : [];
      for (const pair of items) {
        if ((pair.t === "tuple" || pair.t === "list") && pair.items.length === 2) {
          d.keys.push(pair.items[0] as Value);
          d.values.push(pair.items[1] as Value);
        }
      }
      for (const [k, v] of args.keywords) {
        d.keys.push(str(k));
        d.values.push(v);
      }
      return d;
    });
  }

  /** torchinfo's summary(model, input_size=(16, 1, 28, 28)) and torchsummary's summary(model, (1, 28, 28)). */
  private summary(lib: string): Value {
    return fn(`${lib}.summary`, (args, pos) => {
      const model = args.positional[0];
      const sizeV = args.keywords.get("input_size") ?? args.positional[1];
      const data = this.s.tensorOf(args.keywords.get("input_data"));
      if (!model) return NONE;
      const inputs: Value[] = data ? [host(data)] : [];
      if (inputs.length === 0 && sizeV) {
        // Several inputs come as a list of size tuples: [(1, 28, 28), (1, 28, 28)].
        const many =
          (sizeV.t === "list" || sizeV.t === "tuple") &&
          sizeV.items.every((i) => i.t === "tuple" || i.t === "list");
        const dtypes = args.keywords.get("dtypes");
        const long = dtypes !== undefined && /long|int/i.test(JSON.stringify(dtypes));
        for (const one of many ? (sizeV as { items: Value[] }).items : [sizeV]) {
          const sizes = intsOf([one]);
          if (!sizes) return unknown("summary input size");
          // torchsummary runs a batch of 2 (and prints it as -1).
          const shape: Shape = lib === "torchsummary" ? [2, ...sizes] : sizes;
          inputs.push(this.s.newTensor(shape, long ? "long" : "float", pos));
        }
      }
      if (inputs.length === 0) return NONE;
      this.s.callOn(model, inputs, pos, lib === "torchsummary" ? "torchsummary" : "torchinfo");
      return NONE;
    });
  }

  private torchMember(name: string): Value | undefined {
    if (name === "nn") return this.nn;
    if (Object.hasOwn(CREATORS, name)) return fn(`torch.${name}`, (a, p) => this.create(name, a, p));
    const like = /^(zeros|ones|empty|full|rand|randn|randint)_like$/.exec(name);
    if (like)
      return fn(`torch.${name}`, (a, p) => {
        const t = this.s.tensorOf(a.positional[0] ?? a.keywords.get("input"));
        return t?.tensor.shape
          ? this.s.newTensor(t.tensor.shape, like[1] === "randint" ? "long" : t.dtype, p)
          : unknown(name);
      });
    switch (name) {
      case "tensor":
      case "Tensor":
      case "LongTensor":
      case "FloatTensor":
        return fn(`torch.${name}`, (a, p) => this.fromData(name, a, p));
      case "arange":
        return fn("torch.arange", (a, p) => {
          const n = intsOf(a.positional);
          if (!n || n.length === 0) return unknown("arange");
          const [lo, hi] = n.length === 1 ? [0, n[0] as number] : [n[0] as number, n[1] as number];
          const step = n[2] ?? 1;
          return this.s.newTensor([Math.max(0, Math.ceil((hi - lo) / step))], "long", p);
        });
      case "cat":
      case "concat":
      case "concatenate":
      case "stack":
        return fn(`torch.${name}`, (a, p) => this.cat(name === "stack" ? "stack" : "cat", a, p));
      case "no_grad":
      case "inference_mode":
      case "enable_grad":
        return fn(`torch.${name}`, () => NONE);
      case "manual_seed":
      case "set_grad_enabled":
        return fn(`torch.${name}`, () => NONE);
      case "device":
        return fn("torch.device", (a) => a.positional[0] ?? str("cpu"));
      case "cuda":
        return namespace("torch.cuda", (n) =>
          n === "is_available" ? fn("is_available", () => FALSE) : undefined,
        );
      case "long":
      case "int64":
      case "int":
      case "int32":
        return str("torch.int64");
      case "float":
      case "float32":
      case "float64":
      case "double":
        return str("torch.float32");
    }
    const op = Object.hasOwn(OPS, name) ? OPS[name] : undefined;
    if (op) return fn(`torch.${name}`, (a, p) => this.onTensor(op, `torch.${name}`, a, p));
    return undefined;
  }

  private onTensor(op: (typeof OPS)[string], label: string, a: CallArgs, p: Pos): Value {
    const self = this.s.tensorOf(a.positional[0] ?? a.keywords.get("input"));
    if (!self || !op) return unknown(label);
    return op(
      this.s,
      self,
      { ...a, positional: a.positional.slice(1), positionalPos: a.positionalPos.slice(1) },
      p,
      label,
    );
  }

  private create(name: string, a: CallArgs, p: Pos): Value {
    let sizes: (number | string)[] | null;
    if (name === "randint") {
      const size = a.keywords.get("size") ?? a.positional.find((v) => v.t === "tuple" || v.t === "list");
      sizes = size ? sizesOf([size]) : null;
    } else if (name === "full") sizes = sizesOf([a.keywords.get("size") ?? a.positional[0] ?? NONE]);
    else sizes = sizesOf(a.positional.length > 0 ? a.positional : [a.keywords.get("size") ?? NONE]);
    if (!sizes) return unknown(`torch.${name} with sizes that are not known`);
    if (sizes.some((d) => typeof d === "number" && (d < 0 || d > 1_000_000)))
      return unknown("size out of range");
    let maxValue: number | null = null;
    if (name === "randint") {
      const bounds = a.positional.filter((v) => v.t === "int");
      const high = a.keywords.get("high") ?? bounds[bounds.length - 1];
      maxValue = high?.t === "int" ? high.v - 1 : null;
    }
    const dtypeV = a.keywords.get("dtype");
    const dtype: DType =
      dtypeV?.t === "str"
        ? dtypeV.v.includes("int")
          ? "long"
          : dtypeV.v.includes("bool")
            ? "bool"
            : "float"
        : (CREATORS[name] ?? "float");
    return this.s.newTensor(sizes, dtype, p, "input", maxValue);
  }

  private fromData(name: string, a: CallArgs, p: Pos): Value {
    const data = a.positional[0];
    if (!data) return unknown(name);
    if (name === "Tensor" || name === "FloatTensor" || name === "LongTensor") {
      const sizes = intsOf(a.positional);
      if (sizes) return this.s.newTensor(sizes, name === "LongTensor" ? "long" : "float", p);
    }
    const shape: number[] = [];
    let v: Value = data;
    let isInt = true;
    while (v.t === "list" || v.t === "tuple") {
      shape.push(v.items.length);
      v = v.items[0] ?? NONE;
    }
    if (v.t === "float") isInt = false;
    return this.s.newTensor(shape, name === "FloatTensor" || !isInt ? "float" : "long", p);
  }

  private cat(fnName: "cat" | "stack", a: CallArgs, p: Pos): Value {
    const list = a.positional[0] ?? a.keywords.get("tensors");
    const items = list ? this.s.ev.iterate(list, p) : null;
    const tensors = items?.map((v) => this.s.tensorOf(v));
    if (!tensors || tensors.length === 0 || tensors.some((t) => !t)) return unknown(fnName);
    const dim = numberOf(arg(a, 1, "dim") ?? { t: "int", v: 0 }) ?? 0;
    return apply(
      this.s,
      fnName,
      `torch.${fnName}`,
      { kind: "tensor_op", op: { name: "cat", fn: fnName, dim } },
      tensors as never,
      p,
    );
  }

  // ── torch.nn ──────────────────────────────────────────────────────────────────────────

  private nnMember(name: string): Value | undefined {
    if (name === "functional") return this.functional;
    if (name === "Module") return host(this.s.moduleBase);
    if (name === "init") return namespace("torch.nn.init", (n) => fn(n, () => NONE));
    if (name === "Parameter")
      return fn("nn.Parameter", (a) => {
        const t = this.s.tensorOf(a.positional[0]);
        return t ? this.s.tensorValue(t.tensor, t.dtype, { param: true }) : unknown("Parameter");
      });
    const cached = this.classes.get(name);
    if (cached) return cached;
    let cls: Value | undefined;
    if (name === "Sequential" || name === "ModuleList" || name === "ModuleDict") {
      const h: HostObject = { label: `nn.${name}`, call: (a, p) => makeContainer(this.s, name, a, p) };
      this.s.containerClasses.add(h);
      cls = host(h);
    } else if (name === "TransformerEncoderLayer") {
      cls = fn("nn.TransformerEncoderLayer", (a, p) => {
        const v = transformerEncoderLayer(this.s, a, p);
        if (v.t === "host") this.encoderLayerArgs.set(v.host, a);
        return v;
      });
    } else if (name === "TransformerEncoder") {
      cls = fn("nn.TransformerEncoder", (a, p) => {
        const layer = a.keywords.get("encoder_layer") ?? a.positional[0];
        const saved = layer?.t === "host" ? this.encoderLayerArgs.get(layer.host) : undefined;
        if (!saved) return unknown("TransformerEncoder of an unknown layer");
        return transformerEncoder(this.s, a, p, () => transformerEncoderLayer(this.s, saved, p));
      });
    } else if (/Loss$/.test(name)) {
      // Losses are called on outputs and targets after the model: not part of the model's table.
      cls = fn(`nn.${name}`, () => host({ label: `nn.${name}`, call: () => unknown("loss") }));
    } else if (torchModuleSpec(name) || /^[A-Z]\w*$/.test(name)) {
      cls = fn(`nn.${name}`, (a, p) => this.s.leafModule(name, a, p));
    }
    if (cls) this.classes.set(name, cls);
    return cls;
  }

  // ── torch.nn.functional ───────────────────────────────────────────────────────────────

  private functionalMember(name: string): Value | undefined {
    const m = /^(max|avg)_pool([123])d$/.exec(name);
    if (m)
      return this.viaModule(
        `${m[1] === "max" ? "Max" : "Avg"}Pool${m[2]}d`,
        name,
        m[1] === "max" ? F_MAXPOOL_SIG : AVGPOOL_SIG,
      );
    const a = /^adaptive_(max|avg)_pool([123])d$/.exec(name);
    if (a)
      return this.viaModule(`Adaptive${a[1] === "max" ? "Max" : "Avg"}Pool${a[2]}d`, name, ["output_size"]);
    const c = /^conv([123])d$/.exec(name);
    if (c) return fn(`F.${name}`, (args, p) => this.convFunctional(Number(c[1]) as 1 | 2 | 3, args, p));
    switch (name) {
      case "linear":
        return fn("F.linear", (args, p) => this.linearFunctional(args, p));
      case "interpolate":
      case "upsample":
        return this.viaModule("Upsample", name, ["size", "scale_factor", "mode", "align_corners"]);
      case "pixel_shuffle":
        return this.viaModule("PixelShuffle", name, ["upscale_factor"]);
      case "pad":
        return fn("F.pad", (args, p) => {
          const self = this.s.tensorOf(args.positional[0]);
          const pads = intsOf([args.keywords.get("pad") ?? args.positional[1] ?? NONE]);
          const modeV = args.keywords.get("mode") ?? args.positional[2];
          if (!self || !pads) return unknown("F.pad");
          const mode = modeV?.t === "str" ? modeV.v : "constant";
          return apply(
            this.s,
            "pad",
            "F.pad",
            { kind: "tensor_op", op: { name: "pad", pads, mode } },
            [self],
            p,
          );
        });
      case "layer_norm":
        return this.viaModule("LayerNorm", name, ["normalized_shape"], true);
      case "scaled_dot_product_attention":
        return fn("F.scaled_dot_product_attention", (args, p) => {
          const qkv = [0, 1, 2].map((i) =>
            this.s.tensorOf(args.positional[i] ?? args.keywords.get(["query", "key", "value"][i] as string)),
          );
          if (qkv.some((t) => !t)) return unknown(name);
          return apply(
            this.s,
            name,
            `F.${name}`,
            { kind: "tensor_op", op: { name: "sdpa" } },
            qkv as never,
            p,
          );
        });
    }
    const op = Object.hasOwn(OPS, name) ? OPS[name] : undefined;
    if (op) return fn(`F.${name}`, (args, p) => this.onTensor(op, `F.${name}`, args, p));
    return undefined;
  }

  /** F.max_pool2d(x, 2) and friends: the module's own argument reading, as one op row. */
  private viaModule(
    className: string,
    fnName: string,
    signature: readonly string[],
    noParams = false,
  ): Value {
    const spec = torchModuleSpec(className);
    return fn(`F.${fnName}`, (args, p) => {
      const self = this.s.tensorOf(args.positional[0] ?? args.keywords.get("input"));
      if (!self || !spec) return unknown(`F.${fnName}`);
      const rest = {
        ...args,
        positional: args.positional.slice(1),
        positionalPos: args.positionalPos.slice(1),
      };
      let config: LayerConfig;
      try {
        config = spec.build(new ArgReader(`F.${fnName}`, signature, rest, p));
      } catch {
        return unknown(`F.${fnName} arguments`);
      }
      if (config.kind === "tensor_op" && config.op.name === "resize")
        config = { ...config, op: { ...config.op, fn: "interpolate" } };
      if (noParams && config.kind === "layer_norm") config = { ...config, center: false, scale: false };
      return apply(this.s, fnName, `F.${fnName}`, config, [self], p);
    });
  }

  /** F.conv2d(x, weight, bias, stride, padding, dilation, groups): the sizes come from the weight. */
  private convFunctional(rank: 1 | 2 | 3, args: CallArgs, p: Pos): Value {
    const self = this.s.tensorOf(args.positional[0] ?? args.keywords.get("input"));
    const weight = this.s.tensorOf(args.positional[1] ?? args.keywords.get("weight"));
    const w = weight?.tensor.shape;
    if (!self || !w || w.length !== rank + 2 || !w.every((d) => typeof d === "number"))
      return unknown("F.conv");
    const [out, inPerGroup, ...kernel] = w as number[];
    const groups = numberOf(arg(args, 5, "groups") ?? { t: "int", v: 1 }) ?? 1;
    const moduleArgs = emptyArgs();
    const set = (k: string, v: Value | undefined) => v && moduleArgs.keywords.set(k, v);
    set("in_channels", { t: "int", v: (inPerGroup as number) * groups });
    set("out_channels", { t: "int", v: out as number });
    set("kernel_size", { t: "tuple", items: kernel.map((k) => ({ t: "int", v: k })) });
    set("stride", arg(args, 2, "stride"));
    set("padding", arg(args, 3, "padding"));
    set("dilation", arg(args, 4, "dilation"));
    set("groups", { t: "int", v: groups });
    const spec = torchModuleSpec(`Conv${rank}d`);
    if (!spec) return unknown("F.conv");
    let config: LayerConfig;
    try {
      config = spec.build(new ArgReader(`F.conv${rank}d`, [], moduleArgs, p));
    } catch {
      return unknown("F.conv arguments");
    }
    return apply(this.s, `conv${rank}d`, `F.conv${rank}d`, config, [self], p);
  }

  private linearFunctional(args: CallArgs, p: Pos): Value {
    const self = this.s.tensorOf(args.positional[0] ?? args.keywords.get("input"));
    const w = this.s.tensorOf(args.positional[1] ?? args.keywords.get("weight"))?.tensor.shape;
    if (!self || !w || w.length !== 2 || !w.every((d) => typeof d === "number")) return unknown("F.linear");
    const [units, inFeatures] = w as number[];
    return apply(
      this.s,
      "linear",
      "F.linear",
      {
        kind: "dense",
        units: units as number,
        useBias: false,
        activation: "linear",
        inFeatures: inFeatures as number,
      },
      [self],
      p,
    );
  }
}

const F_MAXPOOL_SIG = ["kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"];

export const KNOWN_TORCH_MODULES = TORCH_MODULE_NAMES;
