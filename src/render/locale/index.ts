import { en } from "./en/index.js";
import type { Lang, Locale } from "./locale.js";
import { zh } from "./zh/index.js";

const LOCALES: Record<Lang, Locale> = { en, zh: zh };

export function localeFor(lang: Lang): Locale {
  return LOCALES[lang];
}

/** The language of a question: Chinese when it has a few CJK characters, else English. */
export function detectLang(text: string): Lang {
  const cjk = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g);
  return cjk !== null && cjk.length >= 2 ? "zh" : "en";
}

export type { Lang, Locale };
