/**
 * App Bridge session tokens (id tokens) as the Shopify admin mints them for an embedded app:
 * HS256 with the app secret, valid for 60 s. Used by the admin frame and by tests.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { signJwtHs256, verifyJwtHs256, type JwtPayload } from "./crypto";

export interface SessionTokenClaims extends JwtPayload {
  iss: string;
  dest: string;
  aud: string;
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  sid: string;
}

export interface MintSessionTokenOptions {
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** Staff user id (the `sub` claim). Defaults to DEFAULT_STAFF_USER_ID. */
  userId?: string | number;
  /** Seconds since epoch; defaults to now. */
  nowSec?: number;
  ttlSec?: number;
}

/** The single staff member of every stand-in shop unless a test passes another id. */
export const DEFAULT_STAFF_USER_ID = "1";

export function mintSessionToken(options: MintSessionTokenOptions): string {
  const now = options.nowSec ?? Math.floor(Date.now() / 1000);
  const claims: SessionTokenClaims = {
    iss: `https://${options.shop}/admin`,
    dest: `https://${options.shop}`,
    aud: options.apiKey,
    sub: String(options.userId ?? DEFAULT_STAFF_USER_ID),
    exp: now + (options.ttlSec ?? 60),
    nbf: now,
    iat: now,
    jti: randomUUID(),
    sid: randomBytes(16).toString("hex"),
  };
  return signJwtHs256(claims, options.apiSecret);
}

/** Verifies a session token the way Shopify's token endpoint does; returns the claims and the shop. */
export function verifySessionToken(
  token: string,
  options: { apiKey: string; apiSecret: string; nowSec?: number },
): { claims: SessionTokenClaims; shop: string } {
  const claims = verifyJwtHs256(token, options.apiSecret, {
    audience: options.apiKey,
    nowSec: options.nowSec,
  }) as SessionTokenClaims;
  const shop = shopFromDest(claims.dest);
  if (!shop) throw new Error("session token has no valid dest claim");
  if (typeof claims.iss === "string" && claims.iss !== `https://${shop}/admin`) {
    throw new Error("session token iss does not match dest");
  }
  return { claims, shop };
}

function shopFromDest(dest: unknown): string | null {
  if (typeof dest !== "string") return null;
  try {
    const url = new URL(dest);
    return url.protocol === "https:" && url.hostname ? url.hostname : null;
  } catch {
    return null;
  }
}
