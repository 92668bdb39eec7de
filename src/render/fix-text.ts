import type { CheckedFix, Hunk } from "../diagnose/check-fixes.js";
import type { Locale } from "./locale/locale.js";

// A checked fix as the reader sees it: the user's own lines, before and after, as a diff; the
// other fixes that also check out, one short phrase each.

/** `@@ line 11 @@`, then `- old` / `+ new` lines, the indentation they share removed. */
export function diffLines(fix: CheckedFix): string[] {
  return fix.hunks.flatMap((h) => {
    const indent = sharedIndent([...h.before, ...h.after]);
    return [
      `@@ line ${h.line} @@`,
      ...h.before.map((l) => `- ${l.slice(indent)}`),
      ...h.after.map((l) => `+ ${l.slice(indent)}`),
    ];
  });
}

/** One phrase per hunk: "line 11 → `nn.LazyLinear(120)`", "add `…` before line 20". */
export function alternativeText(fix: CheckedFix, loc: Locale): string {
  return fix.hunks.map((h) => loc.reply.alternative(change(h))).join(" + ");
}

function change(h: Hunk): { kind: "replace" | "insert" | "remove"; line: number; code: string } {
  if (h.after.length === 0) return { kind: "remove", line: h.line, code: code(h.before[0] ?? "") };
  if (h.after.length === h.before.length + 1 && h.after.at(-1) === h.before.at(-1))
    return { kind: "insert", line: h.line, code: code(h.after[0] ?? "") };
  return { kind: "replace", line: h.line, code: h.after.map(code).join(" ") };
}

/** A line as a short phrase quotes it: trimmed, without its trailing comment. */
function code(line: string): string {
  return line.replace(/\s+#[^'"]*$/, "").trim();
}

function sharedIndent(lines: string[]): number {
  const indents = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
  return indents.length === 0 ? 0 : Math.min(...indents);
}
