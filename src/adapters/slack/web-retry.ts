import type { webApi } from "@slack/bolt";

// How the Web API client retries a failed call: a network failure or a 5xx may be Slack's
// moment and is tried again (up to `retries` times, 1 s then 2 s apart); any other status —
// 403, 401, 404 — means the call itself is refused and is never retried. Slack answers its own
// errors (not_in_channel, …) with 200, and 429s are waited out elsewhere.

type Retry = webApi.RetryOptions & { onFailedAttempt(error: Error): void };

export function webRetryPolicy(retries: number): Retry {
  return {
    retries,
    factor: 2,
    minTimeout: 1_000,
    maxTimeout: 4_000,
    // p-retry stops and rejects with whatever this throws.
    onFailedAttempt(error) {
      if (!retryable(error)) throw error;
    },
  };
}

function retryable(error: Error): boolean {
  const e = error as { code?: string; statusCode?: number };
  if (e.code === "slack_webapi_request_error") return true;
  if (e.code === "slack_webapi_http_error") return (e.statusCode ?? 0) >= 500;
  return false;
}
