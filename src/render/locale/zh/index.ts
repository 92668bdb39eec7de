import type { Locale } from "../locale.js";
import { zhConcepts } from "./concepts.js";
import { zhImages } from "./images.js";
import { zhPlain } from "./plain.js";
import { describeIssue } from "./shape-issues.js";
import { describeStep } from "./steps.js";
import { zhText } from "./text.js";

export const zh: Locale = {
  lang: "zh",
  step: describeStep,
  shapeIssue: describeIssue,
  ...zhText,
  concepts: zhConcepts,
  images: zhImages,
  plain: zhPlain,
};
