// Entry point of the Python parser: a whole chat message in, statements and skipped lines out.
// Each logical line gets its own nearley parser, fed one token at a time under a state budget;
// blocks (def, class, if/elif/else, for, while, with, try) are then assembled from indentation.
// Nothing here throws on user input, and nearley's raw error text never leaves this file.
import nearley from "nearley";
import type { Expr, ParsedModule, Pos, SkippedLine, Stmt } from "./ast.js";
import { type CodeBlock, extractCode, looksLikeCode, looksLikeOutput } from "./extract-code.js";
import grammar, { type Header, type LineResult } from "./generated/python-grammar.js";
import { type LineCursor, type LineEvent, LogicalLines, MAX_NESTING } from "./logical-lines.js";
import { type PyToken, TYPE_SET } from "./python-lexer.js";
import { TokenFeeder } from "./token-feeder.js";

export interface ParseOptions {
  /**
   * The most Earley states a single token may produce (`parser.table[i].states.length`); a line
   * that goes over is skipped as "too complex". Real model code stays in the low hundreds.
   */
  maxStatesPerLine?: number;
  /** Earley states for the whole message; past it the rest of the message is skipped. */
  maxTotalStates?: number;
}

export const DEFAULT_MAX_STATES_PER_LINE = 20_000;
export const DEFAULT_MAX_TOTAL_STATES = 30_000_000;
/** Longer messages are cut (at a line break) before parsing. */
export const MAX_MESSAGE_CHARS = 1_000_000;
/** A runaway logical line (a right-recursive chain such as 2**2**2**…) stops here. */
const MAX_LINE_STATES = 5_000_000;
/** How far a failed multi-line statement is scanned for its end before giving up on it. */
const MAX_SCAN_LINES = 2_000;

const GRAMMAR = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);

/** Parses every code block of a chat message. Never throws. */
export function parseMessage(message: string, options: ParseOptions = {}): ParsedModule {
  const skipped: SkippedLine[] = [];
  const body: Stmt[] = [];
  const budget: Budget = {
    perToken: options.maxStatesPerLine ?? DEFAULT_MAX_STATES_PER_LINE,
    total: options.maxTotalStates ?? DEFAULT_MAX_TOTAL_STATES,
    used: 0,
    ambiguous: 0,
  };
  try {
    let text = typeof message === "string" ? message : "";
    if (text.length > MAX_MESSAGE_CHARS) {
      const cut = text.lastIndexOf("\n", MAX_MESSAGE_CHARS);
      text = text.slice(0, cut > 0 ? cut : MAX_MESSAGE_CHARS);
      const line = countLines(text) + 1;
      skipped.push(skip({ line, column: 1 }, "the message is too long; I stopped reading here", "", true));
    }
    for (const block of extractCode(text)) {
      const items = parseBlock(block, budget, skipped);
      body.push(...buildBlocks(items, skipped));
      if (budget.used > budget.total) break;
    }
  } catch {
    // Only a bug gets here; keep what was parsed and say something went wrong.
    skipped.push(
      skip({ line: 1, column: 1 }, "internal parser error; the rest of the message was not read", "", true),
    );
  }
  dedupe(skipped);
  return { body, skipped, ambiguousLines: budget.ambiguous };
}

interface Budget {
  perToken: number;
  total: number;
  used: number;
  /** Logical lines with more than one parse: always 0 unless the grammar has a bug (fuzzed). */
  ambiguous: number;
}

/** A parsed logical line and where it starts. */
interface Item {
  indent: number;
  result: LineResult;
  pos: Pos;
  text: string;
}

// ----------------------------------------------------------------------------- line by line

type Failure = {
  kind: "syntax" | "unclosed" | "too-deep" | "complex";
  reason: string;
  at: PyToken;
  lineIndex: number;
};
type Outcome =
  | { kind: "ok"; result: LineResult; first: PyToken; endLine: number }
  | { kind: "empty"; endLine: number }
  | { kind: "fail"; failure: Failure; cursor: LineCursor };

function parseBlock(block: CodeBlock, budget: Budget, skipped: SkippedLine[]): Item[] {
  const reader = new LogicalLines(block.lines);
  const items: Item[] = [];
  // Brackets already seen never to close: a retry that reaches one fails at once instead of
  // reading on to the end of the block again (which made unclosed input quadratic).
  const neverClosed = new Set<string>();
  let start = reader.findStart(0);
  while (start !== null) {
    if (budget.used > budget.total) {
      const pos = reader.position(start, 1);
      const reason = "the message is too long to analyse; I stopped reading here";
      skipped.push(skip({ line: pos.line, column: pos.col }, reason, reader.textOf(start), true));
      break;
    }
    if (looksLikeOutput(reader.textOf(start))) {
      const pos = reader.position(start, 1 + leadingSpace(reader.lines[start]?.text ?? ""));
      const reason = "this looks like program output (a summary table or a traceback), not code";
      skipped.push(skip({ line: pos.line, column: pos.col }, reason, reader.textOf(start), false));
      start = reader.findStart(start + 1);
      continue;
    }
    const outcome = parseLogicalLine(reader, start, budget, neverClosed);
    if (outcome.kind === "ok") {
      const pos = { line: outcome.first.line, column: outcome.first.col };
      items.push({ indent: reader.indentOf(start), result: outcome.result, pos, text: reader.textOf(start) });
      start = reader.findStart(outcome.endLine + 1);
    } else if (outcome.kind === "empty") {
      start = reader.findStart(outcome.endLine + 1);
    } else {
      if (outcome.failure.kind === "unclosed") neverClosed.add(tokenKey(outcome.failure.at));
      start = reader.findStart(recover(reader, start, outcome.failure, outcome.cursor, skipped));
    }
  }
  return items;
}

/**
 * The evaluator walks the tree recursively, so a line nested thousands deep (5,000 unary minus
 * signs, a 5,000-link attribute chain) would overflow its stack: such lines are refused. Chains of
 * binary operators (1+1+…+1) do not count, since the evaluator folds them in a loop.
 */
const MAX_TREE_DEPTH = 400;

/** Nesting depth of a syntax tree as the evaluator recurses into it, measured without recursion. */
function treeDepth(root: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (depth > max) max = depth;
    if (depth > MAX_TREE_DEPTH) return depth;
    if (Array.isArray(node)) {
      for (const item of node) stack.push([item, depth]);
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    const kind = (node as { kind?: unknown }).kind;
    for (const [key, value] of Object.entries(node)) {
      if (value === null || typeof value !== "object") continue;
      const sameChain =
        key === "left" &&
        (kind === "binop" || kind === "boolop") &&
        (value as { kind?: unknown }).kind === kind;
      stack.push([value, sameChain ? depth : depth + 1]);
    }
  }
  return max;
}

function tokenKey(token: PyToken): string {
  return `${token.line}:${token.col}`;
}

function parseLogicalLine(
  reader: LogicalLines,
  start: number,
  budget: Budget,
  neverClosed: Set<string>,
): Outcome {
  const cursor = reader.open(start);
  const feeder = new TokenFeeder<PyToken>(TYPE_SET);
  const parser = new nearley.Parser(GRAMMAR, { lexer: feeder });
  const table = (parser as unknown as { table: EarleyColumn[] }).table;
  let first: PyToken | null = null;
  let lineStates = 0;
  for (;;) {
    const event: LineEvent = cursor.next();
    if (event.kind === "unclosed") {
      const reason = `'${event.opener.text}' was never closed`;
      return fail("unclosed", reason, event.opener, event.lineIndex, cursor);
    }
    if (event.kind === "too-deep") {
      const reason = `brackets are nested more than ${MAX_NESTING} deep; I did not read this line`;
      return fail("too-deep", reason, event.token, event.lineIndex, cursor);
    }
    const token = event.token;
    if (neverClosed.has(tokenKey(token))) {
      return fail("unclosed", `'${token.text}' was never closed`, token, event.lineIndex, cursor);
    }
    if (event.kind === "end" && first === null) return { kind: "empty", endLine: cursor.lastLine };
    first ??= token;
    const column = table[parser.current];
    if (column === undefined || !accepts(column, token)) {
      return fail("syntax", describeError(column, token), token, event.lineIndex, cursor);
    }
    feeder.push(token);
    parser.feed("");
    const states = table[parser.current]?.states.length ?? 0;
    lineStates += states;
    budget.used += states;
    if (states > budget.perToken || lineStates > MAX_LINE_STATES) {
      const reason = "this line is too complex for me to analyse";
      return fail("complex", reason, first, event.lineIndex, cursor);
    }
    if (event.kind === "end") {
      const result = parser.results[0] as LineResult | undefined;
      if (result === undefined) return fail("syntax", "incomplete statement", token, event.lineIndex, cursor);
      if (parser.results.length > 1) budget.ambiguous++;
      if (treeDepth(result) > MAX_TREE_DEPTH) {
        const reason = `this line nests more than ${MAX_TREE_DEPTH} operations inside each other; I did not read it`;
        return fail("complex", reason, first, event.lineIndex, cursor);
      }
      return { kind: "ok", result, first, endLine: cursor.lastLine };
    }
  }
}

function fail(
  kind: Failure["kind"],
  reason: string,
  at: PyToken,
  lineIndex: number,
  cursor: LineCursor,
): Outcome {
  return { kind: "fail", failure: { kind, reason, at, lineIndex }, cursor };
}

/**
 * Records a failed logical line and returns the physical line to restart at. A statement that
 * reads as code up to an error on a later line, and whose brackets close, is skipped whole
 * (its inner lines are not statements); anything else skips only its first physical line, so a
 * prose line with an unbalanced "(" cannot swallow the code after it.
 */
function recover(
  reader: LogicalLines,
  start: number,
  failure: Failure,
  cursor: LineCursor,
  skipped: SkippedLine[],
): number {
  const startText = reader.textOf(start);
  const code = looksLikeCode(startText);
  const errorText = reader.textOf(failure.lineIndex);
  const at = { line: failure.at.line, column: failure.at.col };
  const laterLine = failure.lineIndex > start;
  if (
    (failure.kind === "syntax" || failure.kind === "complex") &&
    (laterLine || failure.kind === "complex") &&
    code
  ) {
    const end = scanToEnd(cursor, start);
    if (end !== null) {
      skipped.push(skip(at, failure.reason, failure.kind === "complex" ? startText : errorText, true));
      return end + 1;
    }
  }
  if (!laterLine || code) {
    skipped.push(skip(at, failure.reason, laterLine ? errorText : startText, laterLine ? true : code));
  } else {
    const pos = reader.position(start, 1 + leadingSpace(reader.lines[start]?.text ?? ""));
    skipped.push(skip({ line: pos.line, column: pos.col }, "this line is not Python code", startText, false));
  }
  // Too deep: every line up to the one that went too deep belongs to that one statement.
  return failure.kind === "too-deep" ? Math.max(start, failure.lineIndex) + 1 : start + 1;
}

/** Reads on to the end of the logical line; null when it never ends (an unclosed bracket). */
function scanToEnd(cursor: LineCursor, start: number): number | null {
  for (;;) {
    const event = cursor.next();
    if (event.kind === "end") return cursor.lastLine;
    if (event.kind !== "token" || event.lineIndex - start > MAX_SCAN_LINES) return null;
  }
}

// ----------------------------------------------------------------------------- errors

interface EarleyState {
  rule: { symbols: unknown[] };
  dot: number;
}
interface EarleyColumn {
  states: EarleyState[];
  scannable: EarleyState[];
}
type TokenTest = { type: string } | { literal: string } | { test: (token: unknown) => boolean };

function terminalOf(state: EarleyState): TokenTest | null {
  const symbol = state.rule.symbols[state.dot];
  return typeof symbol === "object" && symbol !== null ? (symbol as TokenTest) : null;
}

/** The check nearley makes before it would throw: does any state accept this token? */
function accepts(column: EarleyColumn, token: PyToken): boolean {
  for (const state of column.scannable) {
    const expect = terminalOf(state);
    if (expect === null) continue;
    if (
      "test" in expect
        ? expect.test(token)
        : "type" in expect
          ? expect.type === token.type
          : expect.literal === token.text
    )
      return true;
  }
  return false;
}

const EXPRESSION_START = new Set([
  "NAME",
  "NUMBER",
  "STRING",
  "(",
  "[",
  "{",
  "-",
  "+",
  "~",
  "not",
  "lambda",
  "None",
  "True",
  "False",
  "...",
  "*",
  "**",
]);
const OPERATORS = new Set([
  ".",
  "(",
  "[",
  "**",
  "*",
  "/",
  "//",
  "%",
  "@",
  "+",
  "-",
  "<<",
  ">>",
  "&",
  "^",
  "|",
  "if",
  "else",
  "for",
  "or",
  "and",
  "+=",
  "-=",
  "*=",
  "/=",
  "//=",
  "%=",
  "**=",
  "@=",
  "&=",
  "|=",
  "^=",
  "<<=",
  ">>=",
  "STRING",
]);
const COMPARISONS = new Set(["<", ">", "==", "!=", "<=", ">=", "in", "not", "is"]);
const ORDER = [",", ")", "]", "}", ":", "=", "in", "import", "as", "else", "EOL"];
/** Statement-level alternatives that only add noise after a complete expression (`x y`). */
const NOISE = new Set([";", "from"]);

/** "expected ',' or ')', found name 'x'" from the terminals the parser was waiting for. */
function describeError(column: EarleyColumn | undefined, token: PyToken): string {
  if (token.type === "BADSTRING") return "this string is never closed";
  if (token.type === "INVALID") return `the character ${showChar(token.text)} is not valid in Python`;
  const expected = new Set<string>();
  for (const state of column?.scannable ?? []) {
    const t = terminalOf(state);
    if (t !== null && !("test" in t)) expected.add("type" in t ? t.type : t.literal);
  }
  const parts: string[] = [];
  const expression = expected.has("NAME") && expected.has("NUMBER");
  const operators = [...expected].some(
    (e) => OPERATORS.has(e) && e !== "(" && e !== "[" && e !== "*" && e !== "**",
  );
  const comparisons = expected.has("<");
  if (expression) parts.push("an expression");
  for (const e of ORDER) {
    if (!expected.has(e)) continue;
    if (e === "in" && comparisons) continue;
    if (e === ":" && expected.has("=") && expected.has("EOL")) continue; // x: int annotations
    if (e === "else" && operators && !expected.has("EOL") && expected.has("if")) continue;
    parts.push(e === "EOL" ? "the end of the line" : `'${e}'`);
  }
  for (const e of expected) {
    if (ORDER.includes(e) || NOISE.has(e) || (expression && EXPRESSION_START.has(e))) continue;
    if ((operators && OPERATORS.has(e)) || (comparisons && COMPARISONS.has(e))) continue;
    if (e === "NAME") parts.push("a name");
    else if (parts.length < 4 && !["NUMBER", "STRING", "EOL"].includes(e)) parts.push(`'${e}'`);
  }
  const found = describeToken(token);
  if (parts.length === 0) return `unexpected ${found}`;
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} or ${parts[parts.length - 1]}`;
  return `expected ${list}, found ${found}`;
}

function showChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  return /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `'${c}' (${hex})` : hex;
}

function describeToken(token: PyToken): string {
  const text = token.text.length > 20 ? `${token.text.slice(0, 20)}…` : token.text;
  switch (token.type) {
    case "EOL":
      return "the end of the line";
    case "NAME":
      return `name '${text}'`;
    case "NUMBER":
      return `number ${text}`;
    case "STRING":
      return "a string";
    default:
      return `'${text}'`;
  }
}

// ----------------------------------------------------------------------------- blocks

type IfStmt = Extract<Stmt, { kind: "if" }>;
type LoopStmt = Extract<Stmt, { kind: "for" | "while" }>;
type TryStmt = Extract<Stmt, { kind: "try" }>;
type Tail =
  | { kind: "if"; node: IfStmt }
  | { kind: "loop"; node: LoopStmt }
  | { kind: "try"; node: TryStmt; stage: "try" | "except" | "else" };

interface Frame {
  indent: number;
  body: Stmt[];
  /** The compound statement an `elif`/`else`/`except`/`finally` at this level would continue. */
  tail: Tail | null;
}

/**
 * Assembles statements into blocks from indentation, as Python's INDENT/DEDENT would, but
 * forgiving: an unexpected indent joins the current block (its header was probably skipped),
 * and a header with no indented body keeps an empty body.
 */
function buildBlocks(items: Item[], skipped: SkippedLine[]): Stmt[] {
  const root: Frame = { indent: items[0]?.indent ?? 0, body: [], tail: null };
  const stack: Frame[] = [root];
  let pending: Stmt[] | null = null;
  let decorators: { expr: Expr; item: Item }[] = [];
  for (const item of items) {
    let top = stack[stack.length - 1] ?? root;
    if (pending !== null && item.indent > top.indent) {
      top = { indent: item.indent, body: pending, tail: null };
      stack.push(top);
    }
    pending = null;
    while (item.indent < top.indent && stack.length > 1) {
      stack.pop();
      top = stack[stack.length - 1] ?? root;
    }
    if (stack.length === 1 && item.indent < root.indent) root.indent = item.indent;
    const result = item.result;
    if (result.kind === "decorator") {
      decorators.push({ expr: result.expr, item });
      top.tail = null;
      continue;
    }
    if (result.kind === "header" && (result.header.kind === "def" || result.header.kind === "class")) {
      pending = openBody(
        top,
        result,
        decorators.map((d) => d.expr),
      );
      decorators = [];
      continue;
    }
    for (const d of decorators)
      skipped.push(
        skip(d.item.pos, "a decorator must come right before 'def' or 'class'", d.item.text, true),
      );
    decorators = [];
    if (result.kind === "simple") {
      top.body.push(...result.stmts);
      top.tail = null;
      continue;
    }
    const target = attach(top, result.header);
    if (target === null) {
      const reason = `'${result.header.kind}' without a matching ${MATCHING[result.header.kind] ?? "statement"}`;
      skipped.push(skip(item.pos, reason, item.text, true));
      if (result.inline !== null) top.body.push(...result.inline);
      continue;
    }
    if (result.inline !== null) target.push(...result.inline);
    else pending = target;
  }
  return root.body;
}

const MATCHING: Readonly<Record<string, string>> = {
  elif: "'if'",
  else: "'if', 'for', 'while' or 'try'",
  except: "'try'",
  finally: "'try'",
};

/** Adds a def or class and returns its body. */
function openBody(
  frame: Frame,
  line: Extract<LineResult, { kind: "header" }>,
  decorators: Expr[],
): Stmt[] | null {
  const h = line.header;
  const body: Stmt[] = [];
  if (h.kind === "def")
    frame.body.push({ kind: "def", name: h.name, params: h.params, body, decorators, pos: h.pos });
  else if (h.kind === "class")
    frame.body.push({ kind: "class", name: h.name, bases: h.bases, body, decorators, pos: h.pos });
  frame.tail = null;
  if (line.inline !== null) {
    body.push(...line.inline);
    return null;
  }
  return body;
}

/** Places a header in the frame (new statement or continuation of the tail); returns the body to fill. */
function attach(frame: Frame, h: Header): Stmt[] | null {
  const tail = frame.tail;
  switch (h.kind) {
    case "if":
    case "while":
    case "for": {
      const node: IfStmt | LoopStmt =
        h.kind === "for"
          ? { kind: "for", target: h.target, iter: h.iter, body: [], orelse: [], pos: h.pos }
          : { kind: h.kind, test: h.test, body: [], orelse: [], pos: h.pos };
      frame.body.push(node);
      frame.tail = node.kind === "if" ? { kind: "if", node } : { kind: "loop", node };
      return node.body;
    }
    case "with": {
      const body: Stmt[] = [];
      frame.body.push({ kind: "with", items: h.items, body, pos: h.pos });
      frame.tail = null;
      return body;
    }
    case "try": {
      const node: TryStmt = { kind: "try", body: [], handlers: [], orelse: [], finalbody: [], pos: h.pos };
      frame.body.push(node);
      frame.tail = { kind: "try", node, stage: "try" };
      return node.body;
    }
    case "elif": {
      if (tail?.kind !== "if") return null;
      const node: IfStmt = { kind: "if", test: h.test, body: [], orelse: [], pos: h.pos };
      tail.node.orelse.push(node);
      tail.node = node;
      return node.body;
    }
    case "else": {
      if (tail === null || (tail.kind === "try" && tail.stage !== "except")) return null;
      frame.tail = tail.kind === "try" ? { ...tail, stage: "else" } : null;
      return tail.node.orelse;
    }
    case "except": {
      if (tail?.kind !== "try" || tail.stage === "else") return null;
      const handler = { type: h.type, name: h.name, body: [] as Stmt[] };
      tail.node.handlers.push(handler);
      tail.stage = "except";
      return handler.body;
    }
    case "finally": {
      if (tail?.kind !== "try") return null;
      frame.tail = null;
      return tail.node.finalbody;
    }
    default:
      return null;
  }
}

// ----------------------------------------------------------------------------- helpers

function skip(pos: Pos, reason: string, text: string, code: boolean): SkippedLine {
  const trimmed = text.trim();
  return {
    line: pos.line,
    column: pos.column,
    reason,
    text: trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed,
    looksLikeCode: code,
  };
}

function dedupe(skipped: SkippedLine[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const s of skipped) {
    const key = `${s.line}:${s.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    skipped[w++] = s;
  }
  skipped.length = w;
}

function leadingSpace(text: string): number {
  return text.length - text.trimStart().length;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
