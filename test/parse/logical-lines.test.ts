import { describe, expect, it } from "vitest";
import { LogicalLines } from "../../src/parse/logical-lines.js";

function reader(text: string): LogicalLines {
  return new LogicalLines(text.split("\n").map((t, i) => ({ text: t, line: i + 1, column: 1 })));
}

/** The token texts of the logical line starting at `start`, and the line it ended on. */
function read(r: LogicalLines, start: number): { tokens: string[]; end: string; last: number } {
  const cursor = r.open(start);
  const tokens: string[] = [];
  for (;;) {
    const event = cursor.next();
    if (event.kind !== "token") return { tokens, end: event.kind, last: cursor.lastLine };
    tokens.push(event.token.text);
  }
}

describe("logical lines", () => {
  it("join inside brackets, after a backslash and through triple-quoted strings", () => {
    const r = reader('x = f(1,\n      2)\ny = 1 + \\\n    2\nz = """a\nb"""\nw');
    expect(read(r, 0)).toEqual({ tokens: ["x", "=", "f", "(", "1", ",", "2", ")"], end: "end", last: 1 });
    expect(read(r, 2)).toEqual({ tokens: ["y", "=", "1", "+", "2"], end: "end", last: 3 });
    expect(read(r, 4)).toEqual({ tokens: ["z", "=", '"""a\nb"""'], end: "end", last: 5 });
    expect(read(r, 6)).toEqual({ tokens: ["w"], end: "end", last: 6 });
  });

  it("report an unclosed bracket at the end of the block, and too deep nesting", () => {
    expect(read(reader("x = [1,\n2"), 0).end).toBe("unclosed");
    expect(read(reader(`x = ${"[".repeat(150)}`), 0).end).toBe("too-deep");
  });

  it("skip blank and comment-only lines when looking for a start", () => {
    const r = reader("\n   \n# c\n  x");
    expect(r.findStart(0)).toBe(3);
    expect(r.findStart(4)).toBeNull();
  });

  it("compute indentation like Python (tabs to multiples of 8)", () => {
    const r = reader("    a\n\tb\n  \tc\n\fd");
    expect([0, 1, 2, 3].map((i) => r.indentOf(i))).toEqual([4, 8, 8, 0]);
  });

  it("map positions back to the original message", () => {
    const r = new LogicalLines([
      { text: "x = 1", line: 5, column: 5 },
      { text: "y", line: 7, column: 1 },
    ]);
    const cursor = r.open(0);
    const first = cursor.next();
    expect(first.kind === "token" && [first.token.line, first.token.col]).toEqual([5, 5]);
  });
});
