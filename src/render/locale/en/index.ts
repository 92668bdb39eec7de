import type { Locale } from "../locale.js";
import { enConcepts } from "./concepts.js";
import { enCrossFramework } from "./cross-framework.js";
import { enImages } from "./images.js";
import { enInverse } from "./inverse.js";
import { pastedErrors } from "./pasted-errors.js";
import { enPlain } from "./plain.js";
import { describeIssue } from "./shape-issues.js";
import { describeStep } from "./steps.js";
import { enText } from "./text.js";

export const en: Locale = {
  lang: "en",
  step: describeStep,
  shapeIssue: describeIssue,
  ...enText,
  concepts: enConcepts,
  images: enImages,
  inverse: enInverse,
  pastedError: pastedErrors,
  crossFramework: enCrossFramework,
  plain: enPlain,
};
