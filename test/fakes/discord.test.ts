import { once } from "node:events";
import { inflateSync, constants as zlibConstants } from "node:zlib";
import {
  AttachmentBuilder,
  Client,
  type ClientOptions,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  type Message,
  Partials,
  PermissionFlagsBits,
  RESTEvents,
} from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { type FakeDiscord, type FakeDiscordOptions, startFakeDiscord } from "./discord/fake-discord.js";

const ALL_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
  GatewayIntentBits.MessageContent,
];

let fake: FakeDiscord | null = null;
let client: Client | null = null;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = null;
  fake = null;
});

async function setup(
  fakeOptions: FakeDiscordOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord(fakeOptions);
  client = new Client({
    intents: ALL_INTENTS,
    partials: [Partials.Channel],
    rest: { api: fake.apiUrl, retries: 0 },
    ...clientOptions,
  });
  const ready = once(client, Events.ClientReady);
  await client.login("test-token");
  await ready;
  return { fake, client };
}

/** The next messageCreate from a non-bot author. */
function nextHumanMessage(c: Client, timeoutMs = 2000): Promise<Message> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      c.off(Events.MessageCreate, on);
      reject(new Error("no messageCreate"));
    }, timeoutMs);
    const on = (m: Message) => {
      if (m.author.bot) return;
      clearTimeout(timer);
      c.off(Events.MessageCreate, on);
      resolve(m);
    };
    c.on(Events.MessageCreate, on);
  });
}

function nextInteraction(c: Client, timeoutMs = 2000): Promise<Interaction> {
  return once(c, Events.InteractionCreate, { signal: AbortSignal.timeout(timeoutMs) }).then(
    ([i]) => i as Interaction,
  );
}

describe("fake Discord with the real discord.js Client", { timeout: 5000 }, () => {
  it("logs in: GET /gateway/bot, v10 JSON uncompressed gateway, READY + GUILD_CREATE", async () => {
    const { fake, client } = await setup();
    expect(client.user?.id).toBe(fake.ids.botId);
    expect(client.application?.id).toBe(fake.ids.applicationId);
    // The only REST call discord.js makes at login.
    expect(fake.state.requests.map((r) => r.route)).toEqual(["GET /gateway/bot"]);
    expect(fake.state.gatewayConnections[0]?.query).toEqual({ v: "10", encoding: "json" });
    const identify = fake.state.identifies[0];
    expect(identify.token).toBe("test-token");
    expect(identify.compress).toBe(false);
    expect(identify.intents).toBe(
      GatewayIntentBits.Guilds |
        GatewayIntentBits.GuildMessages |
        GatewayIntentBits.DirectMessages |
        GatewayIntentBits.MessageContent,
    );
    const channel = client.channels.cache.get(fake.ids.channelId);
    expect(channel?.isTextBased()).toBe(true);
    const guild = client.guilds.cache.get(fake.ids.guildId);
    expect(guild?.name).toBe("Fake Guild");
    const me = guild?.members.me;
    expect(me).toBeTruthy();
    if (channel && "permissionsFor" in channel && me) {
      const perms = channel.permissionsFor(me);
      expect(perms.has(PermissionFlagsBits.SendMessages)).toBe(true);
      expect(perms.has(PermissionFlagsBits.AttachFiles)).toBe(true);
      expect(perms.has(PermissionFlagsBits.MentionEveryone)).toBe(false);
    } else throw new Error("no guild text channel");
  });

  it("delivers MESSAGE_CREATE and records message.reply with message_reference", async () => {
    const { fake, client } = await setup();
    const incoming = nextHumanMessage(client);
    const payload = fake.messagePayload({ content: "what shape?", mentionsBot: true });
    fake.dispatch("MESSAGE_CREATE", payload);
    const message = await incoming;
    expect(message.content).toBe(`<@${fake.ids.botId}> what shape?`);
    expect(message.mentions.users.has(fake.ids.botId)).toBe(true);
    expect(message.inGuild()).toBe(true);

    const sent = await message.reply("(None, 10)");
    const recorded = await fake.waitFor("messages");
    expect(recorded.channelId).toBe(fake.ids.channelId);
    expect(recorded.content).toBe("(None, 10)");
    expect(recorded.multipart).toBe(false);
    expect(recorded.messageReference.message_id).toBe(payload.id);
    expect(sent.id).toBe(recorded.message.id);
    expect(sent.reference?.messageId).toBe(payload.id);
    // Discord echoes the bot's own message over the gateway.
    await fake.waitFor("dispatches", (d) => d.t === "MESSAGE_CREATE" && d.d.id === sent.id);
  });

  it("receives a reply with a file as multipart with the bytes intact, and serves them back", async () => {
    const { fake, client } = await setup();
    const incoming = nextHumanMessage(client);
    fake.dispatch("MESSAGE_CREATE", fake.messagePayload({ content: "draw it", mentionsBot: true }));
    const message = await incoming;
    const bytes = Buffer.alloc(70_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
    const sent = await message.reply({
      content: "here",
      files: [new AttachmentBuilder(bytes, { name: "shapes.png", description: "feature maps" })],
    });
    const recorded = await fake.waitFor("messages");
    expect(recorded.multipart).toBe(true);
    expect(recorded.content).toBe("here");
    expect(recorded.files).toHaveLength(1);
    const file = recorded.files[0];
    expect(file?.field).toBe("files[0]");
    expect(file?.name).toBe("shapes.png");
    expect(file?.size).toBe(bytes.length);
    expect(file?.bytes.equals(bytes)).toBe(true);
    // discord.js describes each file in payload_json's attachments by its index.
    expect(recorded.body.attachments[0]).toMatchObject({ id: "0", description: "feature maps" });
    const attachment = sent.attachments.first();
    expect(attachment?.name).toBe("shapes.png");
    expect(attachment?.description).toBe("feature maps");
    const downloaded = Buffer.from(await (await fetch(attachment?.url ?? "")).arrayBuffer());
    expect(downloaded.equals(bytes)).toBe(true);
  });

  it("serves incoming attachments' bytes from the fake", async () => {
    const { fake, client } = await setup();
    const incoming = nextHumanMessage(client);
    const code = Buffer.from("model = keras.Sequential([layers.Dense(10)])\n");
    fake.dispatch(
      "MESSAGE_CREATE",
      fake.messagePayload({
        content: "see file",
        mentionsBot: true,
        attachments: [{ name: "model.py", bytes: code }],
      }),
    );
    const message = await incoming;
    const att = message.attachments.first();
    expect(att?.name).toBe("model.py");
    expect(att?.size).toBe(code.length);
    expect(att?.contentType).toMatch(/^text\/x-python/);
    const res = await fetch(att?.url ?? "");
    expect(Buffer.from(await res.arrayBuffer()).equals(code)).toBe(true);
    expect(fake.state.fileDownloads).toHaveLength(1);
  });

  it("rejects content over 2,000 characters like Discord (400, 50035)", async () => {
    const { fake, client } = await setup();
    const channel = client.channels.cache.get(fake.ids.channelId);
    if (!channel?.isSendable()) throw new Error("not sendable");
    const error = await channel.send("x".repeat(2001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    const apiError = error as DiscordAPIError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe(50035);
    expect(apiError.rawError).toMatchObject({
      message: "Invalid Form Body",
      errors: { content: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH" }] } },
    });
    expect(fake.state.messages).toHaveLength(0);
    // Exactly 2,000 is fine.
    await channel.send("y".repeat(2000));
    expect(fake.state.messages).toHaveLength(1);
    // More than 10 files.
    const many = Array.from(
      { length: 11 },
      (_, i) => new AttachmentBuilder(Buffer.from([i]), { name: `${i}.txt` }),
    );
    const tooMany = await channel.send({ files: many }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(DiscordAPIError);
    expect((tooMany as DiscordAPIError).code).toBe(50035);
  });

  it("rejects a file over the size limit (413, 40005) and a channel where the bot may not send (403)", async () => {
    const { fake, client } = await setup({ maxFileBytes: 1000 });
    const channel = client.channels.cache.get(fake.ids.channelId);
    if (!channel?.isSendable()) throw new Error("not sendable");
    const big = await channel
      .send({ files: [new AttachmentBuilder(Buffer.alloc(1001), { name: "big.bin" })] })
      .catch((e: unknown) => e);
    expect(big).toBeInstanceOf(DiscordAPIError);
    expect((big as DiscordAPIError).status).toBe(413);
    expect((big as DiscordAPIError).code).toBe(40005);

    await client.destroy();
    await fake.close();
    const denied = await setup({ botCanSend: false });
    const ch = denied.client.channels.cache.get(denied.fake.ids.channelId);
    if (!ch?.isSendable() || !("permissionsFor" in ch)) throw new Error("not a guild channel");
    const me = denied.client.guilds.cache.get(denied.fake.ids.guildId)?.members.me;
    expect(me && ch.permissionsFor(me).has(PermissionFlagsBits.SendMessages)).toBe(false);
    const err = await ch.send("hi").catch((e: unknown) => e);
    expect((err as DiscordAPIError).code).toBe(50013);
  });

  it("answers a slash command: interaction.reply reaches the callback route (type 4)", async () => {
    const { fake, client } = await setup();
    const got = nextInteraction(client);
    const payload = fake.slashInteraction({ name: "conv", options: { input: "32x32x3", filters: 16 } });
    fake.dispatchInteraction(payload);
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error("not a slash command");
    expect(interaction.commandName).toBe("conv");
    expect(interaction.options.getString("input")).toBe("32x32x3");
    expect(interaction.options.getInteger("filters")).toBe(16);
    expect(interaction.inGuild()).toBe(true);
    await interaction.reply({ content: "(None, 30, 30, 16)" });
    const response = await fake.waitFor("interactionResponses");
    expect(response).toMatchObject({ interactionId: payload.id, token: payload.token, type: 4 });
    expect(response.content).toBe("(None, 30, 30, 16)");
    // A second response to the same interaction is refused by Discord (strict mode).
    const again = await fetch(`${fake.apiUrl}/v10/interactions/${payload.id}/${payload.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "again" } }),
    });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: number }).code).toBe(40060);
  });

  it("defers, edits the original (multipart) and follows up", async () => {
    const { fake, client } = await setup();
    const got = nextInteraction(client);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    fake.dispatchInteraction(
      fake.slashInteraction({
        name: "shape",
        options: { code: "x" },
        attachments: { image: { name: "cat.png", bytes: png } },
      }),
    );
    const interaction = await got;
    if (!interaction.isChatInputCommand()) throw new Error("not a slash command");
    const image = interaction.options.getAttachment("image");
    expect(image?.name).toBe("cat.png");
    expect(Buffer.from(await (await fetch(image?.url ?? "")).arrayBuffer()).equals(png)).toBe(true);

    await interaction.deferReply();
    const deferred = await fake.waitFor("interactionResponses");
    expect(deferred.type).toBe(5);
    const edited = await interaction.editReply({
      content: "done",
      files: [new AttachmentBuilder(png, { name: "maps.png" })],
    });
    const edit = await fake.waitFor("webhookEdits");
    expect(edit.messageId).toBe("@original");
    expect(edit.applicationId).toBe(fake.ids.applicationId);
    expect(edit.content).toBe("done");
    expect(edit.multipart).toBe(true);
    expect(edit.files[0]?.bytes.equals(png)).toBe(true);
    expect(edited.content).toBe("done");
    expect(edited.attachments.first()?.name).toBe("maps.png");

    await interaction.followUp({ content: "part 2" });
    const followUp = await fake.waitFor("followUps");
    expect(followUp.content).toBe("part 2");
  });

  it("handles the Analyze shapes message context command", async () => {
    const { fake, client } = await setup();
    const got = nextInteraction(client);
    const target = fake.messagePayload({ content: "```py\nDense(10)\n```" });
    fake.dispatchInteraction(
      fake.messageContextInteraction({ name: "Analyze shapes", targetMessage: target }),
    );
    const interaction = await got;
    if (!interaction.isMessageContextMenuCommand()) throw new Error("not a message context command");
    expect(interaction.commandName).toBe("Analyze shapes");
    expect(interaction.targetMessage.content).toBe("```py\nDense(10)\n```");
    expect(interaction.targetId).toBe(target.id);
    await interaction.reply({ content: "ok" });
    expect((await fake.waitFor("interactionResponses")).type).toBe(4);
  });

  it("refuses a late initial interaction response (10062) in strict mode", async () => {
    const { fake, client } = await setup({ interactionDeadlineMs: 20 });
    const got = nextInteraction(client);
    fake.dispatchInteraction(fake.slashInteraction({ name: "shape" }));
    const interaction = await got;
    await new Promise((r) => setTimeout(r, 40));
    if (!interaction.isRepliable()) throw new Error("not repliable");
    const err = await interaction.reply("late").catch((e: unknown) => e);
    expect((err as DiscordAPIError).code).toBe(10062);
  });

  it("delivers DMs (with Partials.Channel) and replies in the DM channel", async () => {
    const { fake, client } = await setup();
    const incoming = nextHumanMessage(client);
    const payload = fake.messagePayload({ content: "hello in DM", dm: true });
    fake.dispatch("MESSAGE_CREATE", payload);
    const message = await incoming;
    expect(message.inGuild()).toBe(false);
    expect(message.channel.isDMBased()).toBe(true);
    await message.reply("hi");
    const recorded = await fake.waitFor("messages");
    expect(recorded.channelId).toBe(payload.channel_id);
  });

  it("blanks guild message content without the MessageContent intent, as Discord does", async () => {
    const { fake, client } = await setup(
      {},
      {
        intents: [
          GatewayIntentBits.Guilds,
          GatewayIntentBits.GuildMessages,
          GatewayIntentBits.DirectMessages,
        ],
      },
    );
    const first = nextHumanMessage(client);
    fake.dispatch("MESSAGE_CREATE", fake.messagePayload({ content: "```py\nx\n```" }));
    expect((await first).content).toBe("");
    const second = nextHumanMessage(client);
    fake.dispatch("MESSAGE_CREATE", fake.messagePayload({ content: "hey", mentionsBot: true }));
    expect((await second).content).toBe(`<@${fake.ids.botId}> hey`);
  });

  it("records bulk command overwrites", async () => {
    const { fake, client } = await setup();
    await client.application?.commands.set([{ name: "shape", description: "shapes" }]);
    await client.application?.commands.set([{ name: "conv", description: "conv" }], fake.ids.guildId);
    expect(fake.state.commands.map((c) => c.guildId)).toEqual([null, fake.ids.guildId]);
    expect(fake.registeredCommands()[0]?.name).toBe("shape");
    expect(fake.registeredCommands(fake.ids.guildId)[0]?.name).toBe("conv");
  });

  it("retries after a 429 with retry-after 0.05 (discord.js' queue, not `retries`)", async () => {
    const { fake, client } = await setup();
    const channel = client.channels.cache.get(fake.ids.channelId);
    if (!channel?.isSendable()) throw new Error("not sendable");
    const limited = once(client.rest, RESTEvents.RateLimited);
    fake.rateLimitNext("POST /channels/:channelId/messages", { retryAfter: 0.05 });
    const t0 = performance.now();
    await channel.send("after the limit");
    const elapsed = performance.now() - t0;
    const [info] = await limited;
    expect(info.retryAfter).toBeGreaterThanOrEqual(50);
    expect(elapsed).toBeGreaterThanOrEqual(50);
    const posts = fake.state.requests.filter((r) => r.route === "POST /channels/:channelId/messages");
    expect(posts.map((r) => r.status)).toEqual([429, 200]);
    expect(posts[0]?.error).toMatchObject({ retry_after: 0.05, global: false });
    expect(fake.state.messages).toHaveLength(1);
  });

  it("resumes after a forced gateway close (4000), replays missed events and keeps delivering", async () => {
    const { fake, client } = await setup();
    const resumed = once(client, Events.ShardResume);
    await fake.closeGateway(4000);
    // Sent while disconnected: replayed after RESUME.
    const missed = nextHumanMessage(client);
    const payload = fake.messagePayload({ content: "while you were away", mentionsBot: true });
    fake.dispatch("MESSAGE_CREATE", payload);
    await resumed;
    expect((await missed).id).toBe(payload.id);
    expect(fake.state.resumes).toHaveLength(1);
    expect(fake.state.resumes[0].session_id).toBe(
      fake.state.dispatches.find((d) => d.t === "READY")?.d.session_id,
    );
    expect(fake.state.identifies).toHaveLength(1);
    expect(fake.state.gatewayConnections.map((c) => c.path)).toEqual(["/gateway", "/resume"]);
    const after = nextHumanMessage(client);
    fake.dispatch("MESSAGE_CREATE", fake.messagePayload({ content: "and now", mentionsBot: true }));
    expect((await after).content).toContain("and now");
  });

  it("rejects IDENTIFY with 4014 (disallowed intents): login rejects", async () => {
    fake = await startFakeDiscord({ allowedPrivilegedIntents: 0 });
    client = new Client({ intents: ALL_INTENTS, rest: { api: fake.apiUrl, retries: 0 } });
    const disconnected = once(client, Events.ShardDisconnect);
    const error = await client.login("test-token").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/disallowed intents/i);
    const [event] = await disconnected;
    expect(event.code).toBe(4014);
    expect(fake.state.gatewayCloses).toEqual([{ by: "fake", code: 4014, reason: "Disallowed intent(s)." }]);
  });

  it("speaks zlib-stream when a client asks for it", async () => {
    fake = await startFakeDiscord();
    const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const [data, isBinary] = (await once(ws, "message")) as [Buffer, boolean];
    expect(isBinary).toBe(true);
    expect(data.subarray(-4).equals(Buffer.from([0, 0, 0xff, 0xff]))).toBe(true);
    const hello = JSON.parse(inflateSync(data, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString("utf8"));
    expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 41250 } });
    ws.close();
    await once(ws, "close");
  });
});
