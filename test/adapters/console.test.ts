import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console.js";
import { MessageSplitter } from "../../src/adapters/console-message-splitter.js";
import { displayWidth, wrapForTerminal } from "../../src/adapters/terminal-wrap.js";

function split(lines: string[]): string[] {
  const s = new MessageSplitter();
  const out: string[] = [];
  for (const l of lines) {
    const m = s.push(l);
    if (m !== null) out.push(m);
  }
  const last = s.end();
  if (last !== null) out.push(last);
  return out;
}

describe("console message splitting", () => {
  it("sends on an empty line outside a fence", () => {
    expect(split(["a = 1", "", "b = 2", ""])).toEqual(["a = 1", "b = 2"]);
  });

  it("keeps empty lines inside a ``` fence", () => {
    expect(split(["```python", "a = 1", "", "b = 2", "```", ""])).toEqual(["```python\na = 1\n\nb = 2\n```"]);
  });

  it("keeps one empty line inside an indented block, sends on the second", () => {
    expect(split(["def f():", "    a = 1", "", "    return a", "", "", "x = 1", ""])).toEqual([
      "def f():\n    a = 1\n\n    return a",
      "x = 1",
    ]);
  });

  it("sends what is pending at end of input, and ignores leading empty lines", () => {
    expect(split(["", "", "a = 1"])).toEqual(["a = 1"]);
    expect(split([])).toEqual([]);
  });
});

describe("console chat", () => {
  it("answers a pasted model and a not-understood line, then ends at end of input", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (d: Buffer) => {
      printed += d.toString("utf8");
    });
    const done = runConsole(input, output, mkdtempSync(join(tmpdir(), "shapebot-console-")));
    input.end(
      [
        "```",
        "model = Sequential()",
        "",
        "model.add(Conv2D(32, (3, 3), padding='same', input_shape=(32, 32, 3)))",
        "```",
        "",
        "conv 24 filters 8x8 stride 2 on 128x128x3",
        "",
      ].join("\n"),
    );
    await done;
    expect(printed).toContain("local console chat");
    expect(printed).toContain("│ conv2d (Conv2D)");
    expect(printed).toContain("(None, 32, 32, 32)");
    expect(printed).toContain("Total params: 896 (3.50 KB)");
    expect(printed).toContain("(None, 128, 128, 3) → (None, 61, 61, 24) · 4,632 params · 1 layer");
  });
});

describe("terminal wrapping", () => {
  it("wraps prose at spaces with a hanging indent and leaves the fenced table alone", () => {
    const table = "│ conv_1 (Conv2D)          │ (None, 61, 61, 24)  │   4,632 │";
    const text = [
      "```text",
      table,
      "```",
      "  • each of the 24 filters spans all 3 input channels and sums them into one number",
    ].join("\n");
    const wrapped = wrapForTerminal(text, 40).split("\n");
    expect(wrapped.slice(0, 3)).toEqual(["```text", table, "```"]);
    expect(wrapped.slice(3)).toEqual([
      "  • each of the 24 filters spans all 3",
      "    input channels and sums them into",
      "    one number",
    ]);
    expect(wrapForTerminal(text, Number.NaN)).toBe(text);
  });
});

describe("terminal wrapping of Chinese replies", () => {
  it("counts CJK characters as two columns and breaks between them", () => {
    const line = "  • 24 个滤波器中的每一个都覆盖全部 3 个输入通道，并在每个位置把它们加成一个数";
    const wrapped = wrapForTerminal(line, 30).split("\n");
    expect(wrapped.length).toBeGreaterThan(1);
    for (const l of wrapped) expect(displayWidth(l)).toBeLessThanOrEqual(30);
    // Nothing is lost or reordered: only spaces and indentation change.
    const squash = (t: string) => t.replace(/\s+/g, "");
    expect(squash(wrapped.join(""))).toBe(squash(line));
  });
});

describe("console /image", () => {
  it("attaches a picture to the next message and writes its feature-map PNGs", async () => {
    const { existsSync } = await import("node:fs");
    const sharp = (await import("sharp")).default;
    const dir = mkdtempSync(join(tmpdir(), "shapebot-console-"));
    const imagePath = join(dir, "photo.png");
    await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 200, g: 30, b: 90 } } })
      .png()
      .toFile(imagePath);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (d) => {
      text += String(d);
    });
    const done = runConsole(input, output, join(dir, "out"));
    input.write(`/image ${imagePath}\n`);
    input.write("model = Sequential([Conv2D(4, 3, input_shape=(16, 16, 3))])\n\n");
    input.write("/image /no/such/file.png\n");
    input.end();
    await done;
    expect(text).toContain(`(attached ${imagePath}`);
    expect(text).toContain("Feature maps from your image");
    expect(existsSync(join(dir, "out", "01-conv2d.png"))).toBe(true);
    expect(text).toContain("(cannot read /no/such/file.png: ENOENT)");
  });
});
