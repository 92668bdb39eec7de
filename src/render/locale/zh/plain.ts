import type { Locale } from "../locale.js";

// Chinese wording of the plain-language replies' own sentences.

const LAYOUT_REASON = {
  stated: "按你说的",
  pytorch: "PyTorch 的布局",
  small_first: "输入写成了通道在前（C×H×W）",
  default: "Keras 的默认布局；要用通道在前，请写明 pytorch 或 NCHW",
} as const;

const WHAT: Record<string, string> = {
  filters: "滤波器个数",
  kernel: "卷积核大小",
  channels: "通道数",
  units: "单元数",
  return_sequences: " return_sequences ",
};

export const zhPlain: Locale["plain"] = {
  notUnderstood: (word) =>
    word === null
      ? "我看不出你指的是哪一层或哪个输入。"
      : `我没看懂“${word}”。请写出层、它的参数和输入，比如：`,
  examples: [
    "输入 128x128x3，卷积 24 个 8x8 滤波器，步长 2，然后最大池化 2x2",
    "3x3 卷积，填充 1，16 个通道，输入 32x32x3",
  ],
  assumedLayout: (layout, reason) =>
    `假定为${layout === "channels_first" ? "通道在前 (N, C, H, W)" : "通道在后 (None, H, W, C)"}：${LAYOUT_REASON[reason]}。`,
  noInputSize: (assumed) => `没有给出输入尺寸，所以尺寸用符号表示：假定输入为 ${assumed}。`,
  assumedDefault: (what, value) => `没有给出${WHAT[what] ?? ` ${what} `}：使用 ${value}。`,
  insertedFlatten: (shape) =>
    `在 Dense 之前加了一个 Flatten：把 ${shape} 展平成每个样本一个向量，“然后全连接”通常就是这个意思（单独的 Keras Dense 只作用在最后一维）。`,
};
