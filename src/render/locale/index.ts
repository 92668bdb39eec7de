import { en } from "./en/index.js";
import type { Lang, Locale } from "./locale.js";

export { detectLang } from "../../model/lang.js";

import { zh } from "./zh/index.js";

const LOCALES: Record<Lang, Locale> = { en, zh: zh };

export function localeFor(lang: Lang): Locale {
  return LOCALES[lang];
}

export type { Lang, Locale };
