import { describe, expect, it } from "vitest";
import {
  applyEdits,
  callAt,
  deleteLine,
  findArg,
  insertLineBefore,
  offsetOf,
  patchOf,
  setArg,
} from "../../src/diagnose/source-edit.js";

// Editing the user's message by the positions the parser reports: calls and their arguments as
// text spans, edits applied to the whole message, and the lines a diff shows.

const code = [
  "import torch.nn as nn",
  "class Net(nn.Module):",
  "    def __init__(self):",
  "        self.fc1 = nn.Linear(16 * 4 * 4, 120)  # (a, b)",
  "        self.conv = nn.Conv2d(",
  "            3, 32,",
  '            kernel_size=(3, 3), padding="same")',
].join("\n");

describe("source edits", () => {
  it("finds a call's arguments, positional and keyword, across lines, past strings and comments", () => {
    const fc1 = callAt(code, { line: 4, column: 20 });
    expect(fc1?.callee).toBe("nn.Linear");
    expect(fc1?.args.map((a) => [a.name, code.slice(a.start, a.end)])).toEqual([
      [null, "16 * 4 * 4"],
      [null, "120"],
    ]);
    const conv = callAt(code, { line: 5, column: 21 });
    expect(conv?.args.map((a) => [a.name, code.slice(a.valueStart, a.end)])).toEqual([
      [null, "3"],
      [null, "32"],
      ["kernel_size", "(3, 3)"],
      ["padding", '"same"'],
    ]);
    expect(callAt(code, { line: 4, column: 9 })).toBeNull(); // `self.fc1 = …` is no call
    expect(callAt("f(')', x", { line: 1, column: 1 })).toBeNull(); // unclosed
  });

  it("sets an argument by name or position, or adds it as a keyword", () => {
    const conv = callAt(code, { line: 5, column: 21 });
    if (!conv) throw new Error("no call");
    expect(findArg(conv, "in_channels", 0)?.start).toBe(conv.args[0]?.start);
    const patched = applyEdits(code, [
      setArg(conv, "in_channels", 0, "1"),
      setArg(conv, "padding", 4, "1"),
      setArg(conv, "bias", 7, "False"),
    ]);
    expect(patched.split("\n").slice(4).join("\n")).toBe(
      [
        "        self.conv = nn.Conv2d(",
        "            1, 32,",
        "            kernel_size=(3, 3), padding=1, bias=False)",
      ].join("\n"),
    );
  });

  it("shows whole lines before and after, for changes, insertions and deletions", () => {
    const fc1 = callAt(code, { line: 4, column: 20 });
    if (!fc1) throw new Error("no call");
    const edit = setArg(fc1, "in_features", 0, "16 * 5 * 5");
    expect(patchOf(code, [edit])).toEqual({
      line: 4,
      before: ["        self.fc1 = nn.Linear(16 * 4 * 4, 120)  # (a, b)"],
      after: ["        self.fc1 = nn.Linear(16 * 5 * 5, 120)  # (a, b)"],
    });
    const insert = insertLineBefore(code, 4, "x = 1");
    expect(patchOf(code, [insert]).after).toEqual([
      "        x = 1",
      "        self.fc1 = nn.Linear(16 * 4 * 4, 120)  # (a, b)",
    ]);
    const del = deleteLine(code, 2);
    expect(patchOf(code, [del])).toEqual({ line: 2, before: ["class Net(nn.Module):"], after: [] });
    expect(applyEdits(code, [del]).split("\n")[1]).toBe("    def __init__(self):");
    expect(offsetOf(code, { line: 2, column: 1 })).toBe(code.indexOf("class"));
  });
});
