import type { Pos, SkippedLine } from "../parse/ast.js";
import type { EvalNote } from "../parse/eval-notes.js";
import type { ShapeIssue } from "../shape/issues.js";

/** Problems found while reading a layer's arguments (coded; worded in render/). */
export type BuildIssue =
  | { code: "missing_arg"; className: string; arg: string }
  | { code: "bad_arg"; className: string; arg: string; got: string; expected: string }
  | { code: "unknown_layer"; className: string; framework?: "keras" | "pytorch" }
  | { code: "lambda_layer"; className: string }
  | { code: "old_model_kwargs"; used: string[] }
  | { code: "input_length_keras2"; length: number }
  | { code: "no_input_shape"; assumed: string }
  | { code: "input_override"; given: string; code_shape: string | null }
  | { code: "other_models"; names: string[] }
  | { code: "too_many_layers"; limit: number }
  /** A tensor method or torch function shapebot does not follow: what comes after is unknown. */
  | { code: "torch_unknown_op"; name: string }
  /** Symbolic sizes: the smallest square input for which no axis shrinks to nothing. */
  | { code: "smallest_input"; side: number; vars: string[] }
  /** PyTorch: where the traced input came from when the code did not call the model itself. */
  | {
      code: "torch_input";
      source: "code" | "torchsummary" | "torchinfo" | "prose" | "option" | "symbolic";
      shape: string;
    };

export type Problem =
  | {
      kind: "shape";
      severity: "error" | "warning";
      issue: ShapeIssue;
      layer: string;
      className: string;
      pos: Pos;
    }
  | { kind: "build"; severity: "error" | "warning" | "note"; issue: BuildIssue; pos: Pos | null }
  | { kind: "eval"; note: EvalNote }
  | { kind: "skipped"; line: SkippedLine };
