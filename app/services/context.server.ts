/**
 * What every returns use case runs with: the database, the shop, an Admin API client bound
 * to the shop's offline session, and a clock. Routes, webhooks and jobs build it with
 * contextForShop(); tests build it directly (their own database, the stand-in, a fixed clock).
 */
import { json } from "@remix-run/node";
import type { Db } from "~/db.server";
import type { AdminClient } from "~/shopify/client.server";
import { ShopifyApiError, ShopifyHttpError, ShopifyUserErrors } from "~/shopify/errors";
import { interpolate, type AdminLocale } from "~/i18n/admin-locale";
import { ERRORS_CATALOG, type ErrorKey, type ShopifyStepKey } from "~/i18n/catalogs/errors";

export interface ShopRef {
  id: string;
  domain: string;
  timezone: string | null;
  rmaPrefix: string;
}

export interface ReturnsContext {
  db: Db;
  admin: AdminClient;
  shop: ShopRef;
  now: () => Date;
}

export type ReturnsErrorCode =
  | "NOT_FOUND"
  | "INVALID_STATE"
  | "NOT_ELIGIBLE"
  | "INVALID_INPUT"
  | "IN_PROGRESS"
  | "NEEDS_ATTENTION"
  | "SHOPIFY_REJECTED"
  | "SHOPIFY_UNAVAILABLE";

const STATUS: Record<ReturnsErrorCode, number> = {
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  NOT_ELIGIBLE: 422,
  INVALID_INPUT: 422,
  IN_PROGRESS: 409,
  NEEDS_ATTENTION: 409,
  SHOPIFY_REJECTED: 422,
  SHOPIFY_UNAVAILABLE: 503,
};

/** A value of an error message: plain, another catalog message (a status, a Shopify step), or a list of them. */
export type ErrorValue = string | number | { key: ErrorKey } | readonly { key: ErrorKey }[];
export type ErrorValues = Readonly<Record<string, ErrorValue>>;
/** What a ReturnsError says: a key of app/i18n/catalogs/errors.ts, with its values. */
export type ErrorText = ErrorKey | { key: ErrorKey; values?: ErrorValues };

/** `text` worded in `locale` (a list value is joined with "; "). */
export function wordError(text: ErrorText, locale: AdminLocale): string {
  const { key, values } = typeof text === "string" ? { key: text, values: undefined } : text;
  const messages = ERRORS_CATALOG[locale];
  const word = (k: ErrorKey) => messages[k] ?? ERRORS_CATALOG.en[k];
  const filled = values
    ? Object.fromEntries(
        Object.entries(values).map(([name, v]) => [
          name,
          Array.isArray(v) ? v.map((x: { key: ErrorKey }) => word(x.key)).join("; ") : typeof v === "object" ? word((v as { key: ErrorKey }).key) : (v as string | number),
        ]),
      )
    : undefined;
  return interpolate(word(key), filled);
}

/**
 * A use case refused or could not finish; the text is for the person who acted. It carries a
 * catalog key and values, so each door words it for its reader: the admin routes in the staff
 * member's language (`messageIn`), the storefront by its own codes (storefront-error.server.ts).
 * `message` is the English text, for logs and tests.
 */
export class ReturnsError extends Error {
  readonly status: number;
  readonly text: { key: ErrorKey; values?: ErrorValues };
  constructor(
    readonly code: ReturnsErrorCode,
    text: ErrorText,
    readonly details?: unknown,
  ) {
    super(wordError(text, "en"));
    this.name = "ReturnsError";
    this.status = STATUS[code];
    this.text = typeof text === "string" ? { key: text } : text;
  }

  get key(): ErrorKey {
    return this.text.key;
  }

  /** The message in the staff member's language. */
  messageIn(locale: AdminLocale): string {
    return wordError(this.text, locale);
  }

  /** What a route sends back, worded in `locale`. */
  toResponse(locale: AdminLocale = "en"): Response {
    return json({ ok: false, error: { code: this.code, key: this.key, message: this.messageIn(locale), details: this.details } }, { status: this.status });
  }
}

/** Maps a gateway failure to a ReturnsError a person can act on; `what` names the step that failed. */
export function fromShopifyError(error: unknown, what: ShopifyStepKey): ReturnsError {
  if (error instanceof ReturnsError) return error;
  if (error instanceof ShopifyUserErrors) {
    return new ReturnsError("SHOPIFY_REJECTED", { key: "shopify.rejected", values: { what: { key: what }, detail: error.message } }, error.userErrors);
  }
  if (error instanceof ShopifyHttpError && (error.status === 401 || error.status === 403)) {
    return new ReturnsError("SHOPIFY_UNAVAILABLE", { key: "shopify.noAccess", values: { what: { key: what } } });
  }
  if (error instanceof ShopifyApiError) {
    return new ReturnsError("SHOPIFY_UNAVAILABLE", { key: "shopify.noAnswer", values: { what: { key: what } } });
  }
  throw error;
}
