import type { Pos } from "../parse/ast.js";

// Edits of the user's own message: a call found by the position the parser gave it, its
// arguments as text spans, and replacements applied to the whole message so it can be analysed
// again. Positions are 1-based lines and columns (UTF-16 code units), as the parser reports them.

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface ArgSpan {
  /** Keyword name, or null for a positional argument. */
  name: string | null;
  start: number;
  end: number;
  /** Where the value starts (after `name=`). */
  valueStart: number;
}

export interface CallSpan {
  /** The callee as written ("nn.Linear", "layers.Dense"), from `start` to `open`. */
  callee: string;
  start: number;
  /** Offsets of "(" and ")". */
  open: number;
  close: number;
  args: ArgSpan[];
}

export function offsetOf(message: string, pos: Pos): number {
  let offset = 0;
  for (let line = 1; line < pos.line; line++) {
    const next = message.indexOf("\n", offset);
    if (next < 0) return message.length;
    offset = next + 1;
  }
  return Math.min(message.length, offset + pos.column - 1);
}

/** The line (1-based) an offset is on. */
export function lineAt(message: string, offset: number): number {
  let line = 1;
  for (let i = message.indexOf("\n"); i >= 0 && i < offset; i = message.indexOf("\n", i + 1)) line++;
  return line;
}

export function lineText(message: string, line: number): string {
  return message.split("\n")[line - 1] ?? "";
}

/** The call whose callee starts at `pos` (`nn.Linear(16 * 4 * 4, 120)`), or null. */
export function callAt(message: string, pos: Pos): CallSpan | null {
  const start = offsetOf(message, pos);
  const head = /^[A-Za-z_][\w.]*\s*\(/.exec(message.slice(start, start + 200));
  if (!head) return null;
  const open = start + head[0].length - 1;
  const args: ArgSpan[] = [];
  let depth = 0;
  let argStart = open + 1;
  for (let i = open + 1; i < message.length; i++) {
    const c = message[i] as string;
    if (c === "'" || c === '"') {
      i = stringEnd(message, i);
      continue;
    }
    if (c === "#") {
      const nl = message.indexOf("\n", i);
      i = nl < 0 ? message.length : nl;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      pushArg(message, args, argStart, i);
      argStart = i + 1;
    } else if (c === ")" && depth === 0) {
      pushArg(message, args, argStart, i);
      return { callee: head[0].slice(0, -1).trim(), start, open, close: i, args };
    }
  }
  return null;
}

function stringEnd(s: string, i: number): number {
  const quote = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === "\\") j++;
    else if (s[j] === quote || s[j] === "\n") return j;
  }
  return s.length;
}

function pushArg(message: string, args: ArgSpan[], from: number, to: number): void {
  const raw = message.slice(from, to);
  if (raw.trim() === "") return;
  const start = from + (raw.length - raw.trimStart().length);
  const end = to - (raw.length - raw.trimEnd().length);
  const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(message.slice(start, end));
  args.push({
    name: kw ? (kw[1] as string) : null,
    start,
    end,
    valueStart: kw ? start + kw[0].length : start,
  });
}

/** The argument given for `name` (or at position `index` among the positional ones). */
export function findArg(call: CallSpan, name: string, index: number): ArgSpan | null {
  const byName = call.args.find((a) => a.name === name);
  if (byName) return byName;
  const positional = call.args.filter((a) => a.name === null);
  return index >= 0 && index < positional.length ? (positional[index] as ArgSpan) : null;
}

/** Sets an argument's value, keeping its keyword if it had one; adds it as a keyword if absent. */
export function setArg(call: CallSpan, name: string, index: number, value: string): Edit {
  const arg = findArg(call, name, index);
  if (arg) return { start: arg.valueStart, end: arg.end, text: value };
  const last = call.args.at(-1);
  const at = last ? last.end : call.open + 1;
  return { start: at, end: at, text: `${last ? ", " : ""}${name}=${value}` };
}

/** Drops an argument with the comma that separates it. */
export function dropArg(call: CallSpan, arg: ArgSpan): Edit {
  const i = call.args.indexOf(arg);
  const next = call.args[i + 1];
  if (next) return { start: arg.start, end: next.start, text: "" };
  const prev = call.args[i - 1];
  return { start: prev ? prev.end : arg.start, end: arg.end, text: "" };
}

/** A new line before `line`, with the same indentation as that line. */
export function insertLineBefore(message: string, line: number, code: string): Edit {
  const at = offsetOf(message, { line, column: 1 });
  const indent = /^\s*/.exec(lineText(message, line))?.[0] ?? "";
  return { start: at, end: at, text: `${indent}${code}\n` };
}

export function deleteLine(message: string, line: number): Edit {
  const start = offsetOf(message, { line, column: 1 });
  const next = message.indexOf("\n", start);
  return { start, end: next < 0 ? message.length : next + 1, text: "" };
}

/** The message with the edits made (they must not overlap). */
export function applyEdits(message: string, edits: readonly Edit[]): string {
  let out = message;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Lines before and after, for a diff: the whole lines the edits touch, from the first to the last. */
export function patchOf(
  message: string,
  edits: readonly Edit[],
): { line: number; before: string[]; after: string[] } {
  const first = Math.min(...edits.map((e) => e.start));
  const last = Math.max(...edits.map((e) => e.end));
  const from = offsetOf(message, { line: lineAt(message, first), column: 1 });
  const lineEnd = message.indexOf("\n", Math.max(last - 1, first));
  const to = lineEnd < 0 ? message.length : lineEnd;
  const before = message.slice(from, to);
  const shifted = edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from }));
  const after = applyEdits(before, shifted);
  const strip = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
  return { line: lineAt(message, from), before: strip(before), after: strip(after) };
}
