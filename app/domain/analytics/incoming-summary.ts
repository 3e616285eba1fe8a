/**
 * The incoming view (approved and in-transit returns by expected arrival day and location)
 * from the summary's groups, with the same rules as expectedArrival / incomingByDay
 * (./aggregate.ts). tests/analytics/recompute.test.ts checks it against the raw rows.
 */
import { addDays, compareDates, type IsoDate } from "../dates";
import { ETA_ASSUMPTIONS } from "../refund-eta";
import type { IncomingRow } from "./aggregate";

/** Approved / in-transit returns grouped by what their expected arrival depends on. */
export interface IncomingGroup {
  status: string;
  method: string;
  approvedDay: IsoDate | null;
  inTransitDay: IsoDate | null;
  locationId: string | null;
  returns: number;
  units: number;
}

/** The incoming view from grouped facts (same rules as expectedArrival / incomingByDay). */
export function incomingFromSummary(
  groups: readonly IncomingGroup[],
  input: { transitDays: number; today: IsoDate; defaultLocationId: string | null },
): IncomingRow[] {
  const rows = new Map<string, IncomingRow>();
  for (const g of groups) {
    if (g.method === "KEEP_ITEM") continue;
    const transit = g.method === "IN_STORE" ? 0 : input.transitDays;
    let day: IsoDate | null = null;
    if (g.status === "IN_TRANSIT" && g.inTransitDay) day = addDays(g.inTransitDay, transit);
    else if ((g.status === "APPROVED" || g.status === "IN_TRANSIT") && g.approvedDay)
      day = addDays(g.approvedDay, ETA_ASSUMPTIONS.shopperDispatchDays.max + transit);
    if (!day) continue;
    const locationId = g.locationId ?? input.defaultLocationId;
    const key = `${day}|${locationId ?? ""}`;
    const row = rows.get(key) ?? {
      day,
      locationId,
      returns: 0,
      units: 0,
      overdue: compareDates(day, input.today) < 0,
    };
    row.returns += g.returns;
    row.units += g.units;
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || (a.locationId ?? "").localeCompare(b.locationId ?? ""),
  );
}
