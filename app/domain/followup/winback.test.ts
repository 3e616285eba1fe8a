import { describe, expect, it } from "vitest";
import { DEFAULT_WINBACK_SETTINGS, decideWinback, WinbackSettingsSchema, winbackCode, winbackPeriodKey, type WinbackFacts, type WinbackReturnFact } from "./winback";
import { parseComment, parseRating, summarizeRatings } from "./feedback";

const DAY = 86_400_000;
const NOW = new Date("2026-11-20T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);
const refund = (over: Partial<WinbackReturnFact> = {}): WinbackReturnFact => ({
  returnId: "r1",
  refundedAt: daysAgo(15),
  refundAmount: 5000,
  storeCreditAmount: 0,
  exchangeAmount: 0,
  resolutions: ["REFUND"],
  status: "CLOSED",
  ...over,
});
const facts = (over: Partial<WinbackFacts> = {}): WinbackFacts => ({
  now: NOW,
  settings: { ...DEFAULT_WINBACK_SETTINGS, enabled: true },
  returns: [refund()],
  orderDates: [daysAgo(40)],
  lastOfferAt: null,
  consent: "SUBSCRIBED",
  unsubscribed: false,
  hasEmail: true,
  ...over,
});

describe("win-back eligibility", () => {
  it("GIVEN a refund 15 days ago, no reorder, consent THEN eligible, with the period key", () => {
    expect(decideWinback(facts())).toEqual({ eligible: true, returnId: "r1", refundedAt: daysAgo(15), periodKey: winbackPeriodKey(NOW, 180) });
  });
  it("GIVEN the offer is switched off THEN nobody gets one", () => {
    expect(decideWinback(facts({ settings: DEFAULT_WINBACK_SETTINGS }))).toEqual({ eligible: false, reason: "DISABLED" });
  });
  it("GIVEN the refund is younger than the merchant's delay THEN too early; at exactly the delay THEN eligible", () => {
    expect(decideWinback(facts({ returns: [refund({ refundedAt: daysAgo(13.9) })] }))).toMatchObject({ reason: "TOO_EARLY" });
    expect(decideWinback(facts({ returns: [refund({ refundedAt: daysAgo(14) })] }))).toMatchObject({ eligible: true });
    expect(decideWinback(facts({ settings: { ...DEFAULT_WINBACK_SETTINGS, enabled: true, delayDays: 30 } }))).toMatchObject({ reason: "TOO_EARLY" });
  });
  it("GIVEN no refunded return (only open, declined or canceled ones) THEN not refunded", () => {
    expect(decideWinback(facts({ returns: [refund({ refundedAt: null })] }))).toMatchObject({ reason: "NOT_REFUNDED" });
    expect(decideWinback(facts({ returns: [refund({ status: "CANCELED" })] }))).toMatchObject({ reason: "NOT_REFUNDED" });
    expect(decideWinback(facts({ returns: [refund({ refundAmount: 0 })] }))).toMatchObject({ reason: "NOT_REFUNDED" });
  });
  it("GIVEN an order placed after the refund THEN ordered again; an order before it does not count", () => {
    expect(decideWinback(facts({ orderDates: [daysAgo(40), daysAgo(3)] }))).toMatchObject({ reason: "ORDERED_AGAIN" });
    expect(decideWinback(facts({ orderDates: [daysAgo(16)] }))).toMatchObject({ eligible: true });
  });
  it("GIVEN the customer took store credit or an exchange (on this or another return in the period) THEN excluded", () => {
    expect(decideWinback(facts({ returns: [refund({ resolutions: ["REFUND", "EXCHANGE"] })] }))).toMatchObject({ reason: "EXCHANGED_OR_CREDIT" });
    expect(decideWinback(facts({ returns: [refund(), refund({ returnId: "r2", refundAmount: 0, storeCreditAmount: 3000, resolutions: ["STORE_CREDIT"], refundedAt: daysAgo(20) })] }))).toMatchObject({ reason: "EXCHANGED_OR_CREDIT" });
    // An exchange still in progress (no refund date) counts too.
    expect(decideWinback(facts({ returns: [refund(), refund({ returnId: "r3", refundedAt: null, refundAmount: 0, exchangeAmount: 100, resolutions: ["EXCHANGE"], status: "RECEIVED" })] }))).toMatchObject({ reason: "EXCHANGED_OR_CREDIT" });
    // A store credit long before the period does not.
    expect(decideWinback(facts({ returns: [refund(), refund({ returnId: "r4", storeCreditAmount: 100, resolutions: ["STORE_CREDIT"], refundedAt: daysAgo(400) })] }))).toMatchObject({ eligible: true });
  });
  it("GIVEN an offer within the period THEN at most one; after the period THEN again", () => {
    expect(decideWinback(facts({ lastOfferAt: daysAgo(100) }))).toMatchObject({ reason: "ALREADY_OFFERED" });
    expect(decideWinback(facts({ lastOfferAt: daysAgo(181) }))).toMatchObject({ eligible: true });
  });
  it("GIVEN no marketing consent, an unsubscribe here, or no e-mail THEN no offer", () => {
    expect(decideWinback(facts({ consent: "NOT_SUBSCRIBED" }))).toMatchObject({ reason: "NO_CONSENT" });
    expect(decideWinback(facts({ unsubscribed: true }))).toMatchObject({ reason: "UNSUBSCRIBED" });
    expect(decideWinback(facts({ hasEmail: false }))).toMatchObject({ reason: "NO_EMAIL" });
    // Not asked yet: the pre-check passes, the service asks Shopify before sending.
    expect(decideWinback(facts({ consent: null, hasEmail: null }))).toMatchObject({ eligible: true });
  });
  it("GIVEN the same offer THEN the same code; codes have no look-alike letters", () => {
    const d = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
    expect(winbackCode("BACK", d)).toBe(winbackCode("BACK", d));
    expect(winbackCode("BACK", d)).toMatch(/^BACK-[A-HJ-NP-Z2-9]{10}$/);
  });
  it("GIVEN settings THEN the schema refuses a fixed offer without an amount and out-of-range numbers", () => {
    expect(WinbackSettingsSchema.safeParse(DEFAULT_WINBACK_SETTINGS).success).toBe(true);
    expect(WinbackSettingsSchema.safeParse({ ...DEFAULT_WINBACK_SETTINGS, valueType: "FIXED_AMOUNT" }).success).toBe(false);
    expect(WinbackSettingsSchema.safeParse({ ...DEFAULT_WINBACK_SETTINGS, percentage: 0 }).success).toBe(false);
    expect(WinbackSettingsSchema.safeParse({ ...DEFAULT_WINBACK_SETTINGS, delayDays: 0 }).success).toBe(false);
  });
});

describe("feedback rules", () => {
  it("GIVEN rating input THEN only 1..5", () => {
    expect(["1", "5", 3].map(parseRating)).toEqual([1, 5, 3]);
    expect(["0", "6", "2.5", "", null, "1e0"].map(parseRating)).toEqual([null, null, null, null, null, null]);
  });
  it("GIVEN a comment THEN trimmed, empty is null, too long refused", () => {
    expect(parseComment("  ok \r\n")).toEqual({ ok: true, comment: "ok" });
    expect(parseComment("   ")).toEqual({ ok: true, comment: null });
    expect(parseComment("x".repeat(2001))).toEqual({ ok: false, error: "TOO_LONG" });
  });
  it("GIVEN ratings THEN average to one decimal and distribution", () => {
    expect(summarizeRatings([5, 4, 4, 1])).toEqual({ count: 4, average: 3.5, distribution: { 1: 1, 2: 0, 3: 0, 4: 2, 5: 1 } });
    expect(summarizeRatings([])).toMatchObject({ count: 0, average: null });
  });
});
