import type { ServerResponse } from "node:http";

// GET /healthz (the process is up) and GET /readyz (the token is verified and events are being
// received), served by Bolt's receiver through customRoutes.

export function healthRoutes(isReady: () => boolean) {
  const reply = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  return [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req: unknown, res: ServerResponse) => reply(res, 200, { ok: true }),
    },
    {
      path: "/readyz",
      method: ["GET"],
      handler: (_req: unknown, res: ServerResponse) =>
        isReady() ? reply(res, 200, { ready: true }) : reply(res, 503, { ready: false }),
    },
  ];
}
