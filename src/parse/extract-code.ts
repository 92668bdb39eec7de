// Finds the code in a whole chat message: ``` / ~~~ fenced blocks, or (without fences) the
// whole message, whose prose lines the parser then skips. REPL prompts are stripped; every kept
// line remembers where it sits in the original message so positions stay exact.

/** One physical line of code and where its first character sits in the original message. */
export interface CodeLine {
  text: string;
  /** 1-based line in the original message (after CRLF → LF). */
  line: number;
  /** 1-based column in the original message of `text[0]`. */
  column: number;
}

/** A run of code lines parsed on its own (a statement never spans two blocks). */
export interface CodeBlock {
  fenced: boolean;
  /** The fence's info string ("python", "py", …), null when absent or unfenced. */
  language: string | null;
  lines: CodeLine[];
}

/** Languages whose fenced blocks are certainly not Python source. */
const NOT_PYTHON = new Set([
  "bash",
  "sh",
  "shell",
  "zsh",
  "console",
  "powershell",
  "ps",
  "cmd",
  "json",
  "yaml",
  "yml",
  "toml",
  "ini",
  "js",
  "javascript",
  "ts",
  "typescript",
  "c",
  "cpp",
  "c++",
  "java",
  "rust",
  "go",
  "html",
  "css",
  "sql",
  "diff",
  "xml",
]);

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const LANGUAGE = /^[\w+#.-]*$/;

/** Splits a message into its code blocks. Never throws. */
export function extractCode(message: string): CodeBlock[] {
  const lines = message.replace(/\r\n?/g, "\n").split("\n");
  const fenced = fencedBlocks(lines);
  const blocks = fenced ?? [
    { fenced: false, language: null, lines: lines.map((text, i) => ({ text, line: i + 1, column: 1 })) },
  ];
  return blocks.map(stripPrompts).filter((b) => !NOT_PYTHON.has((b.language ?? "").toLowerCase()));
}

/** The fenced blocks, or null when the message has no fence at all. */
function fencedBlocks(lines: string[]): CodeBlock[] | null {
  const blocks: CodeBlock[] = [];
  let open: { marker: string; block: CodeBlock } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (open === null) {
      const m = FENCE.exec(text);
      if (m === null) continue;
      const indent = m[1] ?? "";
      const marker = m[2] ?? "```";
      const rest = m[3] ?? "";
      const block: CodeBlock = { fenced: true, language: null, lines: [] };
      blocks.push(block);
      const restColumn = indent.length + marker.length + 1;
      const close = rest.indexOf(marker.slice(0, 3));
      if (close >= 0) {
        // ```x = 1``` on one line (Discord renders it as a block).
        block.lines.push({ text: rest.slice(0, close), line: i + 1, column: restColumn });
        continue;
      }
      const info = rest.trim();
      if (LANGUAGE.test(info)) block.language = info === "" ? null : info;
      else block.lines.push({ text: rest, line: i + 1, column: restColumn }); // code right after the fence
      open = { marker, block };
      continue;
    }
    // A closing fence, alone or (as Discord allows) right after the last code line.
    const closing = /(`{3,}|~{3,})$/.exec(text.trimEnd());
    if (closing !== null && closing[0][0] === open.marker[0] && closing[0].length >= open.marker.length) {
      const code = text.slice(0, closing.index);
      if (code.trim() !== "") open.block.lines.push({ text: code, line: i + 1, column: 1 });
      open = null;
      continue;
    }
    open.block.lines.push({ text, line: i + 1, column: 1 });
  }
  return blocks.length > 0 ? blocks : null;
}

const PROMPT = /^(>>>|\.\.\.)( |$)/;
const IPYTHON_IN = /^In \[\d*\]: ?/;
const IPYTHON_MORE = /^ +\.\.\.: ?/;

/**
 * A pasted REPL session keeps only its input lines: `>>> ` and `... ` (or IPython's `In [1]: `
 * and `   ...: `) are removed and output lines dropped. Without a `>>>`/`In [n]:` prompt the
 * block is left alone (`...` on its own is Python's Ellipsis).
 */
function stripPrompts(block: CodeBlock): CodeBlock {
  const isRepl = block.lines.some((l) => l.text.startsWith(">>>") || IPYTHON_IN.test(l.text));
  if (!isRepl) return block;
  const lines: CodeLine[] = [];
  for (const l of block.lines) {
    const m = PROMPT.exec(l.text) ?? IPYTHON_IN.exec(l.text) ?? IPYTHON_MORE.exec(l.text);
    if (m === null) continue; // output of the previous command
    lines.push({ text: l.text.slice(m[0].length), line: l.line, column: l.column + m[0].length });
  }
  return { ...block, lines };
}

const CODE_START =
  /^\s*print\s+['"\w]|^\s*(?:def|class|import|from|return|for|while|if|elif|else|with|try|except|finally|raise|assert|del|pass|lambda|global|nonlocal)\b|^\s*@\w/;
const ASSIGNMENT = /^\s*[\w.[\]'"]+(?:\s*,\s*[\w.]+)*\s*(?:[-+*/%@&|^]|\/\/|\*\*)?=(?!=)/;
const CALL = /[\w\])]\(/;
const TABLE_OR_TRACE =
  /^\s*(?:[=_\-─━═┃│┌└├╇╔╚║┏┗┡]{4,}\s*$|(?:[\w.]*(?:Error|Exception)): |Layer \(type\)|Total params|Trainable params|Non-trainable params|Output Shape|Param #|Model: "|Traceback \(most recent call last\)|File ".*", line \d+)|[│┃║]|\(None(?:, ?\d+)*\)\s+\d[\d,]*\s*$/;
// Each word has one way to match ([A-Za-z][a-z]* then an optional 's / 't …), so a long line
// cannot make the regex backtrack quadratically.
const PROSE_WORDS =
  /(?:^|\s)[A-Za-z][a-z]*(?:'[a-z]+)?(?:[,;]?\s+[A-Za-z][a-z]*(?:'[a-z]+)?[,;]?){3,}(?:\s|[.?!:]|$)/;
/** Lines longer than this are judged on their first part only. */
const MAX_JUDGED_LENGTH = 500;
/** A sentence that starts the way chat messages do: "I get …", "My model …", "Why does …". */
const PROSE_OPENER =
  /^(?:I|I'm|My|We|Our|Why|How|What|When|Where|Here|This|The|Hi|Hello|Hey|Thanks|Please|Can|Could|Does|Do|Is|It|So|But|And|Any|Anyone)\s+[a-z]/i;
// A question mark followed by more words is never Python (outside a string).
const PROSE_MARKS = /\b(?:[A-Za-z]+n't|I'm|I've|it's|what's|that's)\b|[?!]\s*$|\w\.\s*$|^[^'"#]*\?\s+\w/i;

/** Binary garbage: C0 control characters other than whitespace, or U+FFFD from a bad decode. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0xfffd) return true;
  }
  return false;
}

/** A line of a model.summary() table or a traceback, which may happen to be valid Python (`_____`). */
export function looksLikeOutput(text: string): boolean {
  return TABLE_OR_TRACE.test(text.trim());
}

/**
 * Whether a line that failed to parse is worth mentioning as code (a typo in the model) or is
 * prose, a model.summary() table or a traceback pasted along with it.
 */
export function looksLikeCode(text: string): boolean {
  const t = text.trim().slice(0, MAX_JUDGED_LENGTH);
  if (t === "" || hasControlCharacters(t)) return false;
  if (TABLE_OR_TRACE.test(t)) return false;
  if (CODE_START.test(t) || ASSIGNMENT.test(t)) return true;
  // Chinese or Japanese words (or full-width punctuation) outside a string: a sentence.
  if (/[\u3040-\u9fff\uff01-\uff1f]/.test(t)) return false;
  if (PROSE_MARKS.test(t) || PROSE_OPENER.test(t)) return false;
  if (PROSE_WORDS.test(t) && !/[=[\]{}]/.test(t)) return false;
  return CALL.test(t) || /[=[\]{}:]|\w\.\w/.test(t);
}

/**
 * The prose around pasted code, where a question is asked: the lines the parser skipped as not
 * code, without pasted output (a summary table, a traceback line).
 */
export function proseAroundCode(
  message: string,
  skipped: readonly { line: number; looksLikeCode: boolean }[],
): string {
  const lines = message.split("\n");
  return skipped
    .filter((s) => !s.looksLikeCode)
    .map((s) => lines[s.line - 1] ?? "")
    .filter((line) => !looksLikeOutput(line))
    .join("\n");
}
