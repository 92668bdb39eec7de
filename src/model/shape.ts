/**
 * A dimension: a known size, `null` for a size the framework itself leaves open (Keras' batch
 * `None`, or `Input(shape=(None, None, 3))`), or a symbolic expression such as "H" or "⌊(H−8)/2⌋+1"
 * when no input size was given.
 */
export type Dim = number | null | string;

/** A tensor shape, batch axis first. */
export type Shape = Dim[];

export function isKnown(d: Dim): d is number {
  return typeof d === "number";
}

export function formatShape(shape: Shape): string {
  const parts = shape.map((d) => (d === null ? "None" : String(d)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
}

/** PyTorch's way of writing a shape in its messages: [1, 6, 28, 28] (an unknown size as N). */
export function torchList(xs: readonly Dim[]): string {
  return `[${xs.map((d) => (d === null ? "N" : String(d))).join(", ")}]`;
}

/** Product of the dims, or null when any is not a known number. */
export function knownProduct(dims: readonly Dim[]): number | null {
  let p = 1;
  for (const d of dims) {
    if (typeof d !== "number") return null;
    p *= d;
  }
  return p;
}

/** A symbolic input without batch for a layer of spatial `rank`: (H, W, C), (C, H, W), (L, C)… */
export function symbolicSpatialInput(
  rank: 1 | 2 | 3,
  dataFormat: "channels_first" | "channels_last",
): string[] {
  const spatial = { 1: ["L"], 2: ["H", "W"], 3: ["D", "H", "W"] }[rank];
  return dataFormat === "channels_first" ? ["C", ...spatial] : [...spatial, "C"];
}
