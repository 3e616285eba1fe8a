import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvRow, customRange, minorToNumber, percentile, presetRange, previousPeriod, rangeFromParams, RangeError, startOfLocalDay, toInstants } from "./index";

describe("analytics date ranges in the shop's time zone", () => {
  it("starts a Stockholm day at its local midnight, also on DST days (23 and 25 hours)", () => {
    expect(startOfLocalDay("2026-01-15", "Europe/Stockholm").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfLocalDay("2026-07-15", "Europe/Stockholm").toISOString()).toBe("2026-07-14T22:00:00.000Z");
    const spring = toInstants({ preset: "custom", from: "2026-03-29", to: "2026-03-29" }, "Europe/Stockholm");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = toInstants({ preset: "custom", from: "2026-10-25", to: "2026-10-25" }, "Europe/Stockholm");
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
  });

  it("presets count days as the shop sees them, and the previous period is as long and just before", () => {
    // 23:30 UTC on Nov 20 is already Nov 21 in Stockholm.
    const now = new Date("2026-11-20T23:30:00Z");
    expect(presetRange("today", now, "Europe/Stockholm")).toEqual({ preset: "today", from: "2026-11-21", to: "2026-11-21" });
    expect(presetRange("last90", now, "Europe/Stockholm")).toMatchObject({ from: "2026-08-24", to: "2026-11-21" });
    expect(presetRange("lastMonth", now, "Europe/Stockholm")).toMatchObject({ from: "2026-10-01", to: "2026-10-31" });
    expect(previousPeriod({ preset: "custom", from: "2026-10-01", to: "2026-10-31" })).toMatchObject({ from: "2026-08-31", to: "2026-09-30" });
  });

  it("refuses malformed, reversed and over-long custom ranges with a message; unknown presets fall back", () => {
    expect(() => customRange("2026-13-01", "2026-12-01")).toThrow(RangeError);
    expect(() => customRange("2026-05-02", "2026-05-01")).toThrow(/on or before/);
    expect(() => customRange("2024-01-01", "2026-01-01")).toThrow(/at most 366/);
    expect(rangeFromParams(new URLSearchParams("range=bogus"), new Date("2026-11-20T12:00:00Z"), "UTC")).toMatchObject({ preset: "last30" });
  });
});

describe("percentile (nearest rank)", () => {
  it("is the smallest value with p % at or below it", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 90)).toBe(9);
  });
});

describe("CSV for spreadsheets", () => {
  it("quotes separators, doubles quotes, neutralises formulas and writes plain numbers", () => {
    expect(csvCell('Sweater, "wool"')).toBe('"Sweater, ""wool"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(1234.5)).toBe("1234.5");
    expect(csvCell(null)).toBe("");
    expect(csvRow(["a", 1, true])).toBe("a,1,true\r\n");
    expect(CSV_BOM).toBe("\uFEFF");
    expect(minorToNumber(123456, 2)).toBe(1234.56);
    expect(minorToNumber(500, 0)).toBe(500);
  });
});
