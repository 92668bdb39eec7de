// What every chat adapter says about itself (not about a model): the same words on each platform.

/** A bug of ours: the id is the request's, so the report finds the log lines. */
export const ERROR_TEXT = (id: string) =>
  `Sorry, something went wrong on our side (error id ${id}); it is logged and we will look at it.`;

/** The per-user limit, said at most once a minute. */
export const SLOW_TEXT = (seconds: number) =>
  `You are asking faster than I answer; try again in ${seconds} s.`;
