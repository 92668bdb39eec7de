// The rate limits of the chat adapters, from the environment (see .env.example).

export function rateSettingsFromEnv(env: NodeJS.ProcessEnv): {
  perUserPerMinute: number;
  rateBurst?: number;
  placePerMinute?: number;
} {
  const burst = Number(env.SHAPEBOT_RATE_BURST ?? "");
  const place = Number(env.SHAPEBOT_PLACE_RATE_PER_MINUTE ?? "");
  return {
    perUserPerMinute: Number(env.SHAPEBOT_RATE_PER_MINUTE ?? "") || 6,
    ...(burst > 0 ? { rateBurst: burst } : {}),
    ...(place > 0 ? { placePerMinute: place } : {}),
  };
}
