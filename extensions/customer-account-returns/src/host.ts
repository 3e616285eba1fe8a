/**
 * The `shopify` global the customer-account host gives every target, typed once for the three
 * targets (each gets the standard API plus its own: orderId, close, returnId). Read lazily so
 * unit tests and the demo host can install a fake before rendering.
 */
import type { Api as ActionApi } from "@shopify/ui-extensions/customer-account.order.action.render";

export type HostApi = Omit<ActionApi, "close" | "orderId"> & { close?: () => void; orderId?: string; returnId?: string };

export const host = (): HostApi => (globalThis as unknown as { shopify: HostApi }).shopify;

export const t = (key: string, values?: Record<string, string | number>): string => String(host().i18n.translate(key, values));

/** The shopper's language as the extension supports it (falls back to en.default.json). */
export const locale = (): string => host().localization.extensionLanguage.value.isoCode;

export const formatDay = (isoDay: string): string => host().i18n.formatDate(new Date(`${isoDay}T12:00:00Z`), { dateStyle: "medium" });
