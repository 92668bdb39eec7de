import { thousands } from "../../format.js";
import type { ImageTexts } from "../locale.js";

// 关于附加图像的中文说明（见 en/images.ts）。

const size = ([h, w]: [number, number]) => `${w}×${h}`;

export const zhImages: ImageTexts = {
  header: ({ framework, layers, seed, macs }) =>
    `用你的图像得到的特征图（PNG 附件）：模型看到的输入，以及 ${layers} 层的输出。` +
    `权重未经训练（${framework === "keras" ? "Keras 默认的 glorot_uniform，偏置为 0" : "PyTorch 默认的 kaiming_uniform 及其偏置"}，种子 ${seed}）：形状是你的模型的，图案是随机滤波器对这张图的响应（${thousands(macs)} 次乘加）。`,
  resized: (from, to, cropped) =>
    cropped
      ? `你的 ${size(from)} 图像被缩放到覆盖 ${size(to)}，并以中心裁剪。`
      : `你的 ${size(from)} 图像被缩放到 ${size(to)}。`,
  oriented: "已按 EXIF 方向信息把图像转正。",
  flattened: "透明像素已放在白色背景上。",
  cmyk: "CMYK 颜色已转换为 sRGB。",
  firstFrame: (total) => `只使用了 ${total} 帧中的第一帧。`,
  stopped: ({ layer, className, reason, detail }) =>
    ({
      unsupported: `在 ${layer}（${className}）处停止：卷积引擎不运行这种层${detail ? `（${detail}）` : ""}。`,
      branch: `在 ${layer}（${className}）处停止：它的输入不是上一层的输出（分支或跳跃连接），图像运行不跟随分支。`,
      budget: `在 ${layer}（${className}）处停止：下一层会超出计算预算（${detail}）。`,
      memory: `在 ${layer}（${className}）处停止：加上它的特征图和权重，运行所需内存将达到 ${detail}。`,
      error: `在 ${layer}（${className}）处停止，模型在这里会报错（见上方 ✗）。`,
    })[reason],
  kernels: ({ label, inChannels, perChannel, outChannels }) =>
    `滤波器是 ${label}，不是随机权重：${perChannel === 1 ? "这个卷积核" : `这 ${perChannel} 个卷积核中的每一个`}分别作用在 ${inChannels} 个输入通道上（深度卷积），所以输出 ${outChannels} 张特征图。`,
  kernelsNeedOneConv: (label) =>
    `${label} 只用于单个卷积层；这个模型不止一层，所以使用了它自己的（随机）权重。`,
  kernelError: (message) => `无法读取卷积核（${message}）；使用了随机权重。`,
  diagram: "附件：用图画出的计算过程——带填充的输入、按步长移动的前几个卷积核位置，以及输出。",
  output: (values) => `模型对这张图的输出（权重未经训练，所以不是预测）：${values}。`,
  notImage: (input) => `没有使用图像：模型的输入 ${input} 不是 1 或 3 通道的图像。`,
  refused: (message) => `没有使用图像：${message}`,
  noModel: "没有使用图像：消息里没有可以运行的模型。",
  busy: "图片没有运行：我正在处理别的图片，请一分钟后再试。",
  inputTooLarge: (input, megabytes) =>
    `图片没有运行：模型的输入 ${input} 换成数值需要 ${megabytes}，超过图像运行可用的内存。`,
  runFailed: "图片没有运行：这次运行需要的时间或内存超过了一张图片的上限。",
};
