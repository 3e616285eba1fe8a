/**
 * Signatures the stand-in produces exactly as Shopify does (shopify-platform.md §2.4–2.5), plus a
 * minimal HS256 JWT implementation for App Bridge session tokens. node:crypto only.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** Base64 HMAC-SHA256 of the raw webhook body with the app's client secret (X-Shopify-Hmac-Sha256). */
export function webhookHmac(body: string | Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

export type ProxyQueryInput =
  URLSearchParams | Iterable<[string, string]> | Record<string, string | string[]>;

/** Groups a query into key → values, keeping the order of first appearance of each key. */
function groupQuery(params: ProxyQueryInput): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  const add = (key: string, value: string) => {
    const values = grouped.get(key);
    if (values) values.push(value);
    else grouped.set(key, [value]);
  };
  if (params instanceof URLSearchParams || Symbol.iterator in Object(params)) {
    for (const [key, value] of params as Iterable<[string, string]>) add(key, value);
  } else {
    for (const [key, value] of Object.entries(params as Record<string, string | string[]>)) {
      for (const v of Array.isArray(value) ? value : [value]) add(key, v);
    }
  }
  return grouped;
}

/**
 * The message an app-proxy signature covers, as Shopify documents it ("Authenticate app
 * proxies" → "Calculate a digital signature"): every query key except `signature` becomes a
 * "key=value" string (repeated keys' values joined with ","), the STRINGS are sorted in byte
 * order (Ruby's Array#sort in Shopify's example), then concatenated with no separator.
 * Sorting the strings, not the keys, matters for keys that are prefixes of others ("a" and
 * "a-b": "a-b=…" sorts first because "-" < "="), and byte order puts capitals first.
 * (@shopify/shopify-api 15 sorts keys with localeCompare instead; the app does not use it.)
 */
export function appProxyMessage(params: ProxyQueryInput): string {
  const grouped = groupQuery(params);
  grouped.delete("signature");
  return [...grouped.entries()]
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .join("");
}

/** Hex HMAC-SHA256 app-proxy `signature` for a query (the `signature` key itself is ignored). */
export function signAppProxyQuery(params: ProxyQueryInput, secret: string): string {
  return createHmac("sha256", secret).update(appProxyMessage(params)).digest("hex");
}

/** Constant-time check of a query's `signature` (no timestamp check; see verifyAppProxyRequest in tests). */
export function verifyAppProxyQuery(params: URLSearchParams, secret: string): boolean {
  const given = params.get("signature") ?? "";
  return safeEqual(given, signAppProxyQuery(params, secret));
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

// ---------------------------------------------------------------------------------------------
// HS256 JWT

export type JwtPayload = Record<string, unknown>;

const b64url = (input: string | Buffer) => Buffer.from(input).toString("base64url");

export function signJwtHs256(payload: JwtPayload, secret: string): string {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${header}.${body}`).digest("base64url");
  return `${header}.${body}.${signature}`;
}

export class JwtError extends Error {
  constructor(
    readonly reason:
      "malformed" | "algorithm" | "signature" | "expired" | "not_yet_valid" | "audience",
    message: string,
  ) {
    super(message);
    this.name = "JwtError";
  }
}

export interface VerifyJwtOptions {
  audience?: string;
  /** Seconds of clock skew tolerated on exp/nbf. Shopify's library allows 10. */
  clockToleranceSec?: number;
  nowSec?: number;
}

/** Verifies an HS256 JWT; throws JwtError with a machine-readable reason. */
export function verifyJwtHs256(
  token: string,
  secret: string,
  options: VerifyJwtOptions = {},
): JwtPayload {
  const parts = token.split(".");
  if (parts.length !== 3) throw new JwtError("malformed", "token is not a JWT");
  const [headerPart, bodyPart, signaturePart] = parts as [string, string, string];
  let header: { alg?: string };
  let payload: JwtPayload;
  try {
    header = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8"));
    payload = JSON.parse(Buffer.from(bodyPart, "base64url").toString("utf8"));
  } catch {
    throw new JwtError("malformed", "token header or payload is not JSON");
  }
  if (header.alg !== "HS256")
    throw new JwtError("algorithm", `unsupported alg ${String(header.alg)}`);
  const expected = createHmac("sha256", secret)
    .update(`${headerPart}.${bodyPart}`)
    .digest("base64url");
  if (!safeEqual(signaturePart, expected))
    throw new JwtError("signature", "signature does not match");
  const now = options.nowSec ?? Math.floor(Date.now() / 1000);
  const tolerance = options.clockToleranceSec ?? 0;
  if (typeof payload.exp !== "number" || now > payload.exp + tolerance) {
    throw new JwtError("expired", "token has expired");
  }
  if (typeof payload.nbf === "number" && now + tolerance < payload.nbf) {
    throw new JwtError("not_yet_valid", "token is not valid yet");
  }
  if (options.audience !== undefined && payload.aud !== options.audience) {
    throw new JwtError("audience", "token audience does not match the client id");
  }
  return payload;
}
