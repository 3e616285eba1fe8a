import { describe, expect, it } from "vitest";
import {
  allowedActions,
  expectedFrom,
  inferFromShopify,
  RETURN_ACTIONS,
  RETURN_STATUSES,
  toShopifyStatus,
  transition,
  type FromStatus,
  type ReturnAction,
  type ReturnStatus,
  type ShopifyReturnFacts,
} from "./state-machine";

/**
 * The whole machine written out by hand, independent of TRANSITIONS: rows are the
 * current status (NONE = no return yet), columns the actions, "-" = refused.
 */
const EXPECTED: Record<string, Record<ReturnAction, ReturnStatus | "-">> = {
  NONE: {
    request: "REQUESTED",
    create: "APPROVED",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "-",
    reopen: "-",
  },
  REQUESTED: {
    request: "-",
    create: "-",
    approve: "APPROVED",
    decline: "DECLINED",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "CANCELED",
    reopen: "-",
  },
  APPROVED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "IN_TRANSIT",
    receive: "RECEIVED",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "CANCELED",
    reopen: "-",
  },
  DECLINED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "-",
    reopen: "-",
  },
  IN_TRANSIT: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "RECEIVED",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "CANCELED",
    reopen: "-",
  },
  RECEIVED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "INSPECTED",
    process: "PROCESSED",
    close: "-",
    cancel: "-",
    reopen: "-",
  },
  INSPECTED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "PROCESSED",
    close: "-",
    cancel: "-",
    reopen: "-",
  },
  PROCESSED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "-",
    close: "CLOSED",
    cancel: "-",
    reopen: "-",
  },
  CLOSED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "-",
    reopen: "PROCESSED",
  },
  CANCELED: {
    request: "-",
    create: "-",
    approve: "-",
    decline: "-",
    ship: "-",
    receive: "-",
    inspect: "-",
    process: "-",
    close: "-",
    cancel: "-",
    reopen: "-",
  },
};

const cases = Object.entries(EXPECTED).flatMap(([from, row]) =>
  RETURN_ACTIONS.map((action) => ({ from, action, to: row[action] })),
);

describe("transition — every (status, action) pair", () => {
  it("GIVEN the hand-written table WHEN compared with the statuses THEN it covers every status and action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(["NONE", ...RETURN_STATUSES].sort());
    expect(cases).toHaveLength((RETURN_STATUSES.length + 1) * RETURN_ACTIONS.length);
  });

  it.each(cases)("GIVEN a return $from WHEN $action THEN $to", ({ from, action, to }) => {
    const status: FromStatus = from === "NONE" ? null : (from as ReturnStatus);
    const result = transition(status, action);
    if (to === "-") {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
      expect(allowedActions(status)).not.toContain(action);
      expect(expectedFrom(action)).not.toContain(status);
    } else {
      expect(result).toEqual({ ok: true, from: status, to });
      expect(allowedActions(status)).toContain(action);
      expect(expectedFrom(action)).toContain(status);
    }
  });
});

describe("transition — refusals explain themselves", () => {
  it.each([
    {
      status: "DECLINED" as const,
      action: "approve" as const,
      code: "TERMINAL",
      text: /declined and can't change/,
    },
    {
      status: "CANCELED" as const,
      action: "reopen" as const,
      code: "TERMINAL",
      text: /canceled and can't change/,
    },
    {
      status: "PROCESSED" as const,
      action: "process" as const,
      code: "NOT_ALLOWED",
      text: /processed can't be processed; only a return that is received or inspected can/,
    },
    {
      status: "RECEIVED" as const,
      action: "cancel" as const,
      code: "NOT_ALLOWED",
      text: /only a return that is requested or approved or in transit can/,
    },
    {
      status: "APPROVED" as const,
      action: "request" as const,
      code: "ALREADY_EXISTS",
      text: /already exists/,
    },
    { status: null, action: "approve" as const, code: "NOT_FOUND", text: /no return to approve/ },
  ])(
    "GIVEN $status WHEN $action THEN it is refused with $code",
    ({ status, action, code, text }) => {
      const result = transition(status, action);
      expect(result).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.reason).toMatch(text);
    },
  );
});

describe("transition — reopen target", () => {
  it.each([
    { anyProcessed: undefined, to: "PROCESSED" },
    { anyProcessed: true, to: "PROCESSED" },
    { anyProcessed: false, to: "APPROVED" },
  ])(
    "GIVEN a closed return with anyProcessed=$anyProcessed WHEN reopened THEN it is $to",
    ({ anyProcessed, to }) => {
      expect(transition("CLOSED", "reopen", { anyProcessed })).toEqual({
        ok: true,
        from: "CLOSED",
        to,
      });
    },
  );
});

describe("allowedActions and expectedFrom", () => {
  it.each([
    { status: null, actions: ["request", "create"] },
    { status: "REQUESTED" as const, actions: ["approve", "decline", "cancel"] },
    { status: "APPROVED" as const, actions: ["ship", "receive", "cancel"] },
    { status: "RECEIVED" as const, actions: ["inspect", "process"] },
    { status: "DECLINED" as const, actions: [] },
    { status: "CANCELED" as const, actions: [] },
  ])("GIVEN $status WHEN listing actions THEN $actions", ({ status, actions }) => {
    expect(allowedActions(status)).toEqual(actions);
  });

  it.each([
    { action: "process" as const, from: ["RECEIVED", "INSPECTED"] },
    { action: "cancel" as const, from: ["REQUESTED", "APPROVED", "IN_TRANSIT"] },
    { action: "receive" as const, from: ["APPROVED", "IN_TRANSIT"] },
    { action: "request" as const, from: [null] },
  ])(
    "GIVEN $action WHEN building the conditional update THEN it expects $from",
    ({ action, from }) => {
      expect(expectedFrom(action)).toEqual(from);
    },
  );
});

describe("toShopifyStatus", () => {
  it.each([
    ["REQUESTED", "REQUESTED"],
    ["APPROVED", "OPEN"],
    ["IN_TRANSIT", "OPEN"],
    ["RECEIVED", "OPEN"],
    ["INSPECTED", "OPEN"],
    ["PROCESSED", "OPEN"],
    ["DECLINED", "DECLINED"],
    ["CANCELED", "CANCELED"],
    ["CLOSED", "CLOSED"],
  ] as const)("GIVEN app status %s WHEN mapped THEN Shopify shows %s", (status, shopify) => {
    expect(toShopifyStatus(status)).toBe(shopify);
  });

  it("GIVEN any allowed transition WHEN mapped to Shopify THEN the Shopify status never moves backwards except by reopen", () => {
    const order = { REQUESTED: 0, OPEN: 1, DECLINED: 2, CANCELED: 2, CLOSED: 2 } as const;
    for (const status of RETURN_STATUSES) {
      for (const action of allowedActions(status)) {
        const result = transition(status, action);
        if (!result.ok || action === "reopen") continue;
        expect(order[toShopifyStatus(result.to)]).toBeGreaterThanOrEqual(
          order[toShopifyStatus(status)],
        );
      }
    }
  });
});

describe("inferFromShopify", () => {
  const open = {
    status: "OPEN" as const,
    hasReverseDeliveryWithTracking: false,
    allDisposed: false,
    anyProcessed: false,
  };
  it.each<{
    name: string;
    facts: ShopifyReturnFacts;
    status: ReturnStatus;
    source: "SHOPIFY" | "LOCAL";
    conflict?: boolean;
  }>([
    {
      name: "requested in Shopify",
      facts: { ...open, status: "REQUESTED" },
      status: "REQUESTED",
      source: "SHOPIFY",
    },
    {
      name: "declined in Shopify's admin",
      facts: { ...open, status: "DECLINED", current: "REQUESTED" },
      status: "DECLINED",
      source: "SHOPIFY",
    },
    {
      name: "canceled in Shopify's admin",
      facts: { ...open, status: "CANCELED", current: "APPROVED" },
      status: "CANCELED",
      source: "SHOPIFY",
    },
    {
      name: "closed and already closed locally",
      facts: { ...open, status: "CLOSED", current: "CLOSED" },
      status: "CLOSED",
      source: "LOCAL",
    },
    { name: "open with nothing else", facts: open, status: "APPROVED", source: "SHOPIFY" },
    {
      name: "open with tracking",
      facts: { ...open, hasReverseDeliveryWithTracking: true },
      status: "IN_TRANSIT",
      source: "SHOPIFY",
    },
    {
      name: "open and all disposed",
      facts: { ...open, hasReverseDeliveryWithTracking: true, allDisposed: true },
      status: "RECEIVED",
      source: "SHOPIFY",
    },
    {
      name: "open and processed in Shopify's admin",
      facts: { ...open, anyProcessed: true, current: "RECEIVED" },
      status: "PROCESSED",
      source: "SHOPIFY",
    },
    {
      name: "approved in Shopify's admin while requested locally",
      facts: { ...open, current: "REQUESTED" },
      status: "APPROVED",
      source: "SHOPIFY",
    },
    {
      name: "open and all disposed, already received locally",
      facts: { ...open, allDisposed: true, current: "RECEIVED" },
      status: "RECEIVED",
      source: "LOCAL",
    },
    {
      name: "open while the app has inspected it",
      facts: { ...open, allDisposed: true, current: "INSPECTED" },
      status: "INSPECTED",
      source: "LOCAL",
    },
    {
      name: "open while the app received it (Shopify can't see receipt)",
      facts: { ...open, current: "RECEIVED" },
      status: "RECEIVED",
      source: "LOCAL",
    },
    {
      name: "open with tracking while the app is approved",
      facts: { ...open, hasReverseDeliveryWithTracking: true, current: "APPROVED" },
      status: "IN_TRANSIT",
      source: "SHOPIFY",
    },
    {
      name: "reopened in Shopify's admin after processing",
      facts: { ...open, anyProcessed: true, current: "CLOSED" },
      status: "PROCESSED",
      source: "SHOPIFY",
    },
    {
      name: "reopened in Shopify's admin, nothing processed",
      facts: { ...open, current: "CLOSED" },
      status: "APPROVED",
      source: "SHOPIFY",
    },
    {
      name: "processed locally but not in Shopify",
      facts: { ...open, current: "PROCESSED" },
      status: "PROCESSED",
      source: "LOCAL",
      conflict: true,
    },
  ])(
    "GIVEN $name WHEN inferred THEN the app status is $status ($source)",
    ({ facts, status, source, conflict = false }) => {
      const result = inferFromShopify(facts);
      expect(result).toMatchObject({ status, source, conflict });
      expect(toShopifyStatus(result.status)).toBe(facts.status);
    },
  );
});
