import { describe, expect, it } from "vitest";
import { extractCode, looksLikeCode } from "../../src/parse/extract-code.js";

const texts = (message: string) =>
  extractCode(message).map((b) => b.lines.map((l) => `${l.line}:${l.column}:${l.text}`));

describe("extractCode", () => {
  it("takes only fenced blocks when there are fences, with original line numbers", () => {
    expect(texts("Hi!\n```python\nx = 1\n```\nand\n~~~\ny = 2\n~~~")).toEqual([["3:1:x = 1"], ["7:1:y = 2"]]);
  });

  it("takes the whole message when there is no fence", () => {
    expect(texts("why?\nx = 1")).toEqual([["1:1:why?", "2:1:x = 1"]]);
  });

  it("handles Discord shapes: one-line blocks, code after the fence, fence after the code", () => {
    expect(texts("```x = 1```")).toEqual([["1:4:x = 1"]]);
    expect(texts("```py\nx = 1\ny = 2```")).toEqual([["2:1:x = 1", "3:1:y = 2"]]);
    expect(texts("```x = f(1, 2)\ny = 2\n```")).toEqual([["1:4:x = f(1, 2)", "2:1:y = 2"]]);
  });

  it("reads an unclosed fence to the end and skips blocks in other languages", () => {
    expect(texts("```bash\npip install tf\n```\n```\nx = 1")).toEqual([["5:1:x = 1"]]);
  });

  it("strips REPL prompts and drops output lines", () => {
    expect(texts(">>> x = (1,\n...      2)\n(1, 2)\n>>> x")).toEqual([
      ["1:5:x = (1,", "2:5:     2)", "4:5:x"],
    ]);
    expect(texts("In [1]: x = 1\nOut[1]: 1")).toEqual([["1:9:x = 1"]]);
  });

  it("leaves `...` alone outside a REPL session", () => {
    expect(texts("def f():\n...")).toEqual([["1:1:def f():", "2:1:..."]]);
  });

  it("normalises CRLF", () => {
    expect(texts("x = 1\r\ny = 2")).toEqual([["1:1:x = 1", "2:1:y = 2"]]);
  });
});

describe("looksLikeCode", () => {
  it.each([
    ["model.add(Dense(10) Dense(5))", true],
    ["x = Conv2D(24 8)", true],
    ["def f(x)", true],
    ["I don't understand why the output is (None, 61, 61, 24)", false],
    ["Why does this fail?", false],
    ["Here is my model below", false],
    [" conv2d (Conv2D)             (None, 61, 61, 24)        4632", false],
    ["Traceback (most recent call last):", false],
    ["", false],
  ])("%s → %s", (text, expected) => {
    expect(looksLikeCode(text)).toBe(expected);
  });
});
