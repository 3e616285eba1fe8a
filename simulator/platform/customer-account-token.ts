/**
 * Customer-account session tokens, as Shopify mints them for a customer account UI extension
 * (`shopify.sessionToken.get()`): HS256 with the app secret; `dest` the bare shop domain,
 * `aud` the app's client id, `sub` the signed-in customer's gid, valid for 5 minutes, plus
 * `iat`/`nbf`/`jti` (shopify.dev, customer-account-ui-extensions Session Token API, "Session
 * token claims"). No `iss` and no `sid`, unlike admin session tokens.
 */
import { randomUUID } from "node:crypto";
import { signJwtHs256 } from "./crypto";

export const CUSTOMER_ACCOUNT_TOKEN_TTL_SEC = 5 * 60;

export interface MintCustomerAccountTokenOptions {
  shop: string;
  apiKey: string;
  apiSecret: string;
  /** gid://shopify/Customer/<id>; omit for a token without a signed-in customer. */
  customerId?: string | null;
  nowSec?: number;
  ttlSec?: number;
}

export function mintCustomerAccountSessionToken(options: MintCustomerAccountTokenOptions): string {
  const now = options.nowSec ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    dest: options.shop,
    aud: options.apiKey,
    exp: now + (options.ttlSec ?? CUSTOMER_ACCOUNT_TOKEN_TTL_SEC),
    nbf: now,
    iat: now,
    jti: randomUUID(),
  };
  if (options.customerId) claims.sub = options.customerId;
  return signJwtHs256(claims, options.apiSecret);
}
