// The moo lexer of the Python subset. Whitespace, comments and line continuations are tokens
// here (never grammar rules: whitespace rules in nearley explode on ambiguity, see DESIGN.md).
// The lexer never throws: any character no rule knows becomes an INVALID token, and
// `moo.error` catches whatever is left in the impossible case that nothing matched.

import moo from "moo";
import { grammarLexer } from "./token-feeder.js";

const KEYWORDS = [
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
];

const OPERATORS = [
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  "->",
  ":=",
  "**",
  "//",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "@",
  "&",
  "|",
  "^",
  "~",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ".",
  ";",
  "=",
];

const DIGITS = String.raw`\d(?:_?\d)*`;
const EXPONENT = `[eE][+-]?${DIGITS}`;
const NUMBER = new RegExp(
  [
    `0[xX](?:_?[0-9a-fA-F])+`,
    `0[oO](?:_?[0-7])+`,
    `0[bB](?:_?[01])+`,
    String.raw`(?:${DIGITS})?\.${DIGITS}(?:${EXPONENT})?[jJ]?`,
    String.raw`${DIGITS}\.(?:${EXPONENT})?[jJ]?`,
    `${DIGITS}(?:${EXPONENT})?[jJ]?`,
  ].join("|"),
  "u",
);

const STRING_PREFIX = "(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])?";
// Triple-quoted strings may span lines; single-quoted ones only through a backslash-newline.
// Each body alternative consumes a distinct first character, so a failed match is linear.
const STRING = new RegExp(
  [
    `${STRING_PREFIX}'''(?:[^'\\\\]|\\\\[^]|'(?!''))*'''`,
    `${STRING_PREFIX}"""(?:[^"\\\\]|\\\\[^]|"(?!""))*"""`,
    `${STRING_PREFIX}'(?:[^'\\\\\\n]|\\\\[^])*'`,
    `${STRING_PREFIX}"(?:[^"\\\\\\n]|\\\\[^])*"`,
  ].join("|"),
  "u",
);
// An opening quote with no closing quote on its line (prose apostrophes: "don't").
const BAD_STRING = new RegExp(`${STRING_PREFIX}['"][^\\n]*`, "u");

/** Every token type the lexer or the line reader produces; EOL is synthetic (end of a logical line). */
export const TOKEN_TYPES = [
  "WS",
  "CONT",
  "COMMENT",
  "NL",
  "STRING",
  "BADSTRING",
  "NUMBER",
  "NAME",
  "KEYWORD",
  "OP",
  "INVALID",
  "ERROR",
  "EOL",
] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

const rules: moo.Rules = {
  WS: /[ \t\f\r\v]+/u,
  CONT: { match: /\\\r?\n/u, lineBreaks: true },
  COMMENT: /#[^\n]*/u,
  NL: { match: /\n/u, lineBreaks: true },
  STRING: { match: STRING, lineBreaks: true },
  BADSTRING: BAD_STRING,
  NUMBER,
  NAME: {
    match: /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/u,
    type: moo.keywords({ KEYWORD: KEYWORDS }),
  },
  OP: OPERATORS,
  INVALID: /[^\n]/u,
  ERROR: moo.error,
};

// moo's `clone()` exists at runtime (moo 0.5) but is missing from @types/moo.
const compiled = moo.compile(rules) as moo.Lexer & { clone(): moo.Lexer };

/** A fresh lexer (moo lexers are stateful, so every parse gets its own clone). */
export function createPythonLexer(): moo.Lexer {
  return compiled.clone();
}

/**
 * A token as the parser sees it: `line`/`col` are 1-based positions in the original message.
 * `text` is the source text (nearley matches grammar literals against it).
 */
export interface PyToken {
  type: TokenType;
  text: string;
  value: string;
  line: number;
  col: number;
}

export const TYPE_SET: ReadonlySet<string> = new Set(TOKEN_TYPES);

/** The lexer object the compiled grammar is built with (tokens are fed by a TokenFeeder). */
export const lexer = grammarLexer<PyToken>(TYPE_SET);
