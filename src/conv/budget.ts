// Compute accounting, so a caller can refuse a layer before running it rather than stall.
// Units are multiply-accumulates. Conv-like ops and dense count as the shape engine counts them
// (fvcore's convention, bias excluded), so a layer's cost here equals its `macs` there. Pooling,
// activations, padding and resampling are free in that convention but not in time: here each
// window tap or element touched costs one unit, so nothing runs uncounted.

/** The default budget: 4 GMAC (a few seconds of this engine on one core). */
export const DEFAULT_BUDGET_MACS = 4e9;

export class BudgetExceededError extends Error {
  constructor(
    readonly what: string,
    readonly macs: number,
    readonly spent: number,
    readonly limit: number,
  ) {
    super(
      `${what} needs ${formatMacs(macs)}; ${formatMacs(spent)} of the ${formatMacs(limit)} budget already spent`,
    );
    this.name = "BudgetExceededError";
  }
}

export function formatMacs(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GMAC`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MMAC`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kMAC`;
  return `${n} MAC`;
}

/** A running total against a limit; `charge` before running an op. */
export class ComputeBudget {
  spent = 0;
  constructor(readonly limit = DEFAULT_BUDGET_MACS) {}

  get remaining(): number {
    return this.limit - this.spent;
  }

  /** Would `macs` more still fit? */
  fits(macs: number): boolean {
    return this.spent + macs <= this.limit;
  }

  /** Records `macs`, or throws BudgetExceededError (recording nothing) when they would not fit. */
  charge(macs: number, what: string): void {
    if (!this.fits(macs)) throw new BudgetExceededError(what, macs, this.spent, this.limit);
    this.spent += macs;
  }
}

/** Conv: every output value is (inC/groups)·kH·kW products. */
export function convMacs(s: {
  outChannels: number;
  inPerGroup: number;
  kernelH: number;
  kernelW: number;
  outH: number;
  outW: number;
}): number {
  return s.outChannels * s.inPerGroup * s.kernelH * s.kernelW * s.outH * s.outW;
}

/** Transposed conv: every input value scatters (outC/groups)·kH·kW products. */
export function convTransposeMacs(s: {
  inChannels: number;
  outPerGroup: number;
  kernelH: number;
  kernelW: number;
  inH: number;
  inW: number;
}): number {
  return s.inChannels * s.outPerGroup * s.kernelH * s.kernelW * s.inH * s.inW;
}

/** Dense at `positions` positions (1 for a vector). */
export function denseMacs(inFeatures: number, units: number, positions = 1): number {
  return inFeatures * units * positions;
}

/** Windowed pooling: one unit per tap. */
export function poolCost(
  channels: number,
  outH: number,
  outW: number,
  kernelH: number,
  kernelW: number,
): number {
  return channels * outH * outW * kernelH * kernelW;
}

/** Element-by-element ops (activations, batch norm, padding, resampling, global pooling): one unit per value. */
export function elementCost(values: number): number {
  return values;
}
