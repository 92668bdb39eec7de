import { describe, expect, it } from "vitest";
import { en } from "../../src/render/locale/en/index.js";
import { detectLang, localeFor } from "../../src/render/locale/index.js";
import { zh } from "../../src/render/locale/zh/index.js";
import { englishRuns, numbersOf, zhProblems } from "./prose.js";
import { collect, ISSUE_CODES, STEP_CODES } from "./samples.js";

// Every Step and ShapeIssue code, made by the real shape rules, worded in Chinese: no undefined,
// no English prose outside quoted framework errors and code, and the same numbers as in English.

const { steps, issues } = collect();
const LAYER = "conv2d_1";

describe("prose helper", () => {
  it("finds English prose but not code, quotes or units", () => {
    expect(englishRuns("the kernel is too large")).toEqual(["the kernel is too large"]);
    expect(englishRuns("每个滤波器 8×8×3 = 192 个权重")).toEqual([]);
    expect(
      englishRuns(
        "Keras 3 报错 “Computed output size would be zero”：改用 padding='same'、Conv2D 或 Reshape((10, 4))，return_sequences=True，315.66 KB",
      ),
    ).toEqual([]);
    expect(englishRuns("用 padding='same' or a larger input")).toEqual(["or a larger input"]);
  });
});

describe("samples cover every code", () => {
  it.each(STEP_CODES)("step %s has a sample", (code) => {
    expect(steps.some((s) => s.value.code === code)).toBe(true);
  });
  it.each(ISSUE_CODES)("issue %s has a sample", (code) => {
    expect(issues.some((s) => s.value.code === code)).toBe(true);
  });
  it("lists every code the samples produce", () => {
    for (const s of steps) expect(STEP_CODES).toContain(s.value.code);
    for (const s of issues) expect(ISSUE_CODES).toContain(s.value.code);
  });
});

describe("zh steps", () => {
  it.each(steps.map((s) => [s.name, s.value] as const))("%s", (_, step) => {
    const text = zh.step(step);
    expect(zhProblems(text), text).toEqual([]);
    expect(numbersOf(text), `${en.step(step)}\n${text}`).toEqual(numbersOf(en.step(step)));
  });
});

describe("zh shape issues", () => {
  it.each(issues.map((s) => [s.name, s.value] as const))("%s", (_, issue) => {
    const z = zh.shapeIssue(issue, LAYER);
    const e = en.shapeIssue(issue, LAYER);
    for (const text of [z.message, z.fix ?? ""]) expect(zhProblems(text), text).toEqual([]);
    expect(numbersOf(z.message), `${e.message}\n${z.message}`).toEqual(numbersOf(e.message));
    expect(z.fix === null).toBe(e.fix === null);
    expect(numbersOf(z.fix ?? ""), `${e.fix}\n${z.fix}`).toEqual(numbersOf(e.fix ?? ""));
  });

  it("keeps the framework's own error text verbatim", () => {
    for (const { value } of issues) {
      const quoted = [...en.shapeIssue(value, LAYER).message.matchAll(/raises "([^"]*)"/g)].map((m) => m[1]);
      const z = zh.shapeIssue(value, LAYER).message;
      for (const q of quoted) expect(z).toContain(`“${q}”`);
    }
  });
});

describe("registration", () => {
  it("answers Chinese questions with the Chinese locale", () => {
    expect(localeFor(detectLang("为什么输出形状没有通道维度？"))).toBe(zh);
    expect(localeFor("en")).toBe(en);
  });
});
