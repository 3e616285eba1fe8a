import { beforeAll, describe, expect, it } from "vitest";
import { createTestAdmin, type TestAdmin, type Json } from "./testing";
import { mulDivRound, percentOf, formatDecimal, toMinor } from "./money";

const CALC = /* GraphQL */ `
  query Calc($input: CalculateReturnInput!) {
    returnCalculate(input: $input) {
      returnLineItems {
        quantity
        subtotalSet {
          presentmentMoney {
            amount
            currencyCode
          }
          shopMoney {
            amount
            currencyCode
          }
        }
        subtotalBeforeOrderDiscountsSet {
          presentmentMoney {
            amount
          }
        }
        totalTaxSet {
          presentmentMoney {
            amount
          }
        }
        restockingFee {
          percentage
          amountSet {
            presentmentMoney {
              amount
            }
          }
        }
      }
      exchangeLineItems {
        quantity
        originalUnitPriceSet {
          presentmentMoney {
            amount
          }
        }
        discountedUnitPriceSet {
          presentmentMoney {
            amount
          }
        }
        subtotalSet {
          presentmentMoney {
            amount
          }
        }
      }
      returnShippingFee {
        amountSet {
          presentmentMoney {
            amount
            currencyCode
          }
        }
      }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($returnInput: ReturnInput!) {
    returnCreate(returnInput: $returnInput) {
      return {
        id
        returnLineItems(first: 10) {
          nodes {
            id
            ... on ReturnLineItem {
              restockingFee {
                percentage
                amountSet {
                  presentmentMoney {
                    amount
                  }
                }
              }
            }
          }
        }
        exchangeLineItems(first: 5) {
          nodes {
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
const SUGGEST = /* GraphQL */ `
  query Suggest(
    $id: ID!
    $rli: [SuggestedOutcomeReturnLineItemInput!]!
    $eli: [SuggestedOutcomeExchangeLineItemInput!]!
    $alloc: RefundMethodAllocation
    $ship: RefundShippingInput
  ) {
    return(id: $id) {
      suggestedFinancialOutcome(
        returnLineItems: $rli
        exchangeLineItems: $eli
        refundMethodAllocation: $alloc
        refundShipping: $ship
      ) {
        discountedSubtotal {
          presentmentMoney {
            amount
          }
        }
        totalTax {
          presentmentMoney {
            amount
          }
        }
        totalAdditionalFees {
          presentmentMoney {
            amount
          }
        }
        totalCartDiscountAmount {
          presentmentMoney {
            amount
          }
        }
        maximumRefundable {
          presentmentMoney {
            amount
          }
        }
        shipping {
          amountSet {
            presentmentMoney {
              amount
            }
          }
          maximumRefundableSet {
            presentmentMoney {
              amount
            }
          }
        }
        financialTransfer {
          __typename
          ... on RefundReturnOutcome {
            amount {
              presentmentMoney {
                amount
                currencyCode
              }
              shopMoney {
                amount
                currencyCode
              }
            }
            suggestedTransactions {
              gateway
              kind
              amountSet {
                presentmentMoney {
                  amount
                }
              }
              parentTransaction {
                id
                gateway
              }
            }
            suggestedRefundMethods {
              __typename
              amount {
                presentmentMoney {
                  amount
                }
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

let t: TestAdmin;
const at = "2026-11-10T10:00:00Z";

function flisOf(orderId: string): string[] {
  const shop = t.api.store.shop(t.shop);
  const order = shop.nodes.get(orderId) as Json;
  return order.fulfillmentIds.flatMap((f: string) => (shop.nodes.get(f) as Json).lineIds);
}

function variant(sku: string): string {
  return t.api.store.shop(t.shop).variants.find((v) => v.sku === sku)!.id;
}

beforeAll(() => {
  t = createTestAdmin();
});

describe("money helpers", () => {
  it("rounds half away from zero, exactly", () => {
    expect(mulDivRound(34531, 1, 2)).toBe(17266);
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(percentOf(86328, 10)).toBe(8633);
    expect(percentOf(500, 2.3)).toBe(12); // 11.5 → 12, no float drift
  });
  it("formats Shopify-style decimals and parses strictly", () => {
    expect(formatDecimal(119900, "SEK")).toBe("1199.0");
    expect(formatDecimal(86328, "SEK")).toBe("863.28");
    expect(formatDecimal(5, "EUR")).toBe("0.05");
    expect(toMinor("10.005", "SEK")).toBeNull();
    expect(toMinor("10.50", "SEK")).toBe(1050);
    expect(toMinor("1000", "JPY")).toBe(1000);
  });
});

describe("returnCalculate (docs/refund-arithmetic.md, hand-computed)", () => {
  it("GIVEN 2 × 1199 kr with 20 % line code and 10 % order code, 25 % VAT included WHEN 1 unit is returned with a 10 % restocking fee THEN the documented formulas hold", async () => {
    // D_line = round(2398.00 × 20 %) = 479.60; D_order = round((2398.00 − 479.60) × 10 %) = 191.84
    // T = round((2398.00 − 479.60 − 191.84) × 25/125) = 345.31
    const order = t.api.createOrder(t.shop, {
      processedAt: at,
      customerId: t.api.store.shop(t.shop).customers[0].id,
      lines: [
        { variantId: variant("NL-ABI-M"), quantity: 2 },
        { variantId: variant("NL-MUG-MOSS"), quantity: 1 },
      ],
      lineDiscount: { code: "WOOL20", percentage: 20, lineIndexes: [0] },
      orderDiscount: { code: "WELCOME10", percentage: 10 },
      shipping: { title: "PostNord", price: 0 },
      fulfillments: [{ createdAt: at, deliveredAt: at }],
    });
    const [fliSweater] = flisOf(order.id);
    const r = await t.gql(CALC, {
      input: {
        orderId: order.id,
        returnLineItems: [
          { fulfillmentLineItemId: fliSweater, quantity: 1, restockingFee: { percentage: 10 } },
        ],
        exchangeLineItems: [
          {
            variantId: variant("NL-ABI-L"),
            quantity: 1,
            appliedDiscount: { value: { percentage: 15 } },
          },
        ],
        returnShippingFee: { amount: { amount: "49.00", currencyCode: "SEK" } },
      },
    });
    expect(r.errors).toBeUndefined();
    const line = r.data.returnCalculate.returnLineItems[0];
    expect(line.subtotalBeforeOrderDiscountsSet.presentmentMoney.amount).toBe("959.2"); // 1199.00 − round(479.60/2)
    expect(line.subtotalSet.presentmentMoney).toEqual({ amount: "863.28", currencyCode: "SEK" }); // 1199.00 − round(671.44/2)
    expect(line.totalTaxSet.presentmentMoney.amount).toBe("172.66"); // round(345.31/2) = 172.655 → 172.66
    expect(line.restockingFee).toEqual({
      percentage: 10,
      amountSet: { presentmentMoney: { amount: "86.33" } },
    });
    const ex = r.data.returnCalculate.exchangeLineItems[0];
    expect(ex.originalUnitPriceSet.presentmentMoney.amount).toBe("1199.0");
    expect(ex.subtotalSet.presentmentMoney.amount).toBe("1019.15"); // 1199.00 − round(1199.00 × 15 %)
    expect(r.data.returnCalculate.returnShippingFee.amountSet.presentmentMoney).toEqual({
      amount: "49.0",
      currencyCode: "SEK",
    });
  });

  it("GIVEN a tax-exclusive EUR order (19 % added) WHEN 2 of 3 units are returned THEN tax is pro-rated and the net adds it", async () => {
    // 3 × 100.00 EUR, T = 57.00, shipping 10.00 (+1.90 tax)
    const customer = t.api.store.shop(t.shop).customers.find((c) => c.countryCode === "DE")!;
    const order = t.api.createOrder(t.shop, {
      processedAt: at,
      customerId: customer.id,
      currency: "EUR",
      taxesIncluded: false,
      tax: { title: "MwSt", percent: 19 },
      lines: [{ variantId: variant("NL-BOW"), quantity: 3, unitPrice: 10000 }],
      shipping: { title: "DHL", price: 1000 },
      fulfillments: [{ createdAt: at, deliveredAt: at }],
    });
    expect(t.api.store.shop(t.shop).nodes.get(order.transactionIds[0])).toMatchObject({
      amountMinor: 36890,
    }); // 300 + 10 + 57 + 1.90
    const [fli] = flisOf(order.id);
    const calc = await t.gql(CALC, {
      input: { orderId: order.id, returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 2 }] },
    });
    const line = calc.data.returnCalculate.returnLineItems[0];
    expect(line.subtotalSet.presentmentMoney).toEqual({ amount: "200.0", currencyCode: "EUR" });
    expect(line.subtotalSet.shopMoney).toEqual({ amount: "2300.0", currencyCode: "SEK" }); // × 11.50
    expect(line.totalTaxSet.presentmentMoney.amount).toBe("38.0");

    const created = await t.gql(CREATE, {
      returnInput: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 2 }],
      },
    });
    const ret = created.data.returnCreate.return;
    const sug = await t.gql(SUGGEST, {
      id: ret.id,
      rli: [{ id: ret.returnLineItems.nodes[0].id, quantity: 2 }],
      eli: [],
      ship: { fullRefund: true },
    });
    const o = sug.data.return.suggestedFinancialOutcome;
    expect(o.discountedSubtotal.presentmentMoney.amount).toBe("200.0");
    expect(o.totalTax.presentmentMoney.amount).toBe("38.0");
    expect(o.shipping.amountSet.presentmentMoney.amount).toBe("10.0");
    expect(o.financialTransfer.amount.presentmentMoney).toEqual({
      amount: "248.0",
      currencyCode: "EUR",
    }); // 200 + 38 + 10
    expect(o.financialTransfer.suggestedTransactions).toEqual([
      {
        gateway: "shopify_payments",
        kind: "SUGGESTED_REFUND",
        amountSet: { presentmentMoney: { amount: "248.0" } },
        parentTransaction: { id: order.transactionIds[0], gateway: "shopify_payments" },
      },
    ]);
  });
});

describe("suggestedFinancialOutcome allocation", () => {
  async function splitOrderReturn(restockingFee?: number) {
    // 1499 kr cardigan paid 500 kr by gift card (first), 999 kr by card.
    const order = t.api.createOrder(t.shop, {
      processedAt: at,
      customerId: t.api.store.shop(t.shop).customers[3].id,
      lines: [{ variantId: variant("NL-LOF-L"), quantity: 1 }],
      shipping: { title: "PostNord", price: 0 },
      payments: [{ gateway: "gift_card", amount: 50000 }, { gateway: "shopify_payments" }],
      fulfillments: [{ createdAt: at, deliveredAt: at }],
    });
    const [fli] = flisOf(order.id);
    const created = await t.gql(CREATE, {
      returnInput: {
        orderId: order.id,
        returnLineItems: [
          {
            fulfillmentLineItemId: fli,
            quantity: 1,
            ...(restockingFee ? { restockingFee: { percentage: restockingFee } } : {}),
          },
        ],
      },
    });
    expect(created.data.returnCreate.userErrors).toEqual([]);
    return { order, ret: created.data.returnCreate.return };
  }

  it("GIVEN gift card 500 + card 999 WHEN the 1499 kr item comes back with a 10 % fee THEN 500 goes to the gift card first and 849.10 to the card", async () => {
    const { order, ret } = await splitOrderReturn(10);
    expect(ret.returnLineItems.nodes[0].restockingFee).toEqual({
      percentage: 10,
      amountSet: { presentmentMoney: { amount: "149.9" } },
    });
    const sug = await t.gql(SUGGEST, {
      id: ret.id,
      rli: [{ id: ret.returnLineItems.nodes[0].id, quantity: 1 }],
      eli: [],
    });
    const o = sug.data.return.suggestedFinancialOutcome;
    expect(o.totalAdditionalFees.presentmentMoney.amount).toBe("149.9");
    expect(o.maximumRefundable.presentmentMoney.amount).toBe("1499.0");
    expect(o.financialTransfer.amount.presentmentMoney.amount).toBe("1349.1");
    expect(
      o.financialTransfer.suggestedTransactions.map((x: Json) => [
        x.gateway,
        x.amountSet.presentmentMoney.amount,
      ]),
    ).toEqual([
      ["gift_card", "500.0"],
      ["shopify_payments", "849.1"],
    ]);
    expect(o.financialTransfer.suggestedTransactions[0].parentTransaction.id).toBe(
      order.transactionIds[0],
    );
  });

  it("GIVEN refundMethodAllocation STORE_CREDIT THEN no transactions and one store-credit suggestion", async () => {
    const { ret } = await splitOrderReturn();
    const sug = await t.gql(SUGGEST, {
      id: ret.id,
      rli: [{ id: ret.returnLineItems.nodes[0].id, quantity: 1 }],
      eli: [],
      alloc: "STORE_CREDIT",
    });
    const f = sug.data.return.suggestedFinancialOutcome.financialTransfer;
    expect(f.suggestedTransactions).toEqual([]);
    expect(f.suggestedRefundMethods).toEqual([
      {
        __typename: "SuggestedStoreCreditRefund",
        amount: { presentmentMoney: { amount: "1499.0" } },
      },
    ]);
  });

  it("GIVEN an exchange dearer than the returned item THEN an InvoiceReturnOutcome for the difference", async () => {
    const order = t.api.createOrder(t.shop, {
      processedAt: at,
      customerId: t.api.store.shop(t.shop).customers[4].id,
      lines: [{ variantId: variant("NL-BAS-M"), quantity: 1 }],
      shipping: { title: "PostNord", price: 5900 },
      fulfillments: [{ createdAt: at, deliveredAt: at }],
    });
    const [fli] = flisOf(order.id);
    const created = await t.gql(CREATE, {
      returnInput: {
        orderId: order.id,
        returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1 }],
        exchangeLineItems: [{ variantId: variant("NL-ABI-M"), quantity: 1 }],
        returnShippingFee: { amount: { amount: "39.00", currencyCode: "SEK" } },
      },
    });
    const ret = created.data.returnCreate.return;
    const sug = await t.gql(SUGGEST, {
      id: ret.id,
      rli: [{ id: ret.returnLineItems.nodes[0].id, quantity: 1 }],
      eli: [{ id: ret.exchangeLineItems.nodes[0].id, quantity: 1 }],
    });
    const f = sug.data.return.suggestedFinancialOutcome.financialTransfer;
    // 799 − 39 − 1199 = −439
    expect(f).toEqual({
      __typename: "InvoiceReturnOutcome",
      amount: { presentmentMoney: { amount: "439.0" } },
    });
  });
});
