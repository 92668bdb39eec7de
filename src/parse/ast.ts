// The syntax tree of the Python subset that model code uses. Produced by the nearley grammar
// (grammar/python.ne) one logical line at a time; blocks are assembled from indentation.
// Every node carries the 1-based line and column of its first token in the original message.

export interface Pos {
  line: number;
  column: number;
}

export type Expr =
  | { kind: "name"; id: string; pos: Pos }
  | { kind: "int"; value: number; raw: string; pos: Pos }
  | { kind: "float"; value: number; raw: string; pos: Pos }
  | { kind: "str"; value: string; pos: Pos }
  | { kind: "none"; pos: Pos }
  | { kind: "bool"; value: boolean; pos: Pos }
  | { kind: "ellipsis"; pos: Pos }
  | { kind: "tuple"; items: Expr[]; pos: Pos }
  | { kind: "list"; items: Expr[]; pos: Pos }
  | { kind: "set"; items: Expr[]; pos: Pos }
  | { kind: "dict"; entries: DictEntry[]; pos: Pos }
  | { kind: "attr"; object: Expr; name: string; pos: Pos }
  | { kind: "call"; func: Expr; args: Arg[]; pos: Pos }
  | { kind: "subscript"; object: Expr; index: Expr; pos: Pos }
  | { kind: "slice"; lower: Expr | null; upper: Expr | null; step: Expr | null; pos: Pos }
  | { kind: "binop"; op: BinOp; left: Expr; right: Expr; pos: Pos }
  | { kind: "unary"; op: "-" | "+" | "~" | "not"; operand: Expr; pos: Pos }
  | { kind: "boolop"; op: "and" | "or"; left: Expr; right: Expr; pos: Pos }
  | { kind: "compare"; first: Expr; rest: { op: CompareOp; right: Expr }[]; pos: Pos }
  | { kind: "ifexp"; test: Expr; body: Expr; orelse: Expr; pos: Pos }
  | { kind: "lambda"; params: Param[]; body: Expr; pos: Pos }
  | {
      kind: "comp";
      type: "list" | "set" | "generator" | "dict";
      element: Expr;
      value: Expr | null;
      clauses: CompClause[];
      pos: Pos;
    }
  | { kind: "starred"; value: Expr; pos: Pos }
  | { kind: "fstring"; raw: string; pos: Pos };

export type BinOp = "+" | "-" | "*" | "/" | "//" | "%" | "**" | "@" | "&" | "|" | "^" | "<<" | ">>";
export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "is" | "is not";

/** A call argument: positional (`name` null), keyword, `*args` or `**kwargs`. */
export interface Arg {
  name: string | null;
  value: Expr;
  star: "" | "*" | "**";
  pos: Pos;
}

/** A dict display entry; `key` null means `**other`. */
export interface DictEntry {
  key: Expr | null;
  value: Expr;
}

export interface CompClause {
  target: Expr;
  iter: Expr;
  conditions: Expr[];
}

/** A function parameter. `star` is "*" for *args, "**" for **kwargs; a bare `*` has name "". */
export interface Param {
  name: string;
  default: Expr | null;
  star: "" | "*" | "**";
  pos: Pos;
}

export type Stmt =
  | { kind: "expr"; value: Expr; pos: Pos }
  | { kind: "assign"; targets: Expr[]; value: Expr; pos: Pos }
  | { kind: "augassign"; target: Expr; op: BinOp; value: Expr; pos: Pos }
  | { kind: "annassign"; target: Expr; annotation: Expr; value: Expr | null; pos: Pos }
  | { kind: "import"; names: { name: string; alias: string | null }[]; pos: Pos }
  | {
      kind: "importfrom";
      module: string;
      level: number;
      names: { name: string; alias: string | null }[] | "*";
      pos: Pos;
    }
  | { kind: "def"; name: string; params: Param[]; body: Stmt[]; decorators: Expr[]; pos: Pos }
  | { kind: "class"; name: string; bases: Arg[]; body: Stmt[]; decorators: Expr[]; pos: Pos }
  | { kind: "return"; value: Expr | null; pos: Pos }
  | { kind: "for"; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; pos: Pos }
  | { kind: "while"; test: Expr; body: Stmt[]; orelse: Stmt[]; pos: Pos }
  | { kind: "if"; test: Expr; body: Stmt[]; orelse: Stmt[]; pos: Pos }
  | { kind: "with"; items: { context: Expr; target: Expr | null }[]; body: Stmt[]; pos: Pos }
  | {
      kind: "try";
      body: Stmt[];
      handlers: { type: Expr | null; name: string | null; body: Stmt[] }[];
      orelse: Stmt[];
      finalbody: Stmt[];
      pos: Pos;
    }
  | { kind: "pass" | "break" | "continue"; pos: Pos }
  | { kind: "global" | "nonlocal"; names: string[]; pos: Pos }
  | { kind: "del"; targets: Expr[]; pos: Pos }
  | { kind: "assert"; test: Expr; msg: Expr | null; pos: Pos }
  | { kind: "raise"; value: Expr | null; pos: Pos };

/** A line of the message that was not understood as Python, kept so the reply can say so. */
export interface SkippedLine {
  line: number;
  column: number;
  /** Friendly reason, e.g. "expected ',' or ')'"; never nearley's raw text. */
  reason: string;
  /** The source text of the line (trimmed, cut to 80 characters). */
  text: string;
  /** True when the line looks like code (so the reply should mention it); false for prose. */
  looksLikeCode: boolean;
}

export interface ParsedModule {
  body: Stmt[];
  skipped: SkippedLine[];
  /** Lines the grammar parsed more than one way (a grammar bug; the fuzz tests count them). */
  ambiguousLines?: number;
}
