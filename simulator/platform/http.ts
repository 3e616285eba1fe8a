/** Small node:http ↔ Fetch helpers, cookies and HTML escaping shared by the stand-in's routes. */
import type { IncomingMessage, ServerResponse } from "node:http";

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
  "content-length",
]);

/** Request headers minus hop-by-hop ones (and anything in `drop`, lower-case names). */
export function forwardableHeaders(req: IncomingMessage, drop: string[] = []): Headers {
  const headers = new Headers();
  const skip = new Set([...HOP_BY_HOP, ...drop]);
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || skip.has(name.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

/** Builds a Fetch Request from an incoming node request whose body has already been read. */
export function toFetchRequest(req: IncomingMessage, url: string, body: Buffer): Request {
  const method = (req.method ?? "GET").toUpperCase();
  return new Request(url, {
    method,
    headers: forwardableHeaders(req),
    body: method === "GET" || method === "HEAD" ? undefined : new Uint8Array(body),
  });
}

/** Writes a Fetch Response to a node response (optionally dropping some headers). */
export async function sendFetchResponse(
  res: ServerResponse,
  response: Response,
  dropHeaders: string[] = [],
): Promise<void> {
  const skip = new Set([
    ...HOP_BY_HOP,
    "content-encoding",
    ...dropHeaders.map((h) => h.toLowerCase()),
  ]);
  let body: Buffer;
  try {
    body = Buffer.from(await response.arrayBuffer());
  } catch {
    // The handler modelled a dropped connection (admin/index.ts droppedConnection): drop it.
    res.destroy();
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (skip.has(name.toLowerCase())) return;
    headers[name] = value;
  });
  const setCookies = response.headers.getSetCookie?.() ?? [];
  if (setCookies.length && !skip.has("set-cookie")) headers["set-cookie"] = setCookies;
  headers["content-length"] = String(body.length);
  res.writeHead(response.status, response.statusText || undefined, headers);
  res.end(body);
}

export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType = "text/plain; charset=utf-8",
  extraHeaders: Record<string, string | string[]> = {},
): void {
  const buf = typeof body === "string" ? Buffer.from(body) : body;
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": String(buf.length),
    ...extraHeaders,
  });
  res.end(buf);
}

export const sendJson = (
  res: ServerResponse,
  status: number,
  value: unknown,
  extra: Record<string, string | string[]> = {},
) => send(res, status, JSON.stringify(value), "application/json; charset=utf-8", extra);

export const sendHtml = (
  res: ServerResponse,
  status: number,
  html: string,
  extra: Record<string, string | string[]> = {},
) => send(res, status, html, "text/html; charset=utf-8", extra);

export function redirect(
  res: ServerResponse,
  location: string,
  status = 303,
  extra: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { location, "content-length": "0", ...extra });
  res.end();
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      out[name] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

export function serializeCookie(
  name: string,
  value: string,
  options: { maxAge?: number; httpOnly?: boolean } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, "Path=/", "SameSite=Lax"];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.httpOnly !== false) parts.push("HttpOnly");
  return parts.join("; ");
}

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export const escapeHtml = (value: unknown): string =>
  String(value ?? "").replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** JSON that is safe inside an inline <script>. */
export const scriptJson = (value: unknown): string =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");

/** Reads a JSON or form-encoded body into a plain object. */
export function parseBodyFields(
  contentType: string | undefined,
  body: Buffer,
): Record<string, unknown> {
  const text = body.toString("utf8");
  if (!text) return {};
  if ((contentType ?? "").includes("application/json")) {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  }
  return Object.fromEntries(new URLSearchParams(text));
}
