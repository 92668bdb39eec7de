import { describe, expect, it } from "vitest";
import { describeIssue } from "../../src/render/locale/en/shape-issues.js";
import { describeStep } from "../../src/render/locale/en/steps.js";
import { inferLayer } from "../../src/shape/registry.js";
import { type TorchRow, torchRows } from "./torch-rows.js";

// PyTorch shape rules, one hand-worked row each (see torch-rows.ts for the arithmetic).

function check(row: TorchRow): void {
  const r = inferLayer(row.config, row.inputs, "pytorch");
  if (row.issue) {
    expect(r.ok ? "ok" : r.issue.code, r.ok ? JSON.stringify(r.record.outputs) : "").toBe(row.issue);
    if (r.ok || row.message === undefined) return;
    if (r.issue.code === "torch_error") {
      expect(r.issue.message).toBe(row.message);
      expect(r.issue.other?.message).toBe(row.other);
      // The wording quotes both versions' texts.
      const text = describeIssue(r.issue, "layer").message;
      expect(text).toContain(`"${row.message}"`);
      if (row.other) expect(text).toContain(`(PyTorch ${r.issue.other?.version}: "${row.other}")`);
    } else expect(describeIssue(r.issue, "layer").message).toContain(row.message);
    return;
  }
  expect(r.ok, r.ok ? "" : JSON.stringify(r.issue)).toBe(true);
  if (!r.ok) return;
  if (row.outs) expect(r.record.outputs).toEqual(row.outs);
  if (row.params !== undefined) {
    expect(r.record.params.trainable).toBe(row.params);
    expect(r.record.params.nonTrainable).toBe(0);
  }
  if (row.pads) expect(r.record.geometry?.map((g) => [g.padBefore, g.padAfter])).toEqual(row.pads);
  for (const step of r.record.steps) expect(describeStep(step)).not.toMatch(/undefined|NaN|\[object/);
}

describe("PyTorch shape rules (hand-checked rows)", () => {
  it.each(torchRows)("$torch", check);

  it("has enough rows, each expecting something", () => {
    expect(torchRows.length).toBeGreaterThanOrEqual(80);
    for (const row of torchRows) expect(row.issue ?? row.outs, row.torch).toBeDefined();
    expect(new Set(torchRows.map((r) => r.torch)).size).toBe(torchRows.length);
  });
});
