import type { Locale } from "../locale.js";
import { describeIssue } from "./shape-issues.js";
import { describeStep } from "./steps.js";
import { enText } from "./text.js";

export const en: Locale = { lang: "en", step: describeStep, shapeIssue: describeIssue, ...enText };
