// Zero padding of one sample in the Planes layout (Keras ZeroPadding1D/2D, PyTorch ZeroPad2d).

import { type Planes, planes } from "./tensor.js";
import { checkPads, type Pads2d } from "./window.js";

/** Adds zeros around each plane: [top, bottom, left, right]. A 1-D signal pads [0, 0, left, right]. */
export function zeroPad2d(input: Planes, pads: Pads2d): Planes {
  checkPads("zeroPad2d pads", pads);
  const [top, bottom, left, right] = pads;
  const { channels: C, height: H, width: W } = input;
  const outH = H + top + bottom;
  const outW = W + left + right;
  const out = planes(C, outH, outW);
  for (let c = 0; c < C; c++)
    for (let y = 0; y < H; y++) {
      const src = (c * H + y) * W;
      out.data.set(input.data.subarray(src, src + W), (c * outH + y + top) * outW + left);
    }
  return out;
}
