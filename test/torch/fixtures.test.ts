import { describe, expect, it } from "vitest";
import { analyzeSnippet, differences, fixtureNames, loadFixture } from "./fixture-compare.js";

// Every snippet in test/fixtures/torch/snippets was run by real PyTorch (scripts/gen-torch-fixtures.py):
// per leaf-module call its name, class, output shapes and params; the model's output and total
// params; for the buggy ones the exception text and line. shapebot reads the same code without
// running it and must agree on every number.

const names = fixtureNames();

describe("PyTorch fixtures from real PyTorch", () => {
  it("has the fixtures the issue asks for", () => {
    expect(names.length).toBeGreaterThanOrEqual(80);
    expect(names.filter((n) => n.includes("_bug_")).length).toBeGreaterThanOrEqual(20);
  });

  it.each(names)("%s", (name) => {
    const { fixture, source } = loadFixture(name);
    const analysis = analyzeSnippet(source);
    expect(differences(fixture, analysis)).toEqual([]);
    // A comparison that cannot fail proves nothing: every fixture compares at least one number.
    expect(
      fixture.calls.length + (fixture.error ? 1 : 0) + (fixture.totalParams === null ? 0 : 1),
    ).toBeGreaterThan(0);
  });
});
