import type { Locale } from "../locale.js";
import { zhConcepts } from "./concepts.js";
import { zhCrossFramework } from "./cross-framework.js";
import { zhImages } from "./images.js";
import { zhInverse } from "./inverse.js";
import { pastedErrors } from "./pasted-errors.js";
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
  inverse: zhInverse,
  pastedError: pastedErrors,
  crossFramework: zhCrossFramework,
  plain: zhPlain,
};
