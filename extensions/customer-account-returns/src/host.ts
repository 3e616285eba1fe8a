/**
 * The `shopify` global the customer-account host gives every target, typed once for the four
 * targets (each gets the standard API plus its own: orderId and close in the order action
 * targets, the `order` signal on Order status, returnId in return details). Read lazily so
 * unit tests and the demo host can install a fake before rendering.
 */
import type { Api as ActionApi } from "@shopify/ui-extensions/customer-account.order.action.render";

export type HostApi = Omit<ActionApi, "close" | "orderId"> & {
  close?: () => void;
  orderId?: string;
  returnId?: string;
  order?: { readonly value: { id: string } | undefined; subscribe(fn: (order: { id: string } | undefined) => void): () => void };
};

export const host = (): HostApi => (globalThis as unknown as { shopify: HostApi }).shopify;

export const t = (key: string, values?: Record<string, string | number>): string => String(host().i18n.translate(key, values));

/** The shopper's language as the extension supports it (falls back to en.default.json). */
export const locale = (): string => host().localization.extensionLanguage.value.isoCode;

/** A shop-calendar day ("2026-12-14") in the shopper's locale; "long" reads well inside a sentence. */
export const formatDay = (isoDay: string, dateStyle: "medium" | "long" = "medium"): string =>
  host().i18n.formatDate(new Date(`${isoDay}T12:00:00Z`), { dateStyle });
