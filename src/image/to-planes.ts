// Interleaved 8-bit pixels (what sharp's raw output is: y, x, channel) → the shared Planes layout
// (channel-major float32), scaled to [0, 1].
import { type Planes, planes } from "../conv/tensor.js";

/** `data[(y·W + x)·C + c]` as bytes 0…255 → Planes with `data[c·H·W + y·W + x]` = byte / 255, in [0, 1]. */
export function interleavedToPlanes(
  data: Uint8Array,
  height: number,
  width: number,
  channels: number,
): Planes {
  const n = height * width;
  if (data.length !== n * channels)
    throw new Error(`interleavedToPlanes: ${data.length} bytes for ${height}×${width}×${channels}`);
  const out = planes(channels, height, width);
  const dst = out.data;
  for (let c = 0; c < channels; c++) {
    const base = c * n;
    for (let i = 0, j = c; i < n; i++, j += channels) dst[base + i] = (data[j] as number) / 255;
  }
  return out;
}
