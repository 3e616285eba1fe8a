import { describe, expect, it } from "vitest";
import { resolvePickup } from "./pickup";

const TODAY = "2026-11-20";
const ORDER_ADDRESS = ["Astrid Lindqvist", "Storgatan 1", "111 22 Stockholm", "Sweden"];

describe("home pickup", () => {
  it("GIVEN no address typed WHEN a window is chosen THEN the order's shipping address is used", () => {
    expect(resolvePickup({ addressLines: [], dateFrom: "2026-11-23", dateTo: "2026-11-25" }, ORDER_ADDRESS, TODAY)).toEqual({
      ok: true,
      pickup: { addressLines: ORDER_ADDRESS, dateFrom: "2026-11-23", dateTo: "2026-11-25" },
    });
  });

  it("GIVEN a typed address THEN it wins over the order's", () => {
    const r = resolvePickup({ addressLines: [" Kontoret ", "Vasagatan 7", ""], dateFrom: "2026-11-21", dateTo: "2026-11-21" }, ORDER_ADDRESS, TODAY);
    expect(r.ok && r.pickup.addressLines).toEqual(["Kontoret", "Vasagatan 7"]);
  });

  it("GIVEN bad windows THEN each is refused with its reason", () => {
    const at = (dateFrom: string, dateTo: string) => resolvePickup({ dateFrom, dateTo }, ORDER_ADDRESS, TODAY);
    expect(at("2026-11-20", "2026-11-22")).toEqual({ ok: false, problem: "DATES_TOO_SOON" });
    expect(at("2026-11-25", "2026-11-24")).toEqual({ ok: false, problem: "DATES_INVALID" });
    expect(at("2026-02-30", "2026-03-01")).toEqual({ ok: false, problem: "DATES_INVALID" });
    expect(at("2026-11-21", "2026-12-05")).toEqual({ ok: false, problem: "WINDOW_TOO_LONG" });
    expect(at("2026-11-21", "2026-12-04").ok).toBe(true);
    expect(at("2026-12-21", "2026-12-22")).toEqual({ ok: false, problem: "DATES_TOO_LATE" });
    expect(resolvePickup(null, ORDER_ADDRESS, TODAY)).toEqual({ ok: false, problem: "DATES_INVALID" });
  });

  it("GIVEN neither a typed nor an order address THEN an address is asked for", () => {
    expect(resolvePickup({ dateFrom: "2026-11-21", dateTo: "2026-11-22" }, undefined, TODAY)).toEqual({ ok: false, problem: "ADDRESS_REQUIRED" });
  });
});
