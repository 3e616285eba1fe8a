/**
 * Proof that a storefront visitor passed the order lookup. The return-creation endpoint
 * requires it, so an order id alone never lets anyone file a return.
 *
 * The token is an HMAC (app secret) over: shop, order, WHO looked up (the signed
 * logged_in_customer_id, or "guest"), expiry and a random nonce. So it is
 *  - single-order: the order id is signed in;
 *  - bound to the shopper: a token looked up as a guest, or as customer A, is refused when
 *    presented by customer B (or by a logged-in customer for a guest token, and back);
 *  - short-lived: LOOKUP_TOKEN_TTL_MS;
 *  - single-use for filing: the nonce is claimed in LookupTokenUse when a return is filed
 *    (storefront-guard.server.ts), so the same token cannot file twice.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const LOOKUP_TOKEN_TTL_MS = 20 * 60_000;
const VERSION = "v2";

/** "guest", the numeric customer id, or "gift" (a gift's recipient: order number + postcode), as signed into the token. */
export type LookupSubject = string;
export const lookupSubject = (customerLegacyId: string | null): LookupSubject => customerLegacyId ?? "guest";
/** A recipient's token files only gift returns and sees no buyer details, whoever is signed in. */
export const GIFT_SUBJECT: LookupSubject = "gift";

/** The subject a token claims (unverified: verifyLookupToken checks it against the signature). */
export function claimedSubject(token: string): LookupSubject | null {
  return token.split(".")[2] ?? null;
}

function sign(secret: string, parts: string[]): string {
  return createHmac("sha256", `lookup-token\u0000${secret}`).update(parts.join("\u0000")).digest("base64url");
}

export interface LookupTokenClaims {
  shop: string;
  orderId: string;
  subject: LookupSubject;
}

export function issueLookupToken(secret: string, claims: LookupTokenClaims, now: Date): string {
  const expires = String(now.getTime() + LOOKUP_TOKEN_TTL_MS);
  const nonce = randomBytes(16).toString("base64url");
  const signature = sign(secret, [VERSION, claims.shop, claims.orderId, claims.subject, expires, nonce]);
  return [VERSION, expires, claims.subject, nonce, signature].join(".");
}

export type LookupTokenCheck =
  | { ok: true; nonceHash: string; expiresAt: Date }
  | { ok: false; reason: "MALFORMED" | "BAD_SIGNATURE" | "EXPIRED" | "OTHER_SHOPPER" };

/** Checks a token against the request it comes with: same shop, order and shopper, not expired. */
export function verifyLookupToken(secret: string, token: string, expected: LookupTokenClaims, now: Date): LookupTokenCheck {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: "MALFORMED" };
  const [, expiresText, subject, nonce, signature] = parts as [string, string, string, string, string];
  const expires = Number(expiresText);
  if (!/^\d{1,16}$/.test(expiresText) || !Number.isSafeInteger(expires) || !/^(guest|gift|\d{1,20})$/.test(subject) || !nonce) {
    return { ok: false, reason: "MALFORMED" };
  }
  const wanted = Buffer.from(sign(secret, [VERSION, expected.shop, expected.orderId, subject, expiresText, nonce]));
  const given = Buffer.from(signature);
  if (wanted.length !== given.length || !timingSafeEqual(wanted, given)) return { ok: false, reason: "BAD_SIGNATURE" };
  if (expires <= now.getTime()) return { ok: false, reason: "EXPIRED" };
  // Genuine, but looked up by someone else than who presents it now.
  if (subject !== expected.subject) return { ok: false, reason: "OTHER_SHOPPER" };
  return { ok: true, nonceHash: createHash("sha256").update(nonce).digest("hex"), expiresAt: new Date(expires) };
}
