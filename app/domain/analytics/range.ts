/**
 * Analytics date ranges: whole days in the shop's time zone, turned into the UTC instants
 * the database compares with. `to` is inclusive for people ("Mar 1 – Mar 31") and the
 * instant range is half-open [start, end) so a day is never counted twice.
 */
import { addDays, daysBetween, isIsoDate, localDate, type IsoDate } from "../dates";

export const RANGE_PRESETS = ["today", "last7", "last30", "last90", "thisMonth", "lastMonth", "last365", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** Longest custom range: a year and a day keeps every view's read bounded. */
export const MAX_RANGE_DAYS = 366;

export interface DayRange {
  preset: RangePreset;
  /** First day, inclusive. */
  from: IsoDate;
  /** Last day, inclusive. */
  to: IsoDate;
}

export interface InstantRange {
  start: Date;
  /** Exclusive. */
  end: Date;
}

export class RangeError extends Error {
  /** Which check failed, for wording it in the admin's language (range.* in app/i18n/catalogs/errors.ts). */
  constructor(
    message: string,
    readonly code: "FORMAT" | "ORDER" | "TOO_LONG" = "FORMAT",
  ) {
    super(message);
    this.name = "AnalyticsRangeError";
  }
}

/** The UTC instant at which `date` begins in `timeZone` (handles DST days of 23 or 25 hours). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  // Two passes: the offset at the guess, then at the corrected instant (DST edges).
  let t = guess - offsetMs(timeZone, new Date(guess));
  t = guess - offsetMs(timeZone, new Date(t));
  return new Date(t);
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using it. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function offsetMs(timeZone: string, at: Date): number {
  let wallClock = wallClocks.get(timeZone);
  if (!wallClock) {
    wallClock = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallClocks.set(timeZone, wallClock);
  }
  const parts = wallClock.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** A preset's days, as of `now` in the shop's time zone. */
export function presetRange(preset: Exclude<RangePreset, "custom">, now: Date, timeZone: string): DayRange {
  const today = localDate(now, timeZone);
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case "today":
      return { preset, from: today, to: today };
    case "last7":
      return { preset, from: addDays(today, -6), to: today };
    case "last30":
      return { preset, from: addDays(today, -29), to: today };
    case "last90":
      return { preset, from: addDays(today, -89), to: today };
    case "last365":
      return { preset, from: addDays(today, -364), to: today };
    case "thisMonth":
      return { preset, from: monthStart, to: today };
    case "lastMonth": {
      const lastDay = addDays(monthStart, -1);
      return { preset, from: `${lastDay.slice(0, 7)}-01`, to: lastDay };
    }
  }
}

/** A custom range typed by a person; throws RangeError with a message for them. */
export function customRange(from: string, to: string): DayRange {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new RangeError("Dates must look like 2026-03-01.");
  if (daysBetween(from, to) < 0) throw new RangeError("The start date must be on or before the end date.", "ORDER");
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new RangeError(`A range can be at most ${MAX_RANGE_DAYS} days.`, "TOO_LONG");
  return { preset: "custom", from, to };
}

export function dayCount(range: DayRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** The same number of days just before `range`, for "compared with the previous period". */
export function previousPeriod(range: DayRange): DayRange {
  const days = dayCount(range);
  const to = addDays(range.from, -1);
  return { preset: "custom", from: addDays(to, -(days - 1)), to };
}

export function toInstants(range: DayRange, timeZone: string): InstantRange {
  return { start: startOfLocalDay(range.from, timeZone), end: startOfLocalDay(addDays(range.to, 1), timeZone) };
}

/** Every day of the range, in order (for per-day series). */
export function daysOf(range: DayRange): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = range.from; daysBetween(d, range.to) >= 0; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The range asked for in a URL (`?range=last30`, or `?range=custom&from=…&to=…`). No or an
 * unknown preset → the last 30 days; a malformed custom range throws RangeError (→ 400).
 */
export function rangeFromParams(params: URLSearchParams, now: Date, timeZone: string): DayRange {
  const preset = params.get("range");
  if (preset === "custom") return customRange(params.get("from") ?? "", params.get("to") ?? "");
  const known = RANGE_PRESETS.find((p) => p === preset && p !== "custom") as Exclude<RangePreset, "custom"> | undefined;
  return presetRange(known ?? "last30", now, timeZone);
}

/** The URL parameters of a range (inverse of rangeFromParams). */
export function rangeToParams(range: DayRange): URLSearchParams {
  const params = new URLSearchParams({ range: range.preset });
  if (range.preset === "custom") {
    params.set("from", range.from);
    params.set("to", range.to);
  }
  return params;
}
