import type { AddressInfo } from "node:net";
import { App, type AppOptions, LogLevel, webApi } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "./slack/fake-slack.js";

let fake: FakeSlack | null = null;
const apps: App[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
  await fake?.close();
  fake = null;
});

/** A real Bolt App with the default HTTPReceiver on 127.0.0.1:<ephemeral>, talking to the fake. */
async function startHttpApp(
  fakeOptions: FakeSlackOptions = {},
  register: (app: App, f: FakeSlack) => void = () => {},
  appOptions: Partial<AppOptions> = {},
): Promise<{ fake: FakeSlack; app: App; url: string }> {
  const f = await startFakeSlack(fakeOptions);
  fake = f;
  const app = new App({
    token: f.botToken,
    signingSecret: f.signingSecret,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: f.apiUrl, retryConfig: { retries: 0 } },
    ...appOptions,
  });
  register(app, f);
  // Bolt calls auth.test from the constructor (tokenVerificationEnabled); let it land before the
  // test can close the fake, or its rejection goes unhandled.
  await f.waitFor("requests", (r) => r.method === "auth.test");
  // HTTPReceiver.start takes net.ListenOptions: port 0 + host give an ephemeral loopback port.
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  apps.push(app);
  const { port } = server.address() as AddressInfo;
  return { fake: f, app, url: `http://127.0.0.1:${port}/slack/events` };
}

describe("fake Slack + real Bolt HTTPReceiver", () => {
  it("runs an app_mention handler that replies in the thread; auth.test ran at construction", async () => {
    const seen: string[] = [];
    const { fake, url } = await startHttpApp({}, (app) => {
      app.event("app_mention", async ({ event, client, context }) => {
        seen.push(event.text);
        expect(context.botUserId).toBe(fake?.ids.botUserId);
        await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, text: "on it" });
      });
    });
    expect(fake.calls("auth.test")).toHaveLength(1);

    const body = fake.eventCallback({
      type: "app_mention",
      text: "shape of Dense(3)?",
      ts: "1700000000.000100",
    });
    const res = await fake.signedRequest(url, JSON.stringify(body));
    expect(res.status).toBe(200);
    const msg = await fake.waitFor("messages");
    expect(msg).toMatchObject({ channel: fake.ids.channelId, thread_ts: "1700000000.000100", text: "on it" });
    expect(seen).toEqual([`<@${fake.ids.botUserId}> shape of Dense(3)?`]);
    const call = fake.calls("chat.postMessage")[0];
    expect(call?.token).toBe(fake.botToken);
    expect(call?.contentType).toBe("application/x-www-form-urlencoded");
  });

  it("answers 401 to bad, stale and missing signatures without running the handler", async () => {
    let runs = 0;
    const { fake, url } = await startHttpApp({}, (app) => {
      app.event("app_mention", async () => {
        runs += 1;
      });
    });
    const body = JSON.stringify(fake.eventCallback({ type: "app_mention", text: "hi" }));
    const bad = await fake.signedRequest(url, body, { signature: "v0=deadbeef" });
    const wrongSecret = await fake.signedRequest(url, body, { secret: "not-the-secret" });
    const stale = await fake.signedRequest(url, body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const unsigned = await fake.signedRequest(url, body, { unsigned: true });
    expect([bad.status, wrongSecret.status, stale.status, unsigned.status]).toEqual([401, 401, 401, 401]);
    // url_verification is answered by the receiver itself (signed, like every Slack request).
    const challenge = await fake.signedRequest(url, JSON.stringify(fake.urlVerification("abc123")));
    expect(challenge.status).toBe(200);
    expect(challenge.json).toEqual({ challenge: "abc123" });
    // A good request still works.
    const good = await fake.signedRequest(url, body);
    expect(good.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(1);
  });

  it("completes files.uploadV2 (getUploadURLExternal → upload URL → completeUploadExternal)", async () => {
    const { fake, app } = await startHttpApp();
    const bytes = Buffer.from("\x89PNG\r\n\x1a\nfake png bytes");
    const result = await app.client.files.uploadV2({
      channel_id: fake.ids.channelId,
      thread_ts: "1700000000.000200",
      file: bytes,
      filename: "shapes.png",
      initial_comment: "here is the diagram",
    });
    expect(result.ok).toBe(true);
    const share = await fake.waitFor("fileShares");
    expect(share).toMatchObject({
      channel_id: fake.ids.channelId,
      thread_ts: "1700000000.000200",
      initial_comment: "here is the diagram",
    });
    expect(share.files).toEqual([{ id: share.uploads[0]?.fileId, title: "shapes.png" }]);
    const upload = share.uploads[0];
    expect(upload?.bytes.equals(bytes)).toBe(true);
    expect(upload).toMatchObject({ filename: "shapes.png", declaredLength: bytes.length, multipart: true });
    expect(upload?.field).toBe("body");
    expect(upload?.authorized).toBe(true);
    // The completed file is hosted at its url_private.
    const file = (await app.client.files.info({ file: upload?.fileId ?? "" })).file;
    const dl = await fetch(file?.url_private ?? "", {
      headers: { authorization: `Bearer ${fake.botToken}` },
    });
    expect(Buffer.from(await dl.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("rejects completing an upload whose bytes never arrived (strict)", async () => {
    const { fake, app } = await startHttpApp();
    const { file_id } = await app.client.files.getUploadURLExternal({ filename: "a.txt", length: 3 });
    await expect(
      app.client.files.completeUploadExternal({
        files: [{ id: file_id ?? "" }],
        channel_id: fake.ids.channelId,
      }),
    ).rejects.toMatchObject({ code: "slack_webapi_platform_error", data: { error: "file_not_found" } });
  });

  it("serves url_private with the bot token and a 200 HTML login page without it", async () => {
    const downloaded: Buffer[] = [];
    const { fake, url } = await startHttpApp({}, (app) => {
      app.event("message", async ({ event, context }) => {
        if (event.subtype !== "file_share") return;
        for (const f of event.files ?? []) {
          const r = await fetch(f.url_private_download ?? "", {
            headers: { authorization: `Bearer ${context.botToken}` },
          });
          downloaded.push(Buffer.from(await r.arrayBuffer()));
        }
      });
    });
    const bytes = Buffer.from("model = Sequential([Dense(3)])\n");
    const file = fake.addFile({ name: "model.py", bytes, mimetype: "text/x-python", filetype: "python" });
    expect(file).toMatchObject({
      name: "model.py",
      mimetype: "text/x-python",
      filetype: "python",
      size: bytes.length,
    });

    const withToken = await fetch(file.url_private, {
      headers: { authorization: `Bearer ${fake.botToken}` },
    });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("content-type")).toBe("text/x-python");
    expect(Buffer.from(await withToken.arrayBuffer()).equals(bytes)).toBe(true);

    const without = await fetch(file.url_private);
    expect(without.status).toBe(200);
    expect(without.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await without.text()).toContain("<!DOCTYPE html>");

    const event = fake.eventCallback({
      type: "message",
      text: "",
      files: [file],
      channel: fake.ids.dmChannelId,
    });
    expect((await fake.signedRequest(url, JSON.stringify(event))).status).toBe(200);
    await fake.waitFor("fileDownloads", (d) => d.path.includes("/download/"));
    await expect.poll(() => downloaded.length).toBe(1);
    expect(downloaded[0]?.equals(bytes)).toBe(true);
    expect(fake.state.fileDownloads.map((d) => d.loginPage)).toEqual([false, true, false]);
  });

  it("slash command: ack() is the HTTP response, then respond() reaches the response_url", async () => {
    let releaseRespond: () => void = () => {};
    const gate = new Promise<void>((r) => {
      releaseRespond = r;
    });
    const { fake, url } = await startHttpApp({}, (app) => {
      app.command("/shape", async ({ ack, respond, command }) => {
        await ack();
        await gate;
        await respond({ response_type: "in_channel", text: `shape of ${command.text}: (None, 3)` });
      });
    });
    const responseUrl = fake.responseUrl();
    const body = fake.slashCommand({ command: "/shape", text: "Dense(3)", response_url: responseUrl });
    const res = await fake.signedRequest(url, body);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(res.elapsedMs).toBeLessThan(1000);
    expect(fake.state.responseUrlPosts).toHaveLength(0);
    releaseRespond();
    const post = await fake.waitFor("responseUrlPosts");
    expect(post).toMatchObject({
      response_type: "in_channel",
      text: "shape of Dense(3): (None, 3)",
      status: 200,
    });
    expect(post.url).toBe(responseUrl);

    // Bolt compares content-type with ===: "; charset=utf-8" makes it JSON.parse the form → 400.
    const charset = await fake.signedRequest(url, body, {
      contentType: "application/x-www-form-urlencoded; charset=utf-8",
    });
    expect(charset.status).toBe(400);
  });

  it("message shortcut: payload= form body, ack, respond", async () => {
    const { fake, url } = await startHttpApp({}, (app) => {
      app.shortcut("analyze_shapes", async ({ ack, shortcut, respond }) => {
        await ack();
        if (shortcut.type !== "message_action") return;
        await respond({ response_type: "ephemeral", text: `analyzing ${shortcut.message.text}` });
      });
    });
    const body = fake.messageShortcut({
      callback_id: "analyze_shapes",
      message: { text: "Conv2D(8, 3)" },
      response_url: fake.responseUrl(),
    });
    expect(body.startsWith("payload=")).toBe(true);
    expect((await fake.signedRequest(url, body)).status).toBe(200);
    const post = await fake.waitFor("responseUrlPosts");
    expect(post).toMatchObject({ response_type: "ephemeral", text: "analyzing Conv2D(8, 3)" });
  });

  it("strict chat.postMessage errors: invalid_blocks, msg_too_long, not_in_channel, injected errors", async () => {
    const { fake, app } = await startHttpApp({ notInChannel: ["C0NOTMEMBR"] });
    const c = app.client;
    const channel = fake.ids.channelId;
    const section = (n: number) => ({ type: "section", text: { type: "mrkdwn", text: "x".repeat(n) } });
    await expect(c.chat.postMessage({ channel, text: "t", blocks: [section(3001)] })).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
    await expect(
      c.chat.postMessage({ channel, text: "t", blocks: Array.from({ length: 51 }, () => section(1)) }),
    ).rejects.toMatchObject({ data: { error: "invalid_blocks" } });
    await expect(c.chat.postMessage({ channel, text: "x".repeat(40_001) })).rejects.toMatchObject({
      data: { error: "msg_too_long" },
    });
    await expect(c.chat.postMessage({ channel: "C0NOTMEMBR", text: "t" })).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });
    fake.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(c.chat.postMessage({ channel, text: "t" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
    await c.chat.postMessage({ channel, text: "ok", blocks: [section(3000)] });
    await c.chat.postEphemeral({ channel, user: fake.ids.userId, text: "only you" });
    expect(fake.state.messages.map((m) => m.text)).toEqual(["ok"]);
    expect(fake.state.messages[0]?.blocks).toHaveLength(1);
    expect(fake.state.ephemerals[0]).toMatchObject({ user: fake.ids.userId, text: "only you" });
    // A wrong token is invalid_auth.
    const other = new webApi.WebClient("xoxb-wrong", {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(other.auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
  });

  it("429: retries 0 fails; a retry policy waits Retry-After and succeeds; rejectRateLimitedCalls throws", async () => {
    const { fake, app } = await startHttpApp();
    const channel = fake.ids.channelId;

    // retries: 0 → WebClient waits Retry-After, then p-retry has no attempt left: WebAPIRequestError.
    fake.rateLimitNext("chat.postMessage", { retryAfter: 0 });
    await expect(app.client.chat.postMessage({ channel, text: "a" })).rejects.toMatchObject({
      code: "slack_webapi_request_error",
      original: { message: expect.stringMatching(/rate limit was exceeded/) },
    });

    // With one retry (and no p-retry backoff) the call goes through after the 429.
    const retrying = new webApi.WebClient(fake.botToken, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      logLevel: LogLevel.ERROR,
    });
    const limited: number[] = [];
    retrying.on(webApi.WebClientEvent.RATE_LIMITED, (sec: number) => limited.push(sec));
    fake.rateLimitNext("chat.postMessage", { retryAfter: 0 });
    const ok = await retrying.chat.postMessage({ channel, text: "b" });
    expect(ok.ok).toBe(true);
    expect(limited).toEqual([0]);
    expect(fake.calls("chat.postMessage").map((c) => c.httpStatus)).toEqual([429, 429, 200]);

    // rejectRateLimitedCalls: immediate WebAPIRateLimitedError with retryAfter.
    const rejecting = new webApi.WebClient(fake.botToken, {
      slackApiUrl: fake.apiUrl,
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
    fake.rateLimitNext("chat.postMessage", { retryAfter: 7 });
    await expect(rejecting.chat.postMessage({ channel, text: "c" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 7,
    });
    expect(fake.state.messages.map((m) => m.text)).toEqual(["b"]);
  });
});

describe("fake Slack + real Bolt SocketModeReceiver", () => {
  it("connects via apps.connections.open, receives an events_api envelope and acks it", async () => {
    const f = await startFakeSlack();
    fake = f;
    const app = new App({
      token: f.botToken,
      appToken: f.appToken,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      // App hands clientOptions to the SocketModeClient's WebClient (installerOptions.clientOptions).
      clientOptions: { slackApiUrl: f.apiUrl },
    });
    app.event("app_mention", async ({ event, say }) => {
      await say({ text: "socket reply", thread_ts: event.ts });
    });
    await app.start();
    apps.push(app);
    expect(f.socketCount()).toBe(1);
    const open = f.calls("apps.connections.open")[0];
    expect(open?.token).toBe(f.appToken);

    const env = f.socketSendEvent(
      f.eventCallback({ type: "app_mention", text: "hello", ts: "1700000000.000300" }),
    );
    const ack = await f.waitFor("socketAcks", (a) => a.envelope_id === env.envelope_id);
    expect(ack.payload).toEqual({});
    const msg = await f.waitFor("messages");
    expect(msg).toMatchObject({
      text: "socket reply",
      thread_ts: "1700000000.000300",
      channel: f.ids.channelId,
    });

    // app.stop() resolves before the close handshake; the fake records the client's 1000 close.
    await app.stop();
    apps.splice(apps.indexOf(app), 1);
    expect((await f.waitFor("socketCloses")).code).toBe(1000);
  });
});
