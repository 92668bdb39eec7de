// The one layout every part of the image path shares: one sample, channel planes one after the
// other (C, H, W), float32. data[c·H·W + y·W + x]. A 1-D signal is H = 1; a vector is H = W = 1.
// The conv engine computes in it, the image decoder produces it, the PNG renderer reads it.

export interface Planes {
  channels: number;
  height: number;
  width: number;
  data: Float32Array;
}

export function planes(channels: number, height: number, width: number, data?: Float32Array): Planes {
  const size = channels * height * width;
  if (data && data.length !== size)
    throw new Error(`planes: ${data.length} values for ${channels}×${height}×${width}`);
  return { channels, height, width, data: data ?? new Float32Array(size) };
}

/** The values of channel c, as a view (no copy). */
export function plane(p: Planes, c: number): Float32Array {
  const n = p.height * p.width;
  return p.data.subarray(c * n, (c + 1) * n);
}
