import { answerDetailed } from "./answer.js";
import type { Limits, Request } from "./request.js";
import { yieldToEventLoop } from "./yield-to-event-loop.js";

// The piscina worker that reads a message (parse, evaluate, infer, check fixes, word the reply),
// so a chat adapter's event loop never waits on it. The analysis crosses back as plain data.

export interface AnswerTask {
  request: Request;
  limits?: Limits;
}

yieldToEventLoop();

export default function answerTask(task: AnswerTask): ReturnType<typeof answerDetailed> {
  return answerDetailed(task.request, task.limits);
}
