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

const PYTORCH_IMPORT = /\bimport\s+torch\b|\bfrom\s+torch\b/;
const KERAS_IMPORT = /\b(import|from)\s+(keras|tensorflow|tf_keras)\b/;
const PYTORCH =
  /\bnn\.Module\b|\bnn\.[A-Z]\w*\(|\btorch\.\w+|\bF\.[a-z_]+\d?d?\(|\bdef forward\(|\b(Conv[123]d|Linear|BatchNorm[123]d|MaxPool[123]d)\(/g;
const KERAS =
  /\bkeras\b|\btensorflow\b|\btf\.\w+|\b(Conv[123]D|Dense|MaxPooling[123]D|BatchNormalization)\(|\blayers\.\w+\(|\.add\(/g;

/** PyTorch or Keras: the imports decide; without them, whichever spelling the code uses more. */
export function detectFramework(text: string): "keras" | "pytorch" {
  const torchImport = PYTORCH_IMPORT.test(text);
  const kerasImport = KERAS_IMPORT.test(text);
  if (torchImport !== kerasImport) return torchImport ? "pytorch" : "keras";
  const torch = text.match(PYTORCH)?.length ?? 0;
  const keras = text.match(KERAS)?.length ?? 0;
  return torch > keras ? "pytorch" : "keras";
}
