// Hostile and huge inputs: parseMessage never throws and stays fast (DESIGN.md, "Known hazards").
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMessage } from "../../src/parse/parse-python.js";

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const LAYER_LINES = [
  "x = layers.Conv2D(32, (3, 3), strides=(1, 1), padding='same', activation='relu', name=f'conv_{i}')(x)",
  "x = layers.BatchNormalization(axis=-1, momentum=0.99)(x)",
  "if i % 2 == 0 and not skip:",
  "    x = layers.MaxPooling2D(pool_size=2)(x)",
  "out = x[:, -1, :] * 2 ** -1 + bias  # comment",
];

function modelFile(lines: number): string {
  const out = ["import tensorflow as tf", "from tensorflow.keras import layers", "def build(x, skip=False):"];
  for (let i = 0; out.length < lines - 1; i++) out.push(`    ${LAYER_LINES[i % LAYER_LINES.length]}`);
  out.push("    return x");
  return out.join("\n");
}

describe("never throws", () => {
  it.each([
    ["empty", ""],
    ["whitespace", "   \n\t\n  \r\n"],
    ["unterminated string", 'x = \'abc\ny = """never closed\nz = 1'],
    ["unterminated triple string at the end", 'x = 1\ny = """abc'],
    ["lone brackets", ")\n]\n}\n(\n[\n{"],
    ["mixed tabs and spaces", "if x:\n\ty = 1\n        z = 2\n    \tw = 3\nv = 4"],
    ["unicode", "x = '😀' + 名前\nπ = 3.14\n→ ← “smart quotes”\ny = 1"],
    ["control characters", "x = 1\u0000\u0001\u0007\ny = 2"],
    ["only a fence", "```"],
    ["backslash at the end", "x = 1 + \\"],
    ["decorator alone", "@dec"],
  ])("%s", (_name, input) => {
    expect(() => parseMessage(input)).not.toThrow();
  });

  it("random bytes (with NULs)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const text = Buffer.from(bytes).toString("latin1");
        const parsed = parseMessage(text);
        expect(Array.isArray(parsed.body)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("random strings made of Python punctuation and keywords", () => {
    const piece = fc.constantFrom(
      "(",
      ")",
      "[",
      "]",
      "{",
      "}",
      ",",
      ":",
      "=",
      "**",
      "-",
      "not",
      "if",
      "else",
      "lambda",
      "for",
      "in",
      "x",
      "1",
      "'s'",
      "\n",
      "    ",
      "\\\n",
      "#c",
      ";",
      "@",
      ".",
      "*",
      "def",
      "class",
      "return",
      '"""',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), (pieces) => {
        expect(() => parseMessage(pieces.join(" "))).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("refuses 500 nested parentheses with a friendly reason and reads on", () => {
    const parsed = parseMessage(`x = ${"(".repeat(500)}1${")".repeat(500)}\ny = 2`);
    expect(parsed.skipped[0]?.reason).toMatch(/nested more than 100 deep/);
    expect(parsed.body.map((s) => s.kind)).toEqual(["assign"]);
  });

  it("stops an adversarial right-associative chain as too complex", () => {
    const { value, ms } = timed(() =>
      parseMessage(`x = ${Array.from({ length: 3000 }, () => "2").join(" ** ")}\ny = 1`),
    );
    expect(value.skipped[0]?.reason).toBe("this line is too complex for me to analyse");
    expect(value.body).toHaveLength(1);
    expect(ms).toBeLessThan(3000);
  });

  it("honours a small per-token state budget", () => {
    const parsed = parseMessage("model = Sequential([Dense(1)])\nx = 1", { maxStatesPerLine: 5 });
    expect(parsed.body).toEqual([]);
    expect(parsed.skipped.every((s) => s.reason === "this line is too complex for me to analyse")).toBe(true);
  });

  it("stops reading when the total budget is spent", () => {
    const parsed = parseMessage(modelFile(200), { maxTotalStates: 5_000 });
    expect(parsed.skipped.at(-1)?.reason).toMatch(/too long/);
  });
});

describe("a broken line in the middle of a model", () => {
  it("keeps the lines around it", () => {
    const code = modelFile(40).split("\n");
    code.splice(20, 0, "    x = layers.Dense(10 activation='relu')(x)");
    const parsed = parseMessage(code.join("\n"));
    expect(parsed.skipped.map((s) => s.line)).toEqual([21]);
    const def = parsed.body[2];
    expect(def?.kind === "def" && def.body.length).toBeGreaterThan(20);
  });
});

describe("linear-ish time", () => {
  it("a 2,000-element list literal on one logical line", () => {
    const line = `x = [${Array.from({ length: 2000 }, (_, i) => `${i}.5`).join(", ")}]`;
    const { value, ms } = timed(() => parseMessage(line));
    const stmt = value.body[0];
    expect(stmt?.kind === "assign" && stmt.value.kind === "list" && stmt.value.items.length).toBe(2000);
    expect(ms).toBeLessThan(1000);
  });

  it("a 2,000-element list over 2,000 physical lines", () => {
    const code = `x = [\n${Array.from({ length: 2000 }, (_, i) => `    (${i}, -${i}),`).join("\n")}\n]`;
    const { value, ms } = timed(() => parseMessage(code));
    const stmt = value.body[0];
    expect(stmt?.kind === "assign" && stmt.value.kind === "list" && stmt.value.items.length).toBe(2000);
    expect(ms).toBeLessThan(1000);
  });

  it("long bare tuples, comparison and operator chains", () => {
    const names = Array.from({ length: 2000 }, (_, i) => `a${i}`);
    for (const sep of [", ", " < ", " + ", " and "]) {
      const { value, ms } = timed(() => parseMessage(`x = ${names.join(sep)}`));
      expect(value.skipped).toEqual([]);
      expect(ms).toBeLessThan(1000);
    }
  });

  it("a 2,000-line model file", () => {
    const code = modelFile(2000);
    const { value, ms } = timed(() => parseMessage(code));
    expect(value.skipped).toEqual([]);
    const def = value.body[2];
    expect(def?.kind === "def" && def.body.length).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(1000);
  });

  it("200 KB of code", () => {
    let code = "";
    while (code.length < 200_000) code += `${modelFile(500)}\n`;
    const { value, ms } = timed(() => parseMessage(code));
    expect(value.skipped).toEqual([]);
    expect(ms).toBeLessThan(2000);
  });

  it("200 KB of prose with unbalanced parentheses", () => {
    const prose = Array.from({ length: 5000 }, (_, i) => `I think (see line ${i} it's broken`).join("\n");
    const { value, ms } = timed(() => parseMessage(prose));
    expect(value.body).toEqual([]);
    expect(value.skipped.every((s) => !s.looksLikeCode)).toBe(true);
    expect(ms).toBeLessThan(2000);
  });
});
