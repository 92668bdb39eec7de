import type { BuildIssue, Problem } from "../model/problems.js";
import type { Pos } from "../parse/ast.js";
import type { EvalNote } from "../parse/eval-notes.js";
import { listWords } from "./format.js";
import { describeIssue } from "./shape-issue-text.js";

/** A problem worded for the reader, and the same as data for --json. */
export interface WordedProblem {
  severity: "error" | "warning" | "note";
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  layer: string | null;
  fix: string | null;
}

export function wordProblems(problems: Problem[]): WordedProblem[] {
  const out: WordedProblem[] = [];
  const proseLines = problems.filter((p) => p.kind === "skipped" && !p.line.looksLikeCode).length;
  for (const p of problems) {
    const worded = wordProblem(p);
    if (worded) out.push(worded);
  }
  if (proseLines > 0)
    out.push({
      severity: "note",
      code: "prose_skipped",
      message: `Read ${proseLines} line${proseLines === 1 ? "" : "s"} of prose around the code as text, not code.`,
      line: null,
      column: null,
      layer: null,
      fix: null,
    });
  const rank = { error: 0, warning: 1, note: 2 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

function at(pos: Pos | null): { line: number | null; column: number | null } {
  return pos && pos.line > 0 ? { line: pos.line, column: pos.column } : { line: null, column: null };
}

function wordProblem(p: Problem): WordedProblem | null {
  switch (p.kind) {
    case "shape": {
      const { message, fix } = describeIssue(p.issue, p.layer);
      return { severity: p.severity, code: p.issue.code, message, fix, layer: p.layer, ...at(p.pos) };
    }
    case "build": {
      const { message, fix } = describeBuildIssue(p.issue);
      return { severity: p.severity, code: p.issue.code, message, fix, layer: null, ...at(p.pos) };
    }
    case "eval": {
      const message = describeEvalNote(p.note);
      return { severity: "note", code: p.note.code, message, fix: null, layer: null, ...at(p.note.pos) };
    }
    case "skipped":
      if (!p.line.looksLikeCode) return null;
      return {
        severity: "warning",
        code: "line_skipped",
        message: `Skipped a line I could not read as Python (${p.line.reason}): ${p.line.text}`,
        fix: null,
        layer: null,
        line: p.line.line,
        column: p.line.column,
      };
  }
}

export function describeBuildIssue(issue: BuildIssue): { message: string; fix: string | null } {
  switch (issue.code) {
    case "missing_arg":
      return {
        message: `${issue.className}() needs the argument '${issue.arg}'.`,
        fix: `Give ${issue.className} its ${issue.arg}.`,
      };
    case "bad_arg":
      return {
        message: `${issue.className}(${issue.arg}=${issue.got}): expected ${issue.expected}.`,
        fix: null,
      };
    case "unknown_layer":
      return {
        message: `${issue.className} is not a Keras layer I know (a custom layer?): its output shape is unknown; assumed it keeps its input shape.`,
        fix: null,
      };
    case "lambda_layer":
      return {
        message: `Lambda layer: its output shape cannot be known without running it; assumed it keeps its input shape.`,
        fix: "Give Lambda an output_shape=… to make it exact.",
      };
    case "old_model_kwargs":
      return {
        message: `Model(${issue.used.map((k) => `${k}=`).join(", ")}) is the Keras 1 spelling; answered as inputs=/outputs=. Keras 3 only accepts inputs= and outputs=.`,
        fix: "Write Model(inputs=…, outputs=…).",
      };
    case "input_length_keras2":
      return {
        message: `Embedding(input_length=${issue.length}): Keras 2 builds the model on (None, ${issue.length}); Keras 3 ignores input_length. Answered as Keras 2 would.`,
        fix: `In Keras 3 write keras.Input(shape=(${issue.length},)) first.`,
      };
    case "no_input_shape":
      return {
        message: `The code gives no input shape, so sizes are symbolic: assumed input ${issue.assumed}.`,
        fix: "Add input_shape=(…) to the first layer, start with keras.Input(shape=(…)), or pass --input.",
      };
    case "input_override":
      return {
        message: `Answered for the input shape you gave, ${issue.given}${issue.code_shape ? `, instead of the code's ${issue.code_shape}` : ""}.`,
        fix: null,
      };
    case "other_models":
      return {
        message: `The code builds other models too (${listWords(issue.names)}); this answer is for the last one built or summarised.`,
        fix: null,
      };
    case "too_many_layers":
      return {
        message: `The model has more than ${issue.limit.toLocaleString("en-US")} layer calls; stopped there.`,
        fix: null,
      };
  }
}

function describeEvalNote(note: EvalNote): string {
  switch (note.code) {
    case "unknown_condition":
      return "A condition depends on a value I cannot know; assumed it is true.";
    case "unknown_loop":
      return "A loop runs over values I cannot know (data, a file…); skipped its body.";
    case "step_budget":
      return `Stopped reading the code after ${note.steps.toLocaleString("en-US")} steps (a loop too long to follow).`;
    case "depth_budget":
      return `Stopped at a call chain ${note.depth} deep (recursion?).`;
    case "collection_budget":
      return `Stopped at a list of more than ${note.size.toLocaleString("en-US")} items.`;
    case "python_error":
      return `Python would fail here: ${note.detail}.`;
    case "layer_budget":
      return `Stopped reading the code after it created ${note.limit.toLocaleString("en-US")} layers.`;
  }
}
