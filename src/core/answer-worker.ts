import { answerDetailed } from "./answer.js";
import type { Limits, Request } from "./request.js";
import { yieldToEventLoop } from "./yield-to-event-loop.js";

// The piscina worker that reads a message (parse, evaluate, infer, check fixes, word the reply),
// so a chat adapter's event loop never waits on it. The analysis crosses back as plain data, and
// only when the caller will use it: a picture is to be run, or a single layer is to be drawn.
// Copying it for every message cost 5–20% of the pool's throughput here (601 vs 635–715 req/s).

export interface AnswerTask {
  request: Request;
  limits?: Limits;
  /** A picture comes with the message: the analysis is needed whatever its size. */
  withImage?: boolean;
}

yieldToEventLoop();

export default function answerTask(task: AnswerTask): ReturnType<typeof answerDetailed> {
  const detailed = answerDetailed(task.request, task.limits);
  const needed = task.withImage === true || detailed.analysis?.layers.length === 1;
  return needed ? detailed : { ...detailed, analysis: null };
}
