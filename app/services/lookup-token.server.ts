/**
 * Proof that a storefront visitor passed the order lookup: an HMAC over shop, order and
 * (for logged-in shoppers) customer, valid for 30 minutes. The return-creation endpoint
 * requires it, so an order id alone never lets anyone file a return.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const LOOKUP_TOKEN_TTL_MS = 30 * 60_000;

function sign(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

export function issueLookupToken(secret: string, shop: string, orderId: string, now: Date): string {
  const expires = now.getTime() + LOOKUP_TOKEN_TTL_MS;
  return `${expires}.${sign(secret, `${shop}|${orderId}|${expires}`)}`;
}

export function verifyLookupToken(secret: string, token: string, shop: string, orderId: string, now: Date): boolean {
  const [expiresText, signature] = token.split(".");
  const expires = Number(expiresText);
  if (!Number.isSafeInteger(expires) || !signature || expires < now.getTime()) return false;
  const expected = Buffer.from(sign(secret, `${shop}|${orderId}|${expires}`));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
