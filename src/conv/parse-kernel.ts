// A kernel written as nested lists — "[[1,0,-1],[2,0,-2],[1,0,-1]]", Python tuples "((1, 2), (3, 4))"
// or a single row "[1, 2, 1]" — into rows of numbers. Numbers may be signed, decimal, in
// exponent form, or a fraction "1/9". Anything else is a KernelParseError naming the place.

export class KernelParseError extends Error {
  constructor(
    message: string,
    /** 0-based offset in the text, or −1 when the problem is the kernel as a whole. */
    readonly offset: number,
  ) {
    super(message);
    this.name = "KernelParseError";
  }
}

type Node = { t: "number"; value: number; at: number } | { t: "list"; items: Node[]; at: number };

const NUMBER = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const CLOSE: Record<string, string> = { "[": "]", "(": ")" };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  fail(message: string, at = this.pos): never {
    const shown = at < this.text.length ? `"${this.text.slice(at, at + 12)}"` : "the end";
    throw new KernelParseError(`${message} at ${shown} (character ${at + 1})`, at);
  }

  value(depth: number): Node {
    this.skipSpace();
    const at = this.pos;
    const ch = this.text[at];
    if (ch === "[" || ch === "(") return this.list(ch, depth);
    return { t: "number", value: this.number(), at };
  }

  number(): number {
    const at = this.pos;
    const read = (): number => {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.text);
      if (!m) this.fail("expected a number");
      this.pos += m[0].length;
      return Number(m[0]);
    };
    let v = read();
    this.skipSpace();
    if (this.text[this.pos] === "/") {
      this.pos++;
      this.skipSpace();
      const d = read();
      if (d === 0) this.fail("division by zero in a fraction", at);
      v /= d;
    }
    if (!Number.isFinite(v)) this.fail("not a finite number", at);
    return v;
  }

  list(open: string, depth: number): Node {
    const at = this.pos;
    if (depth >= 2) this.fail("a kernel has rows of numbers; lists nest two deep at most");
    const close = CLOSE[open] as string;
    this.pos++;
    const items: Node[] = [];
    this.skipSpace();
    while (this.text[this.pos] !== close) {
      if (this.pos >= this.text.length) this.fail(`missing "${close}"`);
      items.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === undefined) this.fail(`missing "${close}"`);
      if (next === ",") {
        this.pos++;
        this.skipSpace();
      } else if (next !== close) {
        this.fail(`expected "," or "${close}"`);
      }
    }
    this.pos++;
    return { t: "list", items, at };
  }
}

/** Parses the text into rows (see the file comment); every row has the same length. */
export function parseKernel(text: string): number[][] {
  const r = new Reader(text);
  r.skipSpace();
  if (r.pos >= text.length)
    throw new KernelParseError("empty kernel: expected a list such as [[1,0],[0,1]]", -1);
  if (text[r.pos] !== "[" && text[r.pos] !== "(") r.fail('a kernel is a list: expected "["');
  const root = r.value(0);
  r.skipSpace();
  if (r.pos < text.length) r.fail("unexpected text after the kernel");
  if (root.t !== "list" || root.items.length === 0) throw new KernelParseError("empty kernel", -1);
  const nested = root.items.map((n) => n.t === "list");
  if (nested.every((n) => !n)) return [root.items.map((n) => (n as { value: number }).value)];
  const rows: number[][] = [];
  for (const [i, item] of root.items.entries()) {
    if (item.t !== "list")
      throw new KernelParseError(`row ${i + 1} is a number, not a list; mix of rows and numbers`, item.at);
    const row = item.items.map((n) => (n as { value: number }).value);
    if (row.length === 0) throw new KernelParseError(`row ${i + 1} is empty`, item.at);
    const width = rows[0]?.length;
    if (width !== undefined && row.length !== width)
      throw new KernelParseError(
        `ragged kernel: row ${i + 1} has ${row.length} numbers, row 1 has ${width}`,
        item.at,
      );
    rows.push(row);
  }
  return rows;
}
