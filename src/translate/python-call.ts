// Writing a layer call as Python source: the only place translations spell arguments, so the
// Keras and PyTorch sides print sizes the same way (an int when every axis agrees, else a tuple).

export type PyValue = number | string | boolean | number[] | { raw: string };

/** `3` for [3, 3], `(3, 5)` for [3, 5]. */
export function sizeArg(values: readonly number[]): number | number[] {
  const first = values[0] ?? 0;
  return values.every((v) => v === first) ? first : [...values];
}

/** Python source of a value: strings quoted, booleans as True/False, tuples in parentheses. */
export function pyValue(v: PyValue): string {
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${v[0]},)` : `(${v.join(", ")})`;
  return v.raw;
}

/** `nn.Conv2d(3, 24, kernel_size=8, stride=2)`; keyword arguments whose value is undefined are left out. */
export function pyCall(
  callee: string,
  positional: readonly PyValue[],
  keywords: readonly (readonly [string, PyValue | undefined])[] = [],
): string {
  const args = [
    ...positional.map(pyValue),
    ...keywords.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${pyValue(v as PyValue)}`),
  ];
  return `${callee}(${args.join(", ")})`;
}

/** The argument of F.pad for per-axis [before, after] pads: the last axis first, as PyTorch reads it. */
export function fPadArg(pads: readonly (readonly [number, number])[]): string {
  return `(${[...pads].reverse().flat().join(", ")})`;
}
