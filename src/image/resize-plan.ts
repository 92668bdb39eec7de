// How an upload of h×w (as displayed, EXIF orientation applied) becomes the size the model sees.

export interface ResizePlan {
  from: [height: number, width: number];
  to: [height: number, width: number];
  /** Cover + centre crop dropped some of the picture (the aspect ratios differ). */
  cropped: boolean;
  /** How sharp is asked to get there: "cover" scales to fill then crops the centre; "fill" is exact. */
  fit: "cover" | "fill";
}

export const DEFAULT_MAX_SIDE = 512;

/**
 * With a target size: scale so the image covers it, then crop the centre (cropped when the aspect
 * ratios differ). Without: keep the aspect ratio, long side at most `maxSide`; never enlarge.
 * Null when the image already is the size wanted.
 */
export function planResize(
  height: number,
  width: number,
  target: { height: number; width: number } | null,
  maxSide: number = DEFAULT_MAX_SIDE,
): ResizePlan | null {
  if (target) {
    if (target.height === height && target.width === width) return null;
    return {
      from: [height, width],
      to: [target.height, target.width],
      cropped: height * target.width !== width * target.height,
      fit: "cover",
    };
  }
  const long = Math.max(height, width);
  if (long <= maxSide) return null;
  const scale = maxSide / long;
  const to: [number, number] =
    height >= width
      ? [maxSide, Math.max(1, Math.round(width * scale))]
      : [Math.max(1, Math.round(height * scale)), maxSide];
  return { from: [height, width], to, cropped: false, fit: "fill" };
}
