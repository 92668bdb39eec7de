import type { Pos } from "./ast.js";

/** Things the evaluator assumed or gave up on, worded at the edge (render/notes). */
export type EvalNote =
  | { code: "unknown_condition"; pos: Pos; assumed: boolean }
  | { code: "unknown_loop"; pos: Pos }
  | { code: "step_budget"; pos: Pos; steps: number }
  | { code: "depth_budget"; pos: Pos; depth: number }
  | { code: "collection_budget"; pos: Pos; size: number }
  | { code: "python_error"; pos: Pos; detail: string }
  | { code: "layer_budget"; pos: Pos; limit: number };
