/**
 * Reads an input-shape option ("128x128x3", "128,128,3", "(None, 128, 128, 3)") without the batch
 * axis. On failure, `part` is the piece that is not a size (null when the whole is malformed).
 */
export function parseInputOption(
  text: string,
): { ok: true; shape: (number | null)[] } | { ok: false; part: string | null } {
  const body = text.trim().replace(/^[([]|[)\]]$/g, "");
  const parts = body.split(/\s*[,x×*]\s*|\s+/).filter((p) => p.length > 0);
  if (parts.length === 0 || parts.length > 6) return { ok: false, part: null };
  const dims: (number | null)[] = [];
  for (const part of parts) {
    if (/^(none|null|\?|batch)$/i.test(part)) {
      dims.push(null);
      continue;
    }
    if (!/^\d{1,7}$/.test(part) || Number(part) === 0) return { ok: false, part };
    dims.push(Number(part));
  }
  // A leading None is the batch axis, as Keras prints it.
  if (dims[0] === null && dims.length > 1) dims.shift();
  return { ok: true, shape: dims };
}
