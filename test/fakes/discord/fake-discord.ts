// A local fake of Discord (REST API v10 + gateway v10, JSON, uncompressed) for adapter tests: the
// real discord.js Client talks to it over HTTP and WebSocket on 127.0.0.1.
//
//   const fake = await startFakeDiscord();
//   const client = new Client({ intents, rest: { api: fake.apiUrl } });
//   await client.login("test-token");
//   fake.dispatch("MESSAGE_CREATE", fake.messagePayload({ content: "hi", mentionsBot: true }));
//   const sent = await fake.waitFor("messages", (m) => m.channelId === fake.ids.channelId);
//
// What discord.js 14.28 does against it (checked in node_modules, see README.md here):
// - REST base is `${rest.api}/v10`; at login the only REST call is GET /gateway/bot.
// - The gateway URL is `${url from /gateway/bot}?v=10&encoding=json`; discord.js asks for
//   `compress=zlib-stream` only when the optional `zlib-sync` package is installed (it is not here).
//   The fake honours zlib-stream anyway (node:zlib deflate + Z_SYNC_FLUSH per payload).

import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createDeflate, type Deflate, constants as zlibConstants } from "node:zlib";
import { type WebSocket, WebSocketServer } from "ws";
import { createRecorder } from "../recorder.js";
import { boundaryOf, parseMultipart } from "./multipart.js";
import {
  type AttachmentInput,
  applicationPayload,
  attachmentPayload,
  type BuilderContext,
  botUser,
  dmChannelIdFor,
  dmChannelPayload,
  type FakeIds,
  guessContentType,
  guildCreatePayload,
  type MessageContextInput,
  type MessageInput,
  makeIds,
  memberPayload,
  messageContextInteraction,
  messagePayload,
  type SlashInput,
  slashInteraction,
  snowflake,
  textChannelPayload,
} from "./payloads.js";

export * from "./payloads.js";

// biome-ignore lint/suspicious/noExplicitAny: API payloads are loosely typed JSON.
export type Json = any;

export interface FakeDiscordOptions {
  /** Validate bodies like Discord does (lengths, counts, sizes, acks, deadlines). Default true. */
  strict?: boolean;
  /** Largest accepted upload per file, bytes (Discord's default for bots: 10 MiB). */
  maxFileBytes?: number;
  /** Largest message content, characters. Default 2000. */
  maxContentLength?: number;
  /** Strict mode: initial interaction response deadline after dispatch, ms (Discord: 3 s). */
  interactionDeadlineMs?: number;
  /** Accept only this token (else 401 / gateway 4004); default: any token. */
  token?: string;
  botName?: string;
  /** Ids to use (defaults: fresh snowflakes). */
  ids?: Partial<FakeIds>;
  /** false: the text channel denies the bot SendMessages (REST then answers 403 50013). */
  botCanSend?: boolean;
  /** HELLO's heartbeat_interval, ms (Discord: 41250). */
  heartbeatIntervalMs?: number;
  /** false: never ACK heartbeats (discord.js then treats the connection as a zombie). */
  ackHeartbeats?: boolean;
  /** Close the gateway with this code on IDENTIFY (e.g. 4014 disallowed intents, 4004 bad token). */
  identifyCloseCode?: number | null;
  /**
   * Privileged intents "enabled in the developer portal" (bits). IDENTIFY asking for others is
   * closed with 4014. Default: GuildMembers | GuildPresences | MessageContent (all allowed).
   */
  allowedPrivilegedIntents?: number;
  /**
   * Blank content/embeds/attachments/components of dispatched guild messages that neither come
   * from nor mention the bot when the client did not ask for the MessageContent intent, as Discord
   * does. Default true.
   */
  enforceMessageContentIntent?: boolean;
  /** Dispatch MESSAGE_CREATE for messages the bot creates over REST, as Discord does. Default true. */
  echoOwnMessages?: boolean;
  /** Send READY's guilds and GUILD_CREATE. Default true. */
  sendGuild?: boolean;
}

export interface RecordedFile {
  /** Form field, e.g. "files[0]". */
  field: string;
  name: string;
  contentType: string | null;
  size: number;
  bytes: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** Path below /api/v10, e.g. "/channels/1/messages". */
  path: string;
  /** The matched route, e.g. "POST /channels/:channelId/messages"; null when unhandled (404). */
  route: string | null;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** JSON body (or payload_json of a multipart body); null when none. */
  body: Json;
  multipart: boolean;
  files: RecordedFile[];
  status: number;
  /** The error JSON when status >= 400. */
  error: Json;
  at: number;
}

interface BodyRecord {
  body: Json;
  multipart: boolean;
  files: RecordedFile[];
  /** body.content (or body.data.content for interaction callbacks), if any. */
  content: string | undefined;
}

export interface RecordedMessage extends BodyRecord {
  channelId: string;
  /** The message object the fake answered with (and stored). */
  message: Json;
  messageReference: Json;
}
export interface RecordedMessageEdit extends BodyRecord {
  channelId: string;
  messageId: string;
  message: Json;
}
export interface RecordedMessageDelete {
  channelId: string;
  messageId: string;
}
export interface RecordedInteractionResponse extends BodyRecord {
  interactionId: string;
  token: string;
  /** 1 pong, 4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete, 9 modal. */
  type: number;
  data: Json;
  withResponse: boolean;
}
export interface RecordedWebhookEdit extends BodyRecord {
  applicationId: string;
  token: string;
  /** "@original" or a follow-up's id. */
  messageId: string;
  message: Json;
}
export interface RecordedWebhookDelete {
  applicationId: string;
  token: string;
  messageId: string;
}
export interface RecordedFollowUp extends BodyRecord {
  applicationId: string;
  token: string;
  message: Json;
}
export interface RecordedCommands {
  applicationId: string;
  /** null for global commands. */
  guildId: string | null;
  commands: Json[];
}
export interface RecordedGatewayConnection {
  /** "/gateway" (from GET /gateway/bot) or "/resume" (READY's resume_gateway_url). */
  path: string;
  query: Record<string, string>;
  at: number;
}
export interface RecordedGatewayClose {
  /** Who closed: the fake (closeGateway, IDENTIFY rejection) or the client. */
  by: "fake" | "client";
  code: number;
  reason: string;
}
export interface RecordedDispatch {
  t: string;
  s: number;
  d: Json;
}
export interface RecordedDownload {
  path: string;
  size: number;
}

export interface FakeDiscordState {
  requests: RecordedRequest[];
  messages: RecordedMessage[];
  messageEdits: RecordedMessageEdit[];
  messageDeletes: RecordedMessageDelete[];
  interactionResponses: RecordedInteractionResponse[];
  webhookEdits: RecordedWebhookEdit[];
  webhookDeletes: RecordedWebhookDelete[];
  followUps: RecordedFollowUp[];
  commands: RecordedCommands[];
  /** IDENTIFY payloads' `d` (token, intents, properties, compress, shard, …). */
  identifies: Json[];
  /** RESUME payloads' `d` (token, session_id, seq). */
  resumes: Json[];
  /** Heartbeats' `d` (the last sequence number the client saw). */
  heartbeats: (number | null)[];
  gatewayConnections: RecordedGatewayConnection[];
  gatewayCloses: RecordedGatewayClose[];
  /** Every dispatch sent (or queued for a resume), as sent (after intent filtering). */
  dispatches: RecordedDispatch[];
  /** Other client → gateway payloads (presence updates op 3, member requests op 8, …). */
  gatewayOther: Json[];
  fileDownloads: RecordedDownload[];
}

export type RecordKind = keyof FakeDiscordState;
export type RecordOf<K extends RecordKind> = FakeDiscordState[K][number];

export interface RateLimitOptions {
  /** How many matching requests answer 429. Default 1. */
  count?: number;
  /** Seconds (Retry-After header, X-RateLimit-Reset-After, body retry_after). Default 0.05. */
  retryAfter?: number;
  /** A global rate limit (X-RateLimit-Global, body global: true). Default false. */
  global?: boolean;
  /** X-RateLimit-Scope. Default "user" ("global" when global). */
  scope?: "user" | "shared" | "global";
}

export interface FailOptions {
  count?: number;
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

/** Route selector: "POST /channels/:channelId/messages" (route key), "POST /channels/1/messages" (exact), or a RegExp on "METHOD /path". */
export type RouteMatcher = string | RegExp;

export interface FakeDiscord {
  /** For discord.js: `rest: { api: fake.apiUrl }` (discord.js appends /v10). */
  apiUrl: string;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** ws://127.0.0.1:PORT/gateway (what GET /gateway/bot answers). */
  gatewayUrl: string;
  ids: FakeIds;
  botName: string;
  state: FakeDiscordState;
  options: Required<Omit<FakeDiscordOptions, "ids" | "token" | "identifyCloseCode">> & {
    token: string | null;
    identifyCloseCode: number | null;
  };
  close(): Promise<void>;

  /** First recorded item of `kind` matching `predicate`, already recorded or coming. */
  waitFor<K extends RecordKind>(
    kind: K,
    predicate?: (item: RecordOf<K>) => boolean,
    timeoutMs?: number,
  ): Promise<RecordOf<K>>;
  /** The next item of `kind` recorded after this call that matches `predicate`. */
  waitForNext<K extends RecordKind>(
    kind: K,
    predicate?: (item: RecordOf<K>) => boolean,
    timeoutMs?: number,
  ): Promise<RecordOf<K>>;

  /** Send a dispatch (op 0) to the connected client; queued for replay while disconnected. */
  dispatch(t: string, d: Json): RecordedDispatch;
  /** INTERACTION_CREATE; also starts the interaction's 3 s deadline (strict mode). */
  dispatchInteraction(payload: Json): RecordedDispatch;
  /** Close the client's gateway connection (4000: discord.js resumes; 1000: re-identifies). */
  closeGateway(code?: number, reason?: string, opts?: { invalidateSession?: boolean }): Promise<void>;
  /** Send op 7 RECONNECT (discord.js closes and resumes). */
  requestReconnect(): void;
  /** Resolves when a client is connected and identified/resumed (READY or RESUMED sent). */
  waitForGatewayReady(timeoutMs?: number): Promise<void>;

  /** The next `count` requests matching `route` answer 429. */
  rateLimitNext(route: RouteMatcher, opts?: RateLimitOptions): void;
  /** The next `count` requests matching `route` answer `status` with `body`. */
  failNext(route: RouteMatcher, opts: FailOptions): void;

  /** Serve bytes at `${baseUrl}/files/${name}`; returns the URL. */
  serveFile(name: string, bytes: Uint8Array, contentType?: string): string;
  /** A message stored by id (dispatched or created over REST). */
  getMessage(messageId: string): Json | undefined;
  /** The commands currently registered (after bulk overwrites): global, or for a guild. */
  registeredCommands(guildId?: string | null): Json[];
  /** Clear every state array (not the messages/commands stores). */
  resetState(): void;

  messagePayload(m: MessageInput): Json;
  slashInteraction(s: SlashInput): Json;
  messageContextInteraction(c: MessageContextInput): Json;
  attachmentPayload(a: AttachmentInput): Json;
}

const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);
const INTENT_GUILD_MESSAGES = 1 << 9;
const INTENT_DIRECT_MESSAGES = 1 << 12;
const INTENT_MESSAGE_CONTENT = 1 << 15;

interface Route {
  method: string;
  key: string;
  regex: RegExp;
  names: string[];
  handler: (req: ApiRequest) => ApiResponse | Promise<ApiResponse>;
}

interface ApiRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Json;
  multipart: boolean;
  files: RecordedFile[];
}

interface ApiResponse {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

interface InteractionRecord {
  id: string;
  token: string;
  payload: Json;
  dispatchedAt: number;
  acknowledged: boolean;
  original: Json | null;
}

const ok = (body?: Json): ApiResponse => ({ status: body === undefined ? 204 : 200, body });
const apiError = (status: number, code: number, message: string, errors?: Json): ApiResponse => ({
  status,
  body: errors ? { code, message, errors } : { code, message },
});
const formError = (errors: Json) => apiError(400, 50035, "Invalid Form Body", errors);
const fieldError = (code: string, message: string) => ({ _errors: [{ code, message }] });

function emptyState(): FakeDiscordState {
  return {
    requests: [],
    messages: [],
    messageEdits: [],
    messageDeletes: [],
    interactionResponses: [],
    webhookEdits: [],
    webhookDeletes: [],
    followUps: [],
    commands: [],
    identifies: [],
    resumes: [],
    heartbeats: [],
    gatewayConnections: [],
    gatewayCloses: [],
    dispatches: [],
    gatewayOther: [],
    fileDownloads: [],
  };
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const opts: FakeDiscord["options"] = {
    strict: options.strict ?? true,
    maxFileBytes: options.maxFileBytes ?? 10 * 1024 * 1024,
    maxContentLength: options.maxContentLength ?? 2000,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    token: options.token ?? null,
    botName: options.botName ?? "shapebot",
    botCanSend: options.botCanSend ?? true,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
    ackHeartbeats: options.ackHeartbeats ?? true,
    identifyCloseCode: options.identifyCloseCode ?? null,
    allowedPrivilegedIntents: options.allowedPrivilegedIntents ?? PRIVILEGED_INTENTS,
    enforceMessageContentIntent: options.enforceMessageContentIntent ?? true,
    echoOwnMessages: options.echoOwnMessages ?? true,
    sendGuild: options.sendGuild ?? true,
  };
  const ids: FakeIds = { ...makeIds(), ...options.ids };
  if (!options.ids?.applicationId) ids.applicationId = ids.botId;
  const state = emptyState();
  const servedFiles = new Map<string, { bytes: Buffer; contentType: string }>();
  const messages = new Map<string, Json>();
  const channels = new Map<string, Json>();
  const interactionsByToken = new Map<string, InteractionRecord>();
  const interactionsById = new Map<string, InteractionRecord>();
  const commandSets = new Map<string, Json[]>();
  const injected: { matcher: RouteMatcher; remaining: number; respond: () => ApiResponse }[] = [];

  const recorder = createRecorder(state as unknown as Record<string, unknown[]>, "fake discord");
  const record = <K extends RecordKind>(kind: K, item: RecordOf<K>) => recorder.record(kind, item);

  // ---------------------------------------------------------------- HTTP server

  const server: Server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ code: 0, message: `fake discord crashed: ${String(error)}` }));
      }
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/gateway" && url.pathname !== "/resume") {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onGatewayConnection(ws, url));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiUrl = `${baseUrl}/api`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
  const resumeUrl = `ws://127.0.0.1:${port}/resume`;

  function serveFile(name: string, bytes: Uint8Array, contentType?: string): string {
    const path = name.split("/").map(encodeURIComponent).join("/");
    servedFiles.set(`/files/${path}`, {
      bytes: Buffer.from(bytes),
      contentType: contentType ?? guessContentType(name) ?? "application/octet-stream",
    });
    return `${baseUrl}/files/${path}`;
  }

  const ctx: BuilderContext = {
    ids,
    botName: opts.botName,
    serveFile,
    registerDmChannel(channelId, recipient) {
      if (!channels.has(channelId)) channels.set(channelId, dmChannelPayload(channelId, recipient));
    },
  };
  channels.set(ids.channelId, textChannelPayload(ctx, { botCanSend: opts.botCanSend }));
  const bot = botUser(ctx);

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);

    if (method === "GET" && url.pathname.startsWith("/files/")) {
      const file = servedFiles.get(url.pathname);
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      record("fileDownloads", { path: url.pathname, size: file.bytes.length });
      res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }

    const prefix = "/api/v10";
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) || "/" : url.pathname;
    const contentType = req.headers["content-type"];
    const boundary = boundaryOf(contentType);
    let body: Json = null;
    const files: RecordedFile[] = [];
    let response: ApiResponse;
    let routeKey: string | null = null;
    try {
      if (boundary) {
        for (const part of parseMultipart(raw, boundary)) {
          if (part.name === "payload_json") body = JSON.parse(part.data.toString("utf8"));
          else if (part.filename !== null)
            files.push({
              field: part.name,
              name: part.filename,
              contentType: part.contentType,
              size: part.data.length,
              bytes: part.data,
            });
          else {
            body ??= {};
            body[part.name] = part.data.toString("utf8");
          }
        }
      } else if (raw.length > 0) {
        body = JSON.parse(raw.toString("utf8"));
      }
    } catch {
      response = apiError(400, 50109, "The request body contains invalid JSON.");
      return finish();
    }

    const route = url.pathname.startsWith(prefix) ? matchRoute(method, path) : null;
    routeKey = route?.route.key ?? null;
    const concrete = `${method} ${path}`;
    const inj = injected.find(
      (i) =>
        i.remaining > 0 &&
        (typeof i.matcher === "string"
          ? i.matcher === routeKey || i.matcher === concrete
          : i.matcher.test(concrete)),
    );
    if (!url.pathname.startsWith(prefix)) {
      response = apiError(404, 0, "404: Not Found");
    } else if (inj) {
      inj.remaining--;
      response = inj.respond();
    } else if (!route) {
      response = apiError(404, 0, "404: Not Found");
    } else if (!authorized(req, route.route.key)) {
      response = apiError(401, 0, "401: Unauthorized");
    } else {
      response = await route.route.handler({
        method,
        path,
        params: route.params,
        query: url.searchParams,
        headers: req.headers,
        body,
        multipart: boundary !== null,
        files,
      });
    }
    return finish();

    function finish(): void {
      const headers: Record<string, string> = { ...response.headers };
      if (response.body !== undefined) headers["content-type"] = "application/json";
      res.writeHead(response.status, headers);
      res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
      record("requests", {
        method,
        path,
        route: routeKey,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        multipart: boundary !== null,
        files,
        status: response.status,
        error: response.status >= 400 ? (response.body ?? null) : null,
        at: Date.now(),
      });
    }
  }

  function authorized(req: IncomingMessage, key: string): boolean {
    // Interaction callbacks and webhook routes are authorised by their token, not the bot token.
    if (key.includes("/interactions/") || key.includes("/webhooks/")) return true;
    const auth = req.headers.authorization ?? "";
    if (!/^Bot \S+/.test(auth)) return false;
    return opts.token === null || auth === `Bot ${opts.token}`;
  }

  const routes: Route[] = [];
  function route(method: string, pattern: string, handler: Route["handler"]): void {
    const names: string[] = [];
    const regex = new RegExp(
      `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/:(\w+)/g, (_, n: string) => {
        names.push(n);
        return "([^/]+)";
      })}$`,
    );
    routes.push({ method, key: `${method} ${pattern}`, regex, names, handler });
  }
  function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    for (const r of routes) {
      if (r.method !== method) continue;
      const m = r.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => {
        params[n] = decodeURIComponent(m[i + 1] ?? "");
      });
      return { route: r, params };
    }
    return null;
  }

  // ------------------------------------------------------------ validation

  /** Discord's checks on a message body; `nest` is "data" for interaction callbacks. */
  function validateMessage(
    body: Json,
    files: RecordedFile[],
    { create, nest }: { create: boolean; nest?: string },
  ): ApiResponse | null {
    if (!opts.strict) return null;
    const b = (nest ? body?.[nest] : body) ?? {};
    const wrap = (errors: Json) => formError(nest ? { [nest]: errors } : errors);
    const content = b.content;
    if (typeof content === "string" && [...content].length > opts.maxContentLength)
      return wrap({
        content: fieldError("BASE_TYPE_MAX_LENGTH", `Must be ${opts.maxContentLength} or fewer in length.`),
      });
    if (Array.isArray(b.embeds) && b.embeds.length > 10)
      return wrap({ embeds: fieldError("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.") });
    if (files.length > 10 || (Array.isArray(b.attachments) && b.attachments.length > 10))
      return wrap({ attachments: fieldError("BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.") });
    if (files.some((f) => f.size > opts.maxFileBytes))
      return apiError(413, 40005, "Request entity too large");
    if (create) {
      const empty =
        !(typeof content === "string" && content.length > 0) &&
        !(Array.isArray(b.embeds) && b.embeds.length > 0) &&
        files.length === 0 &&
        !(Array.isArray(b.sticker_ids) && b.sticker_ids.length > 0) &&
        !(Array.isArray(b.components) && b.components.length > 0) &&
        !b.poll;
      if (empty) return apiError(400, 50006, "Cannot send an empty message");
    }
    return null;
  }

  function contentOf(body: Json, nest?: string): string | undefined {
    const c = (nest ? body?.[nest] : body)?.content;
    return typeof c === "string" ? c : undefined;
  }

  // --------------------------------------------------------------- messages

  function buildAttachments(messageId: string, body: Json, files: RecordedFile[]): Json[] {
    const described: Json[] = Array.isArray(body?.attachments) ? body.attachments : [];
    const out: Json[] = [];
    files.forEach((f, index) => {
      const key = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(index);
      const meta = described.find((a) => String(a.id) === key) ?? {};
      const name: string = meta.filename ?? f.name;
      const contentType = f.contentType ?? guessContentType(name);
      out.push({
        ...attachmentPayload(ctx, {
          name,
          bytes: f.bytes,
          id: snowflake(),
          ...(contentType ? { contentType } : {}),
        }),
        ...(meta.description ? { description: meta.description } : {}),
        ...(meta.duration_secs ? { duration_secs: meta.duration_secs } : {}),
      });
    });
    // Kept attachments of an edit: { id } entries that refer to existing attachments.
    const previous: Json[] = messages.get(messageId)?.attachments ?? [];
    for (const a of described) {
      const kept = previous.find((p) => p.id === String(a.id));
      if (kept && !out.includes(kept)) out.push(kept);
    }
    return out;
  }

  function createMessage(channelId: string, body: Json, files: RecordedFile[], extra: Json = {}): Json {
    const id = snowflake();
    const channel = channels.get(channelId);
    const ref = body?.message_reference?.message_id
      ? messages.get(String(body.message_reference.message_id))
      : null;
    const message: Json = {
      id,
      type: ref ? 19 : 0,
      channel_id: channelId,
      author: extra.webhook_id ? { ...bot, id: ids.applicationId } : bot,
      content: body?.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: Boolean(body?.tts),
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: buildAttachments(id, body, files),
      embeds: body?.embeds ?? [],
      reactions: [],
      pinned: false,
      flags: body?.flags ?? 0,
      components: body?.components ?? [],
      ...(body?.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(ref
        ? {
            message_reference: {
              type: 0,
              message_id: ref.id,
              channel_id: ref.channel_id,
              ...(channel?.guild_id ? { guild_id: channel.guild_id } : {}),
            },
            referenced_message: ref,
          }
        : {}),
      ...extra,
    };
    messages.set(id, message);
    if (opts.echoOwnMessages && channel) {
      dispatch("MESSAGE_CREATE", {
        ...message,
        channel_type: channel.type,
        ...(channel.guild_id
          ? { guild_id: channel.guild_id, member: memberPayload(null, [ids.botRoleId]) }
          : {}),
      });
    }
    return message;
  }

  function editMessage(messageId: string, body: Json, files: RecordedFile[]): Json {
    const old = messages.get(messageId) ?? {};
    const attachments = body?.attachments !== undefined || files.length > 0;
    const message = {
      ...old,
      ...(body?.content !== undefined ? { content: body.content ?? "" } : {}),
      ...(body?.embeds !== undefined ? { embeds: body.embeds ?? [] } : {}),
      ...(body?.components !== undefined ? { components: body.components ?? [] } : {}),
      ...(body?.flags !== undefined ? { flags: body.flags } : {}),
      ...(attachments ? { attachments: buildAttachments(messageId, body, files) } : {}),
      edited_timestamp: new Date().toISOString(),
    };
    messages.set(messageId, message);
    return message;
  }

  function checkChannelSend(channelId: string): ApiResponse | null {
    const channel = channels.get(channelId);
    if (!channel) return apiError(404, 10003, "Unknown Channel");
    if (opts.strict && channel.guild_id && channelId === ids.channelId && !opts.botCanSend)
      return apiError(403, 50013, "Missing Permissions");
    return null;
  }

  // ----------------------------------------------------------------- routes

  route("GET", "/gateway", () => ok({ url: gatewayUrl }));
  route("GET", "/gateway/bot", () =>
    ok({
      url: gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
    }),
  );
  route("GET", "/users/@me", () => ok(bot));
  route("GET", "/applications/@me", () => ok(applicationPayload(ctx)));
  route("GET", "/oauth2/applications/@me", () => ok(applicationPayload(ctx)));
  route("GET", "/users/:userId", (r) =>
    r.params.userId === ids.botId
      ? ok(bot)
      : ok({ id: r.params.userId, username: "user", discriminator: "0" }),
  );
  route("POST", "/users/@me/channels", (r) => {
    const recipientId = String(r.body?.recipient_id ?? "");
    const channelId = dmChannelIdFor(recipientId);
    ctx.registerDmChannel(channelId, { id: recipientId, username: "user", discriminator: "0", avatar: null });
    return ok(channels.get(channelId));
  });
  route("GET", "/channels/:channelId", (r) => {
    const channel = channels.get(r.params.channelId ?? "");
    return channel ? ok(channel) : apiError(404, 10003, "Unknown Channel");
  });
  route("GET", "/guilds/:guildId", (r) => {
    if (r.params.guildId !== ids.guildId) return apiError(404, 10004, "Unknown Guild");
    const { members: _m, channels: _c, ...guild } = guildCreatePayload(ctx, { botCanSend: opts.botCanSend });
    return ok(guild);
  });
  route("GET", "/guilds/:guildId/members/:userId", (r) => {
    if (r.params.guildId !== ids.guildId) return apiError(404, 10004, "Unknown Guild");
    if (r.params.userId === ids.botId) return ok(memberPayload(bot, [ids.botRoleId]));
    if (r.params.userId === ids.userId)
      return ok(memberPayload({ id: ids.userId, username: "alice", discriminator: "0", avatar: null }, []));
    return apiError(404, 10007, "Unknown Member");
  });
  route("GET", "/channels/:channelId/messages/:messageId", (r) => {
    const m = messages.get(r.params.messageId ?? "");
    return m && m.channel_id === r.params.channelId ? ok(m) : apiError(404, 10008, "Unknown Message");
  });
  route("POST", "/channels/:channelId/typing", (r) => checkChannelSend(r.params.channelId ?? "") ?? ok());
  route("POST", "/channels/:channelId/messages", (r) => {
    const channelId = r.params.channelId ?? "";
    const denied = checkChannelSend(channelId) ?? validateMessage(r.body, r.files, { create: true });
    if (denied) return denied;
    const refId = r.body?.message_reference?.message_id;
    if (
      opts.strict &&
      refId &&
      !messages.has(String(refId)) &&
      r.body.message_reference.fail_if_not_exists !== false
    )
      return formError({ message_reference: fieldError("REPLIES_UNKNOWN_MESSAGE", "Unknown message") });
    const message = createMessage(channelId, r.body, r.files);
    record("messages", {
      channelId,
      body: r.body,
      multipart: r.multipart,
      files: r.files,
      content: contentOf(r.body),
      messageReference: r.body?.message_reference ?? null,
      message,
    });
    return ok(message);
  });
  route("PATCH", "/channels/:channelId/messages/:messageId", (r) => {
    const { channelId = "", messageId = "" } = r.params;
    const existing = messages.get(messageId);
    if (!existing || existing.channel_id !== channelId) return apiError(404, 10008, "Unknown Message");
    if (opts.strict && existing.author?.id !== ids.botId)
      return apiError(403, 50005, "Cannot edit a message authored by another user");
    const invalid = validateMessage(r.body, r.files, { create: false });
    if (invalid) return invalid;
    const message = editMessage(messageId, r.body, r.files);
    record("messageEdits", {
      channelId,
      messageId,
      body: r.body,
      multipart: r.multipart,
      files: r.files,
      content: contentOf(r.body),
      message,
    });
    return ok(message);
  });
  route("DELETE", "/channels/:channelId/messages/:messageId", (r) => {
    const { channelId = "", messageId = "" } = r.params;
    const existing = messages.get(messageId);
    if (!existing || existing.channel_id !== channelId) return apiError(404, 10008, "Unknown Message");
    messages.delete(messageId);
    record("messageDeletes", { channelId, messageId });
    return ok();
  });
  route("PUT", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", () => ok());

  route("POST", "/interactions/:interactionId/:token/callback", (r) => {
    const { interactionId = "", token = "" } = r.params;
    const type = Number(r.body?.type);
    const known = interactionsById.get(interactionId);
    if (opts.strict) {
      if (!known || known.token !== token) return apiError(404, 10062, "Unknown interaction");
      if (known.acknowledged) return apiError(400, 40060, "Interaction has already been acknowledged.");
      if (Date.now() - known.dispatchedAt > opts.interactionDeadlineMs)
        return apiError(404, 10062, "Unknown interaction");
      if (type === 4 || type === 7) {
        const invalid = validateMessage(r.body, r.files, { create: type === 4, nest: "data" });
        if (invalid) return invalid;
      }
    }
    const withResponse = r.query.get("with_response") === "true";
    record("interactionResponses", {
      interactionId,
      token,
      type,
      data: r.body?.data ?? null,
      body: r.body,
      multipart: r.multipart,
      files: r.files,
      content: contentOf(r.body, "data"),
      withResponse,
    });
    const rec = known ?? registerInteraction({ id: interactionId, token, type: 2 });
    rec.acknowledged = true;
    const channelId: string = rec.payload.channel?.id ?? rec.payload.channel_id ?? ids.channelId;
    if (type === 4 || type === 5) {
      const data = r.body?.data ?? {};
      const loading = type === 5;
      const original: Json = {
        id: snowflake(),
        type: 20,
        channel_id: channelId,
        author: bot,
        content: loading ? "" : (data.content ?? ""),
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: loading ? [] : (data.embeds ?? []),
        components: loading ? [] : (data.components ?? []),
        pinned: false,
        flags: (data.flags ?? 0) | (loading ? 128 : 0),
        webhook_id: ids.applicationId,
        application_id: ids.applicationId,
        interaction_metadata: {
          id: interactionId,
          type: rec.payload.type ?? 2,
          user: rec.payload.member?.user ?? rec.payload.user ?? null,
          authorizing_integration_owners: {},
        },
      };
      original.attachments = loading ? [] : buildAttachments(original.id, data, r.files);
      messages.set(original.id, original);
      rec.original = original;
    }
    if (!withResponse) return ok();
    const flags = rec.original?.flags ?? 0;
    return ok({
      interaction: {
        id: interactionId,
        type: rec.payload.type ?? 2,
        ...(rec.original
          ? {
              response_message_id: rec.original.id,
              response_message_loading: type === 5,
              response_message_ephemeral: (flags & 64) !== 0,
            }
          : {}),
      },
      resource: { type, ...(rec.original && type === 4 ? { message: rec.original } : {}) },
    });
  });

  function webhookInteraction(r: ApiRequest): InteractionRecord | ApiResponse {
    const { applicationId = "", token = "" } = r.params;
    const rec = interactionsByToken.get(token);
    if (applicationId !== ids.applicationId || (opts.strict && !rec))
      return apiError(404, 10015, "Unknown Webhook");
    return rec ?? registerInteraction({ id: snowflake(), token, type: 2 });
  }
  const isResponse = (x: InteractionRecord | ApiResponse): x is ApiResponse => "status" in x;

  function resolveWebhookMessage(rec: InteractionRecord, messageId: string): Json | null {
    if (messageId === "@original") return rec.original;
    const m = messages.get(messageId);
    return m && m.webhook_id === ids.applicationId ? m : null;
  }

  route("GET", "/webhooks/:applicationId/:token/messages/:messageId", (r) => {
    const rec = webhookInteraction(r);
    if (isResponse(rec)) return rec;
    const m = resolveWebhookMessage(rec, r.params.messageId ?? "");
    return m ? ok(m) : apiError(404, 10008, "Unknown Message");
  });
  route("PATCH", "/webhooks/:applicationId/:token/messages/:messageId", (r) => {
    const rec = webhookInteraction(r);
    if (isResponse(rec)) return rec;
    const messageId = r.params.messageId ?? "";
    const target = resolveWebhookMessage(rec, messageId);
    if (opts.strict && !target) return apiError(404, 10008, "Unknown Message");
    const invalid = validateMessage(r.body, r.files, { create: false });
    if (invalid) return invalid;
    let message: Json = null;
    if (target) {
      message = editMessage(target.id, r.body, r.files);
      // The first edit of a deferred reply replaces the "thinking…" state.
      message.flags = (message.flags ?? 0) & ~128;
      messages.set(target.id, message);
      if (messageId === "@original") rec.original = message;
    }
    record("webhookEdits", {
      applicationId: r.params.applicationId ?? "",
      token: r.params.token ?? "",
      messageId,
      body: r.body,
      multipart: r.multipart,
      files: r.files,
      content: contentOf(r.body),
      message,
    });
    return ok(message ?? {});
  });
  route("DELETE", "/webhooks/:applicationId/:token/messages/:messageId", (r) => {
    const rec = webhookInteraction(r);
    if (isResponse(rec)) return rec;
    const messageId = r.params.messageId ?? "";
    const target = resolveWebhookMessage(rec, messageId);
    if (opts.strict && !target) return apiError(404, 10008, "Unknown Message");
    if (target) messages.delete(target.id);
    if (messageId === "@original") rec.original = null;
    record("webhookDeletes", {
      applicationId: r.params.applicationId ?? "",
      token: r.params.token ?? "",
      messageId,
    });
    return ok();
  });
  route("POST", "/webhooks/:applicationId/:token", (r) => {
    const rec = webhookInteraction(r);
    if (isResponse(rec)) return rec;
    if (opts.strict && !rec.acknowledged) return apiError(404, 10015, "Unknown Webhook");
    const invalid = validateMessage(r.body, r.files, { create: true });
    if (invalid) return invalid;
    const channelId: string = rec.payload.channel?.id ?? rec.payload.channel_id ?? ids.channelId;
    const message = createMessage(channelId, r.body, r.files, {
      webhook_id: ids.applicationId,
      application_id: ids.applicationId,
    });
    record("followUps", {
      applicationId: r.params.applicationId ?? "",
      token: r.params.token ?? "",
      body: r.body,
      multipart: r.multipart,
      files: r.files,
      content: contentOf(r.body),
      message,
    });
    return r.query.get("wait") === "true" ? ok(message) : ok();
  });

  function commandsPut(r: ApiRequest, guildId: string | null): ApiResponse {
    const applicationId = r.params.applicationId ?? "";
    if (applicationId !== ids.applicationId) return apiError(403, 50001, "Missing Access");
    if (guildId !== null && guildId !== ids.guildId) return apiError(403, 50001, "Missing Access");
    if (!Array.isArray(r.body))
      return formError({ _errors: [{ code: "LIST_TYPE_CONVERT", message: "Not a list." }] });
    const commands = (r.body as Json[]).map((c) => ({
      id: snowflake(),
      application_id: applicationId,
      version: snowflake(),
      type: c.type ?? 1,
      description: c.description ?? "",
      default_member_permissions: c.default_member_permissions ?? null,
      nsfw: c.nsfw ?? false,
      ...(guildId ? { guild_id: guildId } : {}),
      ...c,
    }));
    commandSets.set(guildId ?? "", commands);
    record("commands", { applicationId, guildId, commands: r.body });
    return ok(commands);
  }
  route("PUT", "/applications/:applicationId/commands", (r) => commandsPut(r, null));
  route("PUT", "/applications/:applicationId/guilds/:guildId/commands", (r) =>
    commandsPut(r, r.params.guildId ?? ""),
  );
  route("GET", "/applications/:applicationId/commands", () => ok(commandSets.get("") ?? []));
  route("GET", "/applications/:applicationId/guilds/:guildId/commands", (r) =>
    ok(commandSets.get(r.params.guildId ?? "") ?? []),
  );

  function registerInteraction(payload: Json): InteractionRecord {
    const rec: InteractionRecord = {
      id: String(payload.id),
      token: String(payload.token),
      payload,
      dispatchedAt: Date.now(),
      acknowledged: false,
      original: null,
    };
    interactionsById.set(rec.id, rec);
    interactionsByToken.set(rec.token, rec);
    return rec;
  }

  // ---------------------------------------------------------------- gateway

  interface Connection {
    ws: WebSocket;
    deflate: Deflate | null;
    identified: boolean;
  }
  interface Session {
    id: string;
    seq: number;
    intents: number;
    log: RecordedDispatch[];
    active: Connection | null;
  }
  let session: Session | null = null;
  const connections = new Set<Connection>();
  const readyWaiters = new Set<() => void>();

  function sendRaw(conn: Connection, payload: Json): void {
    const text = JSON.stringify(payload);
    if (!conn.deflate) {
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(text);
      return;
    }
    const deflate = conn.deflate;
    deflate.write(text);
    deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
      const chunks: Buffer[] = [];
      for (let c = deflate.read(); c !== null; c = deflate.read()) chunks.push(c as Buffer);
      if (conn.ws.readyState === conn.ws.OPEN) conn.ws.send(Buffer.concat(chunks), { binary: true });
    });
  }

  function markReady(): void {
    for (const resolve of readyWaiters) resolve();
    readyWaiters.clear();
  }

  function onGatewayConnection(ws: WebSocket, url: URL): void {
    const query = Object.fromEntries(url.searchParams);
    const deflate = query.compress === "zlib-stream" ? createDeflate() : null;
    const conn: Connection = { ws, deflate, identified: false };
    connections.add(conn);
    record("gatewayConnections", { path: url.pathname, query, at: Date.now() });
    if (query.v !== undefined && query.v !== "10") {
      closeConn(conn, 4012, "Invalid API version");
      return;
    }
    ws.on("message", (data, isBinary) => {
      if (isBinary) {
        closeConn(conn, 4002, "Error while decoding payload.");
        return;
      }
      let payload: Json;
      try {
        payload = JSON.parse(String(data));
      } catch {
        closeConn(conn, 4002, "Error while decoding payload.");
        return;
      }
      onGatewayPayload(conn, payload);
    });
    ws.on("close", (code, reason) => {
      connections.delete(conn);
      deflate?.close();
      if (session?.active === conn) session.active = null;
      if (!closingByFake.has(ws)) record("gatewayCloses", { by: "client", code, reason: reason.toString() });
    });
    sendRaw(conn, { op: 10, d: { heartbeat_interval: opts.heartbeatIntervalMs }, s: null, t: null });
  }

  const closingByFake = new WeakSet<WebSocket>();
  function closeConn(conn: Connection, code: number, reason: string): Promise<void> {
    if (conn.ws.readyState === conn.ws.CLOSED) return Promise.resolve();
    closingByFake.add(conn.ws);
    record("gatewayCloses", { by: "fake", code, reason });
    const closed = once(conn.ws, "close").then(() => undefined);
    conn.ws.close(code, reason);
    return closed;
  }

  function onGatewayPayload(conn: Connection, payload: Json): void {
    switch (payload?.op) {
      case 1: {
        record("heartbeats", payload.d ?? null);
        if (opts.ackHeartbeats) sendRaw(conn, { op: 11, d: null, s: null, t: null });
        return;
      }
      case 2:
        onIdentify(conn, payload.d ?? {});
        return;
      case 6:
        onResume(conn, payload.d ?? {});
        return;
      default:
        if (!conn.identified) {
          closeConn(conn, 4003, "Not authenticated.");
          return;
        }
        record("gatewayOther", payload);
    }
  }

  function onIdentify(conn: Connection, d: Json): void {
    record("identifies", d);
    if (conn.identified) {
      void closeConn(conn, 4005, "Already authenticated.");
      return;
    }
    if (opts.identifyCloseCode !== null) {
      void closeConn(conn, opts.identifyCloseCode, closeReason(opts.identifyCloseCode));
      return;
    }
    if (opts.token !== null && d.token !== opts.token) {
      void closeConn(conn, 4004, "Authentication failed.");
      return;
    }
    const intents = Number(d.intents ?? 0);
    if (intents & PRIVILEGED_INTENTS & ~opts.allowedPrivilegedIntents) {
      void closeConn(conn, 4014, "Disallowed intent(s).");
      return;
    }
    if (session?.active && session.active !== conn) void closeConn(session.active, 4000, "New session");
    session = { id: randomHex(32), seq: 0, intents, log: [], active: conn };
    conn.identified = true;
    const guilds = opts.sendGuild ? [{ id: ids.guildId, unavailable: true }] : [];
    dispatch("READY", {
      v: 10,
      user_settings: {},
      user: bot,
      guilds,
      presences: [],
      private_channels: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      session_id: session.id,
      session_type: "normal",
      resume_gateway_url: resumeUrl,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: ids.applicationId, flags: 0 },
      auth: {},
    });
    if (opts.sendGuild) dispatch("GUILD_CREATE", guildCreatePayload(ctx, { botCanSend: opts.botCanSend }));
    markReady();
  }

  function onResume(conn: Connection, d: Json): void {
    record("resumes", d);
    if (!session || session.id !== d.session_id || (opts.token !== null && d.token !== opts.token)) {
      // Not resumable: discord.js then re-identifies.
      sendRaw(conn, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.active && session.active !== conn) void closeConn(session.active, 4000, "Resumed elsewhere");
    session.active = conn;
    conn.identified = true;
    const since = Number(d.seq ?? 0);
    for (const e of session.log) if (e.s > since) sendRaw(conn, { op: 0, ...e });
    dispatch("RESUMED", null);
    markReady();
  }

  function closeReason(code: number): string {
    const reasons: Record<number, string> = {
      4000: "Unknown error.",
      4004: "Authentication failed.",
      4010: "Invalid shard.",
      4011: "Sharding required.",
      4012: "Invalid API version.",
      4013: "Invalid intent(s).",
      4014: "Disallowed intent(s).",
    };
    return reasons[code] ?? "Closed by the fake.";
  }

  function filterForIntents(t: string, d: Json): Json {
    if (!session || (t !== "MESSAGE_CREATE" && t !== "MESSAGE_UPDATE") || !d) return d;
    if (!opts.enforceMessageContentIntent || session.intents & INTENT_MESSAGE_CONTENT) return d;
    if (!d.guild_id || d.author?.id === ids.botId) return d;
    const mentioned = Array.isArray(d.mentions) && d.mentions.some((u: Json) => u?.id === ids.botId);
    if (mentioned) return d;
    return { ...d, content: "", embeds: [], attachments: [], components: [], poll: undefined };
  }

  function wantsEvent(t: string, d: Json): boolean {
    if (!session || t !== "MESSAGE_CREATE" || d?.author?.id !== ids.botId) return true;
    // Echoes of the bot's own messages follow the intents, like every message event.
    return (session.intents & (d.guild_id ? INTENT_GUILD_MESSAGES : INTENT_DIRECT_MESSAGES)) !== 0;
  }

  function dispatch(t: string, d: Json): RecordedDispatch {
    if (t === "MESSAGE_CREATE" && d?.id) messages.set(String(d.id), d);
    if (!session) {
      const pending = { t, s: 0, d };
      record("dispatches", pending);
      return pending;
    }
    if (!wantsEvent(t, d)) return { t, s: session.seq, d };
    const sent = { t, s: ++session.seq, d: filterForIntents(t, d) };
    session.log.push(sent);
    record("dispatches", sent);
    if (session.active) sendRaw(session.active, { op: 0, ...sent });
    return sent;
  }

  function randomHex(n: number): string {
    let s = "";
    while (s.length < n) s += Math.random().toString(16).slice(2);
    return s.slice(0, n);
  }

  // ------------------------------------------------------------------- API

  const fake: FakeDiscord = {
    apiUrl,
    baseUrl,
    gatewayUrl,
    ids,
    botName: opts.botName,
    state,
    options: opts,
    async close() {
      recorder.clearWaiters();
      for (const c of connections) c.ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    waitFor(kind, predicate = () => true, timeoutMs = 2000) {
      return recorder.waitFor(kind, predicate as (item: unknown) => boolean, timeoutMs) as Promise<
        RecordOf<typeof kind>
      >;
    },
    waitForNext(kind, predicate = () => true, timeoutMs = 2000) {
      return recorder.waitForNext(kind, predicate as (item: unknown) => boolean, timeoutMs) as Promise<
        RecordOf<typeof kind>
      >;
    },
    dispatch,
    dispatchInteraction(payload) {
      registerInteraction(payload);
      return dispatch("INTERACTION_CREATE", payload);
    },
    async closeGateway(code = 4000, reason, o) {
      const conn = session?.active;
      if (o?.invalidateSession) session = null;
      if (conn) await closeConn(conn, code, reason ?? closeReason(code));
    },
    requestReconnect() {
      if (session?.active) sendRaw(session.active, { op: 7, d: null, s: null, t: null });
    },
    waitForGatewayReady(timeoutMs = 2000) {
      if (session?.active) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          readyWaiters.delete(done);
          reject(new Error(`fake discord: gateway not ready within ${timeoutMs} ms`));
        }, timeoutMs);
        readyWaiters.add(done);
      });
    },
    rateLimitNext(matcher, o = {}) {
      const retryAfter = o.retryAfter ?? 0.05;
      const global = o.global ?? false;
      const scope = o.scope ?? (global ? "global" : "user");
      injected.push({
        matcher,
        remaining: o.count ?? 1,
        respond: () => ({
          status: 429,
          headers: {
            "retry-after": String(retryAfter),
            "x-ratelimit-limit": "5",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": String(Date.now() / 1000 + retryAfter),
            "x-ratelimit-reset-after": String(retryAfter),
            "x-ratelimit-bucket": "fakebucket0000000000000000000000",
            "x-ratelimit-scope": scope,
            ...(global ? { "x-ratelimit-global": "true" } : {}),
          },
          body: { message: "You are being rate limited.", retry_after: retryAfter, global },
        }),
      });
    },
    failNext(matcher, o) {
      injected.push({
        matcher,
        remaining: o.count ?? 1,
        respond: () => ({
          status: o.status,
          body: o.body ?? { code: 0, message: `${o.status}: injected failure` },
          ...(o.headers ? { headers: o.headers } : {}),
        }),
      });
    },
    serveFile,
    getMessage: (id) => messages.get(id),
    registeredCommands: (guildId = null) => commandSets.get(guildId ?? "") ?? [],
    resetState() {
      for (const k of Object.keys(state) as RecordKind[]) state[k].length = 0;
    },
    messagePayload: (m) => messagePayload(ctx, m),
    slashInteraction: (s) => slashInteraction(ctx, s),
    messageContextInteraction: (c) => messageContextInteraction(ctx, c),
    attachmentPayload: (a) => attachmentPayload(ctx, a),
  };
  return fake;
}
