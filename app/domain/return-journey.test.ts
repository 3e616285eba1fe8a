import { describe, expect, it } from "vitest";
import { guideSteps, journeySteps, nextStepKey, outcomeKind, outcomeKinds, productKinds, slipUseful, type JourneyReturn } from "./return-journey";

const at = (d: string) => new Date(`${d}T10:00:00Z`);
const base: JourneyReturn = {
  status: "REQUESTED",
  method: "DROP_OFF",
  requestedAt: at("2026-11-01"),
  approvedAt: null,
  inTransitAt: null,
  receivedAt: null,
  inspectedAt: null,
  processedAt: null,
  closedAt: null,
  declinedAt: null,
  canceledAt: null,
};

describe("outcomeKind", () => {
  it("GIVEN any exchange line THEN the outcome is EXCHANGE; refund beats store credit; store credit alone is STORE_CREDIT", () => {
    expect(outcomeKind([{ resolution: "REFUND" }, { resolution: "EXCHANGE" }])).toBe("EXCHANGE");
    expect(outcomeKind([{ resolution: "STORE_CREDIT" }, { resolution: "REFUND" }])).toBe("REFUND");
    expect(outcomeKind([{ resolution: "STORE_CREDIT" }])).toBe("STORE_CREDIT");
  });

  it("GIVEN mixed lines THEN outcomeKinds lists each outcome once, exchange before refund before store credit", () => {
    expect(outcomeKinds([{ resolution: "STORE_CREDIT" }, { resolution: "REFUND" }, { resolution: "EXCHANGE" }, { resolution: "REFUND" }])).toEqual(["EXCHANGE", "REFUND", "STORE_CREDIT"]);
    expect(outcomeKinds([{ resolution: "REFUND" }])).toEqual(["REFUND"]);
    expect(outcomeKinds([])).toEqual(["REFUND"]);
  });
});

describe("journeySteps", () => {
  it("GIVEN a drop-off return in transit THEN steps up to IN_TRANSIT are done with their dates and IN_TRANSIT is current", () => {
    const steps = journeySteps({ ...base, status: "IN_TRANSIT", approvedAt: at("2026-11-02"), inTransitAt: at("2026-11-03") });
    expect(steps.map((s) => s.status)).toEqual(["REQUESTED", "APPROVED", "IN_TRANSIT", "RECEIVED", "PROCESSED", "CLOSED"]);
    expect(steps.filter((s) => s.done).map((s) => s.status)).toEqual(["REQUESTED", "APPROVED", "IN_TRANSIT"]);
    expect(steps.find((s) => s.current)?.status).toBe("IN_TRANSIT");
    expect(steps[2].at).toEqual(at("2026-11-03"));
    expect(steps[3].at).toBeNull();
  });

  it("GIVEN keep-the-item and in-store returns THEN nothing travels: no in-transit step, and no receipt for kept items", () => {
    expect(journeySteps({ ...base, method: "KEEP_ITEM" }).map((s) => s.status)).toEqual(["REQUESTED", "APPROVED", "PROCESSED", "CLOSED"]);
    expect(journeySteps({ ...base, method: "IN_STORE" }).map((s) => s.status)).toEqual(["REQUESTED", "APPROVED", "RECEIVED", "PROCESSED", "CLOSED"]);
  });

  it("GIVEN an inspected return THEN the received step is current and carries the receipt date", () => {
    const steps = journeySteps({ ...base, status: "INSPECTED", approvedAt: at("2026-11-02"), inTransitAt: at("2026-11-03"), receivedAt: at("2026-11-05"), inspectedAt: at("2026-11-06") });
    expect(steps.find((s) => s.current)).toMatchObject({ status: "RECEIVED", at: at("2026-11-05") });
  });

  it("GIVEN a declined return THEN only the request and the decline are shown", () => {
    const steps = journeySteps({ ...base, status: "DECLINED", declinedAt: at("2026-11-02") });
    expect(steps).toEqual([
      { status: "REQUESTED", at: at("2026-11-01"), done: true, current: false },
      { status: "DECLINED", at: at("2026-11-02"), done: true, current: true },
    ]);
  });
});

describe("next step and slip", () => {
  it("GIVEN each status THEN the next step follows the method, and nothing is next once processed", () => {
    expect(nextStepKey("REQUESTED", "DROP_OFF")).toBe("NEXT_REQUESTED");
    expect(nextStepKey("APPROVED", "HOME_PICKUP")).toBe("NEXT_APPROVED_HOME_PICKUP");
    expect(nextStepKey("APPROVED", "IN_STORE")).toBe("NEXT_APPROVED_IN_STORE");
    expect(nextStepKey("INSPECTED", "DROP_OFF")).toBe("NEXT_RECEIVED");
    expect(nextStepKey("PROCESSED", "DROP_OFF")).toBeNull();
  });

  it("GIVEN the parcel has arrived, or nothing is sent THEN the slip is no longer offered", () => {
    expect(slipUseful("APPROVED", "DROP_OFF")).toBe(true);
    expect(slipUseful("RECEIVED", "DROP_OFF")).toBe(false);
    expect(slipUseful("APPROVED", "KEEP_ITEM")).toBe(false);
  });
});

describe("guide", () => {
  it("GIVEN furniture by type or weight THEN the furniture steps come before the packing steps end", () => {
    expect(productKinds([{ productType: "Furniture" }], null)).toEqual(["FURNITURE"]);
    expect(productKinds([{ productType: "Möbler" }], null)).toEqual(["FURNITURE"]);
    expect(productKinds([{ productType: "Kitchen", grams: 6000 }], 5000)).toEqual(["FURNITURE"]);
    expect(productKinds([{ productType: "Knitwear", grams: 450 }], 5000)).toEqual([]);
    expect(guideSteps("DROP_OFF", ["FURNITURE"])).toEqual([
      "GUIDE_PACK",
      "GUIDE_FURNITURE_DISASSEMBLE",
      "GUIDE_FURNITURE_PROTECT",
      "GUIDE_SLIP_INSIDE",
      "GUIDE_SEAL",
      "GUIDE_DROP_OFF_LABEL",
      "GUIDE_DROP_OFF",
    ]);
    expect(guideSteps("KEEP_ITEM")).toEqual(["GUIDE_KEEP"]);
    expect(guideSteps("IN_STORE")).toEqual(["GUIDE_IN_STORE", "GUIDE_IN_STORE_STAFF"]);
  });
});
