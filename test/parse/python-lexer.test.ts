import { describe, expect, it } from "vitest";
import { createPythonLexer } from "../../src/parse/python-lexer.js";

function lex(text: string): string[] {
  const lexer = createPythonLexer();
  lexer.reset(text);
  return Array.from(lexer, (t) => `${t.type}:${t.text}`).filter((t) => !t.startsWith("WS:"));
}

describe("python lexer", () => {
  it.each([
    ["1_000", "NUMBER:1_000"],
    ["0x1F", "NUMBER:0x1F"],
    ["1e-3", "NUMBER:1e-3"],
    [".5", "NUMBER:.5"],
    ["1.", "NUMBER:1."],
    ["2j", "NUMBER:2j"],
    ["'a\\'b'", "STRING:'a\\'b'"],
    ['rb"\\d"', 'STRING:rb"\\d"'],
    ['f"{x}"', 'STRING:f"{x}"'],
    ['"""a\nb"""', 'STRING:"""a\nb"""'],
    ["名前", "NAME:名前"],
    ["lambda", "KEYWORD:lambda"],
    ["print", "NAME:print"],
    ["**=", "OP:**="],
    ["...", "OP:..."],
    ["# note", "COMMENT:# note"],
  ])("%s", (text, token) => {
    expect(lex(text)).toEqual([token]);
  });

  it("turns an apostrophe in prose into an unterminated string, not a runaway", () => {
    expect(lex("don't (x\ny")).toEqual(["NAME:don", "BADSTRING:'t (x", "NL:\n", "NAME:y"]);
  });

  it("never throws: unknown characters become INVALID tokens one by one", () => {
    expect(lex("$?`\u0000")).toEqual(["INVALID:$", "INVALID:?", "INVALID:`", "INVALID:\u0000"]);
  });

  it("keeps backslash continuations and comments out of the way", () => {
    expect(lex("a \\\n+ b # c")).toEqual(["NAME:a", "CONT:\\\n", "OP:+", "NAME:b", "COMMENT:# c"]);
  });
});
