import type { JsonReply } from "../render/json-reply.js";

/**
 * What `answer` returns. `understood` false means the message could not be read as a question
 * (the CLI exits 2); a shape error found in a model is still an answer.
 */
export interface Reply {
  understood: boolean;
  /** The whole text reply, exactly as the bots send it (Markdown: the table is in a ```text fence). */
  text: string;
  json: JsonReply;
}
