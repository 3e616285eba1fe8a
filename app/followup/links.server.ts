/**
 * Signed links in follow-up e-mails: the one-click ratings and the comment page of the
 * "closed" e-mail, and the win-back e-mail's unsubscribe link. Each is an HMAC (app secret,
 * with a purpose prefix so one link can never stand in for another) over the shop, the
 * subject (return or customer) and, for a rating, the rating. No login: the link is the key.
 * A rating link works once per return because the rating is stored under a unique key
 * (ReturnFeedback.returnRequestId), not because the link expires.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/env.server";
import { storefrontLocale } from "~/i18n/storefront";
import { adminApiOrigin } from "~/shopify/stand-in-routing.server";
import { RATINGS } from "~/domain/followup/feedback";
import { APP_PROXY_PATH } from "~/services/storefront-links.server";

export type LinkPurpose = "rating" | "comment" | "unsubscribe";

export function signLink(secret: string, purpose: LinkPurpose, parts: string[]): string {
  return createHmac("sha256", `followup-${purpose}\u0000${secret}`).update(parts.join("\u0000")).digest("base64url");
}

export function verifyLink(secret: string, purpose: LinkPurpose, parts: string[], given: string | null | undefined): boolean {
  if (!given || !/^[A-Za-z0-9_-]{43}$/.test(given)) return false;
  const wanted = Buffer.from(signLink(secret, purpose, parts));
  const actual = Buffer.from(given);
  return wanted.length === actual.length && timingSafeEqual(wanted, actual);
}

/**
 * The storefront the links open on. Synchronous on purpose (the mail path calls it while
 * rendering): https://{shop}.myshopify.com redirects to the primary domain and serves the
 * app proxy there; in demo/test mode the stand-in serves the storefront under /s/{shop}.
 */
export function followupStorefrontBase(shop: string): string {
  const standIn = adminApiOrigin(env());
  return standIn ? `${standIn.replace(/\/+$/, "")}/s/${shop}` : `https://${shop}`;
}

export interface FeedbackLinks {
  rating_links: { rating: number; url: string }[];
  comment_url: string;
}

export function buildFeedbackLinks(secret: string, base: string, input: { shop: string; returnId: string; locale: string }): FeedbackLinks {
  const locale = storefrontLocale(input.locale);
  const path = `${base}${APP_PROXY_PATH}/feedback/${encodeURIComponent(input.returnId)}`;
  return {
    rating_links: RATINGS.map((rating) => ({
      rating,
      url: `${path}?r=${rating}&s=${signLink(secret, "rating", [input.shop, input.returnId, String(rating)])}&locale=${locale}`,
    })),
    comment_url: `${path}?c=${signLink(secret, "comment", [input.shop, input.returnId])}&locale=${locale}`,
  };
}

/** The "closed" e-mail's rating row and comment link (MAIL-INTERFACE.md). */
export function feedbackLinksFor(input: { shop: string; returnId: string; locale: string }): FeedbackLinks {
  return buildFeedbackLinks(env().SHOPIFY_API_SECRET, followupStorefrontBase(input.shop), input);
}

/** The customer's numeric id: what goes in the unsubscribe path. */
export const customerLegacyId = (gid: string) => gid.replace(/^gid:\/\/shopify\/Customer\//, "");

export function buildUnsubscribeUrl(secret: string, base: string, input: { shop: string; customerId: string; locale: string }): string {
  const id = customerLegacyId(input.customerId);
  return `${base}${APP_PROXY_PATH}/unsubscribe/${id}?s=${signLink(secret, "unsubscribe", [input.shop, id])}&locale=${storefrontLocale(input.locale)}`;
}
