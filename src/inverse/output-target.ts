import type { Analysis, AnalyzedLayer } from "../model/analysis.js";
import { evalDim, sizeVars } from "../model/symbolic-eval.js";
import type { Locale } from "../render/locale/locale.js";
import type { Step } from "../shape/steps.js";
import { inputSizes, SIZE_LIMIT, sizeExprs } from "./input-sizes.js";
import { runTranspose, type TransposeTry } from "./transpose-solve.js";
import { formulaOf, sizeText } from "./window-answer.js";
import { runWindow } from "./window-solve.js";

// "How do I get 64x64 out of this decoder?" With symbolic input sizes: the input sides whose
// output is 64×64, found by evaluating the model's own symbolic sizes side by side. With the input
// fixed by the code: the settings of the last layer that changes the size which give 64×64, each
// re-run through the forward rule.

function spatialExprs(shape: readonly (string | number | null)[]): string[] {
  return shape.filter((d): d is string => typeof d === "string" && sizeVars(d).length > 0);
}

function values(vars: readonly string[], s: number): Record<string, number> {
  const v: Record<string, number> = { N: 1 };
  for (const name of vars) v[name] = s;
  return v;
}

export function outputTargetAnswer(a: Analysis, to: number[], loc: Locale): string[] {
  const last = a.outputs[0] ?? a.layers[a.layers.length - 1]?.outputShapes[0] ?? [];
  const exprs = spatialExprs(last);
  if (exprs.length > 0) return symbolicTarget(a, exprs, to, loc);
  return changeTarget(a, to, loc);
}

function symbolicTarget(a: Analysis, exprs: string[], asked: number[], loc: Locale): string[] {
  const to = exprs.map((_, i) => asked[i] ?? asked[0] ?? 0);
  const vars = [...new Set(exprs.flatMap(sizeVars))];
  const sizes = inputSizes(a);
  const works = (s: number): boolean => sizes === null || sizes.ranges.some(([lo, hi]) => s >= lo && s <= hi);
  const ranges: [number, number][] = [];
  const near: { input: number; output: number[]; off: number }[] = [];
  for (let s = 1; s <= SIZE_LIMIT; s++) {
    if (!works(s)) continue;
    const out = exprs.map((e) => evalDim(e, values(vars, s)) ?? Number.NaN);
    if (out.every((o, i) => o === to[i])) {
      const r = ranges[ranges.length - 1];
      if (r && r[1] === s - 1) r[1] = s;
      else ranges.push([s, s]);
    } else {
      near.push({ input: s, output: out, off: Math.abs((out[0] ?? 0) - (to[0] ?? 0)) });
    }
  }
  const first = ranges[0]?.[0];
  if (first === undefined) {
    const nearest = near
      .sort((x, y) => x.off - y.off || x.input - y.input)
      .slice(0, 2)
      .sort((x, y) => x.input - y.input);
    return [
      loc.inverse.noTargetInput({
        to: sizeText(to),
        limit: SIZE_LIMIT,
        nearest: nearest.map((x) => ({ input: x.input, output: sizeText(x.output) })),
      }),
    ];
  }
  return loc.inverse.targetInput({ to: sizeText(to), sizes: ranges, chain: chainAt(a, vars, first) });
}

/** The spatial size after each layer that changes it, for input side s: "16×16 → deconv1 32×32 → …". */
function chainAt(a: Analysis, vars: readonly string[], s: number): string[] {
  const chain: string[] = [];
  let previous = "";
  const first = a.inputs[0]?.shape ?? [];
  const at = (shape: readonly (string | number | null)[]): string =>
    sizeText(spatialExprs(shape).map((e) => evalDim(e, values(vars, s)) ?? 0));
  previous = at(first);
  chain.push(previous);
  const exprs = new Set(sizeExprs(a).map((e) => e.layer));
  for (const l of a.layers) {
    if (!exprs.has(l.name) || l.status !== "ok") continue;
    const now = at(l.outputShapes[0] ?? []);
    if (now !== previous && now !== "") {
      chain.push(`${l.name} ${now}`);
      previous = now;
    }
  }
  return chain;
}

/** The last layer that changes the spatial size, when every layer after it keeps the size. */
function lastResizer(a: Analysis): AnalyzedLayer | null {
  const final = a.outputs[0] ?? [];
  for (let i = a.layers.length - 1; i >= 0; i--) {
    const l = a.layers[i] as AnalyzedLayer;
    const g = l.record?.geometry;
    if (!g || l.status !== "ok") continue;
    const outs = g.map((x) => x.output);
    const tail = final.slice(final.length - outs.length);
    const head = final.slice(1, 1 + outs.length);
    const same = (xs: readonly unknown[]) => xs.length === outs.length && xs.every((v, k) => v === outs[k]);
    return same(tail) || same(head) ? l : null;
  }
  return null;
}

function changeTarget(a: Analysis, asked: number[], loc: Locale): string[] {
  const layer = lastResizer(a);
  const g = layer?.record?.geometry ?? null;
  if (!layer || !g || g.some((x) => typeof x.input !== "number")) return [];
  const inputs = g.map((x) => x.input as number);
  const to = g.map((_, i) => asked[i] ?? asked[0] ?? 0);
  const c = layer.config;
  const now = sizeText(g.map((x) => (typeof x.output === "number" ? x.output : 0)));
  const header = loc.inverse.targetChange({
    to: sizeText(to),
    layer: layer.name,
    className: layer.className,
    now,
    input: sizeText(inputs),
  });
  const options: { change: string; formula: string; cost: number }[] = [];
  const k0 = g[0]?.kernel ?? 1;
  const s0 = g[0]?.stride ?? 1;
  const equal = (outs: number[]) => outs.every((o, i) => o === to[i]);
  if (c.kind === "conv_transpose") {
    const p0 = typeof c.padding === "object" ? (c.padding.explicit[0]?.[0] ?? 0) : 0;
    const op0 = c.outputPadding?.[0] ?? 0;
    for (let k = 1; k <= 8; k++)
      for (let s = 1; s <= 4; s++)
        for (let p = 0; p < k; p++)
          for (let op = 0; op < s; op++) {
            const t: TransposeTry = { kernel: k, stride: s, padding: p, outputPadding: op };
            const r = runTranspose(inputs, t, "pytorch", "height_width");
            if (r === null || !equal(r.outputs)) continue;
            const parts: string[] = [];
            if (k !== k0) parts.push(`kernel_size=${k}`);
            if (s !== s0) parts.push(`stride=${s}`);
            if (p !== p0) parts.push(`padding=${p}`);
            if (op !== op0) parts.push(`output_padding=${op}`);
            const cost = (k !== k0 ? 2 : 0) + (s !== s0 ? 4 : 0) + (p !== p0 ? 1 : 0) + (op !== op0 ? 1 : 0);
            if (parts.length > 0)
              options.push({ change: parts.join(", "), formula: formulaOf(r.steps[0] as Step, loc), cost });
          }
  } else if (c.kind === "conv" || c.kind === "pool") {
    const p0 = g[0]?.padBefore ?? 0;
    const d = g[0]?.dilation ?? 1;
    for (let k = 1; k <= 11; k++)
      for (let s = 1; s <= 4; s++)
        for (let p = 0; p < d * (k - 1) + 1; p++) {
          const r = runWindow(
            inputs,
            { kernel: k, stride: s, dilation: d, padding: [p, p] },
            c.kind,
            "height_width",
          );
          if (r === null || !equal(r.outputs)) continue;
          const parts: string[] = [];
          if (k !== k0) parts.push(`kernel_size=${k}`);
          if (s !== s0) parts.push(`stride=${s}`);
          if (p !== p0) parts.push(`padding=${p}`);
          const cost = (k !== k0 ? 2 : 0) + (s !== s0 ? 4 : 0) + (p !== p0 ? 1 : 0);
          if (parts.length > 0)
            options.push({ change: parts.join(", "), formula: formulaOf(r.steps[0] as Step, loc), cost });
        }
  } else return [];
  if (options.length === 0)
    return [header, loc.inverse.noTargetChange({ to: sizeText(to), layer: layer.name })];
  options.sort((x, y) => x.cost - y.cost);
  return [header, ...options.slice(0, 3).map((o) => loc.inverse.targetSetting(o))];
}
