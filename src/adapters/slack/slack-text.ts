// Text between shapebot and Slack's mrkdwn, both ways. Incoming message text arrives with &, <
// and > escaped and with links, mentions and domain-like words ("model.py") wrapped in <…>; code
// must get its characters back. Outgoing text escapes the same three characters, so nothing a user
// pasted (say `<!channel>`) can become a live mention, and drops the info string of ``` fences,
// which Slack would print as the block's first line.

/** Slack's encoding of a message's text, undone: `<http://model.py|model.py>` → `model.py`. */
export function decodeSlackText(text: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf("|");
    if (bar >= 0) return inner.slice(bar + 1);
    if (inner.startsWith("!")) return `@${inner.slice(1)}`;
    return inner;
  });
  return decoded.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** The question in a message addressed to the bot: without the bot's own mention, decoded. */
export function questionText(text: string, botUserId: string): string {
  const withoutMention =
    botUserId === "" ? text : text.replace(new RegExp(`<@${botUserId}(\\|[^>]*)?>`, "g"), "");
  return decodeSlackText(withoutMention).trim();
}

/** Text safe to send as mrkdwn: no live mentions or links from echoed input. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** ```text and ```python fences as Slack wants them: bare. */
export function bareFences(text: string): string {
  return text.replace(/^(\s*)```[^\n`]*$/gm, "$1```");
}
