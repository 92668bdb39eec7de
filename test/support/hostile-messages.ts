import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";

// Messages a stranger might send, for the fuzz tests and `npm run fuzz`: arbitrary text, the
// golden messages damaged token by token (tokens deleted or doubled, brackets left open, numbers
// made huge, indentation turned to tabs, unicode dropped in), deep nesting, and real layer calls
// with absurd numbers. Each at most MAX_MESSAGE_BYTES of UTF-8.

export const MAX_MESSAGE_BYTES = 16 * 1024;

const goldens = new URL("../golden/messages/", import.meta.url).pathname;
export const CORPUS: readonly string[] = readdirSync(goldens)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((f) => readFileSync(join(goldens, f), "utf8"));

const TOKEN = /\s+|[A-Za-z_]\w*|\d+(?:\.\d+)?|[^\w\s]/g;
const HUGE = [
  "0",
  "-1",
  "9007199254740993",
  "1e308",
  "99999999999999999999999",
  "2**64",
  "-0",
  "NaN",
  "1e-9",
];
const UNICODE = ["😀", "名前", "\u200b", "\u202e", "\ufeff", "é", "𝔁", "\u0000", "\ud800", "’"];
const BRACKETS = ["(", ")", "[", "]", "{", "}", "'", '"', '"""', "```", ":", ",", "\\"];

type Op = {
  kind: "delete" | "duplicate" | "bracket" | "huge" | "tabs" | "unicode";
  at: number;
  pick: number;
};

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom("delete", "duplicate", "bracket", "huge", "tabs", "unicode"),
  at: fc.nat(),
  pick: fc.nat(),
});

/** A golden message with its tokens damaged. */
export function damage(message: string, ops: readonly Op[]): string {
  const tokens = message.match(TOKEN) ?? [];
  for (const o of ops) {
    const i = tokens.length === 0 ? 0 : o.at % tokens.length;
    const from = <T>(xs: readonly T[]) => xs[o.pick % xs.length] as T;
    switch (o.kind) {
      case "delete":
        tokens.splice(i, 1 + (o.pick % 3));
        break;
      case "duplicate":
        tokens.splice(i, 0, ...tokens.slice(i, i + 1 + (o.pick % 4)));
        break;
      case "bracket":
        tokens.splice(i, 0, from(BRACKETS));
        break;
      case "huge": {
        const n = tokens.findIndex((t, j) => j >= i && /^\d/.test(t));
        if (n >= 0) tokens[n] = from(HUGE);
        break;
      }
      case "tabs":
        for (let j = 0; j < tokens.length; j++)
          if (/^\n[ ]+$/.test(tokens[j] as string)) tokens[j] = (tokens[j] as string).replace(/ {4}/g, "\t");
        break;
      case "unicode":
        tokens.splice(i, 0, from(UNICODE));
        break;
    }
  }
  return tokens.join("");
}

const damaged = fc
  .record({ message: fc.constantFrom(...CORPUS), ops: fc.array(op, { minLength: 1, maxLength: 8 }) })
  .map(({ message, ops }) => damage(message, ops));

const nested = fc
  .record({
    depth: fc.integer({ min: 1, max: 4000 }),
    open: fc.constantFrom("(", "[", "{", "layers.Dense(", "nn.Sequential("),
    closed: fc.boolean(),
  })
  .map(({ depth, open, closed }) => {
    const close = { "(": ")", "[": "]", "{": "}" }[open.slice(-1)] ?? ")";
    return `x = ${open.repeat(depth)}1${closed ? close.repeat(depth) : ""}`;
  });

const absurd = fc
  .record({
    call: fc.constantFrom(
      "nn.Conv2d({a}, {b}, {c}, stride={d}, padding={e})",
      "nn.Linear({a}, {b})",
      "layers.Conv2D({a}, {b}, strides={c}, padding='same')",
      "layers.Dense({a}, input_shape=({b},))",
      "nn.MaxPool2d({a}, {b})",
      "nn.LSTM({a}, {b}, num_layers={c})",
      "x.view({a}, {b})",
    ),
    nums: fc.array(fc.oneof(fc.constantFrom(...HUGE), fc.integer().map(String)), {
      minLength: 5,
      maxLength: 5,
    }),
  })
  .map(({ call, nums }) => {
    const filled = call.replace(/\{([a-e])\}/g, (_m, k: string) => nums["abcde".indexOf(k)] ?? "1");
    return `import torch.nn as nn\nmodel = nn.Sequential(${filled})\nout = model(torch.randn(1, 3, 32, 32))\n${filled}`;
  });

const arbitraryText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 600 }),
  fc.string({ unit: "binary", maxLength: 600 }),
  fc
    .array(fc.constantFrom(...BRACKETS, ...UNICODE, "\n", "    ", "\t", "def ", "class ", "x", "=", "1"), {
      maxLength: 300,
    })
    .map((xs) => xs.join("")),
);

/** Every kind of hostile message, capped at 16 KB of UTF-8. */
export const hostileMessage: fc.Arbitrary<string> = fc
  .oneof(
    { arbitrary: damaged, weight: 5 },
    { arbitrary: arbitraryText, weight: 2 },
    { arbitrary: nested, weight: 1 },
    { arbitrary: absurd, weight: 2 },
  )
  .map(capBytes);

function capBytes(s: string): string {
  if (Buffer.byteLength(s, "utf8") <= MAX_MESSAGE_BYTES) return s;
  return Buffer.from(s, "utf8").subarray(0, MAX_MESSAGE_BYTES).toString("utf8");
}
