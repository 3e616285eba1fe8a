import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  addDays,
  addDaysToInstant,
  compareDates,
  DateError,
  daysBetween,
  isIsoDate,
  isWeekend,
  isWithin,
  localDate,
} from "./dates";

describe("localDate", () => {
  it.each([
    // 23:30 UTC on 31 March is already 1 April in Stockholm (CEST, UTC+2).
    { instant: "2026-03-31T23:30:00Z", tz: "Europe/Stockholm", expected: "2026-04-01" },
    { instant: "2026-03-31T23:30:00Z", tz: "UTC", expected: "2026-03-31" },
    { instant: "2026-01-01T04:00:00Z", tz: "America/New_York", expected: "2025-12-31" },
    { instant: "2026-06-15T21:59:59Z", tz: "Europe/Helsinki", expected: "2026-06-16" },
    { instant: "2026-10-25T00:30:00+02:00", tz: "Europe/Amsterdam", expected: "2026-10-25" },
  ])("GIVEN $instant WHEN seen in $tz THEN the date is $expected", ({ instant, tz, expected }) => {
    expect(localDate(instant, tz)).toBe(expected);
  });

  it("GIVEN an unknown zone WHEN used THEN it throws a DateError", () => {
    expect(() => localDate("2026-01-01T00:00:00Z", "Mars/Olympus")).toThrow(DateError);
  });

  it("GIVEN a malformed timestamp WHEN used THEN it throws instead of yielding NaN", () => {
    expect(() => localDate("yesterday")).toThrow(DateError);
  });
});

describe("calendar arithmetic", () => {
  it.each([
    { date: "2026-02-27", days: 2, expected: "2026-03-01" },
    { date: "2028-02-28", days: 1, expected: "2028-02-29" },
    { date: "2026-12-31", days: 1, expected: "2027-01-01" },
    { date: "2026-03-29", days: 1, expected: "2026-03-30" }, // DST change in the EU
    { date: "2026-03-10", days: -10, expected: "2026-02-28" },
  ])("GIVEN $date WHEN adding $days days THEN $expected", ({ date, days, expected }) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    { date: "2026-03-06", days: 1, expected: "2026-03-09" }, // Fri → Mon
    { date: "2026-03-07", days: 1, expected: "2026-03-09" }, // Sat → Mon
    { date: "2026-03-07", days: 0, expected: "2026-03-07" },
    { date: "2026-03-02", days: 5, expected: "2026-03-09" }, // Mon → next Mon
    { date: "2026-03-02", days: 10, expected: "2026-03-16" },
    { date: "2026-03-05", days: 3, expected: "2026-03-10" }, // Thu → Tue
  ])("GIVEN $date WHEN adding $days business days THEN $expected", ({ date, days, expected }) => {
    expect(addBusinessDays(date, days)).toBe(expected);
  });

  it("GIVEN any date and n WHEN adding n business days THEN the result is not a weekend (n>0) and lies within n..n+ceil(n/5)*2+2 calendar days", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        (offset, n) => {
          const start = addDays("2026-01-01", offset);
          const end = addBusinessDays(start, n);
          expect(isWeekend(end)).toBe(false);
          const span = daysBetween(start, end);
          expect(span).toBeGreaterThanOrEqual(n);
          expect(span).toBeLessThanOrEqual(n + Math.ceil(n / 5) * 2 + 2);
        },
      ),
    );
  });

  it.each(["2026-02-30", "2026-13-01", "26-01-01", "2026-1-1", ""])(
    "GIVEN %j WHEN checked THEN it is not a date",
    (s) => {
      expect(isIsoDate(s)).toBe(false);
      if (s !== "") expect(() => addDays(s, 1)).toThrow(DateError);
    },
  );

  it("GIVEN dates WHEN compared THEN order and inclusion hold at both ends", () => {
    expect(compareDates("2026-01-01", "2026-01-02")).toBe(-1);
    expect(compareDates("2026-01-02", "2026-01-02")).toBe(0);
    expect(isWithin("2026-12-01", "2026-11-20", "2026-12-01")).toBe(true);
    expect(isWithin("2026-11-20", "2026-11-20", "2026-12-01")).toBe(true);
    expect(isWithin("2026-12-02", "2026-11-20", "2026-12-01")).toBe(false);
    expect(daysBetween("2026-03-04", "2026-04-03")).toBe(30);
  });

  it("GIVEN an instant WHEN adding 365 days THEN the time of day is kept", () => {
    expect(addDaysToInstant("2026-03-10T08:15:00Z", 365)).toBe("2027-03-10T08:15:00.000Z");
  });
});
