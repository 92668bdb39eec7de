import type { Pos } from "../parse/ast.js";
import type { LayerRecord } from "../shape/rule.js";
import type { LayerNode } from "./graph.js";
import type { LayerConfig } from "./layer-config.js";
import type { Problem } from "./problems.js";
import type { Shape } from "./shape.js";

/** One row of the answer: a layer call in execution order. */
export interface AnalyzedLayer {
  name: string;
  className: string;
  config: LayerConfig;
  /** "ok"; "error" when this layer is where the framework would raise; "skipped" after an error. */
  status: "ok" | "error" | "skipped";
  outputShapes: Shape[];
  /** Counted once per layer object: a shared layer's later calls show 0 here. */
  params: { trainable: number | null; nonTrainable: number | null };
  macs: number | null;
  record: LayerRecord | null;
  pos: Pos;
  /** Names of the layers (or inputs) feeding this call, as Keras' "Connected to" shows them. */
  connectedTo: string[];
  /** True for the second and later calls of a shared layer. */
  reused: boolean;
  /** The graph node of this call: which tensors fed it (the image run follows branches with it). */
  node?: LayerNode;
}

export interface AnalyzedInput {
  name: string;
  shape: Shape;
  pos: Pos | null;
}

/** One row of torchinfo's table: a module call (container or leaf) or a tensor op, with its nesting. */
export interface ModuleRow {
  kind: "module" | "leaf" | "op";
  depth: number;
  className: string;
  /** Qualified module name (features.0) or the op as written (F.relu, .view). */
  name: string;
  outputs: Shape[] | null;
  /** Recursive parameter count of the module (torchinfo's num_params); 0 for ops. */
  params: number | null;
  /** Parameters the module owns directly (nn.Parameter attributes), not through a child. */
  ownParams: number | null;
  /** A second or later call of the same module. */
  recursive: boolean;
  /** Index into Analysis.layers for leaf and op rows. */
  layer: number | null;
}

/** What the PyTorch reply needs beyond the flat layers: the nesting torchinfo prints, and how the input came. */
export interface ModuleTable {
  rootClass: string;
  rootOutputs: Shape[] | null;
  rows: ModuleRow[];
  /** The input was written in the code, stated in prose, given on the command line, or assumed. */
  inputSource: "code" | "torchsummary" | "torchinfo" | "prose" | "option" | "symbolic";
}

export interface Analysis {
  framework: "keras" | "pytorch";
  modelName: string;
  modelKind: "sequential" | "functional";
  inputs: AnalyzedInput[];
  layers: AnalyzedLayer[];
  outputs: Shape[];
  totals: { params: number | null; trainable: number | null; nonTrainable: number | null };
  problems: Problem[];
  /** PyTorch only: the module nesting for torchinfo's layout. */
  modules?: ModuleTable;
}
