/** The languages replies are written in. */
export type Lang = "en" | "zh";

/** The language of a question: Chinese when it has at least two CJK characters, else English. */
export function detectLang(text: string): Lang {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g);
  return cjk !== null && cjk.length >= 2 ? "zh" : "en";
}
