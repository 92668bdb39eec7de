import { describe, expect, it } from "vitest";
import { Evaluator } from "../../src/parse/evaluate.js";
import { parseMessage } from "../../src/parse/parse-python.js";
import { repr, type Value } from "../../src/parse/values.js";

function run(code: string, limits?: { maxSteps: number; maxDepth: number; maxCollection: number }) {
  const ev = new Evaluator({ importModule: () => undefined, implicitGlobal: () => undefined }, limits);
  ev.runModule(parseMessage(code).body);
  const get = (name: string) => repr(ev.globals.lookup(name) as Value);
  return { ev, get };
}

describe("safe evaluator", () => {
  it.each([
    ["x = 7 // 2", "x", "3"],
    ["x = 7 / 2", "x", "3.5"],
    ["x = -7 // 2", "x", "-4"],
    ["x = -7 % 3", "x", "2"],
    ["x = 2 ** 10", "x", "1024"],
    ["x = -2 ** 2", "x", "-4"],
    ["x = (1 + 2) * 3 - 4", "x", "5"],
    ["x = 1 < 2 < 3", "x", "True"],
    ["x = 3 if 1 > 2 else 4", "x", "4"],
    ["x = [i * i for i in range(4) if i % 2 == 0]", "x", "[0, 4]"],
    ["a, b = (1, 2)\nx = b - a", "x", "1"],
    ["a, *rest = [1, 2, 3]\nx = rest", "x", "[2, 3]"],
    ["x = [1, 2] + [3]", "x", "[1, 2, 3]"],
    ["x = (64,) * 3", "x", "(64, 64, 64)"],
    ["d = {'a': 1}\nd['b'] = 2\nx = d.get('b')", "x", "2"],
    ["x = max([3, 9, 2])", "x", "9"],
    ["x = len(range(2, 10, 3))", "x", "3"],
    ["x = [1, 2, 3][-1]", "x", "3"],
    ["x = [1, 2, 3, 4][1:3]", "x", "[2, 3]"],
    ["x = 'conv' + '_' + str(2)", "x", "'conv_2'"],
    ["x = sum(f for f in [1, 2, 3])", "x", "6"],
    ["x = list(zip([1, 2], [3, 4]))", "x", "[(1, 3), (2, 4)]"],
  ])("%s → %s = %s", (code, name, expected) => {
    expect(run(code).get(name)).toBe(expected);
  });

  it("calls the user's own functions with defaults, keywords, *args and **kwargs", () => {
    const { get } = run(
      [
        "def block(x, filters=16, *extra, scale=2, **kw):",
        "    return x * filters * scale + len(extra) + len(kw)",
        "a = block(1)",
        "b = block(1, 8, 0, 0, scale=1, z=1)",
        "f = lambda n: n + 1",
        "c = f(41)",
      ].join("\n"),
    );
    expect([get("a"), get("b"), get("c")]).toEqual(["32", "11", "42"]);
  });

  it("runs for loops with break/continue, while loops and if/elif/else", () => {
    const { get } = run(
      [
        "total = 0",
        "for i in range(10):",
        "    if i == 2:",
        "        continue",
        "    elif i > 5:",
        "        break",
        "    else:",
        "        total += i",
        "n = 0",
        "while n < 5:",
        "    n += 2",
      ].join("\n"),
    );
    expect(get("total")).toBe(String(0 + 1 + 3 + 4 + 5));
    expect(get("n")).toBe("6");
  });

  it("lets unknown values flow through without failing (data, numpy, files)", () => {
    const { get, ev } = run(
      [
        "import numpy as np",
        "x = np.zeros((3, 3)).shape[0] + 1",
        "for batch in loader:",
        "    y = 1",
        "z = 2",
      ].join("\n"),
    );
    expect(get("x")).toBe("<unknown>");
    expect(ev.globals.lookup("y")).toBeUndefined();
    expect(get("z")).toBe("2");
    expect(ev.notes.map((n) => n.code)).toContain("unknown_loop");
  });

  it("stops an endless loop at the step budget and an endless recursion at the depth budget", () => {
    const loop = run("while True:\n    x = 1\ny = 2", {
      maxSteps: 10_000,
      maxDepth: 64,
      maxCollection: 1000,
    });
    expect(loop.ev.budgetExhausted).toBe(true);
    expect(loop.ev.notes.map((n) => n.code)).toContain("step_budget");
    const rec = run("def f(n):\n    return f(n + 1)\nx = f(0)", {
      maxSteps: 1_000_000,
      maxDepth: 30,
      maxCollection: 1000,
    });
    expect(rec.ev.notes.map((n) => n.code)).toContain("depth_budget");
  });

  it("refuses to build huge collections", () => {
    const big = run("x = [0] * 10**9", { maxSteps: 1_000_000, maxDepth: 64, maxCollection: 100_000 });
    expect(big.ev.notes.map((n) => n.code)).toContain("collection_budget");
    const range = run("x = list(range(10**12))", {
      maxSteps: 1_000_000,
      maxDepth: 64,
      maxCollection: 100_000,
    });
    expect(range.ev.notes.map((n) => n.code)).toContain("collection_budget");
  });

  it("supports user classes with __init__, methods and attributes", () => {
    const { get } = run(
      [
        "class Cfg:",
        "    def __init__(self, w):",
        "        self.w = w",
        "    def area(self):",
        "        return self.w * self.w",
        "c = Cfg(7)",
        "x = c.area()",
      ].join("\n"),
    );
    expect(get("x")).toBe("49");
  });
});
