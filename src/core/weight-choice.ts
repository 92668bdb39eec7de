import { CLASSIC_KERNEL_NAMES, classicKernels, type Kernel } from "../conv/classic-kernels.js";
import { KernelParseError, parseKernel } from "../conv/parse-kernel.js";

// Which weights the image run uses: the framework's seeded initialiser (the default), or kernels
// the user named (--weights sobel-x,sobel-y; "with a sobel filter") or wrote
// ("kernel [[1,0,-1],[2,0,-2],[1,0,-1]]"), which apply to a single-layer conv question.

export type WeightChoice = { kind: "init" } | { kind: "kernels"; label: string; kernels: Kernel[] };

const ALIASES: [RegExp, string][] = [
  [/\bsobel[\s_-]?x\b/i, "sobel-x"],
  [/\bsobel[\s_-]?y\b/i, "sobel-y"],
  [/\bedges?(?:[\s_-]?detect\w*)?\b|\bsobel\b/i, "edges"],
  [/\blaplacian\b/i, "laplacian"],
  [/\bgaussian(?:[\s_-]?blur)?\b/i, "gaussian"],
  [/\bbox[\s_-]?(?:blur|filter)\b|\bmean[\s_-]?filter\b/i, "box"],
  [/\bsharpen\w*\b/i, "sharpen"],
  [/\bemboss\w*\b/i, "emboss"],
];

/** The CLI's --weights: "init", or kernel names separated by commas. */
export function weightsFromOption(text: string): WeightChoice | { error: string } {
  const names = text
    .split(",")
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n !== "");
  if (names.length === 0 || (names.length === 1 && names[0] === "init")) return { kind: "init" };
  const unknown = names.filter((n) => !CLASSIC_KERNEL_NAMES.includes(n));
  if (unknown.length > 0)
    return {
      error: `--weights: unknown kernel ${unknown.join(", ")} (known: init, ${CLASSIC_KERNEL_NAMES.join(", ")})`,
    };
  const kernels = names.flatMap((n) => classicKernels(n));
  const size = `${kernels[0]?.length}×${kernels[0]?.[0]?.length}`;
  if (kernels.some((k) => `${k.length}×${k[0]?.length}` !== size))
    return { error: "--weights: the kernels differ in size" };
  return { kind: "kernels", label: names.join(", "), kernels };
}

/** Kernels stated in the message: a literal `kernel [[…]]`, else the first kernel named. */
export function weightsFromMessage(text: string): WeightChoice | { error: string } | null {
  const literal = /\bkernel\s*[=:]?\s*(\[\s*\[[^\]]*\](?:\s*,\s*\[[^\]]*\])*\s*\])/i.exec(text);
  if (literal?.[1]) {
    try {
      const k = parseKernel(literal[1]);
      return { kind: "kernels", label: `your ${k.length}×${k[0]?.length} kernel`, kernels: [k] };
    } catch (e) {
      if (e instanceof KernelParseError) return { error: `kernel ${literal[1]}: ${e.message}` };
      throw e;
    }
  }
  for (const [re, name] of ALIASES)
    if (re.test(text)) return { kind: "kernels", label: name, kernels: classicKernels(name) };
  return null;
}
