import { beforeEach, describe, expect, it } from "vitest";
import { createTestAdmin, type TestAdmin, type Json } from "./testing";

const REFUND = /* GraphQL */ `
  mutation RefundCreate($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) {
      refund {
        id
        totalRefundedSet {
          presentmentMoney {
            amount
            currencyCode
          }
        }
        refundLineItems(first: 5) {
          nodes {
            quantity
            restockType
            lineItem {
              id
            }
          }
        }
      }
      order {
        id
        displayFinancialStatus
        totalRefundedSet {
          presentmentMoney {
            amount
          }
        }
      }
      userErrors {
        field
        message
      }
    }
  }
`;
const REFUND_NO_KEY = /* GraphQL */ `
  mutation RefundCreate($input: RefundInput!) {
    refundCreate(input: $input) {
      refund {
        id
      }
      userErrors {
        field
        message
      }
    }
  }
`;

let t: TestAdmin;
let input: Record<string, unknown>;

beforeEach(() => {
  t = t ?? createTestAdmin();
  t.api.reset();
  const o = t.api.order(t.shop, "#1182"); // SEK, card 1388 kr
  input = {
    orderId: o.id,
    note: "Damaged mug",
    refundLineItems: [{ lineItemId: o.lines[1].id, quantity: 1, restockType: "NO_RESTOCK" }],
    transactions: [
      {
        orderId: o.id,
        parentId: o.transactionIds[0],
        kind: "REFUND",
        gateway: "shopify_payments",
        amount: "189.00",
      },
    ],
  };
});

describe("refundCreate with @idempotent", () => {
  it("GIVEN a key WHEN the same request is replayed THEN the same refund comes back and no second refund or event exists", async () => {
    const first = await t.gql(REFUND, { input, key: "k-1" });
    expect(first.data.refundCreate.userErrors).toEqual([]);
    expect(first.data.refundCreate.refund.totalRefundedSet.presentmentMoney).toEqual({
      amount: "189.0",
      currencyCode: "SEK",
    });
    expect(first.data.refundCreate.order.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    const events = t.api.events.length;
    const again = await t.gql(REFUND, { input, key: "k-1" });
    expect(again.data.refundCreate.refund.id).toBe(first.data.refundCreate.refund.id);
    expect(again.data.refundCreate.order.totalRefundedSet.presentmentMoney.amount).toBe("189.0");
    expect(t.api.order(t.shop, "#1182").refundIds).toHaveLength(1);
    expect(t.api.events.length).toBe(events);
  });

  it("GIVEN a used key WHEN sent with different input THEN a top-level IDEMPOTENCY_KEY_PARAMETER_MISMATCH error and nothing changes", async () => {
    await t.gql(REFUND, { input, key: "k-2" });
    const changed = { ...input, note: "Other note" };
    const r = await t.gql(REFUND, { input: changed, key: "k-2" });
    expect(r.errors).toEqual([
      expect.objectContaining({
        extensions: { code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH" },
        path: ["refundCreate"],
      }),
    ]);
    expect(r.data).toEqual({ refundCreate: null });
    expect(t.api.order(t.shop, "#1182").refundIds).toHaveLength(1);
  });

  it("GIVEN no @idempotent directive WHEN refundCreate runs THEN a top-level error and no refund (required since 2026-04)", async () => {
    const r = await t.gql(REFUND_NO_KEY, { input });
    expect(r.errors?.[0]).toMatchObject({
      message: expect.stringContaining("@idempotent"),
      extensions: { code: "IDEMPOTENCY_KEY_REQUIRED" },
    });
    expect(t.api.order(t.shop, "#1182").refundIds).toHaveLength(0);
  });

  it("GIVEN a blank key THEN a top-level error", async () => {
    const r = await t.gql(REFUND, { input, key: "   " });
    expect(r.errors?.[0].extensions.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
  });

  it("GIVEN 50 concurrent attempts with one key THEN exactly one refund", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.gql(REFUND, { input, key: "k-concurrent" })),
    );
    const ids = new Set(results.map((r) => r.data.refundCreate.refund.id));
    expect(ids.size).toBe(1);
    expect(t.api.order(t.shop, "#1182").refundIds).toHaveLength(1);
  });

  it("GIVEN a failed first attempt WHEN replayed with the same key THEN the same userErrors (no refund)", async () => {
    const tooMuch = {
      ...input,
      transactions: [{ ...(input.transactions as Json[])[0], amount: "5000.00" }],
    };
    const a = await t.gql(REFUND, { input: tooMuch, key: "k-fail" });
    expect(a.data.refundCreate.userErrors[0]).toEqual({
      field: ["transactions", "0", "amount"],
      message: expect.stringContaining("exceeds"),
    });
    expect("code" in a.data.refundCreate.userErrors[0]).toBe(false);
    const b = await t.gql(REFUND, { input: tooMuch, key: "k-fail" });
    expect(b.data.refundCreate.userErrors).toEqual(a.data.refundCreate.userErrors);
  });
});

describe("refundCreate rules", () => {
  it("GIVEN a DKK order WHEN no currency is given THEN a userError asks for it", async () => {
    const o = t.api.order(t.shop, "#1171"); // DKK
    const r = await t.gql(REFUND, {
      key: "dkk-1",
      input: {
        orderId: o.id,
        transactions: [
          {
            orderId: o.id,
            parentId: o.transactionIds[0],
            kind: "REFUND",
            gateway: "shopify_payments",
            amount: "10.00",
          },
        ],
      },
    });
    expect(r.data.refundCreate.userErrors).toEqual([
      { field: ["currency"], message: expect.stringContaining("Currency is required") },
    ]);
    const ok = await t.gql(REFUND, {
      key: "dkk-2",
      input: {
        orderId: o.id,
        currency: "DKK",
        transactions: [
          {
            orderId: o.id,
            parentId: o.transactionIds[0],
            kind: "REFUND",
            gateway: "shopify_payments",
            amount: "10.00",
          },
        ],
      },
    });
    expect(ok.data.refundCreate.refund.totalRefundedSet.presentmentMoney).toEqual({
      amount: "10.0",
      currencyCode: "DKK",
    });
  });

  it("GIVEN restockType RETURN at a location WHEN refunded THEN stock at that location goes up", async () => {
    const o = t.api.order(t.shop, "#1182");
    const shop = t.api.store.shop(t.shop);
    const mug = shop.variants.find((v) => v.id === o.lines[1].variantId)!;
    const oslo = shop.locations[2].id;
    const before = mug.stock.get(oslo)!;
    const r = await t.gql(REFUND, {
      key: "restock",
      input: {
        ...input,
        refundLineItems: [
          { lineItemId: o.lines[1].id, quantity: 1, restockType: "RETURN", locationId: oslo },
        ],
      },
    });
    expect(r.data.refundCreate.refund.refundLineItems.nodes[0].restockType).toBe("RETURN");
    expect(mug.stock.get(oslo)).toBe(before + 1);
  });
});
