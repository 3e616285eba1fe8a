/**
 * What a shopper is told when the storefront API refuses: a code, a message in their
 * language, and only details that came from our own checks (never Shopify's internal
 * userErrors text, which names fields and ids a shopper cannot act on).
 */
import { json } from "@remix-run/node";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import { ReturnsError } from "./context.server";

export class StorefrontError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  toResponse(): Response {
    return json(
      { ok: false, error: { code: this.code, message: this.message, details: this.details } },
      { status: this.status, headers: { "Cache-Control": "no-store" } },
    );
  }
}

/**
 * A use-case failure as the shopper sees it. Refusals from our own rules keep their
 * details (which line, which reason code); anything about Shopify becomes "try again".
 */
export function storefrontErrorFrom(error: ReturnsError, locale: StorefrontLocale): StorefrontError {
  switch (error.code) {
    case "NOT_ELIGIBLE":
      return new StorefrontError("NOT_ELIGIBLE", 422, storefrontMessage(locale, "NOT_ELIGIBLE"), error.details);
    case "INVALID_INPUT": {
      // Photos and pickup details get their own words; the details say which line or field.
      const code = (error.details as { code?: unknown } | undefined)?.code;
      const key =
        code === "PHOTO_REQUIRED" || code === "PHOTO_INVALID" || code === "GIFT_NO_REFUND" ? code : typeof code === "string" && code.startsWith("PICKUP_") ? "PICKUP_INVALID" : "INVALID_INPUT";
      return new StorefrontError(key === "PICKUP_INVALID" ? code as string : key, 422, storefrontMessage(locale, key), error.details);
    }
    case "SHOPIFY_REJECTED":
      // Shopify refused a write; its userErrors stay in our logs and the admin, not here.
      return new StorefrontError("NOT_ELIGIBLE", 422, storefrontMessage(locale, "NOT_ELIGIBLE"));
    case "NOT_FOUND":
      return new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(locale, "ORDER_NOT_FOUND"));
    case "SHOPIFY_UNAVAILABLE":
      return new StorefrontError("SHOPIFY_UNAVAILABLE", 503, storefrontMessage(locale, "SHOPIFY_UNAVAILABLE"));
    default:
      return new StorefrontError(error.code, error.status, storefrontMessage(locale, "SHOPIFY_UNAVAILABLE"));
  }
}
