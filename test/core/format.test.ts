import { describe, expect, it } from "vitest";
import { pythonFixed2, readableBytes, thousands } from "../../src/render/format.js";

describe("number formats as Keras prints them", () => {
  it.each([
    [403.625, "403.62"],
    [403.875, "403.88"],
    [0.125, "0.12"],
    [0.375, "0.38"],
    [315.66015625, "315.66"],
    [2.675, "2.67"],
    [1.005, "1.00"],
    [0, "0.00"],
  ])("pythonFixed2(%s) = %s, as Python's '{:.2f}'", (x, expected) => {
    expect(pythonFixed2(x)).toBe(expected);
  });

  it.each([
    [80_809 * 4, "315.66 KB"],
    [0, "0.00 B"],
    [848, "848.00 B"],
    [8_504_778 * 4, "32.44 MB"],
    [103_328 * 4, "403.62 KB"],
  ])("readableBytes(%s) = %s", (bytes, expected) => {
    expect(readableBytes(bytes)).toBe(expected);
  });

  it("writes thousands with commas", () => {
    expect(thousands(80809)).toBe("80,809");
    expect(thousands(17146368)).toBe("17,146,368");
  });
});
