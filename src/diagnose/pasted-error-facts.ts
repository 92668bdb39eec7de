import type { PastedError } from "../parse/errors/pasted-error.js";

// Numbers a pasted error implies, worked out once for every language: what a flattened size can
// be made of, how a view's values split into a batch, whether a Flatten would give the size asked.

export interface PastedFacts {
  /** matmul: channels · side · side that multiply to the features the Linear got, likeliest first. */
  factorizations: [number, number][];
  /** view: (batch, values per sample) pairs that multiply to the tensor's size. */
  splits: [number, number][];
  /** axis: the received shape flattened (without the batch) has exactly the expected size. */
  flattens: boolean;
}

const CHANNELS = [2048, 1024, 512, 256, 128, 96, 64, 48, 32, 16, 8, 6, 4, 3, 1];
const BATCHES = [1, 2, 4, 8, 16, 32, 64, 128, 256];

export function pastedFacts(e: PastedError): PastedFacts {
  const facts: PastedFacts = { factorizations: [], splits: [], flattens: false };
  if (e.kind === "matmul") {
    const features = e.a[1] ?? 0;
    for (const c of CHANNELS) {
      const side = Math.sqrt(features / c);
      if (features % c === 0 && Number.isInteger(side) && side > 1) facts.factorizations.push([c, side]);
    }
    facts.factorizations = facts.factorizations.slice(0, 5);
  }
  if (e.kind === "view")
    facts.splits = BATCHES.filter((b) => e.size % b === 0)
      .map((b): [number, number] => [b, e.size / b])
      .slice(-4);
  if (e.kind === "axis") {
    const rest = e.shape.slice(1);
    facts.flattens =
      rest.every((d) => d !== null) && rest.reduce((a: number, b) => a * (b as number), 1) === e.expected;
  }
  return facts;
}
