import { describe, expect, it } from "vitest";
import type { Stmt } from "../../src/parse/ast.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { expr, one, show } from "./show.js";

describe("expressions: precedence and associativity as in Python", () => {
  it.each([
    ["-2**2", "(-(2 ** 2))"],
    ["2**-1", "(2 ** (-1))"],
    ["2**3**2", "(2 ** (3 ** 2))"],
    ["-x.y[0]**2", "(-(x.y[0] ** 2))"],
    ["a - b - c", "((a - b) - c)"],
    ["a + b * c", "(a + (b * c))"],
    ["a * b // c % d @ e", "((((a * b) // c) % d) @ e)"],
    ["~a + -b", "((~a) + (-b))"],
    ["- - a", "(-(-a))"],
    ["a | b ^ c & d << e + f", "(a | (b ^ (c & (d << (e + f)))))"],
    ["a < b <= c", "(a < b <= c)"],
    ["a not in b", "(a not in b)"],
    ["a is not None", "(a is not None)"],
    ["(a < b) < c", "((a < b) < c)"],
    ["not a == b", "(not (a == b))"],
    ["not not a", "(not (not a))"],
    ["a or b and not c", "(a or (b and (not c)))"],
    ["a or b or c", "((a or b) or c)"],
    ["a if b else c if d else e", "(a if b else (c if d else e))"],
    ["lambda x, y=1: x if y else -x", "(lambda x, y=1: (x if y else (-x)))"],
    ["lambda: lambda: 0", "(lambda : (lambda : 0))"],
    ["lambda *a, **k: a", "(lambda *a, **k: a)"],
    ["f(x)(y)[0].z", "f(x)(y)[0].z"],
  ])("%s", (code, rendered) => {
    expect(expr(code)).toBe(rendered);
  });
});

describe("atoms and displays", () => {
  it.each([
    ["1, 2", "(1, 2)"],
    ["(1,)", "(1,)"],
    ["()", "()"],
    ["(a)", "a"],
    ["[1, 2,]", "[1, 2]"],
    ["[]", "[]"],
    ["{}", "{}"],
    ["{1, 2}", "{1, 2}"],
    ["{'a': 1, **b}", '{"a": 1, **b}'],
    ["[*a, *b]", "[*a, *b]"],
    ["None, True, False, ...", "(None, True, False, ...)"],
    ["'a' \"b\" '''c'''", '"abc"'],
    ["r'\\n' + '\\n'", '("\\\\n" + "\\n")'],
    ["b'\\x41'", '"A"'],
    ['f"{x}"', 'f"{x}"'],
    ["out[:, -1, :]", "out[(:, (-1), :)]"],
    ["x[0]", "x[0]"],
    ["a[1:3:2]", "a[1:3:2]"],
    ["a[::2]", "a[::2]"],
    ["a[1:]", "a[1:]"],
    ["x[..., 0]", "x[(..., 0)]"],
    ["x[i,]", "x[(i,)]"],
    ["[i * 2 for i in range(10) if i % 2 if i > 3]", "[(i * 2) for i in range(10) if (i % 2) if (i > 3)]"],
    ["{k: v for k, v in d.items()}", "{k: v for (k, v) in d.items()}"],
    ["{x for x in y}", "{x for x in y}"],
    ["sum(x for x in y)", "sum((x for x in y))"],
    ["(x for x in y for z in x)", "(x for x in y for z in x)"],
    ["[a if b else c for a in d]", "[(a if b else c) for a in d]"],
    ["f(a, *args, k=1, **kw,)", "f(a, *args, k=1, **kw)"],
  ])("%s", (code, rendered) => {
    expect(expr(code)).toBe(rendered);
  });

  it("reads numbers", () => {
    const values = ["1_000", "0x1F", "0o17", "0b101", "1e-3", ".5", "1.", "1.5e+2"].map((raw) => {
      const stmt = one(raw);
      return stmt.kind === "expr" && (stmt.value.kind === "int" || stmt.value.kind === "float")
        ? [stmt.value.kind, stmt.value.value]
        : null;
    });
    expect(values).toEqual([
      ["int", 1000],
      ["int", 31],
      ["int", 15],
      ["int", 5],
      ["float", 0.001],
      ["float", 0.5],
      ["float", 1],
      ["float", 150],
    ]);
  });

  it("keeps huge numbers without throwing", () => {
    const stmt = one(`x = ${"9".repeat(400)}`);
    expect(stmt.kind === "assign" && stmt.value.kind === "int" && stmt.value.value).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});

describe("simple statements", () => {
  it("imports", () => {
    const parsed = parseMessage(
      [
        "import tensorflow as tf, numpy",
        "from tensorflow.keras.layers import Conv2D, Dense as D",
        "from x import *",
        "from . import y",
        "from ..a.b import (c as d,",
        "    e,)",
      ].join("\n"),
    );
    expect(parsed.skipped).toEqual([]);
    expect(parsed.body.map((s) => ({ ...s, pos: undefined }))).toEqual([
      {
        kind: "import",
        names: [
          { name: "tensorflow", alias: "tf" },
          { name: "numpy", alias: null },
        ],
        pos: undefined,
      },
      {
        kind: "importfrom",
        module: "tensorflow.keras.layers",
        level: 0,
        names: [
          { name: "Conv2D", alias: null },
          { name: "Dense", alias: "D" },
        ],
        pos: undefined,
      },
      { kind: "importfrom", module: "x", level: 0, names: "*", pos: undefined },
      { kind: "importfrom", module: "", level: 1, names: [{ name: "y", alias: null }], pos: undefined },
      {
        kind: "importfrom",
        module: "a.b",
        level: 2,
        names: [
          { name: "c", alias: "d" },
          { name: "e", alias: null },
        ],
        pos: undefined,
      },
    ]);
  });

  it("assignments: chained, unpacking, annotated, augmented", () => {
    const chained = one("a = b = c, d");
    expect(chained.kind === "assign" && [chained.targets.map(show), show(chained.value)]).toEqual([
      ["a", "b"],
      "(c, d)",
    ]);
    const unpack = one("a, *b = f()");
    expect(unpack.kind === "assign" && unpack.targets.map(show)).toEqual(["(a, *b)"]);
    const ann = one("x: int = 3");
    expect(
      ann.kind === "annassign" && [show(ann.target), show(ann.annotation), ann.value && show(ann.value)],
    ).toEqual(["x", "int", "3"]);
    const bare = one("self.x: Tensor");
    expect(bare.kind === "annassign" && bare.value).toBeNull();
    const aug = one("x //= 2");
    expect(aug.kind === "augassign" && [aug.op, show(aug.value)]).toEqual(["//", "2"]);
  });

  it("keyword statements", () => {
    const parsed = parseMessage(
      "pass; break; continue\nreturn\nreturn a, b\nglobal a, b\nnonlocal c\ndel x[0], y\nassert x, 'msg'\nraise\nraise ValueError('x') from e",
    );
    expect(parsed.skipped).toEqual([]);
    expect(parsed.body.map((s) => s.kind)).toEqual([
      "pass",
      "break",
      "continue",
      "return",
      "return",
      "global",
      "nonlocal",
      "del",
      "assert",
      "raise",
      "raise",
    ]);
    const ret = parsed.body[4];
    expect(ret?.kind === "return" && ret.value && show(ret.value)).toBe("(a, b)");
    const del = parsed.body[7];
    expect(del?.kind === "del" && del.targets.map(show)).toEqual(["x[0]", "y"]);
  });

  it("model code calls", () => {
    expect(expr("model.fit(x_train, y_train, epochs=10)")).toBe("model.fit(x_train, y_train, epochs=10)");
    expect(expr('print(f"shape: {x.shape}")')).toBe('print(f"shape: {x.shape}")');
  });
});

/** Statement kinds as a nested outline, to check block structure. */
function outline(body: Stmt[]): unknown[] {
  return body.map((s) => {
    switch (s.kind) {
      case "def":
      case "class":
      case "with":
        return { [s.kind]: outline(s.body) };
      case "if":
      case "for":
      case "while":
        return s.orelse.length > 0
          ? { [s.kind]: outline(s.body), else: outline(s.orelse) }
          : { [s.kind]: outline(s.body) };
      case "try":
        return {
          try: outline(s.body),
          except: s.handlers.map((h) => outline(h.body)),
          else: outline(s.orelse),
          finally: outline(s.finalbody),
        };
      default:
        return s.kind;
    }
  });
}

describe("blocks from indentation", () => {
  it("def with decorators, defaults, *args, bare *, **kwargs and annotations", () => {
    const parsed = parseMessage(
      "@tf.function\n@register('x')\ndef f(a, b: int = 2, *args, c, d=None, **kw) -> int:\n    return a\n",
    );
    const def = parsed.body[0];
    expect(def?.kind).toBe("def");
    if (def?.kind !== "def") return;
    expect(def.decorators.map(show)).toEqual(["tf.function", 'register("x")']);
    expect(def.params.map((p) => `${p.star}${p.name}${p.default ? `=${show(p.default)}` : ""}`)).toEqual([
      "a",
      "b=2",
      "*args",
      "c",
      "d=None",
      "**kw",
    ]);
    expect(outline(def.body)).toEqual(["return"]);
    const bare = one("def g(a, *, b=1, /): pass");
    expect(bare.kind === "def" && bare.params.map((p) => p.star + p.name)).toEqual(["a", "*", "b"]);
  });

  it("class with bases and metaclass", () => {
    const cls = one("class A(B, metaclass=M):\n    x = 1\n    def f(self):\n        pass\n");
    expect(cls.kind === "class" && cls.bases.map((b) => b.name ?? show(b.value))).toEqual(["B", "metaclass"]);
    expect(outline([cls])).toEqual([{ class: ["assign", { def: ["pass"] }] }]);
  });

  it("if / elif / else, loops with else, with, try", () => {
    const code = [
      "if a:",
      "    x = 1",
      "elif b:",
      "    x = 2",
      "else:",
      "    x = 3",
      "for i in range(3):",
      "    if i: continue",
      "else:",
      "    pass",
      "while True:",
      "    break",
      "with tf.device('/cpu:0'), torch.no_grad() as g:",
      "    y = 1",
      "try:",
      "    z = 1",
      "except (ValueError, TypeError) as e:",
      "    raise",
      "except:",
      "    pass",
      "else:",
      "    pass",
      "finally:",
      "    del z",
      "done = True",
    ].join("\n");
    const parsed = parseMessage(code);
    expect(parsed.skipped).toEqual([]);
    expect(outline(parsed.body)).toEqual([
      { if: ["assign"], else: [{ if: ["assign"], else: ["assign"] }] },
      { for: [{ if: ["continue"] }], else: ["pass"] },
      { while: ["break"] },
      { with: ["assign"] },
      { try: ["assign"], except: [["raise"], ["pass"]], else: ["pass"], finally: ["del"] },
      "assign",
    ]);
    const withStmt = parsed.body[3];
    expect(
      withStmt?.kind === "with" && withStmt.items.map((i) => [show(i.context), i.target && show(i.target)]),
    ).toEqual([
      ['tf.device("/cpu:0")', null],
      ["torch.no_grad()", "g"],
    ]);
    const tryStmt = parsed.body[4];
    expect(tryStmt?.kind === "try" && tryStmt.handlers.map((h) => [h.type && show(h.type), h.name])).toEqual([
      ["(ValueError, TypeError)", "e"],
      [null, null],
    ]);
  });

  it("one-line forms", () => {
    const parsed = parseMessage(
      "if x: y = 1; z = 2\nelse: y = 0\nclass A: pass\ndef f(): return 1\nfor i in x: print(i)",
    );
    expect(parsed.skipped).toEqual([]);
    expect(outline(parsed.body)).toEqual([
      { if: ["assign", "assign"], else: ["assign"] },
      { class: ["pass"] },
      { def: ["return"] },
      { for: ["expr"] },
    ]);
  });

  it("nested blocks close on dedent, and blank lines and comments do not matter", () => {
    const code =
      "class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n\n        # layers\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):\n        return self.fc(x)\nm = M()\n";
    expect(outline(parseMessage(code).body)).toEqual([
      { class: [{ def: ["expr", "assign"] }, { def: ["return"] }] },
      "assign",
    ]);
  });

  it("a header whose body is all skipped keeps its structure", () => {
    const parsed = parseMessage("for i in range(3):\n    this doesn't work\nx = 1\n");
    expect(outline(parsed.body)).toEqual([{ for: [] }, "assign"]);
    expect(parsed.skipped.map((s) => s.line)).toEqual([2]);
  });

  it("tabs and spaces, and code indented as a whole", () => {
    expect(outline(parseMessage("if a:\n\tx = 1\n\ty = 2\nz = 3").body)).toEqual([
      { if: ["assign", "assign"] },
      "assign",
    ]);
    expect(outline(parseMessage("    x = 1\n    if x:\n        y = 2\n    z = 3").body)).toEqual([
      "assign",
      { if: ["assign"] },
      "assign",
    ]);
  });

  it("reports an else with nothing to attach to", () => {
    const parsed = parseMessage("x = 1\nelse:\n    y = 2\n");
    expect(parsed.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, "'else' without a matching 'if', 'for', 'while' or 'try'"],
    ]);
    expect(outline(parsed.body)).toEqual(["assign", "assign"]);
  });
});

describe("positions are in the original message", () => {
  it("counts the fence line and prose before it", () => {
    const parsed = parseMessage(
      "Why is this wrong?\n```python\nimport tensorflow as tf\nx = tf.zeros((1, 2))\n```\nthanks",
    );
    expect(parsed.body.map((s) => s.pos)).toEqual([
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
    const assign = parsed.body[1];
    expect(assign?.kind === "assign" && assign.value.kind === "call" && assign.value.args[0]?.pos).toEqual({
      line: 4,
      column: 14,
    });
  });

  it("shifts columns past REPL prompts", () => {
    const parsed = parseMessage(">>> x = 1\n>>> y = (x +\n...      2)\n3\n");
    expect(parsed.skipped).toEqual([]);
    const y = parsed.body[1];
    expect(y?.pos).toEqual({ line: 2, column: 5 });
    expect(y?.kind === "assign" && y.value.kind === "binop" && y.value.right.pos).toEqual({
      line: 3,
      column: 10,
    });
  });

  it("handles CRLF line endings", () => {
    const parsed = parseMessage("x = 1\r\nif x:\r\n    y = [1,\r\n         2]\r\n");
    expect(parsed.skipped).toEqual([]);
    expect(outline(parsed.body)).toEqual(["assign", { if: ["assign"] }]);
  });
});

describe("skipped lines", () => {
  it("turns nearley's error into a short message at the right line and column", () => {
    const parsed = parseMessage("x = 1\nmodel.add(Dense(10) Dense(5))\ny = 2");
    expect(parsed.skipped).toEqual([
      {
        line: 2,
        column: 21,
        reason: "expected ',' or ')', found name 'Dense'",
        text: "model.add(Dense(10) Dense(5))",
        looksLikeCode: true,
      },
    ]);
    expect(parsed.body.map((s) => s.kind)).toEqual(["assign", "assign"]);
  });

  it("says when a bracket is never closed, and keeps reading after it", () => {
    const parsed = parseMessage("x = f(1,\ny = 2");
    expect(parsed.skipped[0]?.reason).toMatch(/expected|never closed/);
    expect(parsed.body.map((s) => (s.kind === "assign" ? show(s.targets[0] ?? s.value) : s.kind))).toEqual([
      "y",
    ]);
    const unclosed = parseMessage("x = 1\nz = [1, 2");
    expect(unclosed.skipped).toEqual([
      { line: 2, column: 5, reason: "'[' was never closed", text: "z = [1, 2", looksLikeCode: true },
    ]);
  });

  it("prose with an unbalanced parenthesis does not swallow the code after it", () => {
    const parsed = parseMessage(
      "I don't understand why the output is (None, 61, 61, 24\nmodel = Sequential([\n    Dense(10),\n])\nmodel.summary()",
    );
    expect(parsed.body.map((s) => s.kind)).toEqual(["assign", "expr"]);
    expect(parsed.skipped).toHaveLength(1);
    expect(parsed.skipped[0]?.looksLikeCode).toBe(false);
  });

  it("skips a broken multi-line statement whole, keeping the lines around it", () => {
    const parsed = parseMessage(
      "a = 1\nmodel = Sequential([\n    Dense(10),\n    Dense(5) Dense(2),\n])\nb = 2",
    );
    expect(parsed.body.map((s) => (s.kind === "assign" ? show(s.targets[0] ?? s.value) : s.kind))).toEqual([
      "a",
      "b",
    ]);
    expect(parsed.skipped.map((s) => [s.line, s.column, s.looksLikeCode])).toEqual([[4, 14, true]]);
  });

  it("tells code from prose and summary tables", () => {
    const parsed = parseMessage(
      [
        "I don't understand why the output is (None, 61, 61, 24)",
        'Model: "sequential"',
        "_________________________________________________________________",
        " Layer (type)                Output Shape              Param #",
        " conv2d (Conv2D)             (None, 61, 61, 24)        4632",
        "x = Conv2D(24 8)",
        "print 'hello'",
      ].join("\n"),
    );
    expect(parsed.skipped.map((s) => [s.line, s.looksLikeCode])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, false],
      [6, true],
      [7, true],
    ]);
  });

  it("never shows nearley's raw text", () => {
    const parsed = parseMessage("def f(:\nx = = 1\nclass\nif x\nlambda x y: 1\n$ ? `");
    for (const s of parsed.skipped) {
      expect(s.reason.length).toBeLessThan(120);
      expect(s.reason).not.toMatch(/Unexpected|based on|Instead|%|→|●/);
    }
    expect(parsed.skipped.length).toBe(6);
  });
});
