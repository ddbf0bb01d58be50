import { badRequest } from "./bot-api-error.ts";

/** A file part of a multipart request. */
export interface UploadedFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface RequestBody {
  /** JSON keeps its types; form fields arrive as strings, as Telegram receives them. */
  fields: Record<string, unknown>;
  /** File parts by their field name (grammY names them with a random id and refers to them as `attach://<id>`). */
  files: Map<string, UploadedFile>;
}

/** Parses a Bot API request body the three ways Telegram accepts: JSON, urlencoded and multipart. */
export function parseRequestBody(contentType: string | undefined, body: Buffer): RequestBody {
  const type = (contentType ?? "").toLowerCase();
  if (body.length === 0) return { fields: {}, files: new Map() };
  if (type.startsWith("multipart/form-data")) return parseMultipart(contentType ?? "", body);
  if (type.startsWith("application/x-www-form-urlencoded")) {
    return {
      fields: Object.fromEntries(new URLSearchParams(body.toString("utf8"))),
      files: new Map(),
    };
  }
  const text = body.toString("utf8");
  // Telegram also accepts a JSON body sent without a content type.
  if (type.startsWith("application/json") || text.trimStart().startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badRequest("can't parse JSON encoded request body");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("JSON request body must be an object");
    }
    return { fields: parsed as Record<string, unknown>, files: new Map() };
  }
  return { fields: Object.fromEntries(new URLSearchParams(text)), files: new Map() };
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * A lenient multipart/form-data parser. Node 20's `Request#formData()` rejects what grammY sends
 * (`content-disposition:form-data;name="x";filename=a.csv`: no spaces, unquoted file name).
 */
export function parseMultipart(contentType: string, body: Buffer): RequestBody {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const token = boundary?.[1] ?? boundary?.[2];
  if (token === undefined) throw badRequest("multipart boundary is missing");
  const delimiter = Buffer.from(`--${token}`);
  const fields: Record<string, unknown> = {};
  const files = new Map<string, UploadedFile>();
  let position = body.indexOf(delimiter);
  if (position < 0) throw badRequest("can't parse multipart/form-data body");
  for (;;) {
    position += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    if (body.subarray(position, position + 2).equals(CRLF)) position += 2;
    const headerEnd = body.indexOf(HEADER_END, position);
    if (headerEnd < 0) throw badRequest("can't parse multipart/form-data body");
    const headers = parsePartHeaders(body.subarray(position, headerEnd).toString("utf8"));
    const contentStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), contentStart);
    if (next < 0) throw badRequest("can't parse multipart/form-data body");
    const content = body.subarray(contentStart, next);
    const disposition = parseDisposition(headers.get("content-disposition") ?? "");
    const name = disposition.name;
    if (name !== undefined) {
      if (disposition.filename !== undefined) {
        files.set(name, {
          filename: disposition.filename,
          contentType: headers.get("content-type") ?? "application/octet-stream",
          bytes: Buffer.from(content),
        });
      } else {
        fields[name] = content.toString("utf8");
      }
    }
    position = next + CRLF.length;
  }
  return { fields, files };
}

function parsePartHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

// An unquoted value ends at the next "; name=" so that a file name may itself contain ";".
const NEXT_PARAM = /;\s*[\w*-]+\s*=/g;

function parseDisposition(value: string): { name?: string; filename?: string } {
  const params = new Map<string, string>();
  let i = value.indexOf(";");
  while (i >= 0 && i < value.length) {
    i++;
    while (value[i] === " " || value[i] === "\t") i++;
    const eq = value.indexOf("=", i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (value[i] === " " || value[i] === "\t") i++;
    let paramValue: string;
    if (value[i] === '"') {
      let out = "";
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === "\\" && i + 1 < value.length) i++;
        out += value[i];
        i++;
      }
      paramValue = out;
      i = value.indexOf(";", i);
    } else {
      NEXT_PARAM.lastIndex = i;
      const next = NEXT_PARAM.exec(value);
      const end = next === null ? value.length : next.index;
      paramValue = value.slice(i, end).trim();
      i = next === null ? -1 : next.index;
    }
    params.set(key, paramValue);
  }
  const extended = params.get("filename*");
  let filename = params.get("filename");
  if (extended !== undefined) {
    // RFC 5987: charset'language'percent-encoded
    const match = /^[^']*'[^']*'(.*)$/.exec(extended);
    try {
      filename = decodeURIComponent(match?.[1] ?? extended);
    } catch {
      filename = extended;
    }
  }
  const result: { name?: string; filename?: string } = {};
  const name = params.get("name");
  if (name !== undefined) result.name = name;
  if (filename !== undefined) result.filename = filename;
  return result;
}
