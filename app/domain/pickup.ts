/**
 * Home pickup: where the carrier collects the parcel and the shopper's preferred date window.
 * Pure: today's date (in the shop's time zone) is an argument.
 */
import { addDays, compareDates, daysBetween, isIsoDate, type IsoDate } from "./dates";

/** The window starts tomorrow at the earliest, ends at most this many days after it starts. */
export const PICKUP_WINDOW_MAX_DAYS = 14;
/** How far ahead a shopper may ask for a pickup. */
export const PICKUP_LEAD_MAX_DAYS = 30;

export interface PickupRequest {
  addressLines: string[];
  dateFrom: IsoDate;
  dateTo: IsoDate;
}

export type PickupProblem = "ADDRESS_REQUIRED" | "DATES_INVALID" | "DATES_TOO_SOON" | "DATES_TOO_LATE" | "WINDOW_TOO_LONG";

/**
 * The pickup a return stores: the shopper's address, or the order's shipping address when
 * they gave none; the window as given, checked against today.
 */
export function resolvePickup(
  given: { addressLines?: string[] | null; dateFrom: string; dateTo: string } | null | undefined,
  orderAddressLines: string[] | undefined,
  today: IsoDate,
): { ok: true; pickup: PickupRequest } | { ok: false; problem: PickupProblem } {
  const typed = (given?.addressLines ?? []).map((l) => l.trim()).filter(Boolean);
  const addressLines = typed.length ? typed : (orderAddressLines ?? []).filter(Boolean);
  if (addressLines.length === 0) return { ok: false, problem: "ADDRESS_REQUIRED" };
  if (!given || !isIsoDate(given.dateFrom) || !isIsoDate(given.dateTo) || compareDates(given.dateFrom, given.dateTo) > 0) {
    return { ok: false, problem: "DATES_INVALID" };
  }
  if (compareDates(given.dateFrom, addDays(today, 1)) < 0) return { ok: false, problem: "DATES_TOO_SOON" };
  if (compareDates(given.dateFrom, addDays(today, PICKUP_LEAD_MAX_DAYS)) > 0) return { ok: false, problem: "DATES_TOO_LATE" };
  if (daysBetween(given.dateFrom, given.dateTo) >= PICKUP_WINDOW_MAX_DAYS) return { ok: false, problem: "WINDOW_TOO_LONG" };
  return { ok: true, pickup: { addressLines, dateFrom: given.dateFrom, dateTo: given.dateTo } };
}

/** The pickup a saved return carries (address stored as JSON lines), or null for other methods. */
export function storedPickup(ret: { method: string; pickupAddress: string | null; pickupDateFrom: string | null; pickupDateTo: string | null }): {
  addressLines: string[];
  dateFrom: string | null;
  dateTo: string | null;
} | null {
  if (ret.method !== "HOME_PICKUP" || (!ret.pickupAddress && !ret.pickupDateFrom)) return null;
  let addressLines: string[] = [];
  try {
    const parsed: unknown = JSON.parse(ret.pickupAddress ?? "[]");
    if (Array.isArray(parsed)) addressLines = parsed.filter((l): l is string => typeof l === "string");
  } catch {
    // A damaged value shows as no address rather than breaking a page.
  }
  return { addressLines, dateFrom: ret.pickupDateFrom, dateTo: ret.pickupDateTo };
}
