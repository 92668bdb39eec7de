import { describe, expect, it } from "vitest";
import { planes } from "../../src/conv/tensor.js";
import { renderInputImage } from "../../src/render/png/input-image.js";
import { MAX_PNG_BYTES, MAX_SIDE, TEXT } from "../../src/render/png/style.js";
import { containsText, decode, px } from "./decode.js";

describe("renderInputImage", () => {
  it("shows one channel as grey, enlarged by an integer factor, under a header", async () => {
    const p = planes(1, 10, 10);
    for (let i = 0; i < 100; i++) p.data[i] = i / 99;
    const r = await renderInputImage(p, { title: "input · 10×10×1" });
    expect(r.scale.up).toBe(51); // 10 px → 510 px
    const img = await decode(r.png);
    expect(containsText(img, "input · 10×10×1", TEXT, 2, 0, r.headerHeight)).toBe(true);
    const half = Math.floor(r.scale.up / 2);
    const at = (x: number, y: number) =>
      px(img, r.image.x + x * r.scale.up + half, r.image.y + y * r.scale.up + half);
    expect(at(0, 0)).toEqual([0, 0, 0]);
    expect(at(9, 9)).toEqual([255, 255, 255]);
    const v = Math.round((34 / 99) * 255);
    expect(at(4, 3)).toEqual([v, v, v]);
    // the block edge is sharp (nearest neighbour)
    const s = r.scale.up;
    expect(px(img, r.image.x + 4 * s, r.image.y + 3 * s)).toEqual([v, v, v]);
    const left = Math.round((33 / 99) * 255);
    expect(px(img, r.image.x + 4 * s - 1, r.image.y + 3 * s)).toEqual([left, left, left]);
  });

  it("shows three channels as RGB, clamped to [0, 1]", async () => {
    const p = planes(3, 2, 2);
    p.data.set([1, 0, 0.5, 2], 0); // R
    p.data.set([0, 1, 0.5, -1], 4); // G
    p.data.set([0, 0, 0.5, 0.2], 8); // B
    const r = await renderInputImage(p, { title: "rgb" });
    const img = await decode(r.png);
    const at = (x: number, y: number) =>
      px(img, r.image.x + x * r.scale.up + 1, r.image.y + y * r.scale.up + 1);
    expect(at(0, 0)).toEqual([255, 0, 0]);
    expect(at(1, 0)).toEqual([0, 255, 0]);
    expect(at(0, 1)).toEqual([128, 128, 128]);
    expect(at(1, 1)).toEqual([255, 0, 51]);
  });

  it("keeps big inputs within the caps and rejects other channel counts", async () => {
    const p = planes(3, 1500, 900);
    for (let i = 0; i < p.data.length; i++) p.data[i] = (i % 977) / 977;
    const r = await renderInputImage(p, { title: "big" });
    expect(r.scale.down).toBeGreaterThan(1);
    expect(Math.max(r.width, r.height)).toBeLessThanOrEqual(MAX_SIDE);
    expect(r.png.length).toBeLessThan(MAX_PNG_BYTES);
    await expect(renderInputImage(planes(2, 4, 4), { title: "x" })).rejects.toThrow(/channels/);
  });
});
