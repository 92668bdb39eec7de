import type { Pos } from "../parse/ast.js";
import type { ShapeIssue } from "../shape/issues.js";
import type { LayerRecord } from "../shape/rule.js";
import type { Framework, LayerConfig } from "./layer-config.js";
import type { Shape } from "./shape.js";

// The layer graph a framework builder records while the evaluator runs the user's code:
// layers (configured objects, possibly shared) and nodes (one call of a layer on tensors).

export interface LayerInstance {
  id: number;
  name: string;
  /** The framework's class name, shown in the table: "Conv2D", "Dense". */
  className: string;
  config: LayerConfig;
  pos: Pos;
  /** Input shapes of the first call: weights are created then, later calls must match. */
  builtWith: Shape[] | null;
  /** Params of the first call (a shared layer counts its weights once). */
  record: LayerRecord | null;
}

export interface InputTensorSource {
  kind: "input";
  name: string;
  pos: Pos;
}

export interface LayerNode {
  kind: "node";
  id: number;
  layer: LayerInstance;
  inputs: Tensor[];
  pos: Pos;
  /** Set once inferred. */
  record: LayerRecord | null;
  issue: ShapeIssue | null;
  /** True when an input came from a failed layer: nothing was computed. */
  skipped: boolean;
}

export interface Tensor {
  id: number;
  /** null when it could not be computed (an earlier error). */
  shape: Shape | null;
  source: InputTensorSource | LayerNode;
  /** Which output of the source (recurrent layers with return_state have several). */
  index: number;
}

export interface ModelGraph {
  framework: Framework;
  kind: "sequential" | "functional";
  name: string;
  pos: Pos;
  inputs: Tensor[];
  outputs: Tensor[];
  /** Nodes in execution order, only those between the inputs and the outputs. */
  nodes: LayerNode[];
}
