/**
 * Admin strings and display formatting in one place. Money and dates are formatted on the
 * server (loaders send display strings), so the server render and the browser never format
 * differently and hydration stays clean. The formatters take the staff member's admin
 * locale (app/services/admin-locale.server.ts). Page words live in the per-area catalogs in
 * app/i18n/catalogs/ (see admin-locale.ts); the English tables below remain for the inbox's
 * labels and the receiving station.
 */
import { formatMoney } from "~/domain/money";
import type { AdminLocale } from "./admin-locale";
import { INBOX_CATALOG, type InboxKey } from "./catalogs/inbox";

export const ADMIN_LOCALE: AdminLocale = "en";

export const STATUS_LABEL: Readonly<Record<string, string>> = {
  REQUESTED: "Requested",
  APPROVED: "Approved",
  DECLINED: "Declined",
  IN_TRANSIT: "In transit",
  RECEIVED: "Received",
  INSPECTED: "Inspected",
  PROCESSED: "Processed",
  CLOSED: "Closed",
  CANCELED: "Canceled",
};

/** Short, so all eight tabs fit; TAB_DESCRIPTION says what a tab holds (screen readers, tooltips). */
export const TAB_LABEL = {
  all: "All",
  attention: "Needs attention",
  requested: "Requested",
  open: "Approved",
  received: "Received",
  processed: "Processed",
  closed: "Closed",
  declined: "Declined",
} as const;

export const TAB_DESCRIPTION: Readonly<Record<keyof typeof TAB_LABEL, string>> = {
  all: "All returns",
  attention: "Returns that need attention",
  requested: "Requested, waiting for approval",
  open: "Approved or in transit",
  received: "Received or inspected, waiting for the refund",
  processed: "Processed (refunded or exchanged)",
  closed: "Closed",
  declined: "Declined or canceled",
};

export const RESOLUTION_LABEL: Readonly<Record<string, string>> = {
  REFUND: "Refund",
  STORE_CREDIT: "Store credit",
  EXCHANGE: "Exchange",
};

export const DECLINE_REASONS = ["FINAL_SALE", "RETURN_PERIOD_ENDED", "OTHER"] as const;
export const DECLINE_REASON_LABEL: Readonly<Record<string, string>> = {
  FINAL_SALE: "Final sale item",
  RETURN_PERIOD_ENDED: "Return period ended",
  OTHER: "Other reason",
};

export const CONDITION_GRADES = ["NEW", "GOOD", "DAMAGED", "UNSELLABLE"] as const;
export const CONDITION_LABEL: Readonly<Record<string, string>> = {
  NEW: "New (as sold)",
  GOOD: "Good (signs of use)",
  DAMAGED: "Damaged",
  UNSELLABLE: "Unsellable",
};

export const DISPOSITIONS = ["RESTOCKED", "NOT_RESTOCKED", "PROCESSING_REQUIRED", "MISSING"] as const;
export const DISPOSITION_LABEL: Readonly<Record<string, string>> = {
  RESTOCKED: "Restock",
  NOT_RESTOCKED: "Don't restock",
  PROCESSING_REQUIRED: "Needs processing",
  MISSING: "Missing from parcel",
};

export function humanize(value: string): string {
  const text = value.replace(/[_-]+/g, " ").trim().toLowerCase();
  return text ? text[0].toUpperCase() + text.slice(1) : value;
}

/** A message of the inbox catalog in `locale`; undefined when the key is not there (English keeps its tables above). */
function inboxMessage(locale: AdminLocale, key: string): string | undefined {
  if (locale === "en") return undefined;
  return (INBOX_CATALOG[locale] as Readonly<Record<string, string>>)[key as InboxKey];
}

/** A status's label; English unless the staff member's locale is given (the inbox passes it). */
export function statusLabel(status: string, locale: AdminLocale = ADMIN_LOCALE): string {
  return inboxMessage(locale, `status.${status}`) ?? STATUS_LABEL[status] ?? humanize(status);
}

export function resolutionLabel(resolution: string, locale: AdminLocale = ADMIN_LOCALE): string {
  return inboxMessage(locale, `resolution.${resolution}`) ?? RESOLUTION_LABEL[resolution] ?? humanize(resolution);
}

export type InboxTabKey = keyof typeof TAB_LABEL;

export function tabLabel(tab: InboxTabKey, locale: AdminLocale = ADMIN_LOCALE): string {
  return inboxMessage(locale, `tab.${tab}`) ?? TAB_LABEL[tab];
}

export function tabDescription(tab: InboxTabKey, locale: AdminLocale = ADMIN_LOCALE): string {
  return inboxMessage(locale, `tabDescription.${tab}`) ?? TAB_DESCRIPTION[tab];
}

export function declineReasonLabel(reason: string, locale: AdminLocale = ADMIN_LOCALE): string {
  return inboxMessage(locale, `declineReason.${reason}`) ?? DECLINE_REASON_LABEL[reason] ?? humanize(reason);
}

/** Money in the return's own currency; never throws (an unknown code is shown as-is). */
export function formatAdminMoney(amount: number, currency: string, locale: string = ADMIN_LOCALE): string {
  try {
    return formatMoney({ amount, currency }, locale);
  } catch {
    return `${amount} ${currency}`;
  }
}

function safeTimeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat(ADMIN_LOCALE, { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/** "Mar 1, 2026" in the shop's time zone. */
export function formatAdminDate(iso: string, timeZone?: string | null, locale: string = ADMIN_LOCALE): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: safeTimeZone(timeZone) }).format(new Date(iso));
}

/** "Mar 1, 2026, 2:05 PM" in the shop's time zone. */
export function formatAdminDateTime(iso: string, timeZone?: string | null, locale: string = ADMIN_LOCALE): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: safeTimeZone(timeZone) }).format(new Date(iso));
}

/** "Mar 4 – Mar 11, 2026" */
export function formatAdminDateRange(fromIso: string, toIso: string, timeZone?: string | null, locale: string = ADMIN_LOCALE): string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: safeTimeZone(timeZone) });
  return format.formatRange(new Date(fromIso), new Date(toIso));
}

/** Tab badge text: the count, or "1,000+" when the count stopped at its cap. */
export function formatCount(count: { count: number; capped: boolean }, locale: string = ADMIN_LOCALE): string {
  const n = new Intl.NumberFormat(locale).format(count.count);
  return count.capped ? `${n}+` : n;
}

/** A URL we can put in an href: http(s) only (tracking data also arrives from Shopify). */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
