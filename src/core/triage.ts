/** Quick looks at a message before parsing it. */

/** NULs, other C0 controls or U+FFFD replacement characters in more than 1% of the text. */
export function looksBinary(text: string): boolean {
  let bad = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return bad > 0 && bad / text.length > 0.01;
}

const PYTORCH =
  /\bimport\s+torch\b|\bfrom\s+torch\b|\bnn\.Module\b|\bnn\.(Conv[123]d|Linear|Sequential)\b|\btorch\.(nn|randn|zeros|flatten)\b/;
const KERAS = /\bkeras\b|\btensorflow\b|\bConv[123]D\b|\bDense\(|\bSequential\(/;

export function detectFramework(text: string): "keras" | "pytorch" {
  if (PYTORCH.test(text) && !KERAS.test(text)) return "pytorch";
  return "keras";
}
