import { analyzeMessage, type CodeContext } from "../core/analyze-code.js";
import type { Analysis } from "../model/analysis.js";
import type { Problem } from "../model/problems.js";
import type { Shape } from "../model/shape.js";
import { type Candidate, candidatesFor, type ShapeProblem } from "./fix-candidates.js";
import { applyEdits, patchOf } from "./source-edit.js";

// Fixes that are proven, not guessed: each candidate is applied to the user's message, the
// patched message is analysed again from scratch, and only a fix after which every layer fits is
// kept. A fix that moves the error one layer on may take one more step (view(x.size(0), -1)
// and then the Linear after it), shown as two hunks.

export interface Hunk {
  /** First line of the hunk in the message it applies to. */
  line: number;
  before: string[];
  after: string[];
}

export interface CheckedFix {
  hunks: Hunk[];
  cost: number;
  /** The whole message with the fix made (what was analysed again). */
  patched: string;
}

export interface ProblemFixes {
  /** Smallest first; the first is the fix, the others alternatives. */
  fixes: CheckedFix[];
  /** A window layer shrank the input to nothing: the smallest input every layer accepts (checked). */
  minInput: { side: number; shape: Shape; framework: "keras" | "pytorch" } | null;
}

const MAX_MESSAGE = 64 * 1024;
const MAX_TRIES = 10;
/** Whole-message analyses the fix search may run, and for how long: a big model stays fast. */
const MAX_ANALYSES = 60;
const MAX_SEARCH_MS = 1_500;

interface SearchBudget {
  analyses: number;
  deadline: number;
}

/** The patched message analysed again, or null when it fails or the budget is spent. */
function analyzeWithin(budget: SearchBudget, message: string, context: CodeContext): Analysis | null {
  if (budget.analyses <= 0 || performance.now() > budget.deadline) return null;
  budget.analyses--;
  return safely(() => analyzeMessage(message, context));
}
const MAX_SHOWN = 3;
const MAX_SIDE = 8192;
const FIXABLE_WARNINGS = new Set(["dense_on_high_rank"]);

export function checkFixes(
  message: string,
  analysis: Analysis,
  context: CodeContext,
): Map<Problem, ProblemFixes> {
  const out = new Map<Problem, ProblemFixes>();
  if (message.length > MAX_MESSAGE) return out;
  const budget: SearchBudget = { analyses: MAX_ANALYSES, deadline: performance.now() + MAX_SEARCH_MS };
  const targets = [
    analysis.problems.find((p): p is ShapeProblem => p.kind === "shape" && p.severity === "error"),
    analysis.problems.find(
      (p): p is ShapeProblem =>
        p.kind === "shape" && p.severity === "warning" && FIXABLE_WARNINGS.has(p.issue.code),
    ),
  ];
  for (const problem of targets) {
    if (!problem) continue;
    const fixes = proven(message, analysis, problem, context, 1, budget);
    const minInput =
      problem.issue.code === "non_positive_output" ? smallestInput(message, analysis, context, budget) : null;
    if (fixes.length > 0 || minInput) out.set(problem, { fixes: fixes.slice(0, MAX_SHOWN), minInput });
  }
  return out;
}

function proven(
  message: string,
  analysis: Analysis,
  problem: ShapeProblem,
  context: CodeContext,
  stepsLeft: number,
  budget: SearchBudget,
): CheckedFix[] {
  const layer = analysis.layers.find(
    (l) => l.name === problem.layer && l.pos.line === problem.pos.line && l.pos.column === problem.pos.column,
  );
  if (!layer?.node) return [];
  const candidates = candidatesFor({ message, analysis, problem, layer, node: layer.node }).slice(
    0,
    MAX_TRIES,
  );
  const out: CheckedFix[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (overlapping(candidate)) continue;
    const patched = applyEdits(message, candidate.edits);
    if (patched === message || seen.has(patched)) continue;
    seen.add(patched);
    const after = analyzeWithin(budget, patched, context);
    const verdict = judge(analysis, after, problem);
    const hunk = patchOf(message, candidate.edits);
    if (verdict === "fits") out.push({ hunks: [hunk], cost: candidate.cost, patched });
    else if (verdict === "moved" && after && stepsLeft > 0) {
      const next = after.problems.find(
        (p): p is ShapeProblem => p.kind === "shape" && p.severity === "error",
      );
      const then = next ? proven(patched, after, next, context, stepsLeft - 1, budget)[0] : undefined;
      if (!then) continue;
      // Line numbers of the second step are the patched message's: the same as the user's when
      // the first step added or removed no line, and then the hunks read best in line order.
      const hunks = [hunk, ...then.hunks];
      if (hunk.before.length === hunk.after.length) hunks.sort((x, y) => x.line - y.line);
      out.push({ hunks, cost: candidate.cost + then.cost + 1, patched: then.patched });
    }
  }
  return out.sort((a, b) => a.cost - b.cost);
}

/** "fits": every layer fits; "moved": this problem is gone but a later layer now fails; else "no". */
function judge(before: Analysis, after: Analysis | null, problem: ShapeProblem): "fits" | "moved" | "no" {
  if (!after || after.layers.length === 0) return "no";
  const errors = (a: Analysis) =>
    a.problems.filter((p) => (p.kind === "shape" || p.kind === "build") && p.severity === "error");
  const buildErrors = (a: Analysis) => errors(a).filter((p) => p.kind === "build").length;
  if (buildErrors(after) > buildErrors(before)) return "no";
  const shapeErrors = errors(after).filter((p) => p.kind === "shape");
  const sameWarning =
    problem.severity === "warning" &&
    after.problems.some((p) => p.kind === "shape" && p.issue.code === problem.issue.code);
  if (shapeErrors.length === 0 && !sameWarning) return "fits";
  const first = shapeErrors[0];
  const stillHere =
    first &&
    first.kind === "shape" &&
    first.layer === problem.layer &&
    first.issue.code === problem.issue.code;
  return problem.severity === "error" && !stillHere && first && first.pos.line >= problem.pos.line
    ? "moved"
    : "no";
}

function overlapping(c: Candidate): boolean {
  const sorted = [...c.edits].sort((a, b) => a.start - b.start);
  return sorted.some((e, i) => i > 0 && e.start < (sorted[i - 1] as { end: number }).end);
}

function safely<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/**
 * The smallest square input (same channels and batch) for which every layer fits, found by
 * doubling then bisecting with the whole model analysed at each size, and checked at the end.
 */
function smallestInput(
  message: string,
  analysis: Analysis,
  context: CodeContext,
  budget: SearchBudget,
): ProblemFixes["minInput"] {
  const input = analysis.inputs.length === 1 ? analysis.inputs[0]?.shape : undefined;
  if (!input || input.length < 3 || input.length > 5) return null;
  const torch = analysis.framework === "pytorch";
  const [from, to] = torch ? [2, input.length - 1] : [1, input.length - 2];
  const current = input[from];
  if (typeof current !== "number") return null;
  const withSide = (side: number): Shape => input.map((d, i) => (i >= from && i <= to ? side : d));
  const fits = (side: number): boolean => {
    const shape = withSide(side);
    const override = torch ? shape : shape.slice(1);
    if (override.some((d) => typeof d === "string")) return false;
    const after = analyzeWithin(budget, message, {
      ...context,
      inputOverride: override as (number | null)[],
    });
    return (
      after !== null &&
      after.layers.length > 0 &&
      after.problems.every((p) => !((p.kind === "shape" || p.kind === "build") && p.severity === "error"))
    );
  };
  let high = Math.max(2, current * 2);
  while (!fits(high)) {
    high *= 2;
    if (high > MAX_SIDE) return null;
  }
  // Bisect between the current (too small) size and one that fits; strides can make "fits" not
  // monotone, so the few sizes just below the answer are checked one by one as well.
  let low = current;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (fits(mid)) high = mid;
    else low = mid;
  }
  for (let side = high - 1; side > Math.max(current, high - 8); side--) if (fits(side)) high = side;
  // Out of budget midway, "smallest" could be wrong: say nothing rather than something unchecked.
  if (budget.analyses <= 0 || performance.now() > budget.deadline) return null;
  return { side: high, shape: withSide(high), framework: analysis.framework };
}
