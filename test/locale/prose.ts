// Test helpers for the Chinese wording: is any English prose left, and which numbers does a text say.

/** Removes quoted segments and code-like tokens, leaving a separator in their place. */
export function stripQuotedAndCode(text: string): string {
  return (
    text
      .replace(/“[^”]*”/g, " | ")
      .replace(/「[^」]*」/g, " | ")
      .replace(/"[^"]*"/g, " | ")
      .replace(/`[^`]*`/g, " | ")
      .replace(/'[^'\n]*'/g, " | ")
      // calls with nested brackets: Reshape((10, 4)), Model(inputs=…, outputs=…), model.summary()
      .replace(/[A-Za-z_][\w.]*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)/g, " | ")
      // flags, identifiers with _ . = or digits: --input, k_eff, tf.keras, padding=1, Conv2D, float32
      .replace(/--?[A-Za-z][\w-]*/g, " | ")
      .replace(/[\w.]*[_.=][\w.=…]*/g, " | ")
      .replace(/\b[A-Za-z]*\d\w*/g, " | ")
  );
}

/** The English prose left once quotes and code are removed: runs of two or more English words. */
export function englishRuns(text: string): string[] {
  return stripQuotedAndCode(text).match(/[A-Za-z][A-Za-z'’-]*(?:[ \t]+[A-Za-z][A-Za-z'’-]*)+/g) ?? [];
}

/** Every digit group, sorted: "4,632 = 24 × 193" → ["193", "24", "4", "632"]. */
export function numbersOf(text: string): string[] {
  return (text.match(/\d+/g) ?? []).sort();
}

/** Problems of one zh text: undefined / NaN, English prose outside quotes and code. */
export function zhProblems(text: string): string[] {
  const problems: string[] = [];
  if (/undefined|NaN|\[object Object\]/.test(text)) problems.push("undefined/NaN");
  for (const run of englishRuns(text)) problems.push(`English prose: "${run}"`);
  if (!/[\u4e00-\u9fff]/.test(text) && /[A-Za-z]{3,}/.test(stripQuotedAndCode(text)))
    problems.push("no Chinese at all");
  return problems;
}
