// The tokens of a pasted framework error message (grammar/errors.ne): words, integers, sizes
// written with x ("64x2304"), and single punctuation characters. Whitespace and newlines are
// dropped here, never seen by the grammar. Never throws: any other character is one OTHER token.
import moo from "moo";

export interface ErrorToken {
  type: "WORD" | "INT" | "DIMS" | "PUNCT" | "OTHER";
  text: string;
  /** Same as text (nearley reads `value`). */
  value: string;
  line: number;
  col: number;
}

export const ERROR_TOKEN_TYPES: ReadonlySet<string> = new Set(["WORD", "INT", "DIMS", "PUNCT", "OTHER"]);

const rules = moo.compile({
  WS: { match: /[ \t\r\n]+/, lineBreaks: true },
  // Terminal colour codes (ESC [ … m), as Keras 3 prints around its messages.
  ANSI: new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`),
  DIMS: /\d+(?:x\d+)+/,
  INT: /-?\d+/,
  WORD: /[A-Za-z_]\w*(?:\.\w+)*/,
  PUNCT: /[()[\],:;'"`=.-]/,
  OTHER: { match: /[\s\S]/, lineBreaks: true },
});

export function lexError(text: string): ErrorToken[] {
  const out: ErrorToken[] = [];
  rules.reset(text);
  for (const t of rules) {
    if (t.type === "WS" || t.type === "ANSI") continue;
    out.push({ type: t.type as ErrorToken["type"], text: t.text, value: t.text, line: t.line, col: t.col });
  }
  return out;
}
