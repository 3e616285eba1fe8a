/**
 * Calendar arithmetic for return windows, deadlines and refund ETAs.
 *
 * The domain speaks in calendar dates ("YYYY-MM-DD", type IsoDate) in the shop's time
 * zone: a shopper reads "return by 14 March" as "through 14 March where the shop is",
 * so a window is open through the whole deadline day in that zone. Instants (ISO 8601
 * timestamps from Shopify) are turned into local dates once, with `localDate`, and all
 * further arithmetic is on dates, which has no daylight-saving traps. The time zone is
 * always an argument (IANA name); nothing here reads the clock.
 */

/** A calendar date "YYYY-MM-DD" (no time, no zone). */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export class DateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DateError";
  }
}

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function toUtcMidnight(date: IsoDate): number {
  if (!isIsoDate(date)) throw new DateError(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtcMidnight(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses an ISO 8601 instant; throws on garbage instead of producing NaN dates. */
export function parseInstant(instant: string | Date): Date {
  const d = instant instanceof Date ? new Date(instant.getTime()) : new Date(instant);
  if (Number.isNaN(d.getTime()))
    throw new DateError(`"${String(instant)}" is not a valid timestamp.`);
  return d;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-CA", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    } catch {
      throw new DateError(`"${timeZone}" is not a known IANA time zone.`);
    }
    formatterCache.set(timeZone, f);
  }
  return f;
}

/** The calendar date of an instant as seen in `timeZone` (IANA, e.g. "Europe/Stockholm"). */
export function localDate(instant: string | Date, timeZone = "UTC"): IsoDate {
  const parts = formatterFor(timeZone).formatToParts(parseInstant(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new DateError(`Days must be a whole number, got ${days}.`);
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/**
 * Adds business days (Monday–Friday). Public holidays are not skipped: they differ per
 * country and bank, and an ETA range already carries that slack. Adding 0 returns the
 * date unchanged, even on a weekend.
 */
export function addBusinessDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days) || days < 0) {
    throw new DateError(`Business days must be a non-negative whole number, got ${days}.`);
  }
  let current = date;
  let left = days;
  while (left > 0) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left -= 1;
  }
  return current;
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / DAY_MS);
}

export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const d = toUtcMidnight(a) - toUtcMidnight(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

/** True when `date` lies in [from, to], both ends included. */
export function isWithin(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return compareDates(date, from) >= 0 && compareDates(date, to) <= 0;
}

/** Adds whole days to an instant, keeping the time of day in UTC (for expiresAt). */
export function addDaysToInstant(instant: string | Date, days: number): string {
  if (!Number.isInteger(days)) throw new DateError(`Days must be a whole number, got ${days}.`);
  return new Date(parseInstant(instant).getTime() + days * DAY_MS).toISOString();
}
