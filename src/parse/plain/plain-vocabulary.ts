import type { PlainLayerKind } from "./plain-question.js";

// The words of the plain-language grammar, English and Chinese, and what each one means. The lexer
// (plain-lexer.ts) turns every word into one token category; the grammar (grammar/plain.ne) only
// sees categories, and plain-assemble.ts reads the meanings below. Adding a synonym = one line here.

/** Attributes that take a value after them ("stride 2", "步长 2") or before ("3x3 kernel"). */
export type AttrKey =
  | "kernel"
  | "stride"
  | "padding"
  | "dilation"
  | "groups"
  | "output_padding"
  | "depth_multiplier"
  | "rate"
  | "factor"
  | "ceil_mode" // a flag: no value
  | "return_sequences"; // a flag: no value

/** Unit words that count something ("24 filters", "20 steps", "16 个通道"). */
export type UnitKey =
  | "filters" // a count of filters, or (with a size) the kernel: "24 filters", "3x3 filters"
  | "channels" // the layer's output channels, or the input's (depends on the marker before it)
  | "in_channels"
  | "units"
  | "steps"
  | "features"
  | "words"
  | "dims";

export type ModifierKey =
  | "transposed"
  | "depthwise"
  | "separable"
  | "dilated"
  | "strided"
  | "max"
  | "avg"
  | "global"
  | "rank";

export type CueKey =
  | "translate" // translate, convert, equivalent, 怎么写 (a layer written in the other framework)
  | "vanish" // disappear, go, 不见 (the channel axis question)
  | "mean" // mean, difference, 区别, 意思
  | "do" // "what does 'same' do"
  | "vs" // vs, or, instead, 还是
  | "not"
  | "depend" // depend, independent, 无关
  | "choose" // choose, pick, 选
  | "many" // "how many"
  | "params"
  | "weights"
  | "batch"
  | "none" // a bare None / null
  | "shape"
  | "output_shape"
  | "in_features"
  | "keep" // keep, preserve, 保持 (an inverse question: what keeps 32x32)
  | "fit"; // work, accept, smallest, 要求 (an inverse question: which input sizes work)

export type QuestionKey = "why" | "what" | "how" | "where" | "which";

/** What a word means; `cat` is the token category the grammar sees. */
export type WordInfo =
  | {
      cat: "LAYER";
      kind: PlainLayerKind;
      rank: 1 | 2 | 3 | null;
      op: "max" | "avg" | null;
      cell: "lstm" | "gru" | "simple" | null;
      framework: "keras" | "pytorch" | null;
    }
  | { cat: "MOD"; mod: ModifierKey; rank: 1 | 2 | 3 | null }
  | { cat: "ATTR"; attr: AttrKey }
  | { cat: "UNIT"; unit: UnitKey }
  | { cat: "COUNTER" }
  | { cat: "INPUT"; strong: boolean }
  | { cat: "OUTPUT" }
  | { cat: "PAD"; pad: "same" | "valid" | "causal" }
  | { cat: "FRAMEWORK"; framework: "keras" | "pytorch" }
  | { cat: "LAYOUT"; layout: "channels_first" | "channels_last" }
  | { cat: "CHANHINT"; channels: number }
  | { cat: "ACT"; name: string }
  | { cat: "QUESTION"; q: QuestionKey }
  | { cat: "CUE"; cue: CueKey }
  | { cat: "OP"; framework: "keras" | "pytorch" | null }
  | { cat: "SEP" }
  | { cat: "FILLER" };

export type WordCategory = WordInfo["cat"];

type Rank = 1 | 2 | 3 | null;

function layer(
  kind: PlainLayerKind,
  extra: Partial<{ rank: Rank; op: "max" | "avg"; cell: "lstm" | "gru" | "simple" }> = {},
): WordInfo {
  return {
    cat: "LAYER",
    kind,
    rank: extra.rank ?? null,
    op: extra.op ?? null,
    cell: extra.cell ?? null,
    framework: null,
  };
}

const FILLER: WordInfo = { cat: "FILLER" };
const SEP: WordInfo = { cat: "SEP" };
const mod = (m: ModifierKey, rank: Rank = null): WordInfo => ({ cat: "MOD", mod: m, rank });
const attr = (a: AttrKey): WordInfo => ({ cat: "ATTR", attr: a });
const unit = (u: UnitKey): WordInfo => ({ cat: "UNIT", unit: u });
const cue = (c: CueKey): WordInfo => ({ cat: "CUE", cue: c });
const question = (q: QuestionKey): WordInfo => ({ cat: "QUESTION", q });

function words(list: string, info: WordInfo, into: Map<string, WordInfo>): void {
  for (const w of list.split(/\s+/u)) if (w !== "") into.set(w, info);
}

/** English words, keyed by {@link normalizeWord} (lower case, no `_`, `-` or apostrophes). */
const EN = new Map<string, WordInfo>();
words("a an the with of is are was were be been it its this that these those there here", FILLER, EN);
words("i me my we our you your they them please pls kindly", FILLER, EN);
words("image images img imgs picture pictures photo photos tensor tensors sample", FILLER, EN);
words("layer layers model network net block get gets got give gives giving use using used", FILLER, EN);
words("apply applied applying and for in at by size sized each per has have having", FILLER, EN);
words("would will can could result results come comes coming after before when if so all", FILLER, EN);
words("one x px pixel pixels number count value values amount some just also", FILLER, EN);
words("like such as set made make makes making take takes taking", FILLER, EN);
words(
  "people usually typically normally does did doing done downsample downsampling summary here now",
  FILLER,
  EN,
);
words("activation s", FILLER, EN);
words("then next afterwards", SEP, EN);

// Layers (normalised spellings: Conv2D, conv_2d, Conv-2d all become "conv2d").
for (const [w, r] of [
  ["conv", null],
  ["convs", null],
  ["convolution", null],
  ["convolutions", null],
  ["convolutional", null],
  ["convlayer", null],
  ["conv1d", 1],
  ["conv2d", 2],
  ["conv3d", 3],
  ["convolution1d", 1],
  ["convolution2d", 2],
  ["convolution3d", 3],
] as const)
  EN.set(w, layer("conv", { rank: r }));
for (const [w, r] of [
  ["deconv", null],
  ["deconvolution", null],
  ["deconv2d", 2],
  ["convtranspose", null],
  ["convtranspose1d", 1],
  ["convtranspose2d", 2],
  ["convtranspose3d", 3],
  ["conv1dtranspose", 1],
  ["conv2dtranspose", 2],
  ["conv3dtranspose", 3],
  ["convolution2dtranspose", 2],
  ["transposedconv", null],
  ["transposeconv", null],
] as const)
  EN.set(w, layer("conv_transpose", { rank: r }));
for (const [w, r] of [
  ["depthwiseconv", null],
  ["depthwiseconv1d", 1],
  ["depthwiseconv2d", 2],
] as const)
  EN.set(w, layer("depthwise_conv", { rank: r }));
for (const [w, r] of [
  ["separableconv", null],
  ["separableconv1d", 1],
  ["separableconv2d", 2],
  ["sepconv", null],
] as const)
  EN.set(w, layer("separable_conv", { rank: r }));
for (const [stem, op] of [
  ["maxpool", "max"],
  ["maxpooling", "max"],
  ["avgpool", "avg"],
  ["avgpooling", "avg"],
  ["averagepool", "avg"],
  ["averagepooling", "avg"],
  ["meanpool", "avg"],
  ["meanpooling", "avg"],
] as const) {
  EN.set(stem, layer("pool", { op }));
  for (const r of [1, 2, 3] as const) EN.set(`${stem}${r}d`, layer("pool", { op, rank: r }));
}
for (const w of ["pool", "pooling", "pools", "poolings"]) EN.set(w, layer("pool"));
for (const r of [1, 2, 3] as const) {
  EN.set(`pool${r}d`, layer("pool", { rank: r }));
  EN.set(`pooling${r}d`, layer("pool", { rank: r }));
}
for (const [stem, op] of [
  ["globalaveragepooling", "avg"],
  ["globalavgpooling", "avg"],
  ["globalavgpool", "avg"],
  ["globalaveragepool", "avg"],
  ["globalmaxpooling", "max"],
  ["globalmaxpool", "max"],
] as const) {
  EN.set(stem, layer("global_pool", { op }));
  for (const r of [1, 2, 3] as const) EN.set(`${stem}${r}d`, layer("global_pool", { op, rank: r }));
}
EN.set("gap", layer("global_pool", { op: "avg" }));
words("dense linear fc fullyconnected", layer("dense"), EN);
words("flatten flattened flattening", layer("flatten"), EN);
words("dropout", layer("dropout"), EN);
words("batchnorm batchnormalization batchnorm1d batchnorm2d batchnorm3d bn", layer("batch_norm"), EN);
words("lstm lstms", layer("recurrent", { cell: "lstm" }), EN);
words("gru grus", layer("recurrent", { cell: "gru" }), EN);
words("rnn simplernn", layer("recurrent", { cell: "simple" }), EN);
words("embedding embeddings embed", layer("embedding"), EN);
words("upsampling upsample upsampling1d upsampling2d upsampling3d", layer("upsampling"), EN);

words("transposed transpose", mod("transposed"), EN);
words("depthwise", mod("depthwise"), EN);
words("separable", mod("separable"), EN);
words("dilated atrous", mod("dilated"), EN);
words("strided", mod("strided"), EN);
words("max", mod("max"), EN);
words("avg average mean", mod("avg"), EN);
words("global", mod("global"), EN);

words("kernel kernelsize ksize window windowsize poolsize poolingsize", attr("kernel"), EN);
words("stride strides", attr("stride"), EN);
words("padding pad pads padded", attr("padding"), EN);
words("dilation dilations dilationrate", attr("dilation"), EN);
words("groups group", attr("groups"), EN);
words("outputpadding", attr("output_padding"), EN);
words("depthmultiplier multiplier", attr("depth_multiplier"), EN);
words("rate droprate", attr("rate"), EN);
words("factor scale scalefactor", attr("factor"), EN);
words("ceilmode ceil", attr("ceil_mode"), EN);
words("returnsequences", attr("return_sequences"), EN);

words("filters filter kernels nfilters numfilters outchannels outputchannels", unit("filters"), EN);
words("channels channel featuremaps", unit("channels"), EN);
words("inchannels inputchannels", unit("in_channels"), EN);
words("units unit neurons neuron hidden hiddensize hiddenunits", unit("units"), EN);
words("steps step timesteps timestep tokens seqlen sequences sequence length", unit("steps"), EN);
words("features feature", unit("features"), EN);
words("words word vocab vocabulary vocabsize", unit("words"), EN);
words("dims dim dimension dimensions dimensional embeddingdim embeddim outputdim", unit("dims"), EN);

words("on from over onto inputs", { cat: "INPUT", strong: false }, EN);
words("input inputshape inputsize", { cat: "INPUT", strong: true }, EN);
words("to into output outputs out produce produces producing", { cat: "OUTPUT" }, EN);

words("same", { cat: "PAD", pad: "same" }, EN);
words("valid", { cat: "PAD", pad: "valid" }, EN);
words("causal", { cat: "PAD", pad: "causal" }, EN);

words("pytorch torch", { cat: "FRAMEWORK", framework: "pytorch" }, EN);
words("keras tensorflow tf tfkeras", { cat: "FRAMEWORK", framework: "keras" }, EN);
words("nchw chw ncl ncdhw channelsfirst", { cat: "LAYOUT", layout: "channels_first" }, EN);
words("nhwc hwc nlc ndhwc channelslast", { cat: "LAYOUT", layout: "channels_last" }, EN);

words("rgb bgr color colour colored coloured", { cat: "CHANHINT", channels: 3 }, EN);
words("rgba", { cat: "CHANHINT", channels: 4 }, EN);
words("grayscale greyscale gray grey mono monochrome", { cat: "CHANHINT", channels: 1 }, EN);

for (const a of [
  "relu",
  "relu6",
  "sigmoid",
  "tanh",
  "softmax",
  "gelu",
  "elu",
  "selu",
  "leakyrelu",
  "swish",
  "silu",
  "mish",
  "softplus",
])
  EN.set(a, { cat: "ACT", name: a === "leakyrelu" ? "leaky_relu" : a });

words("why", question("why"), EN);
words("what whats", question("what"), EN);
words("how hows", question("how"), EN);
words("where wheres", question("where"), EN);
words("which", question("which"), EN);

words("vanish vanishes vanished vanishing disappear disappears disappeared disappearing", cue("vanish"), EN);
words("gone go goes went lost missing drop drops dropped happen happens happened", cue("vanish"), EN);
words("mean means meaning difference differences different differ explain between", cue("mean"), EN);
words("do", cue("do"), EN);
words("vs versus or instead compared compare comparison better rather", cue("vs"), EN);
words("not isnt arent doesnt dont no nor but", cue("not"), EN);
words("depend depends dependent depending independent change changes grow grows", cue("depend"), EN);
words("affect affects matter matters", cue("depend"), EN);
words("choose chooses choosing chose pick picking select selecting decide should", cue("choose"), EN);
words("params parameters parameter param paramcount", cue("params"), EN);
words("weights weight bias biases kernelshape kernelshapes weightshape weightshapes", cue("weights"), EN);
words("infeatures infeature inputfeatures", cue("in_features"), EN);
words("batch batchsize", cue("batch"), EN);
words("none null", cue("none"), EN);
words("shape shapes", cue("shape"), EN);
words("outputshape outputshapes outputsize", cue("output_shape"), EN);
words("many", cue("many"), EN);
words(
  "translate translated translating translation convert converted converting conversion",
  cue("translate"),
  EN,
);
words("port porting ported equivalent equivalents rewrite rewritten write written", cue("translate"), EN);
words(
  "keep keeps kept keeping preserve preserves preserving maintain maintains stay stays unchanged",
  cue("keep"),
  EN,
);
words("retain retains", cue("keep"), EN);
words(
  "work works working fit fits accept accepts accepted allowed legal smallest minimum min",
  cue("fit"),
  EN,
);
words("sizes decoder encoder need needs needed", FILLER, EN);

/** Multi-word English phrases, written with single spaces; the lexer allows any blanks, `_` or `-`. */
export const EN_PHRASES: readonly (readonly [string, WordInfo])[] = [
  ["fully connected", layer("dense")],
  ["simple rnn", layer("recurrent", { cell: "simple" })],
  ["input shape", { cat: "INPUT", strong: true }],
  ["batch normalization", layer("batch_norm")],
  ["batch norm", layer("batch_norm")],
  ["channels first", { cat: "LAYOUT", layout: "channels_first" }],
  ["channel first", { cat: "LAYOUT", layout: "channels_first" }],
  ["channels last", { cat: "LAYOUT", layout: "channels_last" }],
  ["channel last", { cat: "LAYOUT", layout: "channels_last" }],
  ["kernel shapes", cue("weights")],
  ["kernel shape", cue("weights")],
  ["weight shapes", cue("weights")],
  ["weight shape", cue("weights")],
  ["weights shape", cue("weights")],
  ["kernel sizes", attr("kernel")],
  ["kernel size", attr("kernel")],
  ["pool size", attr("kernel")],
  ["pooling size", attr("kernel")],
  ["output padding", attr("output_padding")],
  ["output shapes", cue("output_shape")],
  ["output shape", cue("output_shape")],
  ["output size", cue("output_shape")],
  ["output channels", unit("filters")],
  ["out channels", unit("filters")],
  ["input channels", unit("in_channels")],
  ["in channels", unit("in_channels")],
  ["depth multiplier", attr("depth_multiplier")],
  ["dilation rate", attr("dilation")],
  ["ceil mode", attr("ceil_mode")],
  ["return sequences", attr("return_sequences")],
  ["batch size", cue("batch")],
  ["followed by", SEP],
  ["and then", SEP],
  ["time steps", unit("steps")],
  ["time step", unit("steps")],
  ["sequence length", unit("steps")],
  ["seq len", unit("steps")],
  ["feature maps", unit("channels")],
  ["feature map", unit("channels")],
  ["how many", cue("many")],
  ["instead of", cue("vs")],
  ["and not", cue("not")],
];

/** Chinese keywords; there are no spaces in Chinese, so the lexer cuts them out of running text. */
export const ZH: ReadonlyMap<string, WordInfo> = new Map<string, WordInfo>([
  // layers
  ["卷积", layer("conv")],
  ["卷积层", layer("conv")],
  ["一维卷积", layer("conv", { rank: 1 })],
  ["二维卷积", layer("conv", { rank: 2 })],
  ["三维卷积", layer("conv", { rank: 3 })],
  ["1维卷积", layer("conv", { rank: 1 })],
  ["2维卷积", layer("conv", { rank: 2 })],
  ["转置卷积", layer("conv_transpose")],
  ["反卷积", layer("conv_transpose")],
  ["深度卷积", layer("depthwise_conv")],
  ["逐深度卷积", layer("depthwise_conv")],
  ["逐通道卷积", layer("depthwise_conv")],
  ["深度可分离卷积", layer("separable_conv")],
  ["可分离卷积", layer("separable_conv")],
  ["空洞卷积", layer("conv")],
  ["膨胀卷积", layer("conv")],
  ["最大池化", layer("pool", { op: "max" })],
  ["平均池化", layer("pool", { op: "avg" })],
  ["均值池化", layer("pool", { op: "avg" })],
  ["池化", layer("pool")],
  ["池化层", layer("pool")],
  ["全局平均池化", layer("global_pool", { op: "avg" })],
  ["全局最大池化", layer("global_pool", { op: "max" })],
  ["全局池化", layer("global_pool")],
  ["全连接", layer("dense")],
  ["全连接层", layer("dense")],
  ["稠密层", layer("dense")],
  ["展平", layer("flatten")],
  ["拉平", layer("flatten")],
  ["扁平化", layer("flatten")],
  ["丢弃", layer("dropout")],
  ["批归一化", layer("batch_norm")],
  ["批量归一化", layer("batch_norm")],
  ["批标准化", layer("batch_norm")],
  ["嵌入", layer("embedding")],
  ["嵌入层", layer("embedding")],
  ["词嵌入", layer("embedding")],
  ["上采样", layer("upsampling")],
  ["循环层", layer("recurrent", { cell: "simple" })],
  ["长短期记忆", layer("recurrent", { cell: "lstm" })],
  // modifiers
  ["最大", mod("max")],
  ["平均", mod("avg")],
  ["全局", mod("global")],
  ["转置", mod("transposed")],
  ["带步长", mod("strided")],
  ["跨步", mod("strided")],
  // attributes
  ["步长", attr("stride")],
  ["步幅", attr("stride")],
  ["填充", attr("padding")],
  ["补零", attr("padding")],
  ["膨胀", attr("dilation")],
  ["膨胀率", attr("dilation")],
  ["空洞", attr("dilation")],
  ["空洞率", attr("dilation")],
  ["扩张率", attr("dilation")],
  ["分组", attr("groups")],
  ["组数", attr("groups")],
  ["卷积核大小", attr("kernel")],
  ["卷积核尺寸", attr("kernel")],
  ["核大小", attr("kernel")],
  ["核尺寸", attr("kernel")],
  ["窗口", attr("kernel")],
  ["窗口大小", attr("kernel")],
  ["池化核", attr("kernel")],
  ["池化窗口", attr("kernel")],
  ["丢弃率", attr("rate")],
  ["放大倍数", attr("factor")],
  ["倍数", attr("factor")],
  // units
  ["滤波器", unit("filters")],
  ["过滤器", unit("filters")],
  ["卷积核", unit("filters")],
  ["通道", unit("channels")],
  ["通道数", unit("channels")],
  ["特征图", unit("channels")],
  ["输入通道", unit("in_channels")],
  ["输入通道数", unit("in_channels")],
  ["单元", unit("units")],
  ["隐藏单元", unit("units")],
  ["神经元", unit("units")],
  ["时间步", unit("steps")],
  ["序列长度", unit("steps")],
  ["步", unit("steps")],
  ["特征", unit("features")],
  ["特征维", unit("features")],
  ["词", unit("words")],
  ["个词", unit("words")],
  ["词表", unit("words")],
  ["词汇表", unit("words")],
  ["维", unit("dims")],
  ["维度", unit("dims")],
  ["个", { cat: "COUNTER" }],
  // markers
  ["输入", { cat: "INPUT", strong: true }],
  ["输入为", { cat: "INPUT", strong: true }],
  ["输入是", { cat: "INPUT", strong: true }],
  ["对", { cat: "INPUT", strong: false }],
  ["在", { cat: "INPUT", strong: false }],
  ["作用于", { cat: "INPUT", strong: false }],
  ["输出", { cat: "OUTPUT" }],
  ["得到", { cat: "OUTPUT" }],
  ["变成", { cat: "OUTPUT" }],
  ["变为", { cat: "OUTPUT" }],
  // layout, channels
  ["通道在前", { cat: "LAYOUT", layout: "channels_first" }],
  ["通道优先", { cat: "LAYOUT", layout: "channels_first" }],
  ["通道在后", { cat: "LAYOUT", layout: "channels_last" }],
  ["通道在最后", { cat: "LAYOUT", layout: "channels_last" }],
  ["彩色", { cat: "CHANHINT", channels: 3 }],
  ["灰度", { cat: "CHANHINT", channels: 1 }],
  ["黑白", { cat: "CHANHINT", channels: 1 }],
  // questions and cues
  ["为什么", question("why")],
  ["为何", question("why")],
  ["什么", question("what")],
  ["是什么", question("what")],
  ["多少", question("what")],
  ["是多少", question("what")],
  ["多大", question("what")],
  ["怎么", question("how")],
  ["怎样", question("how")],
  ["如何", question("how")],
  ["哪里", question("where")],
  ["哪儿", question("where")],
  ["不见", cue("vanish")],
  ["消失", cue("vanish")],
  ["没了", cue("vanish")],
  ["去哪", cue("vanish")],
  ["哪去", cue("vanish")],
  ["丢失", cue("vanish")],
  ["丢了", cue("vanish")],
  ["少了", cue("vanish")],
  ["区别", cue("mean")],
  ["不同", cue("mean")],
  ["差别", cue("mean")],
  ["差异", cue("mean")],
  ["意思", cue("mean")],
  ["含义", cue("mean")],
  ["作用", cue("mean")],
  ["代表", cue("mean")],
  ["还是", cue("vs")],
  ["对比", cue("vs")],
  ["比较", cue("vs")],
  ["相比", cue("vs")],
  ["代替", cue("vs")],
  ["替代", cue("vs")],
  ["而不是", cue("vs")],
  ["不是", cue("not")],
  ["但", cue("not")],
  ["但是", cue("not")],
  ["不", cue("not")],
  ["无关", cue("depend")],
  ["有关", cue("depend")],
  ["依赖", cue("depend")],
  ["取决", cue("depend")],
  ["关系", cue("depend")],
  ["影响", cue("depend")],
  ["变化", cue("depend")],
  ["选择", cue("choose")],
  ["选", cue("choose")],
  ["确定", cue("choose")],
  ["设置", cue("choose")],
  ["设定", cue("choose")],
  ["参数", cue("params")],
  ["参数量", cue("params")],
  ["参数数量", cue("params")],
  ["参数个数", cue("params")],
  ["权重", cue("weights")],
  ["输入特征数", cue("in_features")],
  ["输入特征", cue("in_features")],
  ["权重形状", cue("weights")],
  ["偏置", cue("weights")],
  ["批次", cue("batch")],
  ["批量", cue("batch")],
  ["批大小", cue("batch")],
  ["形状", cue("shape")],
  ["输出形状", cue("output_shape")],
  ["输出大小", cue("output_shape")],
  ["输出尺寸", cue("output_shape")],
  ["几个", cue("many")],
  ["写", cue("translate")],
  ["写法", cue("translate")],
  ["翻译", cue("translate")],
  ["转换", cue("translate")],
  ["转成", cue("translate")],
  ["转为", cue("translate")],
  ["改写", cue("translate")],
  ["改成", cue("translate")],
  ["换成", cue("translate")],
  ["等价", cue("translate")],
  ["等效", cue("translate")],
  ["对应", cue("translate")],
  ["保持", cue("keep")],
  ["不变", cue("keep")],
  ["保留", cue("keep")],
  ["维持", cue("keep")],
  ["接受", cue("fit")],
  ["可用", cue("fit")],
  ["合法", cue("fit")],
  ["要求", cue("fit")],
  ["最小", cue("fit")],
  ["哪些", question("which")],
  ["哪个", question("which")],
  ["才能", FILLER],
  ["解码器", FILLER],
  ["编码器", FILLER],
  // separators
  ["然后", SEP],
  ["接", SEP],
  ["接着", SEP],
  ["之后", SEP],
  ["再", SEP],
  ["后接", SEP],
  ["随后", SEP],
  ["再接", SEP],
  ["最后", SEP],
  ["加", SEP],
  // fillers
  ...[
    "的",
    "是",
    "一个",
    "一层",
    "请",
    "问",
    "请问",
    "这",
    "这个",
    "那",
    "那个",
    "吗",
    "呢",
    "了",
    "用",
    "使用",
    "和",
    "与",
    "跟",
    "及",
    "以及",
    "做",
    "进行",
    "经过",
    "后",
    "为",
    "大小",
    "尺寸",
    "会",
    "层",
    "时",
    "的话",
    "图像",
    "图片",
    "一张",
    "张",
    "数",
    "数量",
    "个数",
    "值",
    "我",
    "你",
    "应该",
    "有",
    "里",
    "中",
    "上",
    "它",
    "其",
    "呀",
    "啊",
    "吧",
    "把",
    "将",
    "被",
    "给",
    "就",
    "都",
    "也",
    "还",
    "可以",
    "能",
    "要",
    "需要",
    "那么",
    "这样",
    "一下",
    "张量",
    "模型",
    "网络",
    "大小为",
    "倍",
    "而",
    "而且",
    "每",
    "设为",
    "等于",
    "通常",
    "一般",
    "人们",
    "大家",
  ].map((w): [string, WordInfo] => [w, FILLER]),
]);

/** Lower case without `_`, `-`, apostrophes or a possessive "'s": "Conv_2D" → "conv2d", "conv's" → "conv". */
export function normalizeWord(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’]s$/u, "")
    .replace(/[_\-'’]/gu, "");
}

/** The meaning of one English word, or null for a word the grammar does not know. */
export function englishWord(text: string): WordInfo | null {
  return EN.get(normalizeWord(text)) ?? null;
}

/** The meaning of a dotted name: `nn.Conv2d`, `layers.MaxPooling2D`, `K.conv2d`, `tf.nn.conv2d`. */
export function dottedName(text: string): WordInfo | null {
  const parts = text.split(".").map(normalizeWord);
  const last = parts[parts.length - 1] ?? "";
  const prefix = parts.slice(0, -1);
  const isOpPrefix =
    prefix.includes("backend") ||
    prefix.includes("functional") ||
    (prefix.length === 1 && (prefix[0] === "k" || prefix[0] === "f")) ||
    (prefix[0] === "tf" && prefix[1] === "nn");
  if (isOpPrefix && /^(?:conv|depthwiseconv|separableconv|convtranspose|conv\d?dtranspose)/u.test(last)) {
    const framework = prefix.includes("functional") || prefix[0] === "f" ? "pytorch" : "keras";
    return { cat: "OP", framework };
  }
  const info = EN.get(last) ?? null;
  if (info?.cat === "LAYER") {
    const framework =
      prefix.includes("nn") || prefix.includes("torch")
        ? "pytorch"
        : prefix.includes("layers") || prefix.includes("keras")
          ? "keras"
          : null;
    return { ...info, framework };
  }
  if (last === "keras" || last === "pytorch" || last === "torch" || (last === "nn" && prefix[0] === "torch"))
    return { cat: "FRAMEWORK", framework: last === "keras" ? "keras" : "pytorch" };
  return info;
}

/** Every keyword the lexer knows, English and Chinese (the fuzz test builds word soups from it). */
export function plainVocabulary(): string[] {
  return [...EN.keys(), ...EN_PHRASES.map(([p]) => p), ...ZH.keys()];
}
