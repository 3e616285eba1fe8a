/**
 * Who a customer-account request is from: the claims of its verified session token checked
 * for this app, a shop and a signed-in customer (customer-account-request.server.ts verifies
 * the signature through the library, then calls customerFromTokenClaims).
 */
import type { StorefrontLocale } from "~/i18n/storefront";

/** The signed-in customer, as the verified session token names them. */
export interface CustomerAccountShopper {
  shop: string;
  /** gid://shopify/Customer/<id> (the token's `sub`). */
  customerId: string;
  customerLegacyId: string;
  locale: StorefrontLocale;
}

const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d{1,20})$/;
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export class CustomerAccountTokenError extends Error {
  constructor(readonly reason: string) {
    super(`Customer-account session token rejected: ${reason}`);
  }
}

/**
 * Checks the claims the library leaves to us (it verifies the signature, exp and nbf but not
 * the audience for extension tokens): the token is for this app, names a shop and a signed-in
 * customer. Shopify documents `dest` as the bare shop domain; an https:// form is accepted too.
 */
export function customerFromTokenClaims(
  claims: Record<string, unknown>,
  apiKey: string,
): { shop: string; customerId: string; customerLegacyId: string } {
  if (claims.aud !== apiKey) throw new CustomerAccountTokenError("aud is not this app");
  const dest = typeof claims.dest === "string" ? claims.dest.replace(/^https:\/\//, "").replace(/\/+$/, "").toLowerCase() : "";
  if (!SHOP_DOMAIN.test(dest)) throw new CustomerAccountTokenError("dest is not a shop");
  const match = typeof claims.sub === "string" ? CUSTOMER_GID.exec(claims.sub) : null;
  if (!match) throw new CustomerAccountTokenError("no signed-in customer (sub)");
  return { shop: dest, customerId: claims.sub as string, customerLegacyId: match[1] };
}
