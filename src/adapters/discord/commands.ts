import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import { CLASSIC_KERNEL_NAMES } from "../../conv/classic-kernels.js";

// The application commands, as registered with Discord (npm run register): typed options,
// choices for the enums, help text. /conv and /pool map onto the plain-language structured options.

export const ANALYZE_SHAPES = "Analyze shapes";

export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  const frameworkChoice = {
    name: "framework",
    description: "Keras (channels last) or PyTorch (channels first)",
  };
  const shape = new SlashCommandBuilder()
    .setName("shape")
    .setDescription("Shapes, params and the arithmetic of pasted Keras or PyTorch model code")
    .addStringOption((o) =>
      o.setName("code").setDescription("The model code (or an error message)").setRequired(true),
    )
    .addStringOption((o) => o.setName("input").setDescription("Input shape, e.g. 128x128x3 or 1,3,224,224"))
    .addStringOption((o) =>
      o
        .setName(frameworkChoice.name)
        .setDescription(frameworkChoice.description)
        .addChoices({ name: "Keras", value: "keras" }, { name: "PyTorch", value: "pytorch" }),
    )
    .addAttachmentOption((o) =>
      o.setName("image").setDescription("A picture to run the model on (feature maps)"),
    );
  const window = (b: SlashCommandBuilder, what: "conv" | "pool") => {
    b.addStringOption((o) =>
      o.setName("input").setDescription("Input, e.g. 128x128x3 (H×W×C) or 3x32x32").setRequired(true),
    );
    if (what === "conv")
      b.addIntegerOption((o) =>
        o
          .setName("filters")
          .setDescription("Number of filters (output channels)")
          .setMinValue(1)
          .setMaxValue(100_000),
      );
    b.addStringOption((o) =>
      o.setName(what === "conv" ? "kernel" : "pool").setDescription("Window size, e.g. 3 or 3x3"),
    )
      .addStringOption((o) => o.setName("stride").setDescription("Stride, e.g. 2 or 2x2"))
      .addStringOption((o) => o.setName("padding").setDescription("valid, same, or a number of pixels"));
    if (what === "conv")
      b.addStringOption((o) => o.setName("dilation").setDescription("Dilation, e.g. 2")).addIntegerOption(
        (o) => o.setName("groups").setDescription("Groups (in_channels for depthwise)").setMinValue(1),
      );
    else
      b.addStringOption((o) =>
        o
          .setName("op")
          .setDescription("Max or average pooling")
          .addChoices({ name: "max", value: "max" }, { name: "average", value: "avg" }),
      ).addBooleanOption((o) => o.setName("ceil_mode").setDescription("PyTorch's ceil_mode"));
    b.addStringOption((o) =>
      o
        .setName("framework")
        .setDescription(frameworkChoice.description)
        .addChoices({ name: "Keras", value: "keras" }, { name: "PyTorch", value: "pytorch" }),
    ).addAttachmentOption((o) => o.setName("image").setDescription("A picture to run the layer on"));
    return b;
  };
  const conv = window(
    new SlashCommandBuilder()
      .setName("conv")
      .setDescription("Output shape and arithmetic of one convolution"),
    "conv",
  );
  const pool = window(
    new SlashCommandBuilder()
      .setName("pool")
      .setDescription("Output shape and arithmetic of one pooling layer"),
    "pool",
  );
  const explain = new SlashCommandBuilder()
    .setName("explain")
    .setDescription("Ask a shape question in words, e.g. why does the channel axis disappear?")
    .addStringOption((o) => o.setName("question").setDescription("Your question").setRequired(true));
  const filters = new SlashCommandBuilder()
    .setName("filters")
    .setDescription("Run classic filters (sobel, blur…) on a picture")
    .addAttachmentOption((o) => o.setName("image").setDescription("The picture").setRequired(true))
    .addStringOption((o) =>
      o
        .setName("kernels")
        .setDescription("Which filters (default: edges)")
        .addChoices(...CLASSIC_KERNEL_NAMES.map((n) => ({ name: n, value: n }))),
    );
  const analyze = new ContextMenuCommandBuilder()
    .setName(ANALYZE_SHAPES)
    .setType(ApplicationCommandType.Message);
  return [shape, conv, pool, explain, filters, analyze].map((c) => c.toJSON());
}
