import type { Pos } from "../parse/ast.js";
import type { LayerRecord } from "../shape/rule.js";
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
}

export interface AnalyzedInput {
  name: string;
  shape: Shape;
  pos: Pos | null;
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
}
