// A local fake of Slack (Web API, file upload/download hosts, response_url, Socket Mode) for adapter
// tests: the real Bolt App and WebClient talk to it over HTTP and WebSocket on 127.0.0.1.
//
//   const fake = await startFakeSlack();
//   const app = new App({ token: fake.botToken, signingSecret: fake.signingSecret,
//     clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });
//   const server = await app.start({ port: 0, host: "127.0.0.1" });
//   await fake.signedRequest(url, JSON.stringify(fake.eventCallback({ type: "app_mention", text: "hi" })));
//   const posted = await fake.waitFor("messages", (m) => m.thread_ts !== undefined);
//
// See README.md here for what Bolt 5.1 / web-api 8.2 / socket-mode 3.1 do against it.

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parse as parseQuery } from "node:querystring";
import { type WebSocket, WebSocketServer } from "ws";
import { boundaryOf, parseMultipart } from "../discord/multipart.js";
import { createRecorder } from "../recorder.js";
import {
  type EventInput,
  eventCallback,
  type FakeSlackIds,
  type Json,
  type MessageShortcutInput,
  makeIds,
  messageShortcut,
  messageShortcutPayload,
  type SignedRequestOptions,
  type SignedResponse,
  type SlashCommandInput,
  signedRequest,
  slackId,
  slackTs,
  slashCommand,
  urlVerification,
} from "./payloads.js";

export * from "./payloads.js";

export interface FakeSlackOptions {
  /** The bot token Web API calls must carry (Authorization: Bearer, or a `token` param). */
  botToken?: string;
  /** The app-level token apps.connections.open must carry. */
  appToken?: string;
  /** For the signedRequest helper bound on the fake. */
  signingSecret?: string;
  /** Validate like Slack (block/text limits, upload completion, response_url use count). Default true. */
  strict?: boolean;
  /** chat.postMessage / chat.postEphemeral / files.completeUploadExternal here answer not_in_channel. */
  notInChannel?: string[];
  /** Largest chat.postMessage `text` (Slack: 40,000 chars → msg_too_long). */
  maxTextLength?: number;
  /** Largest section block text (Slack: 3,000 chars → invalid_blocks). */
  maxSectionTextLength?: number;
  /** Most blocks in a message (Slack: 50 → invalid_blocks). */
  maxBlocks?: number;
  /** Times one response_url may be used (Slack: 5 within 30 minutes). */
  responseUrlMaxUses?: number;
  /** Send a WebSocket ping to Socket Mode clients every N ms (0: never). Default 0. */
  socketPingIntervalMs?: number;
  ids?: Partial<FakeSlackIds>;
  /** Called with every record as it is made (e.g. to tell another process). */
  onRecord?: (kind: RecordKind, item: unknown) => void;
}

export interface RecordedApiCall {
  /** Web API method, e.g. "chat.postMessage". */
  method: string;
  /** Parsed arguments (form, JSON or multipart fields; JSON-looking strings left as sent). */
  args: Record<string, Json>;
  contentType: string | null;
  /** The token used (Authorization header or `token` param), if any. */
  token: string | null;
  httpStatus: number;
  /** The JSON answered. */
  response: Json;
  at: number;
}

export interface RecordedMessage {
  channel: string;
  text: string | undefined;
  thread_ts: string | undefined;
  blocks: Json[] | undefined;
  /** ts the fake assigned. */
  ts: string;
  args: Record<string, Json>;
}

export interface RecordedEphemeral {
  channel: string;
  user: string;
  text: string | undefined;
  thread_ts: string | undefined;
  blocks: Json[] | undefined;
  args: Record<string, Json>;
}

export interface RecordedUpload {
  fileId: string;
  filename: string;
  /** `length` announced to files.getUploadURLExternal. */
  declaredLength: number;
  bytes: Buffer;
  size: number;
  /** true when the bytes came as a multipart file part (what WebClient sends), false if raw. */
  multipart: boolean;
  /** The multipart field name (WebClient: "body"), or null. */
  field: string | null;
  contentType: string | null;
  authorized: boolean;
}

export interface RecordedFileShare {
  files: { id: string; title?: string }[];
  channel_id: string | undefined;
  thread_ts: string | undefined;
  initial_comment: string | undefined;
  blocks: Json[] | undefined;
  /** Recorded uploads for the files, in order. */
  uploads: RecordedUpload[];
  args: Record<string, Json>;
}

export interface RecordedFileDownload {
  fileId: string;
  path: string;
  authorized: boolean;
  status: number;
  /** true when the HTML login page was served instead of the bytes. */
  loginPage: boolean;
}

export interface RecordedResponseUrlPost {
  /** The response_url id (last path segment). */
  id: string;
  url: string;
  body: Json;
  response_type: string | undefined;
  text: string | undefined;
  blocks: Json[] | undefined;
  replace_original: boolean | undefined;
  delete_original: boolean | undefined;
  thread_ts: string | undefined;
  status: number;
  at: number;
}

export interface RecordedSocketConnection {
  id: number;
  ticket: string | null;
  at: number;
}

export interface SocketEnvelope {
  envelope_id: string;
  type: string;
  payload: Json;
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

export interface RecordedSocketAck {
  envelope_id: string;
  payload: Json;
  /** ms from sending the envelope to the ack (null if the envelope id is unknown). */
  latencyMs: number | null;
  raw: Json;
}

export interface RecordedSocketClose {
  id: number;
  code: number;
  reason: string;
  at: number;
}

export interface FakeSlackState {
  requests: RecordedApiCall[];
  messages: RecordedMessage[];
  ephemerals: RecordedEphemeral[];
  uploads: RecordedUpload[];
  fileShares: RecordedFileShare[];
  fileDownloads: RecordedFileDownload[];
  responseUrlPosts: RecordedResponseUrlPost[];
  socketConnections: RecordedSocketConnection[];
  socketEnvelopes: SocketEnvelope[];
  socketAcks: RecordedSocketAck[];
  socketCloses: RecordedSocketClose[];
  /** Other frames from Socket Mode clients (not {envelope_id}). */
  socketOther: Json[];
}

export type RecordKind = keyof FakeSlackState;
export type RecordOf<K extends RecordKind> = FakeSlackState[K][number];

export interface RateLimitOptions {
  count?: number;
  /**
   * Retry-After seconds. WebClient parses it with parseInt, so "0.5" means 0 (retry at once) —
   * fractions are accepted but truncated. Default 0 (fast tests); Slack sends whole seconds.
   */
  retryAfter?: number;
}

export interface FailOptions {
  count?: number;
  /** `{ ok: false, error }`; default "internal_error". */
  error?: string;
  /** HTTP status (Slack answers errors with 200; non-200 makes WebClient throw WebAPIHTTPError). */
  status?: number;
  /** Full JSON body instead of `{ ok: false, error }`. */
  body?: Json;
}

export interface AddFileInput {
  name: string;
  bytes: Uint8Array;
  mimetype?: string;
  filetype?: string;
  title?: string;
  user?: string;
}

export interface FakeSlack {
  /** WebClient's `slackApiUrl`: http://127.0.0.1:PORT/api/ (trailing slash). */
  apiUrl: string;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** ws://127.0.0.1:PORT/socket (apps.connections.open answers it plus ?ticket=…). */
  socketUrl: string;
  botToken: string;
  appToken: string;
  signingSecret: string;
  ids: FakeSlackIds;
  state: FakeSlackState;
  options: Required<Omit<FakeSlackOptions, "ids" | "botToken" | "appToken" | "signingSecret" | "onRecord">>;
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
  /** Calls recorded for a Web API method. */
  calls(method: string): RecordedApiCall[];

  /** The next `count` calls to `method` answer HTTP 429 with Retry-After. */
  rateLimitNext(method: string, opts?: RateLimitOptions): void;
  /** The next `count` calls to `method` answer `{ ok: false, error }`. */
  failNext(method: string, opts?: FailOptions): void;
  /** The next `count` calls to `method` (default 1) are answered `ms` late: a slow Web API. */
  slowNext(method: string, ms: number, count?: number): void;

  /** Host a file; returns its Slack file object (url_private on the fake). */
  addFile(input: AddFileInput): Json;
  /** A fresh response_url on the fake; POSTs to it are recorded in state.responseUrlPosts. */
  responseUrl(): string;

  /** Push a Socket Mode envelope to the connected client (throws when none is connected). */
  socketSend(envelope: Omit<SocketEnvelope, "envelope_id"> & { envelope_id?: string }): SocketEnvelope;
  /** Wrap an event_callback body in an events_api envelope and push it. */
  socketSendEvent(body: Json, opts?: { accepts_response_payload?: boolean }): SocketEnvelope;
  /** Send `{ type: "disconnect", reason }` (the client reconnects via apps.connections.open). */
  socketDisconnect(reason?: string): void;
  /** Resolves when a Socket Mode client is connected (hello sent). */
  waitForSocket(timeoutMs?: number): Promise<void>;
  /** Number of open Socket Mode connections. */
  socketCount(): number;

  /** Clear every state array. */
  resetState(): void;

  // Builders bound to `ids`, and the signing helper bound to `signingSecret`.
  eventCallback(e: EventInput): Json;
  slashCommand(c: SlashCommandInput): string;
  messageShortcut(s: MessageShortcutInput): string;
  messageShortcutPayload(s: MessageShortcutInput): Json;
  urlVerification(challenge: string): Json;
  signedRequest(url: string, body: string, opts?: SignedRequestOptions): Promise<SignedResponse>;
}

interface PendingUpload {
  fileId: string;
  filename: string;
  length: number;
  upload: RecordedUpload | null;
  completed: boolean;
}

interface HostedFile {
  id: string;
  bytes: Buffer;
  object: Json;
}

interface Injection {
  method: string;
  remaining: number;
  respond: () => { status: number; body: Json; headers?: Record<string, string> };
}

function emptyState(): FakeSlackState {
  return {
    requests: [],
    messages: [],
    ephemerals: [],
    uploads: [],
    fileShares: [],
    fileDownloads: [],
    responseUrlPosts: [],
    socketConnections: [],
    socketEnvelopes: [],
    socketAcks: [],
    socketCloses: [],
    socketOther: [],
  };
}

const MIME_BY_EXT: Record<string, [string, string]> = {
  png: ["image/png", "png"],
  jpg: ["image/jpeg", "jpg"],
  jpeg: ["image/jpeg", "jpg"],
  gif: ["image/gif", "gif"],
  webp: ["image/webp", "webp"],
  txt: ["text/plain", "text"],
  py: ["text/plain", "python"],
  json: ["application/json", "json"],
  pdf: ["application/pdf", "pdf"],
};

function guessType(name: string): [string, string] {
  const ext = name.split(".").pop()?.toLowerCase() ?? "";
  return MIME_BY_EXT[ext] ?? ["application/octet-stream", "binary"];
}

const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en-US"><head><meta charset="utf-8"><title>Slack</title></head>
<body><div id="page"><h1>Sign in to Fake Team</h1>
<form action="/signin" method="post"><input type="email" name="email"><input type="password" name="password">
<button type="submit">Sign in</button></form></div></body></html>
`;

/** JSON-decode form values that Slack expects as JSON strings (blocks, files, attachments…). */
function jsonArg(v: Json): Json {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return Symbol.for("invalid-json");
  }
}
const INVALID_JSON = Symbol.for("invalid-json");

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(text);
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const opts: FakeSlack["options"] = {
    strict: options.strict ?? true,
    notInChannel: options.notInChannel ?? [],
    maxTextLength: options.maxTextLength ?? 40_000,
    maxSectionTextLength: options.maxSectionTextLength ?? 3000,
    maxBlocks: options.maxBlocks ?? 50,
    responseUrlMaxUses: options.responseUrlMaxUses ?? 5,
    socketPingIntervalMs: options.socketPingIntervalMs ?? 0,
  };
  const ids: FakeSlackIds = { ...makeIds(), ...options.ids };
  const botToken = options.botToken ?? `xoxb-${randomBytes(6).toString("hex")}-fake`;
  const appToken = options.appToken ?? `xapp-1-${ids.apiAppId}-${randomBytes(6).toString("hex")}`;
  const signingSecret = options.signingSecret ?? randomBytes(16).toString("hex");
  const state = emptyState();
  const injected: Injection[] = [];
  const delays: { method: string; ms: number; remaining: number }[] = [];
  const pendingUploads = new Map<string, PendingUpload>();
  const hostedFiles = new Map<string, HostedFile>();
  const responseUrls = new Map<string, { uses: number }>();
  const sockets = new Map<number, WebSocket>();
  const socketTickets = new Set<string>();
  const envelopeSentAt = new Map<string, number>();
  const socketWaiters = new Set<() => void>();
  let socketSeq = 0;

  const recorder = createRecorder(state as unknown as Record<string, unknown[]>, "fake slack");
  const record = <K extends RecordKind>(kind: K, item: RecordOf<K>) => {
    recorder.record(kind, item);
    options.onRecord?.(kind, item);
  };

  // ------------------------------------------------------------------ HTTP plumbing

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: "fatal_error", detail: String(err) });
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const ticket = url.searchParams.get("ticket");
    if (url.pathname !== "/socket" || (opts.strict && (ticket === null || !socketTickets.has(ticket)))) {
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n");
      return;
    }
    if (ticket !== null) socketTickets.delete(ticket);
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(ws, ticket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const apiUrl = `${baseUrl}/api/`;
  const socketUrl = `ws://127.0.0.1:${port}/socket`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const path = url.pathname;
    if (path.startsWith("/api/")) return handleApi(req, res, url);
    if (path.startsWith("/upload/v1/")) return handleUpload(req, res, path.slice("/upload/v1/".length));
    if (path.startsWith("/files-pri/")) return handleFileGet(req, res, path);
    if (path.startsWith("/commands/")) return handleResponseUrl(req, res, url);
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }

  function bearer(req: IncomingMessage): string | null {
    const h = req.headers.authorization;
    const m = typeof h === "string" ? /^Bearer\s+(.+)$/i.exec(h) : null;
    return m?.[1]?.trim() ?? null;
  }

  async function parseArgs(
    req: IncomingMessage,
    url: URL,
  ): Promise<{
    args: Record<string, Json>;
    files: { field: string; filename: string | null; data: Buffer }[];
  }> {
    const args: Record<string, Json> = Object.fromEntries(url.searchParams.entries());
    const files: { field: string; filename: string | null; data: Buffer }[] = [];
    const body = await readBody(req);
    const ct = req.headers["content-type"] ?? "";
    if (body.length === 0) return { args, files };
    const boundary = boundaryOf(ct);
    if (boundary) {
      for (const part of parseMultipart(body, boundary)) {
        if (part.filename !== null)
          files.push({ field: part.name, filename: part.filename, data: part.data });
        else args[part.name] = part.data.toString("utf8");
      }
    } else if (/^application\/json/i.test(ct)) {
      Object.assign(args, JSON.parse(body.toString("utf8")));
    } else {
      for (const [k, v] of Object.entries(parseQuery(body.toString("utf8")))) {
        args[k] = Array.isArray(v) ? v[v.length - 1] : v;
      }
    }
    return { args, files };
  }

  // ------------------------------------------------------------------ Web API

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = url.pathname.slice("/api/".length);
    let parsed: Awaited<ReturnType<typeof parseArgs>>;
    try {
      parsed = await parseArgs(req, url);
    } catch {
      sendJson(res, 200, { ok: false, error: "invalid_form_data" });
      return;
    }
    const { args } = parsed;
    const headerToken = bearer(req);
    const token = headerToken ?? (typeof args.token === "string" ? args.token : null);
    const finish = (httpStatus: number, response: Json, headers?: Record<string, string>) => {
      record("requests", {
        method,
        args,
        contentType: req.headers["content-type"] ?? null,
        token,
        httpStatus,
        response,
        at: Date.now(),
      });
      sendJson(res, httpStatus, response, headers);
    };

    const delay = delays.find((d) => d.method === method && d.remaining > 0);
    if (delay) {
      delay.remaining -= 1;
      await new Promise((r) => setTimeout(r, delay.ms));
    }
    const inj = injected.find((i) => i.method === method && i.remaining > 0);
    if (inj) {
      inj.remaining -= 1;
      if (inj.remaining === 0) injected.splice(injected.indexOf(inj), 1);
      const r = inj.respond();
      finish(r.status, r.body, r.headers);
      return;
    }

    const handler = methods[method];
    if (!handler) {
      finish(404, { ok: false, error: "unknown_method", req_method: method });
      return;
    }
    // Slack only takes a JSON body with the token in the Authorization header.
    if (/^application\/json/i.test(req.headers["content-type"] ?? "") && headerToken === null) {
      finish(200, { ok: false, error: "not_authed" });
      return;
    }
    if (token === null) {
      finish(200, { ok: false, error: "not_authed" });
      return;
    }
    if (method === "apps.connections.open") {
      if (token !== appToken) {
        finish(200, {
          ok: false,
          error: token.startsWith("xapp-") ? "invalid_auth" : "not_allowed_token_type",
        });
        return;
      }
    } else if (token !== botToken) {
      finish(200, { ok: false, error: "invalid_auth" });
      return;
    }
    finish(200, handler(args));
  }

  const err = (error: string, extra: Json = {}): Json => ({ ok: false, error, ...extra });

  function checkChannel(channel: Json): Json | null {
    if (typeof channel !== "string" || channel === "") return err("channel_not_found");
    if (opts.notInChannel.includes(channel)) return err("not_in_channel");
    return null;
  }

  function decodeBlocks(raw: Json): { blocks: Json[] | undefined; error: Json | null } {
    if (raw === undefined || raw === "") return { blocks: undefined, error: null };
    const blocks = jsonArg(raw);
    if (blocks === INVALID_JSON || !Array.isArray(blocks)) {
      return { blocks: undefined, error: err("invalid_blocks_format") };
    }
    if (!opts.strict) return { blocks, error: null };
    const problems: string[] = [];
    if (blocks.length > opts.maxBlocks) {
      problems.push(`no more than ${opts.maxBlocks} items allowed [json-pointer:/blocks]`);
    }
    blocks.forEach((b: Json, i: number) => {
      if (b?.type === "section") {
        const text = b.text?.text;
        if (typeof text === "string" && text.length > opts.maxSectionTextLength) {
          problems.push(
            `must be less than ${opts.maxSectionTextLength + 1} characters [json-pointer:/blocks/${i}/text/text]`,
          );
        }
      }
    });
    if (problems.length === 0) return { blocks, error: null };
    return {
      blocks,
      error: err("invalid_blocks", { errors: problems, response_metadata: { messages: problems } }),
    };
  }

  function messageObject(args: Json, ts: string, blocks: Json[] | undefined): Json {
    const m: Json = {
      type: "message",
      subtype: undefined,
      text: args.text ?? "",
      user: ids.botUserId,
      bot_id: ids.botId,
      app_id: ids.apiAppId,
      team: ids.teamId,
      ts,
      bot_profile: { id: ids.botId, app_id: ids.apiAppId, name: "shapebot", team_id: ids.teamId },
    };
    delete m.subtype;
    if (blocks) m.blocks = blocks;
    if (typeof args.thread_ts === "string" && args.thread_ts !== "") {
      m.thread_ts = args.thread_ts;
      m.parent_user_id = ids.userId;
    }
    return m;
  }

  const methods: Record<string, (args: Record<string, Json>) => Json> = {
    "api.test": (args) => ({ ok: true, args }),
    "auth.test": () => ({
      ok: true,
      url: `https://${ids.teamDomain}.slack.com/`,
      team: "Fake Team",
      user: "shapebot",
      team_id: ids.teamId,
      user_id: ids.botUserId,
      bot_id: ids.botId,
      is_enterprise_install: false,
    }),
    "chat.postMessage": (args) => {
      const bad = checkChannel(args.channel);
      if (bad) return bad;
      const { blocks, error } = decodeBlocks(args.blocks);
      if (error) return error;
      const text = typeof args.text === "string" ? args.text : undefined;
      if (!text && !blocks && !args.attachments) return err("no_text");
      if (opts.strict && text !== undefined && text.length > opts.maxTextLength) return err("msg_too_long");
      const ts = slackTs();
      const threadTs =
        typeof args.thread_ts === "string" && args.thread_ts !== "" ? args.thread_ts : undefined;
      record("messages", { channel: args.channel, text, thread_ts: threadTs, blocks, ts, args });
      return { ok: true, channel: args.channel, ts, message: messageObject(args, ts, blocks) };
    },
    "chat.postEphemeral": (args) => {
      const bad = checkChannel(args.channel);
      if (bad) return bad;
      if (typeof args.user !== "string" || args.user === "") return err("user_not_in_channel");
      const { blocks, error } = decodeBlocks(args.blocks);
      if (error) return error;
      const text = typeof args.text === "string" ? args.text : undefined;
      if (!text && !blocks && !args.attachments) return err("no_text");
      const threadTs =
        typeof args.thread_ts === "string" && args.thread_ts !== "" ? args.thread_ts : undefined;
      record("ephemerals", {
        channel: args.channel,
        user: args.user,
        text,
        thread_ts: threadTs,
        blocks,
        args,
      });
      return { ok: true, message_ts: slackTs() };
    },
    "files.getUploadURLExternal": (args) => {
      const filename = typeof args.filename === "string" ? args.filename : "";
      const length = Number(args.length);
      if (!filename || !Number.isInteger(length) || length < 0) return err("invalid_arguments");
      const fileId = slackId("F");
      pendingUploads.set(fileId, { fileId, filename, length, upload: null, completed: false });
      return { ok: true, upload_url: `${baseUrl}/upload/v1/${fileId}`, file_id: fileId };
    },
    "files.completeUploadExternal": (args) => {
      const files = jsonArg(args.files);
      if (files === INVALID_JSON || !Array.isArray(files) || files.length === 0)
        return err("invalid_arguments");
      const channel =
        typeof args.channel_id === "string" && args.channel_id !== "" ? args.channel_id : undefined;
      if (channel !== undefined) {
        const bad = checkChannel(channel);
        if (bad) return bad;
      }
      const { blocks, error } = decodeBlocks(args.blocks);
      if (error) return error;
      const uploads: RecordedUpload[] = [];
      for (const f of files) {
        const pending = typeof f?.id === "string" ? pendingUploads.get(f.id) : undefined;
        if (!pending) return err("file_not_found");
        if (opts.strict && (pending.upload === null || pending.completed)) return err("file_not_found");
        if (pending.upload) uploads.push(pending.upload);
      }
      const out: Json[] = [];
      for (const f of files) {
        const pending = pendingUploads.get(f.id) as PendingUpload;
        pending.completed = true;
        const hosted = hostFile({
          id: pending.fileId,
          name: pending.filename,
          bytes: pending.upload?.bytes ?? Buffer.alloc(0),
          title: typeof f.title === "string" ? f.title : pending.filename,
        });
        out.push(hosted.object);
      }
      const threadTs =
        typeof args.thread_ts === "string" && args.thread_ts !== "" ? args.thread_ts : undefined;
      record("fileShares", {
        files: files.map((f: Json) => ({ id: f.id, ...(f.title !== undefined ? { title: f.title } : {}) })),
        channel_id: channel,
        thread_ts: threadTs,
        initial_comment: typeof args.initial_comment === "string" ? args.initial_comment : undefined,
        blocks,
        uploads,
        args,
      });
      return { ok: true, files: out };
    },
    "files.info": (args) => {
      const f = typeof args.file === "string" ? hostedFiles.get(args.file) : undefined;
      return f ? { ok: true, file: f.object } : err("file_not_found");
    },
    "conversations.info": (args) => {
      const channel = args.channel;
      if (typeof channel !== "string" || channel === "") return err("channel_not_found");
      const isIm = channel.startsWith("D");
      return {
        ok: true,
        channel: {
          id: channel,
          name: isIm ? undefined : channel === ids.channelId ? ids.channelName : channel.toLowerCase(),
          is_channel: !isIm,
          is_group: false,
          is_im: isIm,
          is_mpim: false,
          is_private: isIm,
          is_archived: false,
          is_member: !opts.notInChannel.includes(channel),
          context_team_id: ids.teamId,
          ...(isIm ? { user: ids.userId } : {}),
        },
      };
    },
    "users.info": (args) => {
      const user = args.user;
      if (typeof user !== "string" || user === "") return err("user_not_found");
      const isBot = user === ids.botUserId;
      const name = isBot ? "shapebot" : user === ids.userId ? ids.userName : user.toLowerCase();
      return {
        ok: true,
        user: {
          id: user,
          team_id: ids.teamId,
          name,
          real_name: name,
          is_bot: isBot,
          deleted: false,
          tz: "Etc/UTC",
          profile: { display_name: name, real_name: name, ...(isBot ? { bot_id: ids.botId } : {}) },
        },
      };
    },
    "apps.connections.open": () => {
      const ticket = randomBytes(12).toString("hex");
      socketTickets.add(ticket);
      return { ok: true, url: `${socketUrl}?ticket=${ticket}&app_id=${ids.apiAppId}` };
    },
  };

  // ------------------------------------------------------------------ upload host

  async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const pending = pendingUploads.get(fileId);
    const body = await readBody(req);
    if (req.method !== "POST" || !pending) {
      res.writeHead(req.method !== "POST" ? 405 : 404, { "content-type": "text/plain" });
      res.end(req.method !== "POST" ? "method not allowed" : "not found");
      return;
    }
    let bytes = body;
    let field: string | null = null;
    let contentType: string | null = req.headers["content-type"] ?? null;
    const boundary = boundaryOf(req.headers["content-type"]);
    if (boundary) {
      const part = parseMultipart(body, boundary).find((p) => p.filename !== null);
      if (!part) {
        res.writeHead(400, { "content-type": "text/plain" });
        res.end("no file part");
        return;
      }
      bytes = part.data;
      field = part.name;
      contentType = part.contentType;
    }
    const upload: RecordedUpload = {
      fileId,
      filename: pending.filename,
      declaredLength: pending.length,
      bytes,
      size: bytes.length,
      multipart: boundary !== null,
      field,
      contentType,
      authorized: bearer(req) === botToken,
    };
    pending.upload = upload;
    record("uploads", upload);
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(`OK - ${bytes.length}`);
  }

  // ------------------------------------------------------------------ url_private host

  function hostFile(f: {
    id: string;
    name: string;
    bytes: Buffer;
    title?: string;
    mimetype?: string;
    filetype?: string;
    user?: string;
  }): HostedFile {
    const [guessMime, guessFiletype] = guessType(f.name);
    const enc = encodeURIComponent(f.name);
    const created = Math.floor(Date.now() / 1000);
    const object: Json = {
      id: f.id,
      created,
      timestamp: created,
      name: f.name,
      title: f.title ?? f.name,
      mimetype: f.mimetype ?? guessMime,
      filetype: f.filetype ?? guessFiletype,
      pretty_type: (f.filetype ?? guessFiletype).toUpperCase(),
      user: f.user ?? ids.userId,
      user_team: ids.teamId,
      editable: false,
      size: f.bytes.length,
      mode: "hosted",
      is_external: false,
      external_type: "",
      is_public: true,
      public_url_shared: false,
      display_as_bot: false,
      username: "",
      url_private: `${baseUrl}/files-pri/${ids.teamId}-${f.id}/${enc}`,
      url_private_download: `${baseUrl}/files-pri/${ids.teamId}-${f.id}/download/${enc}`,
      permalink: `https://${ids.teamDomain}.slack.com/files/${ids.userId}/${f.id}/${enc}`,
      permalink_public: `https://slack-files.com/${ids.teamId}-${f.id}-${randomBytes(5).toString("hex")}`,
      has_rich_preview: false,
      file_access: "visible",
    };
    const hosted: HostedFile = { id: f.id, bytes: f.bytes, object };
    hostedFiles.set(f.id, hosted);
    return hosted;
  }

  function handleFileGet(req: IncomingMessage, res: ServerResponse, path: string): void {
    // /files-pri/T…-F…/name or /files-pri/T…-F…/download/name
    const m = /^\/files-pri\/[^/-]+-([^/]+)\//.exec(path);
    const fileId = m?.[1] ?? "";
    const hosted = hostedFiles.get(fileId);
    const authorized = bearer(req) === botToken;
    if (!hosted || (req.method !== "GET" && req.method !== "HEAD")) {
      record("fileDownloads", { fileId, path, authorized, status: 404, loginPage: false });
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end("<html><body>File not found</body></html>");
      return;
    }
    if (!authorized) {
      // Slack serves its sign-in page (200, HTML) to requests without a valid token.
      record("fileDownloads", { fileId, path, authorized, status: 200, loginPage: true });
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(req.method === "HEAD" ? undefined : LOGIN_PAGE);
      return;
    }
    record("fileDownloads", { fileId, path, authorized, status: 200, loginPage: false });
    const headers: Record<string, string> = {
      "content-type": hosted.object.mimetype,
      "content-length": String(hosted.bytes.length),
    };
    if (path.includes("/download/")) {
      headers["content-disposition"] = `attachment; filename="${hosted.object.name}"`;
    }
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : hosted.bytes);
  }

  // ------------------------------------------------------------------ response_url sink

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const id = url.pathname.split("/").filter(Boolean).pop() ?? "";
    const entry = responseUrls.get(id);
    const raw = (await readBody(req)).toString("utf8");
    let body: Json;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = raw;
    }
    let status = 200;
    let reply = "ok";
    if (req.method !== "POST") {
      status = 405;
      reply = "method_not_allowed";
    } else if (!entry) {
      status = 404;
      reply = "invalid_url";
    } else if (opts.strict && entry.uses >= opts.responseUrlMaxUses) {
      status = 404;
      reply = "used_url";
    } else if (typeof body !== "object" || body === null) {
      status = 400;
      reply = "invalid_payload";
    } else if (opts.strict && body.text === undefined && body.blocks === undefined && !body.delete_original) {
      status = 400;
      reply = "no_text";
    }
    if (entry && status === 200) entry.uses += 1;
    const b = typeof body === "object" && body !== null ? body : {};
    record("responseUrlPosts", {
      id,
      url: `${baseUrl}${url.pathname}`,
      body,
      response_type: b.response_type,
      text: b.text,
      blocks: b.blocks,
      replace_original: b.replace_original,
      delete_original: b.delete_original,
      thread_ts: b.thread_ts,
      status,
      at: Date.now(),
    });
    res.writeHead(status, { "content-type": "text/html" });
    res.end(reply);
  }

  // ------------------------------------------------------------------ Socket Mode

  function onSocket(ws: WebSocket, ticket: string | null): void {
    const id = ++socketSeq;
    sockets.set(id, ws);
    record("socketConnections", { id, ticket, at: Date.now() });
    const ping =
      opts.socketPingIntervalMs > 0
        ? setInterval(() => ws.ping(Buffer.from(`ping-${Date.now()}`)), opts.socketPingIntervalMs)
        : null;
    ws.on("message", (data, isBinary) => {
      if (isBinary) return;
      let msg: Json;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        record("socketOther", data.toString());
        return;
      }
      if (msg && typeof msg.envelope_id === "string") {
        const sentAt = envelopeSentAt.get(msg.envelope_id);
        record("socketAcks", {
          envelope_id: msg.envelope_id,
          payload: msg.payload,
          latencyMs: sentAt === undefined ? null : Date.now() - sentAt,
          raw: msg,
        });
      } else {
        record("socketOther", msg);
      }
    });
    ws.on("close", (code, reason) => {
      if (ping) clearInterval(ping);
      sockets.delete(id);
      record("socketCloses", { id, code, reason: reason.toString(), at: Date.now() });
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: sockets.size,
        debug_info: { host: "applink-fake", build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: ids.apiAppId },
      }),
    );
    for (const w of socketWaiters) w();
    socketWaiters.clear();
  }

  function activeSocket(): WebSocket {
    const open = [...sockets.values()].filter((s) => s.readyState === s.OPEN);
    const ws = open[open.length - 1];
    if (!ws) throw new Error("fake slack: no Socket Mode client connected");
    return ws;
  }

  // ------------------------------------------------------------------ API

  const fake: FakeSlack = {
    apiUrl,
    baseUrl,
    socketUrl,
    botToken,
    appToken,
    signingSecret,
    ids,
    state,
    options: opts,
    async close() {
      recorder.clearWaiters();
      // Bolt's SocketModeReceiver.stop() resolves before its close handshake finishes; terminating
      // mid-handshake makes undici log "WebSocket error". Let open/closing sockets finish (or close
      // them with 1001), then terminate whatever is left.
      await Promise.all(
        [...sockets.values()].map(async (ws) => {
          if (ws.readyState === ws.CLOSED) return;
          const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
          if (ws.readyState === ws.OPEN) ws.close(1001, "server shutting down");
          const timer = new Promise<void>((resolve) => setTimeout(resolve, 500).unref());
          await Promise.race([closed, timer]);
          ws.terminate();
        }),
      );
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
    calls: (method) => state.requests.filter((r) => r.method === method),
    rateLimitNext(method, o = {}) {
      const retryAfter = o.retryAfter ?? 0;
      injected.push({
        method,
        remaining: o.count ?? 1,
        respond: () => ({
          status: 429,
          headers: { "retry-after": String(retryAfter) },
          body: { ok: false, error: "ratelimited" },
        }),
      });
    },
    slowNext(method, ms, count = 1) {
      delays.push({ method, ms, remaining: count });
    },
    failNext(method, o = {}) {
      injected.push({
        method,
        remaining: o.count ?? 1,
        respond: () => ({
          status: o.status ?? 200,
          body: o.body ?? { ok: false, error: o.error ?? "internal_error" },
        }),
      });
    },
    addFile(input) {
      return hostFile({
        id: slackId("F"),
        name: input.name,
        bytes: Buffer.from(input.bytes),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.mimetype !== undefined ? { mimetype: input.mimetype } : {}),
        ...(input.filetype !== undefined ? { filetype: input.filetype } : {}),
        ...(input.user !== undefined ? { user: input.user } : {}),
      }).object;
    },
    responseUrl() {
      const id = randomBytes(12).toString("hex");
      responseUrls.set(id, { uses: 0 });
      return `${baseUrl}/commands/${ids.teamId}/${Math.floor(Math.random() * 1e12)}/${id}`;
    },
    socketSend(envelope) {
      const full: SocketEnvelope = { ...envelope, envelope_id: envelope.envelope_id ?? crypto.randomUUID() };
      const ws = activeSocket();
      envelopeSentAt.set(full.envelope_id, Date.now());
      ws.send(JSON.stringify(full));
      record("socketEnvelopes", full);
      return full;
    },
    socketSendEvent(body, o = {}) {
      return fake.socketSend({
        type: "events_api",
        payload: body,
        accepts_response_payload: o.accepts_response_payload ?? false,
        retry_attempt: 0,
        retry_reason: "",
      });
    },
    socketDisconnect(reason = "refresh_requested") {
      activeSocket().send(
        JSON.stringify({
          type: "disconnect",
          reason,
          debug_info: { host: "applink-fake" },
        }),
      );
    },
    waitForSocket(timeoutMs = 2000) {
      if ([...sockets.values()].some((s) => s.readyState === s.OPEN)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          socketWaiters.delete(done);
          reject(new Error(`fake slack: no Socket Mode connection within ${timeoutMs} ms`));
        }, timeoutMs);
        socketWaiters.add(done);
      });
    },
    socketCount: () => [...sockets.values()].filter((s) => s.readyState === s.OPEN).length,
    resetState() {
      for (const k of Object.keys(state) as RecordKind[]) state[k].length = 0;
      // Uploads the app completed are shared and recorded already: their bytes can go too.
      for (const [id, pending] of pendingUploads)
        if (pending.completed) {
          pendingUploads.delete(id);
          hostedFiles.delete(id);
        }
    },
    eventCallback: (e) => eventCallback(ids, e),
    slashCommand: (c) => slashCommand(ids, c),
    messageShortcut: (s) => messageShortcut(ids, s),
    messageShortcutPayload: (s) => messageShortcutPayload(ids, s),
    urlVerification,
    signedRequest: (url, body, o = {}) => signedRequest(url, body, { secret: signingSecret, ...o }),
  };
  return fake;
}
