/**
 * Admin API budget of the return lifecycle, measured against the offline stand-in: which
 * GraphQL operations each step sends and what they cost (Shopify's requestedQueryCost).
 * The expected tables below are what the code does today; a change that adds a call to a
 * step fails here and has to update the table and docs/admin-api-budget.md on purpose.
 * The measured table is printed (console.log) so the doc can be refreshed from it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fetchOrderSnapshot } from "~/shopify/orders.server";
import { approveReturn, attachShipping, closeReturn, inspectReturn, markReceived } from "~/services/return-lifecycle.server";
import { processReturn } from "~/services/return-processing.server";
import { requireReturn } from "~/services/return-records.server";
import { requestReturn } from "~/services/return-request.server";
import { lookupForStorefront, type ShopperIdentity } from "~/services/storefront.server";
import { createEngine, type Engine } from "../support/engine";
import { providers } from "../support/test-db";

const STAFF = { type: "STAFF" as const, id: "staff-budget" };
const MAX_QUERY_COST = 1000;

type Operations = Record<string, number>;
interface StepMeasure {
  step: string;
  operations: Operations;
  /** Requested cost of each answer, by operation. */
  costs: Record<string, number[]>;
  calls: number;
  requestedCost: number;
  maxCost: number;
  throttled: number;
}

/** Runs one step with fresh counters and records what it sent. */
async function measure<T>(engine: Engine, table: StepMeasure[], step: string, run: () => Promise<T>): Promise<T> {
  engine.resetCalls();
  const result = await run();
  const costs = [...engine.costs.values()].flat();
  table.push({
    step,
    operations: Object.fromEntries([...engine.calls].sort(([a], [b]) => a.localeCompare(b))),
    costs: Object.fromEntries(engine.costs),
    calls: [...engine.calls.values()].reduce((a, b) => a + b, 0),
    requestedCost: costs.reduce((a, b) => a + b, 0),
    maxCost: Math.max(0, ...costs),
    // A THROTTLED answer is retried by the client and would show up as an extra call.
    throttled: engine.answers.get("THROTTLED") ?? 0,
  });
  return result;
}

function printTable(title: string, table: StepMeasure[]): void {
  const op = (m: StepMeasure, name: string, n: number) => `${name}${n > 1 ? ` ×${n}` : ""} (${(m.costs[name] ?? []).join(" + ")})`;
  const rows = table.map((m) => `| ${m.step} | ${Object.entries(m.operations).map(([name, n]) => op(m, name, n)).join(", ") || "—"} | ${m.calls} | ${m.requestedCost} | ${m.maxCost} |`);
  const total = table.reduce((a, m) => ({ calls: a.calls + m.calls, cost: a.cost + m.requestedCost }), { calls: 0, cost: 0 });
  console.log(
    [`${title}`, "| Step | Operations (requested cost) | Calls | Requested cost | Largest query |", "|---|---|---:|---:|---:|", ...rows, `| **Total** | | **${total.calls}** | **${total.cost}** | |`].join("\n"),
  );
}

/** Every step: exactly the expected operations, nothing throttled, no query over 1000 points. */
function expectBudget(table: StepMeasure[], expected: Record<string, Operations>): void {
  expect(table.map((m) => m.step)).toEqual(Object.keys(expected));
  for (const m of table) {
    expect(m.operations, `operations of step "${m.step}"`).toEqual(expected[m.step]);
    expect(m.calls, `calls of step "${m.step}"`).toBe(Object.values(expected[m.step]).reduce((a, b) => a + b, 0));
    expect(m.throttled, `THROTTLED answers in step "${m.step}"`).toBe(0);
    expect(m.maxCost, `largest query of step "${m.step}"`).toBeLessThanOrEqual(MAX_QUERY_COST);
  }
}

// ---------------------------------------------------------------------------------------
// What the code does today (see docs/admin-api-budget.md)

const ORDER_SNAPSHOT: Operations = { OrderForReturn: 1, ReturnableFulfillmentsPage: 1 }; // fetchOrderSnapshot of a small order

const REFUND_RETURN: Record<string, Operations> = {
  request: { ...ORDER_SNAPSHOT, ReturnRequest: 1 },
  approve: { ReturnApproveRequest: 1, ReturnState: 1 },
  ship: { ReturnState: 1, ReverseDeliveryCreateWithShipping: 1 },
  receive: {},
  inspect: { ReverseFulfillmentOrderDispose: 1 },
  process: { ...ORDER_SNAPSHOT, ReturnState: 1, SuggestedReturnOutcome: 1, ReturnProcess: 1 },
  close: { ReturnClose: 1 },
};

/** An exchange stays in the app until approval, then returnCreate makes it with the exchange line. */
const EXCHANGE_RETURN: Record<string, Operations> = {
  request: { ...ORDER_SNAPSHOT, VariantsForExchange: 1 },
  approve: { ReturnCreate: 1, ReturnState: 1 },
  ship: { ReturnState: 1, ReverseDeliveryCreateWithShipping: 1 },
  receive: {},
  inspect: { ReverseFulfillmentOrderDispose: 1 },
  process: { ...ORDER_SNAPSHOT, ReturnState: 1, VariantsForExchange: 1, SuggestedReturnOutcome: 1, ReturnProcess: 1 },
  close: { ReturnClose: 1 },
};

const STOREFRONT_LOOKUP: Record<string, Operations> = {
  // Issue #9: at most 2 calls for an ordinary order (was 5).
  "storefront lookup (guest)": { FindOrderByName: 1, StorefrontLookup: 1 },
};

describe.each(providers)("Admin API budget of a return on %s", (provider) => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine(provider);
  });
  afterEach(async () => engine.close());

  async function firstLines(name: string) {
    const order = await fetchOrderSnapshot(engine.admin, engine.api.order(engine.shop, name).id);
    return { order, lines: order.fulfillments.flatMap((f) => f.lines) };
  }

  it("GIVEN #1182 WHEN a refund return goes request → approve → ship → receive → inspect → process → close THEN each step sends exactly the budgeted Admin API calls, none over 1000 points", async () => {
    const { order, lines } = await firstLines("#1182");
    const table: StepMeasure[] = [];
    const step = <T>(name: string, run: () => Promise<T>) => measure(engine, table, name, run);

    const requested = await step("request", () =>
      requestReturn(engine.ctx, {
        orderId: order.id,
        method: "DROP_OFF",
        lines: [{ fulfillmentLineItemId: lines[0].fulfillmentLineItemId, quantity: 1, resolution: "REFUND", reasonHandle: "size-too-small" }],
      }),
    );
    await step("approve", () => approveReturn(engine.ctx, requested.id, STAFF));
    await step("ship", () => attachShipping(engine.ctx, requested.id, { trackingNumber: "00370730253498827460", carrierName: "PostNord" }, STAFF));
    await step("receive", () => markReceived(engine.ctx, requested.id, STAFF));
    const ret = await requireReturn(engine.ctx, requested.id);
    const location = engine.api.store.shop(engine.shop).locations[0].id;
    await step("inspect", () => inspectReturn(engine.ctx, requested.id, [{ lineId: ret.lines[0].id, grade: "NEW", disposition: "RESTOCKED", locationId: location }], STAFF));
    const processed = await step("process", () => processReturn(engine.ctx, requested.id, STAFF));
    const closed = await step("close", () => closeReturn(engine.ctx, requested.id, STAFF));

    expect(processed.status).toBe("PROCESSED");
    expect(processed.ret.refundAmount).toBeGreaterThan(0);
    expect(closed.status).toBe("CLOSED");
    printTable(`Refund return on #1182 (${provider})`, table);
    expectBudget(table, REFUND_RETURN);
  });

  it("GIVEN #1182 WHEN an exchange return (sweater M → another size) goes request → approve → ship → receive → inspect → process → close THEN each step sends exactly the budgeted Admin API calls, none over 1000 points", async () => {
    const { order, lines } = await firstLines("#1182");
    const sweater = order.lineItems.find((l) => l.id === lines[0].lineItemId)!;
    const variants = engine.api.store.shop(engine.shop).variants as { id: string; productId: string; inventoryQuantity?: number }[];
    const sibling = variants.find((v) => v.productId === sweater.productId && v.id !== sweater.variantId && v.inventoryQuantity !== 0)!;
    expect(sibling).toBeDefined();
    const table: StepMeasure[] = [];
    const step = <T>(name: string, run: () => Promise<T>) => measure(engine, table, name, run);

    const requested = await step("request", () =>
      requestReturn(engine.ctx, {
        orderId: order.id,
        method: "DROP_OFF",
        lines: [{ fulfillmentLineItemId: lines[0].fulfillmentLineItemId, quantity: 1, resolution: "EXCHANGE", exchangeVariantId: sibling.id, reasonHandle: "size-too-small" }],
      }),
    );
    await step("approve", () => approveReturn(engine.ctx, requested.id, STAFF));
    await step("ship", () => attachShipping(engine.ctx, requested.id, { trackingNumber: "00370730253498827461", carrierName: "PostNord" }, STAFF));
    await step("receive", () => markReceived(engine.ctx, requested.id, STAFF));
    const ret = await requireReturn(engine.ctx, requested.id);
    const location = engine.api.store.shop(engine.shop).locations[0].id;
    await step("inspect", () => inspectReturn(engine.ctx, requested.id, [{ lineId: ret.lines[0].id, grade: "NEW", disposition: "RESTOCKED", locationId: location }], STAFF));
    const processed = await step("process", () => processReturn(engine.ctx, requested.id, STAFF));
    const closed = await step("close", () => closeReturn(engine.ctx, requested.id, STAFF));

    expect(processed.status).toBe("PROCESSED");
    expect(processed.ret.refundAmount).toBe(0);
    expect(closed.status).toBe("CLOSED");
    printTable(`Exchange return on #1182 (${provider})`, table);
    expectBudget(table, EXCHANGE_RETURN);
  });

  it("GIVEN a guest shopper WHEN the storefront looks up #1182 by number and e-mail THEN it sends exactly the budgeted Admin API calls, none over 1000 points", async () => {
    const who: ShopperIdentity = { customerLegacyId: null, clientKey: "test", locale: "en" };
    const table: StepMeasure[] = [];
    const found = await measure(engine, table, "storefront lookup (guest)", () =>
      lookupForStorefront(engine.ctx, who, { order: "#1182", email: "astrid.lindqvist@example.com" }, "test-app-secret"),
    );
    expect(found.ok).toBe(true);
    expect(found.order.name).toBe("#1182");
    expect(found.order.lines.filter((l) => l.eligible)).toHaveLength(2);
    printTable(`Storefront lookup of #1182 (${provider})`, table);
    expectBudget(table, STOREFRONT_LOOKUP);
  });
});
