import type { Framework, LayerConfig, LayerKind } from "../model/layer-config.js";
import type { Shape } from "../model/shape.js";
import type { ShapeIssue } from "./issues.js";
import type { Step } from "./steps.js";

/** What a rule is given: the normalised config and the shapes flowing in (batch axis first). */
export interface RuleInput<C extends LayerConfig> {
  config: C;
  inputs: Shape[];
  framework: Framework;
}

/** Per spatial axis of a conv/pool-like layer: the one record the table, explanation and conv engine read. */
export interface AxisGeometry {
  axis: string; // "height", "width", "depth", "length"
  input: Shape[number];
  kernel: number;
  dilation: number;
  kEff: number;
  stride: number;
  padBefore: number | null; // null when the input size is unknown and 'same' padding depends on it
  padAfter: number | null;
  output: Shape[number];
}

export interface LayerRecord {
  /** Usually one output; recurrent layers with return_state give several. */
  outputs: Shape[];
  params: { trainable: number | null; nonTrainable: number | null };
  /** Multiply-accumulates, bias excluded (fvcore / ptflops convention); null when unknown. */
  macs: number | null;
  geometry: AxisGeometry[] | null;
  steps: Step[];
  /** Problems the framework would not raise but a reader should know (e.g. Dense on a 4-D tensor). */
  warnings: ShapeIssue[];
  /** True when the output shape is an assumption (a layer whose shape cannot be known). */
  assumed?: boolean;
}

export type RuleResult = { ok: true; record: LayerRecord } | { ok: false; issue: ShapeIssue };

export interface LayerRule<C extends LayerConfig> {
  kind: C["kind"];
  infer(input: RuleInput<C>): RuleResult;
}

export type RuleTable = { [K in LayerKind]: LayerRule<Extract<LayerConfig, { kind: K }>> };
