// The compute budget: MAC formulas per op, charging, refusing before the limit.
import { describe, expect, it } from "vitest";
import {
  BudgetExceededError,
  ComputeBudget,
  convMacs,
  convTransposeMacs,
  DEFAULT_BUDGET_MACS,
  denseMacs,
  formatMacs,
  poolCost,
} from "../../src/conv/budget.js";

describe("compute budget", () => {
  it("counts MACs per op", () => {
    // ResNet's stem: 64 filters 7×7 over 3 channels at 112×112 = 118 MMAC.
    expect(convMacs({ outChannels: 64, inPerGroup: 3, kernelH: 7, kernelW: 7, outH: 112, outW: 112 })).toBe(
      118013952,
    );
    expect(convTransposeMacs({ inChannels: 8, outPerGroup: 4, kernelH: 3, kernelW: 3, inH: 5, inW: 5 })).toBe(
      7200,
    );
    expect(denseMacs(128, 10)).toBe(1280);
    expect(denseMacs(128, 10, 6)).toBe(7680);
    expect(poolCost(3, 4, 4, 2, 2)).toBe(192);
    expect(formatMacs(118013952)).toBe("118.01 MMAC");
    expect(formatMacs(DEFAULT_BUDGET_MACS)).toBe("4.00 GMAC");
  });

  it("charges until the limit, then refuses without recording", () => {
    const b = new ComputeBudget(100);
    b.charge(60, "a");
    expect(b.fits(40)).toBe(true);
    expect(() => b.charge(41, "conv 2")).toThrow(BudgetExceededError);
    expect(b.spent).toBe(60);
    b.charge(40, "b");
    expect(b.remaining).toBe(0);
    expect(new ComputeBudget().limit).toBe(4e9);
  });
});
