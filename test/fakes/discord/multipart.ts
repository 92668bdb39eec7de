// A small multipart/form-data parser, enough for what @discordjs/rest sends (undici's FormData):
// a `payload_json` text part and `files[n]` file parts with a filename and a content type.

export interface MultipartPart {
  /** The form field name (`payload_json`, `files[0]`, …). */
  name: string;
  /** Present for file parts. */
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? "").trim() : null;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error("multipart: no boundary found");
  for (;;) {
    pos += delimiter.length;
    // "--" after the delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    // Skip the CRLF after the delimiter.
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos);
    if (headerEnd < 0) throw new Error("multipart: unterminated part headers");
    const headers = parseHeaders(body.subarray(pos, headerEnd).toString("utf8"));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), dataStart);
    if (next < 0) throw new Error("multipart: unterminated part");
    const disposition = headers.get("content-disposition") ?? "";
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? "";
    const filenameStar = /\bfilename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
    const filename = filenameStar
      ? decodeURIComponent(filenameStar.trim())
      : (/\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null);
    parts.push({
      name,
      filename,
      contentType: headers.get("content-type") ?? null,
      data: Buffer.from(body.subarray(dataStart, next)),
    });
    pos = next + 2;
  }
  return parts;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}
