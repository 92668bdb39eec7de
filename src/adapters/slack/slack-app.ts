import type { AddressInfo, Server } from "node:net";
import { App, type webApi } from "@slack/bolt";
import { answerWithFiles } from "../../core/attachments.js";
import type { ImageReply } from "../../core/image-answer.js";
import { chatLimits, fetchAttachments, questionWithCode, withSkippedNote } from "../attachments.js";
import { ERROR_TEXT, SLOW_TEXT } from "../chat-texts.js";
import { healthRoutes, type Readiness } from "../health.js";
import type { Log } from "../log.js";
import { RateLimiter } from "../rate-limit.js";
import { beginRequest, type RequestLog } from "../request-log.js";
import { boltLogger } from "./bolt-logger.js";
import { EventDedupe } from "./event-dedupe.js";
import { replyThread, type SlackMessageEvent, shouldAnswerEvent } from "./message-route.js";
import { slackReply } from "./slack-blocks.js";
import { type SlackFileObject, slackAttachments } from "./slack-files.js";
import { type Destination, platformError, postAnswer, uploadFiles } from "./slack-post.js";
import { decodeSlackText, questionText } from "./slack-text.js";
import { webRetryPolicy } from "./web-retry.js";

// The Slack adapter: a Bolt app that answers mentions, direct messages (typed or a shared file),
// the /shape command and the "Analyze shapes" message shortcut with the same answer the CLI prints
// (core's answerWithFiles), in the thread of the message asked about. HTTP receiver by default
// (POST /slack/events, GET /healthz), Socket Mode when an app token is set.

export const ANALYZE_SHAPES = "analyze_shapes";
export const SHAPE_COMMAND = "/shape";

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set (xapp-…). */
  appToken: string | null;
  /** Web API base (a local fake in tests), ending in "/". */
  apiUrl: string | null;
  /** HTTP receiver port (Socket Mode: the health routes' port); 0 picks a free one. */
  port: number;
  /** Interface to listen on; all of them by default. */
  host?: string;
  perUserPerMinute: number;
  /** Answers a user may get at once (default: half a minute's worth). */
  rateBurst?: number;
  /** Answers per minute for a whole workspace (default 60). */
  placePerMinute?: number;
  /** How a request becomes an answer: core's answerWithFiles (tests may slow it down). */
  answerer?: typeof answerWithFiles;
  /** WebClient retries for network failures and 5xx, never 4xx (429s are waited out separately). */
  webRetries?: number;
  /** What /readyz reports: every adapter in the process (default: this app alone). */
  readiness?: Readiness;
}

export interface SlackBot {
  app: App;
  /** Resolves once the token is verified and the receiver listens (with its HTTP port, if any). */
  ready: Promise<{ port: number | null; botUserId: string }>;
  /** Token verified and receiving events. */
  isReady(): boolean;
  /** Finish the replies in flight, then stop receiving. */
  stop(): Promise<void>;
}

const NOT_IN_CHANNEL =
  "I can't post in this channel because I'm not a member of it. Add me with `/invite @shapebot` and ask again; until then only you see this answer.";
const NO_FILES_HERE =
  "I'm not a member of this channel, so I could not attach the files (the whole answer or the pictures). Add me with `/invite @shapebot`, or ask me in a direct message.";
const EMPTY_COMMAND =
  "Paste a model after /shape, or ask in words: `/shape conv 24 filters 8x8 stride 2 on 128x128x3`.";

export function startSlackApp(settings: SlackSettings, log: Log): SlackBot {
  const socketMode = settings.appToken !== null;
  let ready = false;
  const app = new App({
    token: settings.botToken,
    signingSecret: settings.signingSecret,
    ...(socketMode ? { socketMode: true, appToken: settings.appToken as string } : {}),
    port: settings.port,
    // Bolt would otherwise call auth.test from the constructor, where a refused token becomes an
    // unhandled rejection; init() below awaits it instead.
    deferInitialization: true,
    customRoutes: healthRoutes(settings.readiness ?? (() => ({ slack: ready }))),
    logger: boltLogger(log),
    clientOptions: {
      ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
      retryConfig: webRetryPolicy(settings.webRetries ?? 2),
      rejectRateLimitedCalls: true,
      timeout: 30_000,
    },
  });
  const answerer = settings.answerer ?? answerWithFiles;
  const limit = new RateLimiter({
    perMinute: settings.perUserPerMinute,
    ...(settings.rateBurst ? { burst: settings.rateBurst } : {}),
    ...(settings.placePerMinute ? { placePerMinute: settings.placePerMinute } : {}),
  });
  const dedupe = new EventDedupe();
  const fileHeaders = { Authorization: `Bearer ${settings.botToken}` };
  let botUserId = "";
  const inFlight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    p.finally(() => inFlight.delete(p));
    return p;
  };

  app.use(async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === "string" && !dedupe.first(eventId)) {
      log.info("repeated delivery ignored", { eventId, retryNum: context.retryNum ?? null });
      return;
    }
    await next();
  });

  app.event("app_mention", async ({ event, client, context }) => {
    await track(onMessage(event as unknown as SlackMessageEvent, client, context.teamId ?? null));
  });
  app.event("message", async ({ event, client, context }) => {
    await track(onMessage(event as unknown as SlackMessageEvent, client, context.teamId ?? null));
  });
  app.command(SHAPE_COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    const asker = { user: command.user_id, place: command.team_id, privately: viaResponseUrl(respond) };
    await track(onCommand(command.text, asker, command.channel_id, respond, client));
  });
  app.shortcut(ANALYZE_SHAPES, async ({ ack, shortcut, respond, client }) => {
    await ack();
    if (shortcut.type !== "message_action") return;
    const message = shortcut.message as unknown as SlackMessageEvent;
    const to = { channel: shortcut.channel.id, threadTs: replyThread(message) };
    const asker = {
      user: shortcut.user.id,
      place: shortcut.team?.id ?? null,
      privately: viaResponseUrl(respond),
    };
    await track(answerMessage(message, to, asker, client, false, begin("shortcut", asker)));
  });
  app.error(async (e) => {
    log.error("slack app error", { error: e.message, code: (e as { code?: string }).code ?? null });
  });

  /** Who asked, and how to say something to them alone. */
  interface Asker {
    user: string;
    /** The workspace, limited as a whole too. */
    place: string | null;
    privately(text: string): Promise<unknown>;
  }

  /** A request's log lines, all carrying its id. */
  const begin = (kind: string, asker: Asker) =>
    beginRequest(log, { platform: "slack", kind, user: asker.user, team: asker.place });

  /** The per-user limit: true to answer; the slow-down note is said (once) otherwise. */
  async function admitted(asker: Asker, req: RequestLog): Promise<boolean> {
    const verdict = limit.take(asker.user, asker.place);
    if (verdict === "ok") return true;
    req.finish("rate_limited", { noticed: verdict === "warn" });
    if (verdict === "warn") await asker.privately(SLOW_TEXT(limit.waitSeconds(asker.user)));
    return false;
  }

  async function onMessage(
    e: SlackMessageEvent,
    client: webApi.WebClient,
    place: string | null,
  ): Promise<void> {
    if (!shouldAnswerEvent(e, botUserId)) return;
    const to: Destination = { channel: e.channel, threadTs: replyThread(e) };
    const user = e.user as string;
    const asker = { user, place, privately: (text: string) => tell(client, to, user, text) };
    // In a DM a mistake is as private as anything else: answered in the thread like an answer.
    const dm = e.channel_type === "im";
    await answerMessage(e, to, asker, client, dm, begin(dm ? "dm" : "mention", asker));
  }

  /** A message (mentioned, DMed or picked by the shortcut) answered in its thread. */
  async function answerMessage(
    message: { text?: string; files?: SlackFileObject[] },
    to: Destination,
    asker: Asker,
    client: webApi.WebClient,
    mistakesInThread: boolean,
    req: RequestLog,
  ): Promise<void> {
    if (!(await admitted(asker, req))) return;
    let answer: ImageReply | null = null;
    try {
      const { text, image, skipped, limits } = await readMessage(message.text ?? "", message.files);
      const raw = await answerer({ text }, image, { limits });
      answer = { reply: { ...raw.reply, text: withSkippedNote(raw.reply.text, skipped) }, files: raw.files };
      const outcome = answer.reply.understood ? "answered" : "not_understood";
      const done = { files: answer.files.length, image: image !== null };
      if (!answer.reply.understood && !mistakesInThread) {
        await asker.privately(answer.reply.text);
        return req.finish(outcome, done);
      }
      await postAnswer(client, to, answer);
      req.finish(outcome, done);
    } catch (err) {
      if (notInChannel(err) && answer) {
        req.finish("not_in_channel");
        return void (await asker.privately(`${NOT_IN_CHANNEL}\n\n${answer.reply.text}`));
      }
      await apologise(asker, req, "answering a message failed", err);
    }
  }

  async function onCommand(
    rawText: string,
    asker: Asker,
    channel: string,
    respond: Respond,
    client: webApi.WebClient,
  ): Promise<void> {
    const req = begin("command", asker);
    if (!(await admitted(asker, req))) return;
    const question = decodeSlackText(rawText).trim();
    if (question === "") {
      req.finish("not_understood");
      return void (await asker.privately(EMPTY_COMMAND));
    }
    try {
      const answer = await answerer({ text: question }, null);
      if (!answer.reply.understood) {
        req.finish("not_understood");
        return void (await asker.privately(answer.reply.text));
      }
      const reply = slackReply(answer.reply.text, answer.files);
      for (const m of reply.messages)
        await respond({ response_type: "in_channel", text: m.text, blocks: m.blocks });
      if (reply.files.length > 0)
        await uploadFiles(client, { channel }, reply.files).catch(async (e: unknown) => {
          if (!notInChannel(e)) throw e;
          await asker.privately(NO_FILES_HERE);
        });
      req.finish("answered", { messages: reply.messages.length, files: answer.files.length });
    } catch (err) {
      await apologise(asker, req, "answering /shape failed", err);
    }
  }

  async function apologise(asker: Asker, req: RequestLog, what: string, err: unknown): Promise<void> {
    req.log.error(what, { code: platformError(err), error: (err as Error).stack ?? String(err) });
    req.finish("failed");
    await asker.privately(ERROR_TEXT(req.id)).catch(() => {});
  }

  async function readMessage(rawText: string, files: SlackFileObject[] | undefined) {
    const { attachments, refused } = slackAttachments(files, settings.apiUrl);
    const fetched = await fetchAttachments(attachments, { headers: fileHeaders });
    const question = questionText(rawText, botUserId);
    const text = questionWithCode(question, fetched.code);
    const limits = chatLimits(question, fetched.code);
    return { text, image: fetched.image?.bytes ?? null, skipped: [...refused, ...fetched.skipped], limits };
  }

  /** Said to the asker only, in the thread; a failure to say it is logged, not thrown. */
  async function tell(client: webApi.WebClient, to: Destination, user: string, text: string) {
    await client.chat
      .postEphemeral({
        channel: to.channel,
        user,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        ...firstMessage(text),
      })
      .catch((e: unknown) =>
        log.warn("an ephemeral message failed", { error: platformError(e) ?? String(e) }),
      );
  }

  const started = (async () => {
    const auth = await app.client.auth.test();
    botUserId = auth.user_id ?? "";
    await app.init();
    const server = socketMode
      ? await app.start()
      : await app.start({ port: settings.port, ...(settings.host ? { host: settings.host } : {}) });
    ready = true;
    const address = !socketMode ? ((server as Server).address() as AddressInfo | null) : null;
    log.info("slack ready", { mode: socketMode ? "socket" : "http", port: address?.port ?? null, botUserId });
    return { port: address?.port ?? null, botUserId };
  })();

  return {
    app,
    ready: started,
    isReady: () => ready,
    async stop() {
      ready = false;
      await Promise.allSettled([...inFlight]);
      await app.stop().catch(() => {});
    },
  };
}

type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** Ephemeral through a command's or shortcut's response_url. */
function viaResponseUrl(respond: Respond) {
  return (text: string) => respond({ response_type: "ephemeral", ...firstMessage(text) });
}

function notInChannel(e: unknown): boolean {
  const code = platformError(e);
  return code === "not_in_channel" || code === "channel_not_found";
}

/** An answer's first Slack message, for a place that cannot carry files. */
function firstMessage(text: string) {
  const m = slackReply(text, [], false).messages[0];
  return m ? { text: m.text, blocks: m.blocks } : { text };
}
