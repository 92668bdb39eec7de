import type { LayerInstance, LayerNode, Tensor } from "../model/graph.js";
import type { Framework } from "../model/layer-config.js";
import type { Shape } from "../model/shape.js";
import type { Pos } from "../parse/ast.js";
import { inferLayer } from "./registry.js";
import type { RuleResult } from "./rule.js";

// Records the layer graph as the user's code calls layers on tensors, inferring each node at
// once (as Keras' functional API does), so `x.shape` is known to the code that follows.

export class GraphBuilder {
  private nextTensor = 0;
  private nextNode = 0;
  readonly nodes: LayerNode[] = [];

  constructor(
    readonly framework: Framework,
    private readonly maxNodes: number,
  ) {}

  get full(): boolean {
    return this.nodes.length >= this.maxNodes;
  }

  input(name: string, shape: Shape, pos: Pos): Tensor {
    return { id: this.nextTensor++, shape, source: { kind: "input", name, pos }, index: 0 };
  }

  /** Calls `layer` on `inputs`; the outputs carry shape null after an error upstream or here. */
  /**
   * `preset` is a result computed elsewhere: a whole model used as a layer (Keras shows it as one
   * row, its inner layers computed on their own).
   */
  call(layer: LayerInstance, inputs: Tensor[], pos: Pos, buildFailed = false, preset?: RuleResult): Tensor[] {
    const node: LayerNode = {
      kind: "node",
      id: this.nextNode++,
      layer,
      inputs,
      pos,
      record: null,
      issue: null,
      skipped: false,
    };
    this.nodes.push(node);
    const shapes = inputs.map((t) => t.shape);
    if (buildFailed || shapes.some((s) => s === null)) {
      node.skipped = !buildFailed;
      return [this.output(node, null, 0)];
    }
    let result = preset ?? inferLayer(layer.config, shapes as Shape[], this.framework);
    if (!result.ok && result.issue.code === "unknown_output_shape")
      result = assumeShapeKept(layer, shapes as Shape[]);
    if (!result.ok) {
      node.issue = result.issue;
      return [this.output(node, null, 0)];
    }
    node.record = result.record;
    if (layer.record === null) {
      layer.record = result.record;
      layer.builtWith = shapes as Shape[];
    }
    return result.record.outputs.map((shape, i) => this.output(node, shape, i));
  }

  private output(node: LayerNode, shape: Shape | null, index: number): Tensor {
    return { id: this.nextTensor++, shape, source: node, index };
  }
}

/**
 * A Lambda without output_shape or a layer we do not know: the reply says so (a build problem)
 * and carries on as if it kept its input shape, so the rest of the model still computes.
 */
function assumeShapeKept(layer: LayerInstance, inputs: Shape[]): RuleResult {
  const lambda = layer.config.kind === "opaque" && layer.config.reason === "lambda";
  return {
    ok: true,
    record: {
      outputs: [inputs[0] ?? []],
      params: lambda ? { trainable: 0, nonTrainable: 0 } : { trainable: null, nonTrainable: null },
      macs: null,
      geometry: null,
      steps: [],
      warnings: [],
      assumed: true,
    },
  };
}

/** The nodes that lie between `inputs` and `outputs`, in execution order. */
export function nodesBetween(outputs: Tensor[]): LayerNode[] {
  const seen = new Set<number>();
  const stack: Tensor[] = [...outputs];
  const found: LayerNode[] = [];
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    if (t.source.kind !== "node" || seen.has(t.source.id)) continue;
    seen.add(t.source.id);
    found.push(t.source);
    for (const i of t.source.inputs) stack.push(i);
  }
  return found.sort((a, b) => a.id - b.id);
}

/** The model inputs that feed `outputs`. */
export function inputsOf(outputs: Tensor[]): Tensor[] {
  const seen = new Set<number>();
  const stack: Tensor[] = [...outputs];
  const found: Tensor[] = [];
  while (stack.length > 0) {
    const t = stack.pop() as Tensor;
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    if (t.source.kind === "input") found.push(t);
    else for (const i of t.source.inputs) stack.push(i);
  }
  return found.sort((a, b) => a.id - b.id);
}
