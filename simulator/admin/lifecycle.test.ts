import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestAdmin, type TestAdmin, type Json } from "./testing";

const RETURNABLE = /* GraphQL */ `
  query Returnable($orderId: ID!) {
    returnableFulfillments(orderId: $orderId, first: 5) {
      nodes {
        id
        returnableFulfillmentLineItems(first: 20) {
          nodes {
            quantity
            fulfillmentLineItem {
              id
              lineItem {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`;
const REQUEST = /* GraphQL */ `
  mutation Req($input: ReturnRequestInput!) {
    returnRequest(input: $input) {
      return {
        id
        name
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return {
        id
        status
        exchangeLineItems(first: 5) {
          nodes {
            id
            quantity
            variantId
          }
        }
        reverseFulfillmentOrders(first: 5) {
          nodes {
            id
            status
            lineItems(first: 10) {
              nodes {
                id
                totalQuantity
              }
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const APPROVE = /* GraphQL */ `
  mutation Approve($input: ReturnApproveRequestInput!) {
    returnApproveRequest(input: $input) {
      return {
        id
        status
        requestApprovedAt
        reverseFulfillmentOrders(first: 5) {
          nodes {
            id
            status
            lineItems(first: 10) {
              nodes {
                id
                totalQuantity
              }
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const DECLINE = /* GraphQL */ `
  mutation Decline($input: ReturnDeclineRequestInput!) {
    returnDeclineRequest(input: $input) {
      return {
        id
        status
        decline {
          reason
          note
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const CLOSE = /* GraphQL */ `
  mutation Close($id: ID!) {
    returnClose(id: $id) {
      return {
        id
        status
        closedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const REOPEN = /* GraphQL */ `
  mutation Reopen($id: ID!) {
    returnReopen(id: $id) {
      return {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($id: ID!) {
    returnCancel(id: $id) {
      return {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const DISPOSE = /* GraphQL */ `
  mutation Dispose($inputs: [ReverseFulfillmentOrderDisposeInput!]!) {
    reverseFulfillmentOrderDispose(dispositionInputs: $inputs) {
      reverseFulfillmentOrderLineItems {
        id
        dispositions {
          type
          quantity
          location {
            id
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const PROCESS = /* GraphQL */ `
  mutation Process($input: ReturnProcessInput!) {
    returnProcess(input: $input) {
      return {
        id
        status
        refunds(first: 5) {
          nodes {
            id
            totalRefundedSet {
              presentmentMoney {
                amount
                currencyCode
              }
            }
          }
        }
        exchangeLineItems(first: 5) {
          nodes {
            id
            processedQuantity
            lineItems {
              id
              variant {
                id
              }
            }
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id
      name
      returnStatus
      displayFinancialStatus
      totalRefundedSet {
        presentmentMoney {
          amount
          currencyCode
        }
      }
      transactions {
        id
        kind
        gateway
        status
        amountSet {
          presentmentMoney {
            amount
          }
        }
      }
      fulfillmentOrders(first: 5) {
        nodes {
          id
          status
          lineItems(first: 5) {
            nodes {
              totalQuantity
              lineItem {
                id
                sku
              }
            }
          }
        }
      }
      customer {
        storeCreditAccounts(first: 5) {
          nodes {
            id
            balance {
              amount
              currencyCode
            }
            transactions(first: 5) {
              nodes {
                ... on StoreCreditAccountCreditTransaction {
                  amount {
                    amount
                  }
                  expiresAt
                }
              }
            }
          }
        }
      }
    }
  }
`;
const SUGGEST = /* GraphQL */ `
  query Suggest(
    $id: ID!
    $rli: [SuggestedOutcomeReturnLineItemInput!]!
    $eli: [SuggestedOutcomeExchangeLineItemInput!]!
    $alloc: RefundMethodAllocation
  ) {
    return(id: $id) {
      suggestedFinancialOutcome(
        returnLineItems: $rli
        exchangeLineItems: $eli
        refundMethodAllocation: $alloc
      ) {
        financialTransfer {
          __typename
          ... on RefundReturnOutcome {
            amount {
              presentmentMoney {
                amount
              }
            }
            suggestedTransactions {
              amountSet {
                presentmentMoney {
                  amount
                  currencyCode
                }
              }
              parentTransaction {
                id
              }
            }
          }
          ... on InvoiceReturnOutcome {
            amount {
              presentmentMoney {
                amount
              }
            }
          }
        }
      }
    }
  }
`;
const RETURN_LINES = /* GraphQL */ `
  query Lines($id: ID!) {
    return(id: $id) {
      id
      status
      returnLineItems(first: 10) {
        nodes {
          id
          quantity
          processedQuantity
          ... on ReturnLineItem {
            fulfillmentLineItem {
              id
            }
          }
        }
      }
      reverseFulfillmentOrders(first: 5) {
        nodes {
          id
          lineItems(first: 10) {
            nodes {
              id
              totalQuantity
            }
          }
        }
      }
    }
  }
`;
const INVENTORY = /* GraphQL */ `
  query Inv($id: ID!) {
    productVariant(id: $id) {
      id
      inventoryQuantity
      inventoryItem {
        inventoryLevels(first: 5) {
          nodes {
            location {
              id
              name
            }
            quantities(names: ["available"]) {
              name
              quantity
            }
          }
        }
      }
    }
  }
`;

let t: TestAdmin;
let order: { id: string; flis: Array<{ id: string; quantity: number; lineItemId: string }> };
let location: { stockholm: string; copenhagen: string };

async function returnable(orderId: string) {
  const r = await t.gql(RETURNABLE, { orderId });
  return r.data.returnableFulfillments.nodes.flatMap((n: Json) =>
    n.returnableFulfillmentLineItems.nodes.map((x: Json) => ({
      id: x.fulfillmentLineItem.id,
      quantity: x.quantity,
      lineItemId: x.fulfillmentLineItem.lineItem.id,
    })),
  ) as Array<{ id: string; quantity: number; lineItemId: string }>;
}

async function requestReturn(fli: string, quantity = 1) {
  const r = await t.gql(REQUEST, {
    input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli, quantity }] },
  });
  return r.data.returnRequest;
}

async function openReturn(fli: string, quantity = 1) {
  const req = await requestReturn(fli, quantity);
  const a = await t.gql(APPROVE, { input: { id: req.return.id } });
  return a.data.returnApproveRequest.return;
}

function topicsSince(n: number): string[] {
  return t.api.events.slice(n).map((e) => e.topic);
}

beforeAll(() => {
  t = createTestAdmin();
});

beforeEach(async () => {
  t.api.reset();
  const o = t.api.order(t.shop, "#1182"); // delivered 5 days ago, SEK, card, sweater M + mug Moss
  order = { id: o.id, flis: await returnable(o.id) };
  const shop = t.api.store.shop(t.shop);
  location = { stockholm: shop.locations[0].id, copenhagen: shop.locations[1].id };
});

describe("returnRequest → approve / decline", () => {
  it("GIVEN a delivered order WHEN a return is requested THEN it is REQUESTED, named #1182-R1, and the returnable quantity shrinks", async () => {
    const before = t.api.events.length;
    const res = await requestReturn(order.flis[0].id);
    expect(res.userErrors).toEqual([]);
    expect(res.return).toMatchObject({ name: "#1182-R1", status: "REQUESTED" });
    const after = await returnable(order.id);
    expect(after.find((f) => f.id === order.flis[0].id)).toBeUndefined(); // 1 of 1 now on a return
    expect(topicsSince(before)).toEqual(["returns/request", "orders/updated"]);
    const o = await t.gql(ORDER, { id: order.id });
    expect(o.data.order.returnStatus).toBe("RETURN_REQUESTED");
  });

  it("GIVEN 1 returnable unit WHEN 2 are requested THEN GREATER_THAN on the quantity field and nothing is created", async () => {
    const res = await requestReturn(order.flis[0].id, 2);
    expect(res.return).toBeNull();
    expect(res.userErrors).toEqual([
      {
        field: ["input", "returnLineItems", "0", "quantity"],
        message: expect.stringContaining("returnable quantity 1"),
        code: "GREATER_THAN",
      },
    ]);
    expect(t.api.store.shop(t.shop).returns.filter((r) => r.orderId === order.id)).toHaveLength(0);
  });

  it("GIVEN a REQUESTED return WHEN approved THEN OPEN with a reverse fulfillment order; approving again is INVALID_STATE", async () => {
    const req = await requestReturn(order.flis[0].id);
    const a = await t.gql(APPROVE, { input: { id: req.return.id } });
    expect(a.data.returnApproveRequest.userErrors).toEqual([]);
    const ret = a.data.returnApproveRequest.return;
    expect(ret.status).toBe("OPEN");
    expect(ret.requestApprovedAt).toBe("2026-11-20T12:00:00Z");
    expect(ret.reverseFulfillmentOrders.nodes).toHaveLength(1);
    expect(ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].totalQuantity).toBe(1);
    const again = await t.gql(APPROVE, { input: { id: req.return.id } });
    expect(again.data.returnApproveRequest.userErrors[0].code).toBe("INVALID_STATE");
    const o = await t.gql(ORDER, { id: order.id });
    expect(o.data.order.returnStatus).toBe("IN_PROGRESS");
  });

  it("GIVEN a REQUESTED return WHEN declined THEN DECLINED with the reason, and the items are returnable again", async () => {
    const req = await requestReturn(order.flis[0].id);
    const d = await t.gql(DECLINE, {
      input: { id: req.return.id, declineReason: "FINAL_SALE", declineNote: "Sale item" },
    });
    expect(d.data.returnDeclineRequest.return).toMatchObject({
      status: "DECLINED",
      decline: { reason: "FINAL_SALE", note: "Sale item" },
    });
    expect((await returnable(order.id)).find((f) => f.id === order.flis[0].id)?.quantity).toBe(1);
    expect(t.api.events.at(-2)?.topic).toBe("returns/decline");
    expect(t.api.events.at(-2)?.payload).toMatchObject({
      status: "declined",
      decline: { reason: "final_sale", note: "Sale item" },
    });
  });

  it("GIVEN an OPEN return WHEN declined THEN INVALID_STATE", async () => {
    const ret = await openReturn(order.flis[0].id);
    const d = await t.gql(DECLINE, { input: { id: ret.id, declineReason: "OTHER" } });
    expect(d.data.returnDeclineRequest.userErrors).toEqual([
      expect.objectContaining({ code: "INVALID_STATE", field: ["input", "id"] }),
    ]);
  });

  it("GIVEN an unknown return id WHEN approved THEN NOT_FOUND", async () => {
    const d = await t.gql(APPROVE, { input: { id: "gid://shopify/Return/999" } });
    expect(d.data.returnApproveRequest.userErrors[0].code).toBe("NOT_FOUND");
  });
});

describe("close / reopen / cancel", () => {
  it("GIVEN a REQUESTED return WHEN closed THEN INVALID_STATE; GIVEN OPEN THEN CLOSED; reopen only from CLOSED", async () => {
    const req = await requestReturn(order.flis[0].id);
    expect((await t.gql(CLOSE, { id: req.return.id })).data.returnClose.userErrors[0].code).toBe(
      "INVALID_STATE",
    );
    await t.gql(APPROVE, { input: { id: req.return.id } });
    expect((await t.gql(REOPEN, { id: req.return.id })).data.returnReopen.userErrors[0].code).toBe(
      "INVALID_STATE",
    );
    const closed = await t.gql(CLOSE, { id: req.return.id });
    expect(closed.data.returnClose.return).toMatchObject({
      status: "CLOSED",
      closedAt: "2026-11-20T12:00:00Z",
    });
    expect((await t.gql(ORDER, { id: order.id })).data.order.returnStatus).toBe("RETURNED");
    const reopened = await t.gql(REOPEN, { id: req.return.id });
    expect(reopened.data.returnReopen.return.status).toBe("OPEN");
    expect(topicsSince(0).filter((x) => x.startsWith("returns/"))).toEqual([
      "returns/request",
      "returns/approve",
      "returns/close",
      "returns/reopen",
    ]);
  });

  it("GIVEN an OPEN return with no work done WHEN canceled THEN CANCELED and the quantity is freed", async () => {
    const ret = await openReturn(order.flis[0].id);
    const c = await t.gql(CANCEL, { id: ret.id });
    expect(c.data.returnCancel.return.status).toBe("CANCELED");
    expect((await returnable(order.id)).find((f) => f.id === order.flis[0].id)?.quantity).toBe(1);
    expect((await t.gql(ORDER, { id: order.id })).data.order.returnStatus).toBe("NO_RETURN");
  });

  it("GIVEN an OPEN return with a disposition WHEN canceled THEN INVALID_STATE (work has been done)", async () => {
    const ret = await openReturn(order.flis[0].id);
    const rfoLine = ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id;
    await t.gql(DISPOSE, {
      inputs: [
        {
          reverseFulfillmentOrderLineItemId: rfoLine,
          quantity: 1,
          dispositionType: "NOT_RESTOCKED",
        },
      ],
    });
    const c = await t.gql(CANCEL, { id: ret.id });
    expect(c.data.returnCancel.userErrors).toEqual([
      expect.objectContaining({
        code: "INVALID_STATE",
        message: expect.stringContaining("work has been done"),
      }),
    ]);
  });
});

describe("returnCreate with exchanges", () => {
  it("GIVEN an exchange line WHEN returnCreate THEN the return is OPEN with a reverse fulfillment order and the exchange line", async () => {
    const variantL = t.api.store.shop(t.shop).variants.find((v) => v.sku === "NL-ABI-L")!;
    const before = t.api.events.length;
    const r = await t.gql(CREATE, {
      returnInput: {
        orderId: order.id,
        returnLineItems: [
          {
            fulfillmentLineItemId: order.flis[0].id,
            quantity: 1,
            returnReasonDefinitionId: "gid://shopify/ReturnReasonDefinition/1",
          },
        ],
        exchangeLineItems: [{ variantId: variantL.id, quantity: 1 }],
      },
    });
    expect(r.data.returnCreate.userErrors).toEqual([]);
    expect(r.data.returnCreate.return.status).toBe("OPEN");
    expect(r.data.returnCreate.return.reverseFulfillmentOrders.nodes).toHaveLength(1);
    expect(r.data.returnCreate.return.exchangeLineItems.nodes).toEqual([
      expect.objectContaining({ quantity: 1, variantId: variantL.id }),
    ]);
    expect(topicsSince(before)).toEqual(["returns/approve", "orders/updated"]);
  });

  it("GIVEN returnRequest WHEN it carries exchangeLineItems THEN the schema rejects it (no exchanges on requests)", async () => {
    const r = await t.gql(
      `mutation { returnRequest(input: { orderId: "${order.id}", returnLineItems: [], exchangeLineItems: [] }) { userErrors { code } } }`,
    );
    expect(r.errors?.[0].message).toMatch(/exchangeLineItems/);
    expect(r.data).toBeUndefined();
  });

  it("GIVEN an unknown variant WHEN returnCreate with it THEN NOT_FOUND on variantId", async () => {
    const r = await t.gql(CREATE, {
      returnInput: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: order.flis[0].id, quantity: 1 }],
        exchangeLineItems: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }],
      },
    });
    expect(r.data.returnCreate.userErrors).toEqual([
      expect.objectContaining({
        code: "NOT_FOUND",
        field: ["returnInput", "exchangeLineItems", "0", "variantId"],
      }),
    ]);
  });
});

describe("dispositions", () => {
  it("GIVEN an OPEN return WHEN RESTOCKED without a location THEN BLANK on locationId", async () => {
    const ret = await openReturn(order.flis[0].id);
    const rfoLine = ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id;
    const r = await t.gql(DISPOSE, {
      inputs: [
        { reverseFulfillmentOrderLineItemId: rfoLine, quantity: 1, dispositionType: "RESTOCKED" },
      ],
    });
    expect(r.data.reverseFulfillmentOrderDispose.userErrors).toEqual([
      expect.objectContaining({ code: "BLANK", field: ["dispositionInputs", "0", "locationId"] }),
    ]);
  });

  it("GIVEN an OPEN return WHEN RESTOCKED at Copenhagen THEN stock there goes up by one and a dispose event is emitted", async () => {
    const sweater = t.api.store.shop(t.shop).variants.find((v) => v.sku === "NL-ABI-M")!;
    const level = async () =>
      (
        await t.gql(INVENTORY, { id: sweater.id })
      ).data.productVariant.inventoryItem.inventoryLevels.nodes.find(
        (n: Json) => n.location.id === location.copenhagen,
      ).quantities[0].quantity;
    const before = await level();
    const ret = await openReturn(order.flis[0].id);
    const rfoLine = ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id;
    const r = await t.gql(DISPOSE, {
      inputs: [
        {
          reverseFulfillmentOrderLineItemId: rfoLine,
          quantity: 1,
          dispositionType: "RESTOCKED",
          locationId: location.copenhagen,
        },
      ],
    });
    expect(
      r.data.reverseFulfillmentOrderDispose.reverseFulfillmentOrderLineItems[0].dispositions,
    ).toEqual([{ type: "RESTOCKED", quantity: 1, location: { id: location.copenhagen } }]);
    expect(await level()).toBe(before + 1);
    expect(t.api.events.at(-1)).toMatchObject({
      topic: "reverse_fulfillment_orders/dispose",
      payload: { total_dispositions: 1 },
    });
  });

  it("GIVEN a 1-unit RFO line WHEN 2 units are disposed THEN GREATER_THAN", async () => {
    const ret = await openReturn(order.flis[0].id);
    const rfoLine = ret.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id;
    const r = await t.gql(DISPOSE, {
      inputs: [
        {
          reverseFulfillmentOrderLineItemId: rfoLine,
          quantity: 2,
          dispositionType: "NOT_RESTOCKED",
        },
      ],
    });
    expect(r.data.reverseFulfillmentOrderDispose.userErrors[0].code).toBe("GREATER_THAN");
  });
});

describe("returnProcess", () => {
  async function setup(): Promise<{
    returnId: string;
    rli: string;
    rfoLine: string;
    sale: string;
  }> {
    const ret = await openReturn(order.flis[0].id);
    const lines = (await t.gql(RETURN_LINES, { id: ret.id })).data.return;
    const o = await t.gql(ORDER, { id: order.id });
    return {
      returnId: ret.id,
      rli: lines.returnLineItems.nodes[0].id,
      rfoLine: lines.reverseFulfillmentOrders.nodes[0].lineItems.nodes[0].id,
      sale: o.data.order.transactions.find((x: Json) => x.kind === "SALE").id,
    };
  }
  const refund = (parentId: string, amount: string, extra: Record<string, unknown> = {}) => ({
    issueRefund: {
      orderTransactions: [{ parentId, transactionAmount: { amount, currencyCode: "SEK" } }],
      ...extra,
    },
  });

  it("GIVEN a processed sweater worth 1199 kr WHEN refunding 1199 kr THEN a refund exists, the order is PARTIALLY_REFUNDED, and the return stays OPEN", async () => {
    const s = await setup();
    const before = t.api.events.length;
    const r = await t.gql(PROCESS, {
      input: {
        returnId: s.returnId,
        returnLineItems: [
          {
            id: s.rli,
            quantity: 1,
            dispositions: [
              {
                reverseFulfillmentOrderLineItemId: s.rfoLine,
                quantity: 1,
                dispositionType: "RESTOCKED",
                locationId: location.stockholm,
              },
            ],
          },
        ],
        financialTransfer: refund(s.sale, "1199.00"),
      },
    });
    expect(r.data.returnProcess.userErrors).toEqual([]);
    expect(r.data.returnProcess.return.status).toBe("OPEN");
    expect(r.data.returnProcess.return.refunds.nodes[0].totalRefundedSet.presentmentMoney).toEqual({
      amount: "1199.0",
      currencyCode: "SEK",
    });
    const o = (await t.gql(ORDER, { id: order.id })).data.order;
    expect(o.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    expect(o.totalRefundedSet.presentmentMoney.amount).toBe("1199.0");
    expect(o.returnStatus).toBe("INSPECTION_COMPLETE");
    expect(topicsSince(before)).toEqual([
      "reverse_fulfillment_orders/dispose",
      "refunds/create",
      "returns/process",
      "orders/updated",
    ]);
    const ids = t.api.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("GIVEN a 1199 kr return on an order that paid 1388 kr WHEN refunding 1200 kr THEN accepted: Shopify's cap is what the order paid, not the return", async () => {
    const s = await setup();
    const r = await t.gql(PROCESS, {
      input: { returnId: s.returnId, returnLineItems: [{ id: s.rli, quantity: 1 }], financialTransfer: refund(s.sale, "1200.00") },
    });
    expect(r.data.returnProcess.userErrors).toEqual([]);
    expect(t.api.store.shop(t.shop).returns.find((x) => x.id === s.returnId)!.refundIds).toHaveLength(1);
  });

  it("GIVEN the opt-in strictReturnRefundCap WHEN refunding 1200 kr for a 1199 kr return THEN GREATER_THAN; WITH allowOverRefunding THEN accepted", async () => {
    const documented = t;
    t = createTestAdmin({ strictReturnRefundCap: true });
    try {
      const o = t.api.order(t.shop, "#1182");
      order = { id: o.id, flis: await returnable(o.id) };
      const s = await setup();
      const input = { returnId: s.returnId, returnLineItems: [{ id: s.rli, quantity: 1 }], financialTransfer: refund(s.sale, "1200.00") };
      const r = await t.gql(PROCESS, { input });
      expect(r.data.returnProcess.userErrors).toEqual([
        expect.objectContaining({ code: "GREATER_THAN", field: ["input", "financialTransfer", "issueRefund"] }),
      ]);
      expect(t.api.store.shop(t.shop).returns.find((x) => x.id === s.returnId)!.refundIds).toHaveLength(0); // nothing applied
      const ok = await t.gql(PROCESS, { input: { ...input, financialTransfer: refund(s.sale, "1200.00", { allowOverRefunding: true }) } });
      expect(ok.data.returnProcess.userErrors).toEqual([]);
    } finally {
      t = documented;
    }
  });

  it("GIVEN a 1388 kr card payment WHEN refunding 1400 kr with allowOverRefunding THEN INVALID (more than the transaction)", async () => {
    const s = await setup();
    const r = await t.gql(PROCESS, {
      input: {
        returnId: s.returnId,
        returnLineItems: [{ id: s.rli, quantity: 1 }],
        financialTransfer: refund(s.sale, "1400.00", { allowOverRefunding: true }),
      },
    });
    expect(r.data.returnProcess.userErrors[0]).toMatchObject({
      code: "INVALID",
      field: [
        "input",
        "financialTransfer",
        "issueRefund",
        "orderTransactions",
        "0",
        "transactionAmount",
        "amount",
      ],
    });
  });

  it("GIVEN another order's transaction or a wrong currency WHEN refunding THEN NOT_FOUND / INVALID", async () => {
    const s = await setup();
    const other = t.api.order(t.shop, "#1171");
    const otherSale = other.transactionIds[0];
    const a = await t.gql(PROCESS, {
      input: {
        returnId: s.returnId,
        returnLineItems: [{ id: s.rli, quantity: 1 }],
        financialTransfer: refund(otherSale, "10.00"),
      },
    });
    expect(a.data.returnProcess.userErrors[0].code).toBe("NOT_FOUND");
    const b = await t.gql(PROCESS, {
      input: {
        returnId: s.returnId,
        returnLineItems: [{ id: s.rli, quantity: 1 }],
        financialTransfer: {
          issueRefund: {
            orderTransactions: [
              { parentId: s.sale, transactionAmount: { amount: "10.00", currencyCode: "EUR" } },
            ],
          },
        },
      },
    });
    expect(b.data.returnProcess.userErrors[0]).toMatchObject({
      code: "INVALID",
      field: expect.arrayContaining(["currencyCode"]),
    });
  });

  it("GIVEN processing more than the return holds WHEN returnProcess THEN GREATER_THAN", async () => {
    const s = await setup();
    const r = await t.gql(PROCESS, {
      input: { returnId: s.returnId, returnLineItems: [{ id: s.rli, quantity: 2 }] },
    });
    expect(r.data.returnProcess.userErrors[0].code).toBe("GREATER_THAN");
  });

  it("GIVEN a REQUESTED return WHEN processed THEN INVALID_STATE", async () => {
    const req = await requestReturn(order.flis[0].id);
    const lines = (await t.gql(RETURN_LINES, { id: req.return.id })).data.return;
    const r = await t.gql(PROCESS, {
      input: {
        returnId: req.return.id,
        returnLineItems: [{ id: lines.returnLineItems.nodes[0].id, quantity: 1 }],
      },
    });
    expect(r.data.returnProcess.userErrors[0].code).toBe("INVALID_STATE");
  });

  it("GIVEN a store-credit refund method WHEN processed THEN the customer's SEK store credit account is credited with the expiry", async () => {
    const s = await setup();
    const sek = (o: Json) =>
      o.customer.storeCreditAccounts.nodes.find((a: Json) => a.balance.currencyCode === "SEK");
    const balanceBefore = Number(
      sek((await t.gql(ORDER, { id: order.id })).data.order).balance.amount,
    );
    const r = await t.gql(PROCESS, {
      input: {
        returnId: s.returnId,
        returnLineItems: [{ id: s.rli, quantity: 1 }],
        financialTransfer: {
          issueRefund: {
            orderTransactions: [],
            refundMethods: [
              {
                storeCreditRefund: {
                  amount: { amount: "1199.00", currencyCode: "SEK" },
                  expiresAt: "2027-11-20T00:00:00Z",
                },
              },
            ],
          },
        },
      },
    });
    expect(r.data.returnProcess.userErrors).toEqual([]);
    const o = (await t.gql(ORDER, { id: order.id })).data.order;
    const account = sek(o);
    expect(Number(account.balance.amount)).toBe(balanceBefore + 1199);
    expect(account.transactions.nodes.at(-1)).toEqual({
      amount: { amount: "1199.0" },
      expiresAt: "2027-11-20T00:00:00Z",
    });
    expect(o.transactions.at(-1)).toMatchObject({
      kind: "REFUND",
      gateway: "shopify_store_credit",
    });
  });

  it("GIVEN an exchange line WHEN processed THEN a fulfillment order for the new variant exists and its stock went down", async () => {
    const shop = t.api.store.shop(t.shop);
    const variantL = shop.variants.find((v) => v.sku === "NL-ABI-L")!;
    const stockBefore = [...variantL.stock.values()].reduce((a, b) => a + b, 0);
    const c = await t.gql(CREATE, {
      returnInput: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: order.flis[0].id, quantity: 1 }],
        exchangeLineItems: [{ variantId: variantL.id, quantity: 1 }],
      },
    });
    const ret = c.data.returnCreate.return;
    const lines = (await t.gql(RETURN_LINES, { id: ret.id })).data.return;
    const r = await t.gql(PROCESS, {
      input: {
        returnId: ret.id,
        returnLineItems: [{ id: lines.returnLineItems.nodes[0].id, quantity: 1 }],
        exchangeLineItems: [{ id: ret.exchangeLineItems.nodes[0].id, quantity: 1 }],
      },
    });
    expect(r.data.returnProcess.userErrors).toEqual([]);
    const eli = r.data.returnProcess.return.exchangeLineItems.nodes[0];
    expect(eli.processedQuantity).toBe(1);
    expect(eli.lineItems[0].variant.id).toBe(variantL.id);
    const o = (await t.gql(ORDER, { id: order.id })).data.order;
    expect(o.fulfillmentOrders.nodes).toEqual([
      {
        id: expect.any(String),
        status: "OPEN",
        lineItems: {
          nodes: [{ totalQuantity: 1, lineItem: { id: eli.lineItems[0].id, sku: "NL-ABI-L" } }],
        },
      },
    ]);
    expect([...variantL.stock.values()].reduce((a, b) => a + b, 0)).toBe(stockBefore - 1);
    // An even swap: nothing to refund and nothing to pay.
    const sug = await t.gql(SUGGEST, { id: ret.id, rli: [], eli: [] });
    expect(sug.data.return.suggestedFinancialOutcome.financialTransfer).toEqual({
      __typename: "RefundReturnOutcome",
      amount: { presentmentMoney: { amount: "0.0" } },
      suggestedTransactions: [],
    });
  });

  it("GIVEN autoCloseOnProcess WHEN everything is processed THEN the return is CLOSED and returns/close is emitted", async () => {
    const auto = createTestAdmin({ autoCloseOnProcess: true });
    const o = auto.api.order(auto.shop, "#1182");
    const flis = (await auto.gql(RETURNABLE, { orderId: o.id })).data.returnableFulfillments
      .nodes[0].returnableFulfillmentLineItems.nodes;
    const c = await auto.gql(CREATE, {
      returnInput: {
        orderId: o.id,
        returnLineItems: [{ fulfillmentLineItemId: flis[1].fulfillmentLineItem.id, quantity: 1 }],
      },
    });
    const lines = (await auto.gql(RETURN_LINES, { id: c.data.returnCreate.return.id })).data.return;
    const r = await auto.gql(PROCESS, {
      input: {
        returnId: lines.id,
        returnLineItems: [{ id: lines.returnLineItems.nodes[0].id, quantity: 1 }],
      },
    });
    expect(r.data.returnProcess.return.status).toBe("CLOSED");
    expect(auto.api.events.map((e) => e.topic).slice(-3)).toEqual([
      "returns/process",
      "returns/close",
      "orders/updated",
    ]);
  });
});

describe("removeFromReturn", () => {
  it("GIVEN a 2-line return WHEN one line is removed THEN returns/update and that quantity is returnable again", async () => {
    const res = await t.gql(REQUEST, {
      input: {
        orderId: order.id,
        returnLineItems: order.flis.map((f) => ({ fulfillmentLineItemId: f.id, quantity: 1 })),
      },
    });
    const lines = (await t.gql(RETURN_LINES, { id: res.data.returnRequest.return.id })).data.return
      .returnLineItems.nodes;
    const r = await t.gql(
      `mutation($id: ID!, $items: [ReturnLineItemRemoveFromReturnInput!]) { removeFromReturn(returnId: $id, returnLineItems: $items) { return { id status totalQuantity } userErrors { code } } }`,
      {
        id: res.data.returnRequest.return.id,
        items: [{ returnLineItemId: lines[0].id, quantity: 1 }],
      },
    );
    expect(r.data.removeFromReturn.return).toMatchObject({ status: "REQUESTED", totalQuantity: 1 });
    expect(t.api.events.at(-2)?.topic).toBe("returns/update");
    expect((await returnable(order.id)).map((f) => f.id)).toContain(
      lines[0].fulfillmentLineItem.id,
    );
  });
});
