// Joins physical lines into logical lines the way Python's tokenizer does: a line continues while
// a bracket is open, after a backslash, and inside a triple-quoted string. Tokens stream out one
// at a time, so a parse that fails early stops lexing early, and a caller can restart at any
// physical line (a prose line with an unbalanced "(" must not swallow the rest of the message).
import type { CodeLine } from "./extract-code.js";
import { createPythonLexer, type PyToken, type TokenType } from "./python-lexer.js";

/** Python refuses more than 200 nested brackets; model code never needs more than a handful. */
export const MAX_NESTING = 100;

const OPENERS: Readonly<Record<string, string>> = { "(": ")", "[": "]", "{": "}" };
const CLOSERS = new Set([")", "]", "}"]);

/** What the cursor hands out next. `lineIndex` is the 0-based physical line within the block. */
export type LineEvent =
  | { kind: "token"; token: PyToken; lineIndex: number }
  /** The logical line ended; `token` is the synthetic EOL to feed the parser. */
  | { kind: "end"; token: PyToken; lineIndex: number }
  /** The block ended with a bracket still open; `opener` is the innermost open bracket. */
  | { kind: "unclosed"; opener: PyToken; lineIndex: number }
  /** More than MAX_NESTING brackets open; `token` is the bracket that went too deep. */
  | { kind: "too-deep"; token: PyToken; lineIndex: number };

/**
 * Columns count characters, as a reader (and Python) does, not UTF-16 units: an emoji earlier
 * on the line counts once.
 */
function characterColumn(text: string, utf16Column: number): number {
  const before = text.slice(0, utf16Column - 1);
  if (!/[\uD800-\uDFFF]/.test(before)) return utf16Column;
  return [...before].length + 1;
}

/** The physical lines of one code block, ready to be read as logical lines. */
export class LogicalLines {
  private readonly text: string;
  private readonly offsets: number[];

  constructor(readonly lines: readonly CodeLine[]) {
    this.text = lines.map((l) => l.text).join("\n");
    this.offsets = [];
    let offset = 0;
    for (const l of lines) {
      this.offsets.push(offset);
      offset += l.text.length + 1;
    }
  }

  /** The first line at or after `from` that can start a logical line (not blank, not only a comment). */
  findStart(from: number): number | null {
    for (let i = Math.max(0, from); i < this.lines.length; i++) {
      const t = (this.lines[i]?.text ?? "").trim();
      if (t !== "" && !t.startsWith("#") && t !== "\\") return i;
    }
    return null;
  }

  /** Indentation width of a physical line as Python computes it (tabs to multiples of 8). */
  indentOf(lineIndex: number): number {
    const text = this.lines[lineIndex]?.text ?? "";
    let col = 0;
    for (const c of text) {
      if (c === " ") col++;
      else if (c === "\t") col = (Math.floor(col / 8) + 1) * 8;
      else if (c === "\f") col = 0;
      else break;
    }
    return col;
  }

  /** The text of a physical line (trimmed), for reports. */
  textOf(lineIndex: number): string {
    return (this.lines[lineIndex]?.text ?? "").trim();
  }

  /** Starts reading the logical line that begins at physical line `lineIndex`. */
  open(lineIndex: number): LineCursor {
    return new LineCursor(this, this.text.slice(this.offsets[lineIndex] ?? this.text.length), lineIndex);
  }

  /** Maps a block-local position (0-based line index, 1-based column) to the original message. */
  position(lineIndex: number, col: number): { line: number; col: number } {
    const l = this.lines[Math.min(lineIndex, this.lines.length - 1)];
    if (l === undefined) return { line: 1, col };
    return { line: l.line, col: l.column + characterColumn(l.text, col) - 1 };
  }

  /** Position just after the end of a physical line (where an EOL token sits). */
  endOf(lineIndex: number): { line: number; col: number } {
    return this.position(lineIndex, (this.lines[lineIndex]?.text.length ?? 0) + 1);
  }
}

/** Streams the tokens of one logical line; whitespace, comments and continuations are dropped. */
export class LineCursor {
  private readonly lexer = createPythonLexer();
  private readonly open: PyToken[] = [];
  private done = false;
  /** The last physical line (0-based) consumed so far; after "end", the line the logical line ended on. */
  lastLine: number;

  constructor(
    private readonly source: LogicalLines,
    chunk: string,
    readonly firstLine: number,
  ) {
    this.lastLine = firstLine;
    this.lexer.reset(chunk, { line: firstLine + 1, col: 1, state: "start" });
  }

  /** The next event; after "end", "unclosed" or "too-deep" it keeps returning "end". */
  next(): LineEvent {
    if (this.done) return this.endEvent(this.lastLine, null);
    for (;;) {
      const raw = this.lexer.next();
      if (raw === undefined) {
        this.done = true;
        const last = this.source.lines.length - 1;
        const opener = this.open[this.open.length - 1];
        if (opener !== undefined) return { kind: "unclosed", opener, lineIndex: this.lineIndexOf(opener) };
        this.lastLine = Math.max(this.lastLine, last);
        return this.endEvent(last, null);
      }
      const lineIndex = raw.line - 1;
      // A newline token belongs to the line it ends; a multi-line string reaches further.
      this.lastLine = Math.max(this.lastLine, raw.type === "NL" ? lineIndex : lineIndex + raw.lineBreaks);
      const type = (raw.type === "ERROR" ? "INVALID" : raw.type) as TokenType;
      if (type === "WS" || type === "COMMENT" || type === "CONT") continue;
      const pos = this.source.position(lineIndex, raw.col);
      const token: PyToken = { type, text: raw.text, value: raw.text, line: pos.line, col: pos.col };
      if (type === "NL") {
        if (this.open.length > 0) continue;
        this.done = true;
        return this.endEvent(lineIndex, token);
      }
      if (type === "OP") {
        if (OPENERS[raw.text] !== undefined) {
          this.open.push(token);
          if (this.open.length > MAX_NESTING) {
            this.done = true;
            return { kind: "too-deep", token, lineIndex };
          }
        } else if (CLOSERS.has(raw.text)) {
          this.open.pop();
        }
      }
      return { kind: "token", token, lineIndex };
    }
  }

  private lineIndexOf(token: PyToken): number {
    for (let i = this.firstLine; i < this.source.lines.length; i++) {
      if (this.source.lines[i]?.line === token.line) return i;
    }
    return this.firstLine;
  }

  private endEvent(lineIndex: number, nl: PyToken | null): LineEvent {
    const at = nl ?? { ...this.source.endOf(lineIndex) };
    return {
      kind: "end",
      token: { type: "EOL", text: "", value: "", line: at.line, col: at.col },
      lineIndex,
    };
  }
}
