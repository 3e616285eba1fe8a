/**
 * Win-back rules, pure: which refunded customers get an offer, when, and what the offer is.
 * Time, settings and facts are arguments; the service (app/followup/winback.server.ts)
 * loads them from the database and Shopify and acts on the verdict.
 */
import { z } from "zod";

const DAY_MS = 86_400_000;

export const WinbackSettingsSchema = z
  .object({
    enabled: z.boolean(),
    valueType: z.enum(["PERCENTAGE", "FIXED_AMOUNT"]),
    percentage: z.number().int("Whole percent, e.g. 15.").min(1, "At least 1 %.").max(100, "At most 100 %."),
    /** Minor units of the shop currency. */
    fixedAmount: z.number().int().min(0, "The amount cannot be negative."),
    /** Minor units of the shop currency; 0 = no minimum. */
    minimumOrderAmount: z.number().int().min(0, "The minimum order cannot be negative."),
    validityDays: z.number().int().min(1, "The code must be valid at least 1 day.").max(365, "At most 365 days."),
    delayDays: z.number().int().min(1, "Send at least 1 day after the refund.").max(180, "At most 180 days after the refund."),
    periodDays: z.number().int().min(7, "At least 7 days between offers.").max(730, "At most 730 days."),
  })
  .refine((s) => s.valueType !== "FIXED_AMOUNT" || s.fixedAmount > 0, {
    message: "Enter the amount of the offer.",
    path: ["fixedAmount"],
  });

export type WinbackSettings = z.infer<typeof WinbackSettingsSchema>;

export const DEFAULT_WINBACK_SETTINGS: WinbackSettings = Object.freeze({
  enabled: false,
  valueType: "PERCENTAGE",
  percentage: 15,
  fixedAmount: 0,
  minimumOrderAmount: 0,
  validityDays: 30,
  delayDays: 14,
  periodDays: 180,
}) as WinbackSettings;

/** One of the customer's returns, as far as win-back cares. */
export interface WinbackReturnFact {
  returnId: string;
  /** When the money went back (null: not refunded). */
  refundedAt: Date | null;
  refundAmount: number;
  storeCreditAmount: number;
  exchangeAmount: number;
  /** Resolutions of its lines: REFUND | STORE_CREDIT | EXCHANGE. */
  resolutions: string[];
  /** Canceled or declined returns count for nothing. */
  status: string;
}

export type WinbackSkipReason =
  | "DISABLED"
  | "NOT_REFUNDED"
  | "TOO_EARLY"
  | "EXCHANGED_OR_CREDIT"
  | "ORDERED_AGAIN"
  | "ALREADY_OFFERED"
  | "NO_CONSENT"
  | "UNSUBSCRIBED"
  | "NO_EMAIL";

export type WinbackVerdict =
  | { eligible: true; returnId: string; refundedAt: Date; periodKey: string }
  | { eligible: false; reason: WinbackSkipReason };

export interface WinbackFacts {
  now: Date;
  settings: WinbackSettings;
  /** The customer's returns (any age; the rules pick). */
  returns: WinbackReturnFact[];
  /** createdAt of orders the customer placed, as known (webhook records and/or Shopify). */
  orderDates: Date[];
  /** When this customer was last offered a win-back (any status but SKIPPED), if ever. */
  lastOfferAt: Date | null;
  /** null = not checked yet (the service asks Shopify last, only when everything else passes). */
  consent: "SUBSCRIBED" | "NOT_SUBSCRIBED" | null;
  unsubscribed: boolean;
  hasEmail: boolean | null;
}

const ACTIVE = (r: WinbackReturnFact) => r.status !== "CANCELED" && r.status !== "DECLINED";
const tookCreditOrExchange = (r: WinbackReturnFact) =>
  r.storeCreditAmount > 0 || r.exchangeAmount > 0 || r.resolutions.some((x) => x === "STORE_CREDIT" || x === "EXCHANGE");

/**
 * The period an offer counts against: fixed windows of `periodDays` since the epoch. The
 * key names the database row that is the claim, so two scans agree on it; "at most one per
 * period" is also checked against the last offer's date (lastOfferAt), so a window edge
 * cannot give two offers a few days apart.
 */
export function winbackPeriodKey(now: Date, periodDays: number): string {
  return `p${periodDays}-${Math.floor(now.getTime() / (periodDays * DAY_MS))}`;
}

/**
 * Decides for one customer. The trigger is their latest refund: an offer goes out once
 * `delayDays` have passed since it, if they did not order after it, never took store credit
 * or an exchange on a return in the same period, were not offered within `periodDays`, and
 * accepted e-mail marketing (and did not unsubscribe here).
 */
export function decideWinback(f: WinbackFacts): WinbackVerdict {
  const { settings, now } = f;
  if (!settings.enabled) return { eligible: false, reason: "DISABLED" };
  const active = f.returns.filter(ACTIVE);
  const refunded = active
    .filter((r) => r.refundedAt !== null && r.refundAmount > 0)
    .sort((a, b) => b.refundedAt!.getTime() - a.refundedAt!.getTime());
  const latest = refunded[0];
  if (!latest) return { eligible: false, reason: "NOT_REFUNDED" };
  const refundedAt = latest.refundedAt!;
  if (now.getTime() - refundedAt.getTime() < settings.delayDays * DAY_MS) return { eligible: false, reason: "TOO_EARLY" };
  const periodStart = now.getTime() - settings.periodDays * DAY_MS;
  if (active.some((r) => tookCreditOrExchange(r) && (r.refundedAt ?? now).getTime() >= periodStart)) {
    return { eligible: false, reason: "EXCHANGED_OR_CREDIT" };
  }
  if (f.orderDates.some((d) => d.getTime() > refundedAt.getTime())) return { eligible: false, reason: "ORDERED_AGAIN" };
  if (f.lastOfferAt && f.lastOfferAt.getTime() > periodStart) return { eligible: false, reason: "ALREADY_OFFERED" };
  if (f.unsubscribed) return { eligible: false, reason: "UNSUBSCRIBED" };
  if (f.hasEmail === false) return { eligible: false, reason: "NO_EMAIL" };
  if (f.consent !== null && f.consent !== "SUBSCRIBED") return { eligible: false, reason: "NO_CONSENT" };
  return { eligible: true, returnId: latest.returnId, refundedAt, periodKey: winbackPeriodKey(now, settings.periodDays) };
}

/** The discount's end: `validityDays` after it starts. */
export function offerEndsAt(startsAt: Date, settings: Pick<WinbackSettings, "validityDays">): Date {
  return new Date(startsAt.getTime() + settings.validityDays * DAY_MS);
}

/** Refunds older than this are not worth a scan: delay + one period. */
export function scanLookbackStart(now: Date, settings: Pick<WinbackSettings, "delayDays" | "periodDays">): Date {
  return new Date(now.getTime() - (settings.delayDays + settings.periodDays) * DAY_MS);
}

/** A code nobody can guess and that is the same every time it is derived for one offer. */
export function winbackCode(prefix: string, digest: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (let i = 0; i < 10; i++) out += alphabet[parseInt(digest.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return `${prefix}-${out}`;
}
