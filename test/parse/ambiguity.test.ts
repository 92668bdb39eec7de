// nearley blows up on ambiguous grammars (DESIGN.md, "Known hazards"): every line of this corpus
// must have exactly one parse. Add a line here whenever the grammar grows.
import nearley from "nearley";
import { describe, expect, it } from "vitest";
import grammar from "../../src/parse/generated/python-grammar.js";
import { LogicalLines } from "../../src/parse/logical-lines.js";
import { type PyToken, TYPE_SET } from "../../src/parse/python-lexer.js";
import { TokenFeeder } from "../../src/parse/token-feeder.js";

const CORPUS = [
  "import tensorflow as tf",
  "import numpy as np, os.path as osp, sys",
  "from tensorflow.keras.layers import Conv2D, Dense as D",
  "from x import *",
  "from . import y",
  "from ...pkg.mod import (a as b, c,)",
  "x = 1",
  "a = b = c",
  "a, b = f()",
  "a, *rest = 1, 2, 3",
  "(a, b), c = x",
  "x: int = 3",
  "self.w: torch.Tensor",
  "x += 1; y -= 2; z **= 3; w //= 4; v @= m; u >>= 1",
  "print(-2**2, 2**-1, 2**3**2, -x**-y)",
  "y = a if b else c if d else e",
  "f = lambda x, y=1, *a, **k: x if y else lambda: -x",
  "g = lambda: (yield_, 1)",
  "z = not a == b and c or not not d",
  "z = a < b <= c != d is not e in f not in g",
  "z = (a < b) < c",
  "z = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m",
  "z = ~-+a",
  "out = x[:, -1, :]",
  "v = x[0], x[..., 0], a[1:3:2], a[::2], a[:], a[1:], a[:-1], a[::], a[lo:hi:]",
  "v = x[i,]",
  "v = x[*idx]",
  "t = (), (1,), (1, 2), (1, 2,), [], [1], [1,], {}, {1}, {1,}, {1: 2}, {1: 2,}",
  "d = {'a': 1, **b, 'c': {'d': [1, 2, {3}]}}",
  "s = 'a' \"b\" '''c''' r'\\d' b'x' f\"{x!r:>10}\" rb'\\x00'",
  "n = 1_000 + 0x1F + 0o17 + 0b1 + 1e-3 + .5 + 1. + 1.5e+2 + 3j",
  "c = None, True, False, ...",
  "l = [i * 2 for i in range(10) if i % 2 if i > 3]",
  "l = [(i, j) for i in a for j in b if i != j]",
  "l = {k: v for k, v in d.items() if v}",
  "l = {x for x in y}",
  "l = sum(x for x in y)",
  "l = f(x for x in y)(z)",
  "l = [a if b else c for a in d]",
  "l = [lambda: i for i in range(3)]",
  "model.fit(x_train, y_train, epochs=10, batch_size=32, validation_split=0.1,)",
  "f(*args, **kwargs)",
  "f(a, *b, c=1, *d, **e)",
  "f()(1)[2].g(h=3)",
  'print(f"{x.shape}")',
  "model = Sequential([Conv2D(24, (8, 8), strides=2, input_shape=(128, 128, 3)), Flatten(), Dense(1)])",
  "x = layers.Conv2D(filters=64, kernel_size=3, padding='same')(x)",
  "x = torch.cat([a, b], dim=1).view(-1, 16 * 5 * 5)",
  "pass",
  "break; continue",
  "return",
  "return x, y",
  "return *a, b",
  "global a, b",
  "nonlocal c",
  "del x[0], y.z",
  "assert x.shape == (1, 2), 'bad shape'",
  "raise",
  "raise ValueError('x') from err",
  "if x:",
  "if x: y = 1",
  "if x: y = 1; z = 2;",
  "elif y is None:",
  "else:",
  "else: pass",
  "while not done:",
  "for i in range(3):",
  "for i, (a, b) in enumerate(zip(x, y)):",
  "for *a, b in c:",
  "for x in 1, 2, 3:",
  "with tf.device('/cpu:0'):",
  "with torch.no_grad():",
  "with open(p) as f, ctx() as (a, b):",
  "try:",
  "try: x = 1",
  "except:",
  "except ValueError:",
  "except (ValueError, TypeError) as e:",
  "finally:",
  "def f():",
  "def f(a, b=2, *args, c, d=None, **kw) -> int:",
  "def f(self, x: torch.Tensor, *, y: int = 3, **kw: Any) -> torch.Tensor:",
  "def f(a, /, b,):",
  "def f(): return 1",
  "class A:",
  "class A():",
  "class A(B, metaclass=M):",
  "class Net(nn.Module): pass",
  "@tf.function",
  "@register('x')(y)",
  "@property",
  "x = y = (z := 1) if False else 2",
];

/** Every parse of one logical line (the parser's results after EOL). */
function parses(line: string): unknown[] {
  const reader = new LogicalLines([{ text: line, line: 1, column: 1 }]);
  const cursor = reader.open(0);
  const feeder = new TokenFeeder<PyToken>(TYPE_SET);
  const parser = new nearley.Parser(
    nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules),
    { lexer: feeder },
  );
  for (;;) {
    const event = cursor.next();
    if (event.kind !== "token" && event.kind !== "end") throw new Error(`${event.kind} in ${line}`);
    feeder.push(event.token);
    parser.feed("");
    if (event.kind === "end") return parser.results;
  }
}

describe("the grammar is unambiguous", () => {
  it("has a corpus of at least 60 varied lines", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  // The walrus line is outside the subset: it must fail, not parse twice.
  const valid = CORPUS.filter((line) => !line.includes(":="));
  it.each(valid)("%s", (line) => {
    expect(parses(line)).toHaveLength(1);
  });

  it("rejects the walrus operator without ambiguity", () => {
    expect(() => parses("x = y = (z := 1) if False else 2")).toThrow();
  });
});
