import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// GET /healthz (the process is up and its event loop answers) and GET /readyz (every adapter in
// the process is connected: Slack's token verified and its receiver listening, Discord's gateway
// session ready). Slack's receiver serves them through Bolt's customRoutes; a process without it
// (Discord only) serves them from a small server of its own on PORT.

/** Each adapter's readiness, by name; the process is ready when all are. */
export type Readiness = () => Record<string, boolean>;

export function healthRoutes(readiness: Readiness) {
  return [
    { path: "/healthz", method: ["GET"], handler: (_req: unknown, res: ServerResponse) => healthz(res) },
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req: unknown, res: ServerResponse) => readyz(res, readiness),
    },
  ];
}

/** The two routes on their own server; resolves with the port once it listens. */
export async function startHealthServer(
  port: number,
  readiness: Readiness,
  host?: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, { error: "method not allowed" });
    if (path === "/healthz") return healthz(res);
    if (path === "/readyz") return readyz(res, readiness);
    send(res, 404, { error: "not found" });
  });
  server.requestTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function healthz(res: ServerResponse): void {
  send(res, 200, { ok: true });
}

function readyz(res: ServerResponse, readiness: Readiness): void {
  const adapters = readiness();
  const ready = Object.values(adapters).every(Boolean);
  send(res, ready ? 200 : 503, { ready, adapters });
}

function send(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}
