import { formatShape, type Shape } from "../model/shape.js";

/**
 * 80809 → "80,809", as toLocaleString("en-US") writes it. Integers take a fast path: the first
 * toLocaleString call loads ICU's number formatting (≈13 ms of a CLI run).
 */
export function thousands(n: number): string {
  if (Number.isSafeInteger(n)) {
    const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ",");
    return n < 0 ? `-${digits}` : digits;
  }
  return n.toLocaleString("en-US");
}

/** Keras' readable_memory_size: 1024-based units, two decimals ("315.66 KB", "0.00 B"). */
export function readableBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let size = bytes;
  for (const unit of units) {
    if (size / 1024 < 1) return `${pythonFixed2(size)} ${unit}`;
    size /= 1024;
  }
  return `${pythonFixed2(size)} PB`;
}

/**
 * Python's "{:.2f}": like toFixed(2), except that an exact tie (403.625) rounds to even
 * ("403.62") where JavaScript rounds up ("403.63"). Ties need x·8 to be an integer.
 */
export function pythonFixed2(x: number): string {
  const scaled = x * 100;
  if (Number.isInteger(x * 8) && !Number.isInteger(scaled) && Number.isInteger(scaled * 2)) {
    const low = Math.floor(scaled);
    return ((low % 2 === 0 ? low : low + 1) / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** One shape, or Keras' list form for several outputs. */
export function formatShapes(shapes: Shape[]): string {
  if (shapes.length === 1) return formatShape(shapes[0] as Shape);
  return `[${shapes.map(formatShape).join(", ")}]`;
}
