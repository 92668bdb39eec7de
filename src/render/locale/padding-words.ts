/** 'same', 'valid', padding='same' (PyTorch), or "padding 1" for amounts written in a sentence. */
/** Shared by the locales: `word` is the language's word for padding. */
export function paddingWords(p: unknown, word: string): string {
  if (typeof p === "string") return p === "same_torch" ? "padding='same'" : `'${p}'`;
  const pairs = (p as { explicit: [number, number][] }).explicit;
  const flat = pairs.flat();
  return flat.every((x) => x === flat[0])
    ? `${word} ${flat[0]}`
    : `${word} ${pairs.map(([a, b]) => `${a}+${b}`).join(", ")}`;
}
