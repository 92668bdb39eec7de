import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/core/answer.js";
import { splitForChat } from "../../src/render/chat-split.js";

// Replies cut into chat messages: never over the limit, every message's fences balanced, nothing
// lost or reordered.

const FENCE = /^\s*(```|~~~)/;

function balanced(message: string): boolean {
  let open: string | null = null;
  for (const line of message.split("\n")) {
    const m = /^\s*(```|~~~)(.*)$/.exec(line);
    if (!m) continue;
    if (open === null) open = m[1] as string;
    else if (m[1] === open && (m[2] ?? "").trim() === "") open = null;
  }
  return open === null;
}

/** The text without fence lines and whitespace: what a split must keep, in order. */
function content(text: string): string {
  return text
    .split("\n")
    .filter((l) => !FENCE.test(l))
    .join("")
    .replace(/\s+/g, "");
}

function check(text: string, limit: number): string[] {
  const parts = splitForChat(text, limit);
  for (const p of parts) {
    expect(p.length).toBeLessThanOrEqual(limit);
    // A split message always closes its fence; only a text short enough to go whole is kept as is.
    expect(balanced(p) || (parts.length === 1 && !balanced(text))).toBe(true);
  }
  expect(parts.map(content).join("")).toBe(content(text));
  return parts;
}

describe("splitForChat", () => {
  it("a short reply is one message, unchanged", () => {
    expect(splitForChat("hello\n```text\nx\n```", 2000)).toEqual(["hello\n```text\nx\n```"]);
  });

  it("a ResNet-50 answer fits Discord's 2,000 characters, each table part a fenced block", () => {
    const text = answer({
      text: readFileSync(new URL("../../bench/fixtures/resnet50.py", import.meta.url), "utf8"),
    }).text;
    expect(text.length).toBeGreaterThan(10_000);
    const parts = check(text, 2000);
    expect(parts.length).toBeGreaterThan(5);
    // The table continues in a reopened ```text block.
    expect(parts.filter((p) => p.startsWith("```text")).length).toBeGreaterThan(2);
  });

  it("prefers a blank line near the end of a message", () => {
    const text = `${"a line of text\n".repeat(50)}\n${"more text here\n".repeat(50)}`;
    const parts = check(text, 800);
    expect(parts[0]?.endsWith("a line of text")).toBe(true);
  });

  it("cuts a line longer than a message at spaces", () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    const parts = check(long, 500);
    expect(parts.length).toBeGreaterThan(4);
  });

  it("holds for random texts with fences, blank lines and long lines", () => {
    const line = fc.oneof(
      fc.constantFrom("```text", "```python", "```", "", "~~~"),
      fc.string({ maxLength: 60 }).map((s) => s.replace(/[\n\r`~]/g, "x")),
      fc.string({ minLength: 100, maxLength: 900 }).map((s) => s.replace(/[\n\r`~]/g, " ")),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 120 }), fc.integer({ min: 60, max: 2000 }), (ls, limit) => {
        check(ls.join("\n"), limit);
      }),
      { seed: 20261126, numRuns: 400 },
    );
  });
});
