// The model's input as the model saw it (after resizing and scaling to [0, 1]): 1 channel as grey,
// 3 as RGB, enlarged by an integer factor (nearest neighbour, so the pixels the model got stay
// visible) to about 512 px, or box-averaged down past 1024 px or SAMPLE_BUDGET pixels, under the
// same header as the grids.
import type { Planes } from "../../conv/tensor.js";
import { createCanvas, encodePng, frameRect } from "./canvas.js";
import { NAN_RGB } from "./colormap.js";
import { drawHeader, type HeaderItem, type HeaderSpec, headerHeight, headerMinWidth } from "./header.js";
import { blitScaled, chooseScale, downsample, type Scale, smallerScale } from "./scale.js";
import { BACKGROUND, MARGIN, MAX_PNG_BYTES, MAX_SIDE, MIN_WIDTH, SAMPLE_BUDGET, TEXT_DIM } from "./style.js";

export interface InputImageOptions {
  /** Header title, e.g. "input · 28×28×1". */
  title: string;
}

export interface InputImage {
  png: Buffer;
  width: number;
  height: number;
  scale: Scale;
  /** Where the image landed. */
  image: { x: number; y: number; width: number; height: number };
  headerHeight: number;
}

/** Small inputs are enlarged toward this long side; bigger ones are shown 1:1 up to MAX_INPUT_SIDE. */
const TARGET_SIDE = 512;
const MAX_INPUT_SIDE = 1024;

export async function renderInputImage(input: Planes, opts: InputImageOptions): Promise<InputImage> {
  const { channels: C, height: H, width: W } = input;
  if (C !== 1 && C !== 3) throw new Error(`renderInputImage: ${C} channels (expected 1 or 3)`);
  if (!(H > 0 && W > 0)) throw new Error(`renderInputImage: empty image ${C}×${H}×${W}`);
  const long = Math.max(H, W);
  let scale = long <= TARGET_SIDE ? chooseScale(long, TARGET_SIDE) : chooseScale(long, MAX_INPUT_SIDE);
  while (Math.ceil(H / scale.down) * Math.ceil(W / scale.down) > SAMPLE_BUDGET) scale = smallerScale(scale);
  for (;;) {
    const r = await render(input, opts, scale);
    // safety net: never hand back an oversized file
    if (r.png.length <= MAX_PNG_BYTES || r.image.width <= 1 || r.image.height <= 1) return r;
    scale = smallerScale(scale);
  }
}

async function render(input: Planes, opts: InputImageOptions, scale: Scale): Promise<InputImage> {
  const { channels: C, height: H, width: W } = input;
  // channel planes, averaged down if needed
  const n = H * W;
  let h = H;
  let w = W;
  const chans: ArrayLike<number>[] = [];
  for (let c = 0; c < C; c++) {
    const p = input.data.subarray(c * n, (c + 1) * n);
    if (scale.down > 1) {
      const d = downsample(p, H, W, scale.down);
      chans.push(d.values);
      h = d.height;
      w = d.width;
    } else chans.push(p);
  }
  const rgb = toRgbBytes(chans, h * w);

  const items: HeaderItem[] = [];
  if (scale.up > 1) items.push({ kind: "text", text: `${scale.up}× zoom` });
  if (scale.down > 1) items.push({ kind: "text", text: `${scale.down}×${scale.down} averages` });
  const header: HeaderSpec = { title: opts.title, items };
  const imgW = w * scale.up;
  const imgH = h * scale.up;
  const width = Math.min(MAX_SIDE, Math.max(imgW + 2 * MARGIN, MIN_WIDTH, headerMinWidth(header)));
  const top = headerHeight(header, width);
  const height = top + imgH + 2 * MARGIN;
  const canvas = createCanvas(width, height, BACKGROUND);
  drawHeader(canvas, header);
  const x = Math.floor((width - imgW) / 2);
  const y = top + MARGIN;
  blitScaled(canvas, x, y, rgb, h, w, scale.up);
  // a faint frame: a black-background input (MNIST) would otherwise melt into the dark page
  frameRect(canvas, x, y, imgW, imgH, TEXT_DIM, 0.5);
  const png = await encodePng(canvas);
  return { png, width, height, scale, image: { x, y, width: imgW, height: imgH }, headerHeight: top };
}

/** Values in [0, 1] (clamped) → bytes; one channel is grey; NaN → the NaN colour. */
function toRgbBytes(chans: ArrayLike<number>[], n: number): Uint8Array {
  const out = new Uint8Array(n * 3);
  const grey = chans.length === 1;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    for (let k = 0; k < 3; k++) {
      const v = (grey ? chans[0] : chans[k])?.[i] as number;
      if (Number.isNaN(v)) {
        out[o] = NAN_RGB[0];
        out[o + 1] = NAN_RGB[1];
        out[o + 2] = NAN_RGB[2];
        break;
      }
      out[o + k] = Math.round(Math.max(0, Math.min(1, v)) * 255);
    }
  }
  return out;
}
