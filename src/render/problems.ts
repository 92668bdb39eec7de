import type { ProblemFixes } from "../diagnose/check-fixes.js";
import type { Problem } from "../model/problems.js";
import type { Pos } from "../parse/ast.js";
import type { Locale } from "./locale/locale.js";

/** A problem worded for the reader, and the same as data for --json. */
export interface WordedProblem {
  severity: "error" | "warning" | "note";
  code: string;
  message: string;
  line: number | null;
  column: number | null;
  layer: string | null;
  fix: string | null;
  /** Fixes applied to the user's code and checked by analysing it again (shape errors, some warnings). */
  checked?: ProblemFixes;
}

export function wordProblems(
  problems: Problem[],
  loc: Locale,
  fixes: ReadonlyMap<Problem, ProblemFixes> = new Map(),
): WordedProblem[] {
  const out: WordedProblem[] = [];
  const proseLines = problems.filter((p) => p.kind === "skipped" && !p.line.looksLikeCode).length;
  for (const p of problems) {
    const worded = wordProblem(p, loc);
    const checked = fixes.get(p);
    if (worded) out.push(checked ? { ...worded, checked } : worded);
  }
  if (proseLines > 0)
    out.push({
      severity: "note",
      code: "prose_skipped",
      message: loc.proseSkipped(proseLines),
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

function wordProblem(p: Problem, loc: Locale): WordedProblem | null {
  switch (p.kind) {
    case "shape": {
      const { message, fix } = loc.shapeIssue(p.issue, p.layer);
      return { severity: p.severity, code: p.issue.code, message, fix, layer: p.layer, ...at(p.pos) };
    }
    case "build": {
      const { message, fix } = loc.buildIssue(p.issue);
      return { severity: p.severity, code: p.issue.code, message, fix, layer: null, ...at(p.pos) };
    }
    case "eval": {
      const message = loc.evalNote(p.note);
      return { severity: "note", code: p.note.code, message, fix: null, layer: null, ...at(p.note.pos) };
    }
    case "skipped":
      if (!p.line.looksLikeCode) return null;
      return {
        severity: "warning",
        code: "line_skipped",
        message: loc.skippedLine(p.line.reason, p.line.text),
        fix: null,
        layer: null,
        line: p.line.line,
        column: p.line.column,
      };
  }
}
