import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, compareDates, dayOfWeek } from "./dates";
import { payoutKey, REFUND_STAGES, refundEta, type RefundEtaInput } from "./refund-eta";
import { makePolicy } from "./testing/fixtures";

// 2026-03-02 is a Monday; default policy: 3 transit days, 3-day inspection SLA, EU on.
const policy = makePolicy();

function eta(over: Partial<RefundEtaInput>) {
  return refundEta({
    stage: "PROCESSED",
    stageEnteredAt: "2026-03-20T10:00:00Z",
    now: "2026-03-20T10:00:00Z",
    policy,
    paymentMethods: ["shopify_payments"],
    ...over,
  });
}

describe("payoutKey", () => {
  it.each([
    ["shopify_payments", "shopify_payments"],
    ["klarna", "klarna"],
    ["Klarna Payments", "klarna"],
    ["paypal", "paypal"],
    ["PayPal Express Checkout", "paypal"],
    ["gift_card", "gift_card"],
    ["store_credit", "store_credit"],
    ["manual", "default"],
    ["bogus", "default"],
  ])("GIVEN gateway %j WHEN looked up THEN it uses the %s payout time", (gateway, key) => {
    expect(payoutKey(gateway)).toBe(key);
  });
});

describe("refundEta — processed refunds by payment method", () => {
  it.each([
    { methods: ["shopify_payments"], from: "2026-03-27", to: "2026-04-03" },
    { methods: ["klarna"], from: "2026-03-25", to: "2026-03-31" },
    { methods: ["paypal"], from: "2026-03-23", to: "2026-03-25" },
    { methods: ["store_credit"], from: "2026-03-20", to: "2026-03-23" },
    { methods: ["gift_card"], from: "2026-03-20", to: "2026-03-23" },
    { methods: ["manual"], from: "2026-03-27", to: "2026-04-03" },
    { methods: [], from: "2026-03-27", to: "2026-04-03" },
    { methods: ["gift_card", "shopify_payments"], from: "2026-03-20", to: "2026-04-03" },
  ])(
    "GIVEN a refund issued Friday 20 March to $methods WHEN estimated THEN $from – $to",
    ({ methods, from, to }) => {
      const result = eta({ paymentMethods: methods });
      expect({ from: result.from, to: result.to }).toEqual({ from, to });
      expect(result.overdue).toBe(false);
    },
  );

  it("GIVEN two methods WHEN estimated THEN each gets its own range", () => {
    expect(eta({ paymentMethods: ["gift_card", "klarna"] }).perMethod).toEqual([
      { method: "gift_card", key: "gift_card", from: "2026-03-20", to: "2026-03-23" },
      { method: "klarna", key: "klarna", from: "2026-03-25", to: "2026-03-31" },
    ]);
  });
});

describe("refundEta — earlier stages", () => {
  it.each<{
    name: string;
    over: Partial<RefundEtaInput>;
    issued: [string, string];
    range: [string, string];
    overdue: boolean;
  }>([
    {
      name: "requested on Friday 6 March",
      over: {
        stage: "REQUESTED",
        stageEnteredAt: "2026-03-06T09:00:00Z",
        now: "2026-03-06T09:00:00Z",
      },
      issued: ["2026-03-07", "2026-03-23"],
      range: ["2026-03-13", "2026-04-06"],
      overdue: false,
    },
    {
      name: "approved Monday 2 March, drop-off",
      over: {
        stage: "APPROVED",
        stageEnteredAt: "2026-03-02T09:00:00Z",
        now: "2026-03-02T09:00:00Z",
        returnMethod: "DROP_OFF",
      },
      issued: ["2026-03-03", "2026-03-13"],
      range: ["2026-03-10", "2026-03-27"],
      overdue: false,
    },
    {
      name: "approved Monday 2 March, in-store (no transit)",
      over: {
        stage: "APPROVED",
        stageEnteredAt: "2026-03-02T09:00:00Z",
        now: "2026-03-02T09:00:00Z",
        returnMethod: "IN_STORE",
      },
      issued: ["2026-03-02", "2026-03-11"],
      range: ["2026-03-09", "2026-03-25"],
      overdue: false,
    },
    {
      name: "approved Monday 2 March, keep the item (to store credit)",
      over: {
        stage: "APPROVED",
        stageEnteredAt: "2026-03-02T09:00:00Z",
        now: "2026-03-02T09:00:00Z",
        returnMethod: "KEEP_ITEM",
        paymentMethods: ["store_credit"],
      },
      issued: ["2026-03-02", "2026-03-02"],
      range: ["2026-03-02", "2026-03-03"],
      overdue: false,
    },
    {
      name: "in transit since Monday 9 March",
      over: {
        stage: "IN_TRANSIT",
        stageEnteredAt: "2026-03-09T09:00:00Z",
        now: "2026-03-09T09:00:00Z",
      },
      issued: ["2026-03-10", "2026-03-17"],
      range: ["2026-03-17", "2026-03-31"],
      overdue: false,
    },
    {
      name: "received Monday 16 March",
      over: {
        stage: "RECEIVED",
        stageEnteredAt: "2026-03-16T09:00:00Z",
        now: "2026-03-16T09:00:00Z",
      },
      issued: ["2026-03-16", "2026-03-19"],
      range: ["2026-03-23", "2026-04-02"],
      overdue: false,
    },
    {
      name: "received 16 March and still not refunded on 25 March",
      over: {
        stage: "RECEIVED",
        stageEnteredAt: "2026-03-16T09:00:00Z",
        now: "2026-03-25T09:00:00Z",
      },
      issued: ["2026-03-25", "2026-03-25"],
      range: ["2026-04-01", "2026-04-08"],
      overdue: true,
    },
    {
      name: "inspected Wednesday 18 March",
      over: {
        stage: "INSPECTED",
        stageEnteredAt: "2026-03-18T09:00:00Z",
        now: "2026-03-18T09:00:00Z",
      },
      issued: ["2026-03-18", "2026-03-19"],
      range: ["2026-03-25", "2026-04-02"],
      overdue: false,
    },
    {
      name: "processed just before midnight UTC, already Friday in Stockholm",
      over: {
        stageEnteredAt: "2026-03-19T23:30:00Z",
        now: "2026-03-19T23:30:00Z",
        timeZone: "Europe/Stockholm",
      },
      issued: ["2026-03-20", "2026-03-20"],
      range: ["2026-03-27", "2026-04-03"],
      overdue: false,
    },
  ])(
    "GIVEN $name WHEN estimated THEN issued $issued and money back $range",
    ({ over, issued, range, overdue }) => {
      const result = eta(over);
      expect([result.issued.from, result.issued.to]).toEqual(issued);
      expect([result.from, result.to]).toEqual(range);
      expect(result.overdue).toBe(overdue);
    },
  );

  it("GIVEN a longer inspection SLA WHEN received THEN the latest date moves with it", () => {
    const slow = makePolicy({ inspectionSlaDays: 10 });
    const result = eta({
      stage: "RECEIVED",
      stageEnteredAt: "2026-03-16T09:00:00Z",
      now: "2026-03-16T09:00:00Z",
      policy: slow,
    });
    expect(result.issued.to).toBe("2026-03-30");
  });
});

describe("refundEta — EU refund deadline", () => {
  it.each([
    {
      name: "a request whose latest issue date misses the deadline",
      over: {
        stage: "REQUESTED" as const,
        stageEnteredAt: "2026-03-06T09:00:00Z",
        now: "2026-03-06T09:00:00Z",
        euWithdrawalAt: "2026-03-06T09:00:00Z",
      },
      deadline: "2026-03-20",
      atRisk: true,
    },
    {
      name: "a received return well inside the deadline",
      over: {
        stage: "RECEIVED" as const,
        stageEnteredAt: "2026-03-16T09:00:00Z",
        now: "2026-03-16T09:00:00Z",
        euWithdrawalAt: "2026-03-06T09:00:00Z",
      },
      deadline: "2026-03-20",
      atRisk: false,
    },
    {
      name: "a refund issued on the deadline day",
      over: { stageEnteredAt: "2026-03-20T09:00:00Z", euWithdrawalAt: "2026-03-06T09:00:00Z" },
      deadline: "2026-03-20",
      atRisk: false,
    },
    {
      name: "a refund issued the day after the deadline",
      over: {
        stageEnteredAt: "2026-03-21T09:00:00Z",
        now: "2026-03-21T09:00:00Z",
        euWithdrawalAt: "2026-03-06T09:00:00Z",
      },
      deadline: "2026-03-20",
      atRisk: true,
    },
    {
      name: "EU mode off",
      over: {
        policy: makePolicy({ eu: { enabled: false } }),
        euWithdrawalAt: "2026-03-06T09:00:00Z",
      },
      deadline: null,
      atRisk: false,
    },
    {
      name: "no withdrawal recorded",
      over: { euWithdrawalAt: null },
      deadline: null,
      atRisk: false,
    },
  ])(
    "GIVEN $name WHEN estimated THEN the deadline is $deadline, at risk: $atRisk",
    ({ over, deadline, atRisk }) => {
      const result = eta(over);
      expect(result.euRefundDeadline).toBe(deadline);
      expect(result.deadlineAtRisk).toBe(atRisk);
    },
  );
});

describe("refundEta — invariants", () => {
  it("GIVEN any stage, day and method WHEN estimated THEN from ≤ to, the range is not before the stage, and unfinished work is not in the past", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REFUND_STAGES),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.subarray(["shopify_payments", "klarna", "paypal", "gift_card", "store_credit"]),
        (stage, enteredOffset, elapsed, methods) => {
          const entered = addDays("2026-01-05", enteredOffset);
          const now = addDays(entered, elapsed);
          const result = eta({
            stage,
            stageEnteredAt: `${entered}T12:00:00Z`,
            now: `${now}T12:00:00Z`,
            paymentMethods: methods,
          });
          expect(compareDates(result.from, result.to)).toBeLessThanOrEqual(0);
          expect(compareDates(result.issued.from, result.issued.to)).toBeLessThanOrEqual(0);
          expect(compareDates(result.from, entered)).toBeGreaterThanOrEqual(0);
          if (stage !== "PROCESSED")
            expect(compareDates(result.issued.from, now)).toBeGreaterThanOrEqual(0);
          // Card refunds land on bank days.
          if (methods.length === 1 && methods[0] === "shopify_payments")
            expect([0, 6]).not.toContain(dayOfWeek(result.to));
        },
      ),
    );
  });
});
