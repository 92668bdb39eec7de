# One logical line of the Python subset that model code uses. The line reader feeds the tokens
# of one logical line followed by a synthetic EOL token; blocks are built from indentation
# outside the grammar (src/parse/parse-python.ts).
#
# Rules of this file (DESIGN.md, "Known hazards"):
# - no whitespace rules: whitespace and comments never reach the parser;
# - every rule is unambiguous (test/parse/ambiguity.test.ts fails on a second parse);
# - lists are left-recursive and grow through O(1) cons cells; a cons list becomes an array only
#   in a rule that ends with a token (that rule completes once) or in a statement thunk forced
#   once at EOL, so a long list never costs quadratic time. No EBNF :* / :+.
# - Right recursion only where the operator itself is right-associative or a prefix (`**`,
#   `x if c else y`, `lambda`): chains of those are short in real code, and the per-line Earley
#   state budget stops adversarial ones ("line too complex").

@preprocessor typescript

@{%
import type { Arg, BinOp, CompareOp, CompClause, DictEntry, Expr, Param, Pos, Stmt } from "../ast.js";
import { lexer } from "../python-lexer.js";

/** A token as fed by the line reader (see PyToken in python-lexer.ts). */
interface Tok {
  type: string;
  text: string;
  line: number;
  col: number;
}

/** An immutable cons cell: lists grow in O(1) and prefixes stay valid for other derivations. */
interface Cons<T> {
  readonly head: T;
  readonly tail: Cons<T> | null;
  readonly size: number;
}

/** A statement built on demand: forced once, in the rule that ends the line. */
type StmtThunk = () => Stmt;

/** An unbracketed comma list (`a, b` or `a,`) before it becomes an expression. */
interface RawList {
  cells: Cons<Expr>;
  trailingComma: boolean;
}

/** The header of a compound statement; its body comes from the following indented lines. */
export type Header =
  | { kind: "def"; name: string; params: Param[]; pos: Pos }
  | { kind: "class"; name: string; bases: Arg[]; pos: Pos }
  | { kind: "if" | "elif" | "while"; test: Expr; pos: Pos }
  | { kind: "else" | "try" | "finally"; pos: Pos }
  | { kind: "for"; target: Expr; iter: Expr; pos: Pos }
  | { kind: "with"; items: { context: Expr; target: Expr | null }[]; pos: Pos }
  | { kind: "except"; type: Expr | null; name: string | null; pos: Pos };

/** What one logical line parses to. */
export type LineResult =
  | { kind: "simple"; stmts: Stmt[] }
  | { kind: "header"; header: Header; inline: Stmt[] | null }
  | { kind: "decorator"; expr: Expr; pos: Pos };

interface WithItem {
  context: Expr;
  target: Expr | null;
}
interface ImportName {
  name: string;
  alias: string | null;
}
interface CompHead {
  target: Expr;
  pos: Pos;
}
interface CompCell {
  clause: CompClause;
  conditions: Cons<Expr> | null;
}
interface Keyed {
  key: Expr;
  value: Expr;
}

// --- conversions at the nearley boundary (postprocessors receive any[]) -----------------------

const tok = (x: unknown): Tok => x as Tok;
const ex = (x: unknown): Expr => x as Expr;
const str = (x: unknown): string => x as string;
const posOf = (t: Tok): Pos => ({ line: t.line, column: t.col });
const tpos = (x: unknown): Pos => posOf(tok(x));

function cons<T>(tail: unknown, head: T): Cons<T> {
  const prev = tail as Cons<T> | null;
  return { head, tail: prev, size: prev === null ? 1 : prev.size + 1 };
}
function toArray<T>(list: unknown): T[] {
  let cell = list as Cons<T> | null;
  const out: T[] = new Array<T>(cell === null ? 0 : cell.size);
  for (let i = out.length - 1; cell !== null; i--, cell = cell.tail) out[i] = cell.head;
  return out;
}
function firstOf<T>(list: Cons<T>): T {
  let cell = list;
  while (cell.tail !== null) cell = cell.tail;
  return cell.head;
}

// --- expressions -----------------------------------------------------------------------------

function binop(d: unknown[]): Expr {
  const left = ex(d[0]);
  return { kind: "binop", op: tok(d[1]).text as BinOp, left, right: ex(d[2]), pos: left.pos };
}
function boolop(d: unknown[]): Expr {
  const left = ex(d[0]);
  return { kind: "boolop", op: tok(d[1]).text as "and" | "or", left, right: ex(d[2]), pos: left.pos };
}
/** `- - x`: the operators were collected left to right; apply them innermost first. */
function prefixed(ops: unknown, operand: unknown): Expr {
  let out = ex(operand);
  for (let cell = ops as Cons<Tok> | null; cell !== null; cell = cell.tail) {
    const op = cell.head.text as "-" | "+" | "~" | "not";
    out = { kind: "unary", op, operand: out, pos: posOf(cell.head) };
  }
  return out;
}

interface CompareCell {
  op: CompareOp;
  right: Expr;
}
interface CompareChain {
  first: Expr;
  rest: Cons<CompareCell>;
}
function compareStart(d: unknown[]): CompareChain {
  return { first: ex(d[0]), rest: cons(null, { op: str(d[1]) as CompareOp, right: ex(d[2]) }) };
}
function compareMore(d: unknown[]): CompareChain {
  const chain = d[0] as CompareChain;
  return { first: chain.first, rest: cons(chain.rest, { op: str(d[1]) as CompareOp, right: ex(d[2]) }) };
}
/**
 * A compare node whose `rest` array is built on first read: `comparison` completes once per
 * prefix of the chain, and building the array each time would be quadratic in the chain length.
 */
function compareNode(x: unknown): Expr {
  const chain = x as CompareChain;
  let rest: { op: CompareOp; right: Expr }[] | null = null;
  return {
    kind: "compare",
    first: chain.first,
    get rest(): { op: CompareOp; right: Expr }[] {
      rest ??= toArray<CompareCell>(chain.rest);
      return rest;
    },
    set rest(value: { op: CompareOp; right: Expr }[]) {
      rest = value;
    },
    pos: chain.first.pos,
  };
}

function ifExp(d: unknown[]): Expr {
  const body = ex(d[0]);
  return { kind: "ifexp", test: ex(d[2]), body, orelse: ex(d[4]), pos: body.pos };
}
function lambdaNode(d: unknown[]): Expr {
  const head = d[0] as { params: Param[]; pos: Pos };
  return { kind: "lambda", params: head.params, body: ex(d[1]), pos: head.pos };
}
function starred(d: unknown[]): Expr {
  return { kind: "starred", value: ex(d[1]), pos: tpos(d[0]) };
}

/** Python string literal → its value (escapes decoded unless raw). */
function stringValue(text: string): { value: string; fstring: boolean } {
  let i = 0;
  let raw = false;
  let fstring = false;
  while (i < text.length && text[i] !== "'" && text[i] !== '"') {
    const c = (text[i] ?? "").toLowerCase();
    if (c === "r") raw = true;
    if (c === "f") fstring = true;
    i++;
  }
  const quote = text.startsWith(text.charAt(i).repeat(3), i) && text.length - i >= 6 ? 3 : 1;
  const body = text.slice(i + quote, text.length - quote);
  return { value: raw ? body : unescape(body), fstring };
}
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\n": "",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};
function unescape(body: string): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body.charAt(i + 1);
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const hex = n === "x" ? 2 : n === "u" ? 4 : n === "U" ? 8 : 0;
    const digits = hex > 0 ? body.slice(i + 2, i + 2 + hex) : "";
    if (hex > 0 && digits.length === hex && /^[0-9a-fA-F]+$/.test(digits)) {
      const code = Number.parseInt(digits, 16);
      out += code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
      i += 1 + hex;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1, i + 4));
    if (octal !== null) {
      out += String.fromCharCode(Number.parseInt(octal[0], 8));
      i += octal[0].length;
      continue;
    }
    out += c; // unknown escapes stay as written, as in Python
  }
  return out;
}
function stringAtom(x: unknown): Expr {
  const t = tok(x);
  const { value, fstring } = stringValue(t.text);
  return fstring ? { kind: "fstring", raw: t.text, pos: posOf(t) } : { kind: "str", value, pos: posOf(t) };
}
/** Adjacent literals concatenate; one f-string part makes the whole an f-string. */
function concatStrings(d: unknown[]): Expr {
  const left = ex(d[0]);
  const right = stringAtom(d[1]);
  const t = tok(d[1]);
  if (left.kind === "str" && right.kind === "str") return { kind: "str", value: left.value + right.value, pos: left.pos };
  const leftRaw = left.kind === "fstring" ? left.raw : left.kind === "str" ? JSON.stringify(left.value) : "";
  return { kind: "fstring", raw: `${leftRaw} ${t.text}`, pos: left.pos };
}
function numberAtom(x: unknown): Expr {
  const t = tok(x);
  const raw = t.text;
  const clean = raw.replace(/_/g, "");
  const pos = posOf(t);
  if (/[jJ]$/.test(clean)) return { kind: "float", value: Number.NaN, raw, pos }; // imaginary: no real value
  if (/^0[xXoObB]/.test(clean) || /^\d+$/.test(clean)) return { kind: "int", value: Number(clean), raw, pos };
  return { kind: "float", value: Number(clean), raw, pos };
}
function constantAtom(x: unknown): Expr {
  const t = tok(x);
  const pos = posOf(t);
  if (t.text === "None") return { kind: "none", pos };
  if (t.text === "...") return { kind: "ellipsis", pos };
  return { kind: "bool", value: t.text === "True", pos };
}

/** `(a)` is `a`; `(a, b)` and `(a,)` are tuples. */
function parenthesised(d: unknown[], trailingComma: boolean): Expr {
  const items = toArray<Expr>(d[1]);
  const only = items[0];
  if (!trailingComma && items.length === 1 && only !== undefined) return only;
  return { kind: "tuple", items, pos: tpos(d[0]) };
}
function display(kind: "list" | "set" | "tuple", d: unknown[]): Expr {
  return { kind, items: d.length > 2 ? toArray<Expr>(d[1]) : [], pos: tpos(d[0]) };
}
function dictDisplay(d: unknown[]): Expr {
  return { kind: "dict", entries: d.length > 2 ? toArray<DictEntry>(d[1]) : [], pos: tpos(d[0]) };
}
function comprehension(type: "list" | "set" | "generator", d: unknown[]): Expr {
  return { kind: "comp", type, element: ex(d[1]), value: null, clauses: clauses(d[2]), pos: tpos(d[0]) };
}
function dictComprehension(d: unknown[]): Expr {
  return { kind: "comp", type: "dict", element: ex(d[1]), value: ex(d[3]), clauses: clauses(d[4]), pos: tpos(d[0]) };
}
function clauses(list: unknown): CompClause[] {
  return toArray<CompCell>(list).map((c) => ({ ...c.clause, conditions: toArray<Expr>(c.conditions) }));
}
function compFor(tail: unknown, head: unknown, iter: unknown): Cons<CompCell> {
  return cons(tail, { clause: { target: (head as CompHead).target, iter: ex(iter), conditions: [] }, conditions: null });
}
/** An `if` clause belongs to the `for` clause before it. */
function compIf(list: unknown, condition: unknown): Cons<CompCell> {
  const cell = list as Cons<CompCell>;
  return cons(cell.tail, { clause: cell.head.clause, conditions: cons(cell.head.conditions, ex(condition)) });
}
function compHead(d: unknown[]): CompHead {
  return { target: listExpr(d[1]), pos: tpos(d[0]) };
}

function attr(d: unknown[]): Expr {
  const object = ex(d[0]);
  return { kind: "attr", object, name: tok(d[2]).text, pos: object.pos };
}
function call(d: unknown[]): Expr {
  const func = ex(d[0]);
  return { kind: "call", func, args: d.length > 3 ? toArray<Arg>(d[2]) : [], pos: func.pos };
}
function generatorCall(d: unknown[]): Expr {
  const func = ex(d[0]);
  const element = ex(d[2]);
  const gen: Expr = { kind: "comp", type: "generator", element, value: null, clauses: clauses(d[3]), pos: element.pos };
  return { kind: "call", func, args: [{ name: null, value: gen, star: "", pos: element.pos }], pos: func.pos };
}
function subscript(d: unknown[]): Expr {
  const object = ex(d[0]);
  const list = d[2] as RawList;
  return { kind: "subscript", object, index: rawListExpr(list), pos: object.pos };
}
function slice(lower: unknown, upper: unknown, step: unknown, at: unknown): Expr {
  const lo = lower === null ? null : ex(lower);
  return {
    kind: "slice",
    lower: lo,
    upper: upper === null ? null : ex(upper),
    step: step === null ? null : ex(step),
    pos: lo?.pos ?? tpos(at),
  };
}
/** Slice parts `[lo]:[hi]` before an optional `:step`. */
interface SlicePart {
  lower: Expr | null;
  upper: Expr | null;
  at: Tok;
}
function slicePart(lower: unknown, colon: unknown, upper: unknown): SlicePart {
  return { lower: lower === null ? null : ex(lower), upper: upper === null ? null : ex(upper), at: tok(colon) };
}
function sliceFrom(part: unknown, step: unknown): Expr {
  const p = part as SlicePart;
  return slice(p.lower, p.upper, step, p.at);
}

function positional(d: unknown[]): Arg {
  const value = ex(d[0]);
  return { name: null, value, star: "", pos: value.pos };
}
function keyword(d: unknown[]): Arg {
  return { name: tok(d[0]).text, value: ex(d[2]), star: "", pos: tpos(d[0]) };
}
function starArg(d: unknown[]): Arg {
  return { name: null, value: ex(d[1]), star: tok(d[0]).text as "*" | "**", pos: tpos(d[0]) };
}

function rawList(cells: unknown, trailingComma: boolean): RawList {
  return { cells: cells as Cons<Expr>, trailingComma };
}
/** `a` stays `a`; `a, b` and `a,` become a tuple. */
function rawListExpr(list: RawList): Expr {
  if (!list.trailingComma && list.cells.size === 1) return list.cells.head;
  const items = toArray<Expr>(list.cells);
  return { kind: "tuple", items, pos: firstOf(list.cells).pos };
}
function listExpr(x: unknown): Expr {
  return rawListExpr(x as RawList);
}

// --- parameters --------------------------------------------------------------------------------

function param(name: unknown, dflt: unknown, star: "" | "*" | "**"): Param {
  const t = tok(name);
  return { name: t.text, default: dflt === null ? null : ex(dflt), star, pos: posOf(t) };
}
function bareStar(x: unknown): Param {
  return { name: "", default: null, star: "*", pos: tpos(x) };
}
/** The `/` marker (positional-only) has no place in the AST; it is dropped here. */
function params(list: unknown): Param[] {
  return toArray<Param | null>(list).filter((p): p is Param => p !== null);
}

// --- statements --------------------------------------------------------------------------------

function exprStmt(x: unknown): StmtThunk {
  return () => {
    const value = listExpr(x);
    return { kind: "expr", value, pos: value.pos };
  };
}
function assignStmt(d: unknown[]): StmtThunk {
  return () => {
    const targets = toArray<RawList>(d[0]).map(rawListExpr);
    const first = targets[0];
    const value = listExpr(d[1]);
    return { kind: "assign", targets, value, pos: first?.pos ?? value.pos };
  };
}
function annAssign(d: unknown[]): StmtThunk {
  return () => {
    const target = ex(d[0]);
    const value = d.length > 3 ? listExpr(d[4]) : null;
    return { kind: "annassign", target, annotation: ex(d[2]), value, pos: target.pos };
  };
}
function augAssign(d: unknown[]): StmtThunk {
  return () => {
    const target = ex(d[0]);
    const op = tok(d[1]).text.slice(0, -1) as BinOp;
    return { kind: "augassign", target, op, value: listExpr(d[2]), pos: target.pos };
  };
}
function keywordStmt(d: unknown[]): StmtThunk {
  const t = tok(d[0]);
  const pos = posOf(t);
  const kind = t.text as "pass" | "break" | "continue";
  return () => ({ kind, pos });
}
function returnStmt(d: unknown[]): StmtThunk {
  return () => ({ kind: "return", value: d.length > 1 ? listExpr(d[1]) : null, pos: tpos(d[0]) });
}
function raiseStmt(d: unknown[]): StmtThunk {
  return () => ({ kind: "raise", value: d.length > 1 ? ex(d[1]) : null, pos: tpos(d[0]) });
}
function scopeStmt(d: unknown[]): StmtThunk {
  const t = tok(d[0]);
  return () => ({ kind: t.text as "global" | "nonlocal", names: toArray<string>(d[1]), pos: posOf(t) });
}
function delStmt(d: unknown[]): StmtThunk {
  return () => ({ kind: "del", targets: toArray<Expr>((d[1] as RawList).cells), pos: tpos(d[0]) });
}
function assertStmt(d: unknown[]): StmtThunk {
  return () => ({ kind: "assert", test: ex(d[1]), msg: d.length > 2 ? ex(d[3]) : null, pos: tpos(d[0]) });
}
function importStmt(d: unknown[]): StmtThunk {
  return () => ({ kind: "import", names: toArray<ImportName>(d[1]), pos: tpos(d[0]) });
}
function importFrom(d: unknown[], names: unknown): StmtThunk {
  const from = d[1] as { module: string; level: number };
  return () => ({
    kind: "importfrom",
    module: from.module,
    level: from.level,
    names: names === "*" ? "*" : toArray<ImportName>(names),
    pos: tpos(d[0]),
  });
}
function dots(x: unknown): number {
  return tok(x).text.length;
}

function simpleLine(list: unknown): LineResult {
  return { kind: "simple", stmts: toArray<StmtThunk>(list).map((make) => make()) };
}
function headerLine(header: unknown, inline: unknown): LineResult {
  return {
    kind: "header",
    header: header as Header,
    inline: inline === null ? null : toArray<StmtThunk>(inline).map((make) => make()),
  };
}
function defHeader(d: unknown[], list: unknown): Header {
  return { kind: "def", name: tok(d[1]).text, params: list === null ? [] : params(list), pos: tpos(d[0]) };
}
function classHeader(d: unknown[], args: unknown): Header {
  return { kind: "class", name: tok(d[1]).text, bases: args === null ? [] : toArray<Arg>(args), pos: tpos(d[0]) };
}
function testHeader(d: unknown[]): Header {
  return { kind: tok(d[0]).text as "if" | "elif" | "while", test: ex(d[1]), pos: tpos(d[0]) };
}
function bareHeader(d: unknown[]): Header {
  return { kind: tok(d[0]).text as "else" | "try" | "finally", pos: tpos(d[0]) };
}
function forHeader(d: unknown[]): Header {
  const head = d[0] as CompHead;
  return { kind: "for", target: head.target, iter: listExpr(d[1]), pos: head.pos };
}
function exceptHeader(d: unknown[], type: unknown, name: unknown): Header {
  return { kind: "except", type: type === null ? null : ex(type), name: name === null ? null : tok(name).text, pos: tpos(d[0]) };
}
%}

@lexer lexer

# ============================================================================ lines

line -> simple_stmts %EOL                        {% (d) => simpleLine(d[0]) %}
      | compound_header %EOL                     {% (d) => headerLine(d[0], null) %}
      | compound_header simple_stmts %EOL        {% (d) => headerLine(d[0], d[1]) %}
      | "@" test %EOL                            {% (d) => ({ kind: "decorator", expr: ex(d[1]), pos: tpos(d[0]) }) %}

simple_stmts -> small_seq                        {% id %}
              | small_seq ";"                    {% id %}

small_seq -> small_stmt                          {% (d) => cons(null, d[0]) %}
           | small_seq ";" small_stmt            {% (d) => cons(d[0], d[2]) %}

small_stmt -> expr_stmt                          {% id %}
            | "pass"                             {% keywordStmt %}
            | "break"                            {% keywordStmt %}
            | "continue"                         {% keywordStmt %}
            | "return"                           {% returnStmt %}
            | "return" star_list                 {% returnStmt %}
            | "raise"                            {% raiseStmt %}
            | "raise" test                       {% raiseStmt %}
            | "raise" test "from" test           {% raiseStmt %}
            | "global" name_seq                  {% scopeStmt %}
            | "nonlocal" name_seq                {% scopeStmt %}
            | "del" star_list                    {% delStmt %}
            | "assert" test                      {% assertStmt %}
            | "assert" test "," test             {% assertStmt %}
            | "import" dotted_as_seq             {% importStmt %}
            | "from" from_module "import" "*"    {% (d) => importFrom(d, "*") %}
            | "from" from_module "import" import_as_seq  {% (d) => importFrom(d, d[3]) %}
            | "from" from_module "import" "(" import_as_seq ")"      {% (d) => importFrom(d, d[4]) %}
            | "from" from_module "import" "(" import_as_seq "," ")"  {% (d) => importFrom(d, d[4]) %}

expr_stmt -> star_list                           {% (d) => exprStmt(d[0]) %}
           | assign_targets star_list            {% assignStmt %}
           | test ":" test                       {% annAssign %}
           | test ":" test "=" star_list         {% annAssign %}
           | test augassign star_list            {% augAssign %}

assign_targets -> star_list "="                  {% (d) => cons(null, d[0]) %}
                | assign_targets star_list "="   {% (d) => cons(d[0], d[1]) %}

augassign -> "+=" {% id %} | "-=" {% id %} | "*=" {% id %} | "/=" {% id %} | "//=" {% id %}
           | "%=" {% id %} | "**=" {% id %} | "@=" {% id %} | "&=" {% id %} | "|=" {% id %}
           | "^=" {% id %} | "<<=" {% id %} | ">>=" {% id %}

name_seq -> %NAME                                {% (d) => cons(null, tok(d[0]).text) %}
          | name_seq "," %NAME                   {% (d) => cons(d[0], tok(d[2]).text) %}

dotted_name -> %NAME                             {% (d) => tok(d[0]).text %}
             | dotted_name "." %NAME             {% (d) => `${str(d[0])}.${tok(d[2]).text}` %}

dotted_as -> dotted_name                         {% (d) => ({ name: str(d[0]), alias: null }) %}
           | dotted_name "as" %NAME              {% (d) => ({ name: str(d[0]), alias: tok(d[2]).text }) %}

dotted_as_seq -> dotted_as                       {% (d) => cons(null, d[0]) %}
               | dotted_as_seq "," dotted_as     {% (d) => cons(d[0], d[2]) %}

import_as -> %NAME                               {% (d) => ({ name: tok(d[0]).text, alias: null }) %}
           | %NAME "as" %NAME                    {% (d) => ({ name: tok(d[0]).text, alias: tok(d[2]).text }) %}

import_as_seq -> import_as                       {% (d) => cons(null, d[0]) %}
               | import_as_seq "," import_as     {% (d) => cons(d[0], d[2]) %}

from_module -> dotted_name                       {% (d) => ({ module: str(d[0]), level: 0 }) %}
             | dots                              {% (d) => ({ module: "", level: d[0] as number }) %}
             | dots dotted_name                  {% (d) => ({ module: str(d[1]), level: d[0] as number }) %}

dots -> "."                                      {% (d) => dots(d[0]) %}
      | "..."                                    {% (d) => dots(d[0]) %}
      | dots "."                                 {% (d) => (d[0] as number) + 1 %}
      | dots "..."                               {% (d) => (d[0] as number) + 3 %}

# ============================================================================ compound headers

compound_header -> "if" test ":"                 {% testHeader %}
                 | "elif" test ":"               {% testHeader %}
                 | "while" test ":"              {% testHeader %}
                 | "else" ":"                    {% bareHeader %}
                 | "try" ":"                     {% bareHeader %}
                 | "finally" ":"                 {% bareHeader %}
                 | for_head star_list ":"        {% forHeader %}
                 | "except" ":"                  {% (d) => exceptHeader(d, null, null) %}
                 | "except" test ":"             {% (d) => exceptHeader(d, d[1], null) %}
                 | "except" test "as" %NAME ":"  {% (d) => exceptHeader(d, d[1], d[3]) %}
                 | "with" with_seq ":"           {% (d) => ({ kind: "with", items: toArray<WithItem>(d[1]), pos: tpos(d[0]) }) %}
                 | "def" %NAME "(" ")" returns ":"                  {% (d) => defHeader(d, null) %}
                 | "def" %NAME "(" param_seq ")" returns ":"        {% (d) => defHeader(d, d[3]) %}
                 | "def" %NAME "(" param_seq "," ")" returns ":"    {% (d) => defHeader(d, d[3]) %}
                 | "class" %NAME ":"                                {% (d) => classHeader(d, null) %}
                 | "class" %NAME "(" ")" ":"                        {% (d) => classHeader(d, null) %}
                 | "class" %NAME "(" arg_list ")" ":"               {% (d) => classHeader(d, d[3]) %}

for_head -> "for" target_list "in"               {% compHead %}

returns -> null | "->" test

with_seq -> with_item                            {% (d) => cons(null, d[0]) %}
          | with_seq "," with_item               {% (d) => cons(d[0], d[2]) %}

with_item -> test                                {% (d) => ({ context: ex(d[0]), target: null }) %}
           | test "as" star_target               {% (d) => ({ context: ex(d[0]), target: ex(d[2]) }) %}

param_seq -> param                               {% (d) => cons(null, d[0]) %}
           | param_seq "," param                 {% (d) => cons(d[0], d[2]) %}

param -> %NAME                                   {% (d) => param(d[0], null, "") %}
       | %NAME ":" test                          {% (d) => param(d[0], null, "") %}
       | %NAME "=" test                          {% (d) => param(d[0], d[2], "") %}
       | %NAME ":" test "=" test                 {% (d) => param(d[0], d[4], "") %}
       | "*"                                     {% (d) => bareStar(d[0]) %}
       | "*" %NAME                               {% (d) => param(d[1], null, "*") %}
       | "*" %NAME ":" test                      {% (d) => param(d[1], null, "*") %}
       | "**" %NAME                              {% (d) => param(d[1], null, "**") %}
       | "**" %NAME ":" test                     {% (d) => param(d[1], null, "**") %}
       | "/"                                     {% () => null %}

# ============================================================================ expressions

# star_list: `a`, `a, b`, `a,`, `*a, b` (expression statements, assignments, return, for ... in).
star_list -> star_seq                            {% (d) => rawList(d[0], false) %}
           | star_seq ","                        {% (d) => rawList(d[0], true) %}

star_seq -> star_test                            {% (d) => cons(null, d[0]) %}
          | star_seq "," star_test               {% (d) => cons(d[0], d[2]) %}

star_test -> test                                {% id %}
           | "*" or_expr                         {% starred %}

# Targets of `for` and comprehensions stop below comparisons, so `in` is never ambiguous.
target_list -> target_seq                        {% (d) => rawList(d[0], false) %}
             | target_seq ","                    {% (d) => rawList(d[0], true) %}

target_seq -> star_target                        {% (d) => cons(null, d[0]) %}
            | target_seq "," star_target         {% (d) => cons(d[0], d[2]) %}

star_target -> or_expr                           {% id %}
             | "*" or_expr                       {% starred %}

test -> or_test                                  {% id %}
      | or_test "if" or_test "else" test         {% ifExp %}
      | lambda_head test                         {% lambdaNode %}

lambda_head -> "lambda" ":"                      {% (d) => ({ params: [], pos: tpos(d[0]) }) %}
             | "lambda" lparam_seq ":"           {% (d) => ({ params: params(d[1]), pos: tpos(d[0]) }) %}
             | "lambda" lparam_seq "," ":"       {% (d) => ({ params: params(d[1]), pos: tpos(d[0]) }) %}

lparam_seq -> lparam                             {% (d) => cons(null, d[0]) %}
            | lparam_seq "," lparam              {% (d) => cons(d[0], d[2]) %}

lparam -> %NAME                                  {% (d) => param(d[0], null, "") %}
        | %NAME "=" test                         {% (d) => param(d[0], d[2], "") %}
        | "*"                                    {% (d) => bareStar(d[0]) %}
        | "*" %NAME                              {% (d) => param(d[1], null, "*") %}
        | "**" %NAME                             {% (d) => param(d[1], null, "**") %}
        | "/"                                    {% () => null %}

or_test -> and_test                              {% id %}
         | or_test "or" and_test                 {% boolop %}

and_test -> not_test                             {% id %}
          | and_test "and" not_test              {% boolop %}

not_test -> comparison                           {% id %}
          | not_ops comparison                   {% (d) => prefixed(d[0], d[1]) %}

not_ops -> "not"                                 {% (d) => cons(null, d[0]) %}
         | not_ops "not"                         {% (d) => cons(d[0], d[1]) %}

comparison -> or_expr                            {% id %}
            | compare_chain                      {% (d) => compareNode(d[0]) %}

compare_chain -> or_expr comp_op or_expr         {% compareStart %}
               | compare_chain comp_op or_expr   {% compareMore %}

comp_op -> "<" {% (d) => tok(d[0]).text %} | ">" {% (d) => tok(d[0]).text %}
         | "==" {% (d) => tok(d[0]).text %} | "!=" {% (d) => tok(d[0]).text %}
         | "<=" {% (d) => tok(d[0]).text %} | ">=" {% (d) => tok(d[0]).text %}
         | "in" {% () => "in" %} | "not" "in" {% () => "not in" %}
         | "is" {% () => "is" %} | "is" "not" {% () => "is not" %}

or_expr -> xor_expr                              {% id %}
         | or_expr "|" xor_expr                  {% binop %}

xor_expr -> and_expr                             {% id %}
          | xor_expr "^" and_expr                {% binop %}

and_expr -> shift_expr                           {% id %}
          | and_expr "&" shift_expr              {% binop %}

shift_expr -> arith                              {% id %}
            | shift_expr "<<" arith              {% binop %}
            | shift_expr ">>" arith              {% binop %}

arith -> term                                    {% id %}
       | arith "+" term                          {% binop %}
       | arith "-" term                          {% binop %}

term -> factor                                   {% id %}
      | term "*" factor                          {% binop %}
      | term "/" factor                          {% binop %}
      | term "//" factor                         {% binop %}
      | term "%" factor                          {% binop %}
      | term "@" factor                          {% binop %}

# Unary operators bind looser than `**` on their right: -2**2 == -(2**2).
factor -> power                                  {% id %}
        | unary_ops power                        {% (d) => prefixed(d[0], d[1]) %}

unary_ops -> unary_op                            {% (d) => cons(null, d[0]) %}
           | unary_ops unary_op                  {% (d) => cons(d[0], d[1]) %}

unary_op -> "-" {% id %} | "+" {% id %} | "~" {% id %}

# Right-associative: 2**3**2 == 2**(3**2), and 2**-1 is allowed.
power -> primary                                 {% id %}
       | primary "**" factor                     {% binop %}

primary -> atom                                  {% id %}
         | primary "." %NAME                     {% attr %}
         | primary "(" ")"                       {% call %}
         | primary "(" arg_list ")"              {% call %}
         | primary "(" test comp_clauses ")"     {% generatorCall %}
         | primary "[" subscripts "]"            {% subscript %}

arg_list -> arg_seq                              {% id %}
          | arg_seq ","                          {% id %}

arg_seq -> arg                                   {% (d) => cons(null, d[0]) %}
         | arg_seq "," arg                       {% (d) => cons(d[0], d[2]) %}

arg -> test                                      {% positional %}
     | %NAME "=" test                            {% keyword %}
     | "*" test                                  {% starArg %}
     | "**" test                                 {% starArg %}

subscripts -> subscript_seq                      {% (d) => rawList(d[0], false) %}
            | subscript_seq ","                  {% (d) => rawList(d[0], true) %}

subscript_seq -> subscript                       {% (d) => cons(null, d[0]) %}
               | subscript_seq "," subscript     {% (d) => cons(d[0], d[2]) %}

subscript -> star_test                           {% id %}
           | slice_part                          {% (d) => sliceFrom(d[0], null) %}
           | slice_part ":"                      {% (d) => sliceFrom(d[0], null) %}
           | slice_part ":" test                 {% (d) => sliceFrom(d[0], d[2]) %}

slice_part -> ":"                                {% (d) => slicePart(null, d[0], null) %}
            | test ":"                           {% (d) => slicePart(d[0], d[1], null) %}
            | ":" test                           {% (d) => slicePart(null, d[0], d[1]) %}
            | test ":" test                      {% (d) => slicePart(d[0], d[1], d[2]) %}

atom -> %NAME                                    {% (d) => ({ kind: "name", id: tok(d[0]).text, pos: tpos(d[0]) }) %}
      | %NUMBER                                  {% (d) => numberAtom(d[0]) %}
      | strings                                  {% id %}
      | "None"                                   {% (d) => constantAtom(d[0]) %}
      | "True"                                   {% (d) => constantAtom(d[0]) %}
      | "False"                                  {% (d) => constantAtom(d[0]) %}
      | "..."                                    {% (d) => constantAtom(d[0]) %}
      | "(" ")"                                  {% (d) => display("tuple", d) %}
      | "(" star_seq ")"                         {% (d) => parenthesised(d, false) %}
      | "(" star_seq "," ")"                     {% (d) => parenthesised(d, true) %}
      | "(" test comp_clauses ")"                {% (d) => comprehension("generator", d) %}
      | "[" "]"                                  {% (d) => display("list", d) %}
      | "[" star_seq "]"                         {% (d) => display("list", d) %}
      | "[" star_seq "," "]"                     {% (d) => display("list", d) %}
      | "[" test comp_clauses "]"                {% (d) => comprehension("list", d) %}
      | "{" "}"                                  {% dictDisplay %}
      | "{" dict_seq "}"                         {% dictDisplay %}
      | "{" dict_seq "," "}"                     {% dictDisplay %}
      | "{" test ":" test comp_clauses "}"       {% dictComprehension %}
      | "{" star_seq "}"                         {% (d) => display("set", d) %}
      | "{" star_seq "," "}"                     {% (d) => display("set", d) %}
      | "{" test comp_clauses "}"                {% (d) => comprehension("set", d) %}

strings -> %STRING                               {% (d) => stringAtom(d[0]) %}
         | strings %STRING                       {% concatStrings %}

dict_seq -> dict_item                            {% (d) => cons(null, d[0]) %}
          | dict_seq "," dict_item               {% (d) => cons(d[0], d[2]) %}

dict_item -> test ":" test                       {% (d): Keyed => ({ key: ex(d[0]), value: ex(d[2]) }) %}
           | "**" or_expr                        {% (d): DictEntry => ({ key: null, value: ex(d[1]) }) %}

# for-clauses and their if-clauses; the iterable stops below `if` so the clauses never overlap.
comp_clauses -> for_head or_test                 {% (d) => compFor(null, d[0], d[1]) %}
              | comp_clauses for_head or_test    {% (d) => compFor(d[0], d[1], d[2]) %}
              | comp_clauses "if" or_test        {% (d) => compIf(d[0], d[2]) %}
