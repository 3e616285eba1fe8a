/**
 * What every returns use case runs with: the database, the shop, an Admin API client bound
 * to the shop's offline session, and a clock. Routes, webhooks and jobs build it with
 * contextForShop(); tests build it directly (their own database, the stand-in, a fixed clock).
 */
import { json } from "@remix-run/node";
import type { Db } from "~/db.server";
import type { AdminClient } from "~/shopify/client.server";
import { ShopifyApiError, ShopifyHttpError, ShopifyUserErrors } from "~/shopify/errors";

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

/** A use case refused or could not finish; the message is for the person who acted. */
export class ReturnsError extends Error {
  readonly status: number;
  constructor(
    readonly code: ReturnsErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ReturnsError";
    this.status = STATUS[code];
  }

  /** What a route sends back. */
  toResponse(): Response {
    return json({ ok: false, error: { code: this.code, message: this.message, details: this.details } }, { status: this.status });
  }
}

/** Maps a gateway failure to a ReturnsError a person can act on. */
export function fromShopifyError(error: unknown, what: string): ReturnsError {
  if (error instanceof ReturnsError) return error;
  if (error instanceof ShopifyUserErrors) {
    return new ReturnsError("SHOPIFY_REJECTED", `Shopify refused to ${what}: ${error.message}`, error.userErrors);
  }
  if (error instanceof ShopifyHttpError && (error.status === 401 || error.status === 403)) {
    return new ReturnsError(
      "SHOPIFY_UNAVAILABLE",
      `The app's access to the shop is missing or was revoked while trying to ${what}. Open the app from the Shopify admin to reconnect it.`,
    );
  }
  if (error instanceof ShopifyApiError) {
    return new ReturnsError(
      "SHOPIFY_UNAVAILABLE",
      `Shopify did not answer while trying to ${what}. Nothing was lost; try again in a moment.`,
    );
  }
  throw error;
}
