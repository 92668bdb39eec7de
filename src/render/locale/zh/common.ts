import type { Dim } from "../../../model/shape.js";

// Helpers shared by the Chinese wording: numbers keep the English thousands separators ("4,632"),
// shapes and code stay as they are, axis names become Chinese.

import { thousands } from "../../format.js";

export const n = thousands;

export function dim(d: Dim): string {
  if (d === null) return "None";
  return typeof d === "number" ? n(d) : d;
}

export function sizes(ds: readonly (Dim | number)[]): string {
  return ds.map(dim).join("×");
}

const AXES: Record<string, string> = {
  height: "高度",
  width: "宽度",
  depth: "深度",
  length: "长度",
  height_width: "高度和宽度",
};

/** Axis names as steps carry them ("height", "axis 2", "height_width"), in Chinese. */
export function axisWord(axis: string): string {
  const known = AXES[axis];
  if (known !== undefined) return known;
  const numbered = /^axis (\d+)$/.exec(axis);
  if (numbered) return `第 ${numbered[1]} 轴`;
  return axis;
}

/** "a", "a 和 b", "a、b 和 c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("、")} 和 ${items.at(-1)}`;
}

/**
 * True when the text still has English prose once quoted segments and code-like tokens are taken
 * out: two or more English words in a row. Used to decide whether a technical text coming from
 * elsewhere (a parser's reason) can be shown as is, or must be quoted as the original English.
 */
export function hasEnglishProse(text: string): boolean {
  return /[A-Za-z][A-Za-z'’-]*[ \t]+[A-Za-z][A-Za-z'’-]*/.test(stripCode(text));
}

/** Removes quoted segments and code-like tokens, leaving a separator in their place. */
export function stripCode(text: string): string {
  return (
    text
      .replace(/“[^”]*”/g, " | ")
      .replace(/「[^」]*」/g, " | ")
      .replace(/"[^"]*"/g, " | ")
      .replace(/`[^`]*`/g, " | ")
      .replace(/'[^'\n]*'/g, " | ")
      // calls with up to two levels of nested brackets: Reshape((10, 4)), Model(inputs=…, outputs=…)
      .replace(/[A-Za-z_][\w.]*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)/g, " | ")
      // flags, identifiers with _ . = or digits: --input, k_eff, tf.keras, padding=1, Conv2D, float32
      .replace(/--?[A-Za-z][\w-]*/g, " | ")
      .replace(/[\w.]*[_.=][\w.=…]*/g, " | ")
      .replace(/\b[A-Za-z]*\d[\w]*/g, " | ")
  );
}
