import type { Analysis } from "../model/analysis.js";
import type { Shape } from "../model/shape.js";
import { diffLines } from "./fix-text.js";
import type { WordedProblem } from "./problems.js";

/** The stable --json shape (DESIGN.md "--json"); other tools and tests depend on it. */
export interface JsonReply {
  framework: "keras" | "pytorch" | "plain";
  input: Shape | null;
  layers: JsonLayer[];
  output: Shape | Shape[] | null;
  totalParams: number | null;
  trainableParams: number | null;
  nonTrainableParams: number | null;
  errors: JsonProblem[];
  warnings: JsonProblem[];
  notes: string[];
  reply: string;
  /** With an image: the PNGs attached to the reply (the CLI writes them to --out). */
  images?: { name: string; caption: string; bytes: number }[];
}

export interface JsonLayer {
  name: string;
  type: string;
  outputShape: Shape | Shape[] | null;
  params: number | null;
  trainable: number | null;
  macs: number | null;
  line: number | null;
  status: "ok" | "error";
}

export interface JsonProblem {
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  layer: string | null;
  /** A checked patch of the user's code as diff text (`@@ line 11 @@`, `- …`, `+ …`), else advice or null. */
  fix: string | null;
  /** True when `fix` is a patch that was applied and the model analysed again: every layer then fits. */
  fixChecked: boolean;
  /** Other checked patches, smallest change first. */
  alternatives: string[];
  /** The smallest input every layer accepts, when a layer shrank the input to nothing. */
  minInput: Shape | null;
}

function oneOrMany(shapes: Shape[]): Shape | Shape[] | null {
  if (shapes.length === 0) return null;
  return shapes.length === 1 ? (shapes[0] as Shape) : shapes;
}

export function jsonReply(analysis: Analysis | null, problems: WordedProblem[], reply: string): JsonReply {
  const strip = ({ severity: _s, checked, ...rest }: WordedProblem): JsonProblem => {
    const [best, ...others] = checked?.fixes ?? [];
    return {
      ...rest,
      fix: best ? diffLines(best).join("\n") : rest.fix,
      fixChecked: best !== undefined,
      alternatives: others.map((f) => diffLines(f).join("\n")),
      minInput: checked?.minInput?.shape ?? null,
    };
  };
  const errors = problems.filter((p) => p.severity === "error").map(strip);
  const warnings = problems.filter((p) => p.severity === "warning").map(strip);
  const notes = problems.filter((p) => p.severity === "note").map((p) => p.message);
  if (!analysis)
    return {
      framework: "plain",
      input: null,
      layers: [],
      output: null,
      totalParams: null,
      trainableParams: null,
      nonTrainableParams: null,
      errors,
      warnings,
      notes,
      reply,
    };
  return {
    framework: analysis.framework,
    input: analysis.inputs[0]?.shape ?? null,
    layers: analysis.layers.map((l) => ({
      name: l.name,
      type: l.className,
      outputShape: oneOrMany(l.outputShapes),
      params:
        l.params.trainable === null || l.params.nonTrainable === null
          ? null
          : l.params.trainable + l.params.nonTrainable,
      trainable: l.params.trainable,
      macs: l.macs,
      line: l.pos.line > 0 ? l.pos.line : null,
      status: l.status === "error" ? "error" : "ok",
    })),
    output: oneOrMany(analysis.outputs),
    totalParams: analysis.totals.params,
    trainableParams: analysis.totals.trainable,
    nonTrainableParams: analysis.totals.nonTrainable,
    errors,
    warnings,
    notes,
    reply,
  };
}
