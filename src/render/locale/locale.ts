import type { LayerConfig } from "../../model/layer-config.js";
import type { BuildIssue } from "../../model/problems.js";
import type { Shape } from "../../model/shape.js";
import type { EvalNote } from "../../parse/eval-notes.js";
import type { ShapeIssue } from "../../shape/issues.js";
import type { Step } from "../../shape/steps.js";

// Every word a reply says lives in one place per language (locale/en, locale/zh); the rest of
// render/ only arranges numbers, shapes and code, which are the same in every language.

export type Lang = "en" | "zh";

export interface Worded {
  message: string;
  fix: string | null;
}

export interface Locale {
  lang: Lang;
  /** "a", "a and b", "a, b and c" (English); "a、b 和 c" (Chinese). */
  list(items: string[]): string;

  step(step: Step): string;
  shapeIssue(issue: ShapeIssue, layerName: string): Worded;
  buildIssue(issue: BuildIssue): Worded;
  evalNote(note: EvalNote): string;
  /** A line of code the parser could not read; `reason` is the parser's technical text. */
  skippedLine(reason: string, text: string): string;
  proseSkipped(lines: number): string;

  explain: {
    groupHeader(names: string[], className: string, settings: string): string;
    settings(config: LayerConfig): string;
    /** The seed question: why the channel axis becomes the number of filters. */
    channelStory(layer: string, filters: number, inChannels: number, output: Shape): string;
    moreGroups(count: number): string;
    macsTotal(total: number): string;
    macsShownOf(shown: number, all: number): string;
    activations(values: number, size: string, largest: string, largestValues: number): string;
  };

  reply: {
    headline(input: string, output: string, params: number | null, layers: number): string;
    headlineStopped(input: string, layer: string, className: string, line: number): string;
    where(line: number | null, column: number | null): string;
    fixLabel: string;
    noteLabel: string;
    /** Suffix of "Total params" when the model stopped at an error. */
    totalsBeforeError: string;
    /** A totals line when some layer's params are unknown. */
    totalsUnknown(label: string, known: string, size: string, unknownLayers: string[]): string;
  };

  messages: {
    empty: string;
    tooLong(size: string, limit: string): string;
    binary: string;
    badInputOption(text: string, part: string | null): string;
    pytorchNotYet: string;
    noPython(line: number, column: number, reason: string): string;
    noModelCode: string;
    noKerasModel: string;
  };
}
