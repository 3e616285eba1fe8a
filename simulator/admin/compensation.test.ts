import { readFileSync } from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RULES } from "./rules";
import { APP_SCOPES, createTestAdmin, type TestAdmin, type Json } from "./testing";

const CREDIT = /* GraphQL */ `
  mutation Credit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction {
        id
        amount {
          amount
          currencyCode
        }
        balanceAfterTransaction {
          amount
          currencyCode
        }
        expiresAt
        account {
          id
          owner {
            ... on Customer {
              id
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
const GIFT = /* GraphQL */ `
  mutation Gift($input: GiftCardCreateInput!) {
    giftCardCreate(input: $input) {
      giftCard {
        id
        lastCharacters
        maskedCode
        balance {
          amount
          currencyCode
        }
        customer {
          id
        }
        note
      }
      giftCardCode
      userErrors {
        field
        message
        code
      }
    }
  }
`;
const RD_CREATE = /* GraphQL */ `
  mutation RD(
    $rfoId: ID!
    $items: [ReverseDeliveryLineItemInput!]!
    $label: ReverseDeliveryLabelInput
    $tracking: ReverseDeliveryTrackingInput
  ) {
    reverseDeliveryCreateWithShipping(
      reverseFulfillmentOrderId: $rfoId
      reverseDeliveryLineItems: $items
      labelInput: $label
      trackingInput: $tracking
    ) {
      reverseDelivery {
        id
        deliverable {
          ... on ReverseDeliveryShippingDeliverable {
            label {
              publicFileUrl
            }
            tracking {
              number
              url
              carrierName
            }
          }
        }
        reverseDeliveryLineItems(first: 5) {
          nodes {
            quantity
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
const RD_UPDATE = /* GraphQL */ `
  mutation RDU($id: ID!, $tracking: ReverseDeliveryTrackingInput) {
    reverseDeliveryShippingUpdate(
      reverseDeliveryId: $id
      trackingInput: $tracking
      notifyCustomer: false
    ) {
      reverseDelivery {
        id
        deliverable {
          ... on ReverseDeliveryShippingDeliverable {
            tracking {
              number
              url
              carrierName
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

let t: TestAdmin;
beforeAll(() => {
  t = createTestAdmin({
    scopes: [...APP_SCOPES, "write_customers", "read_discounts", "write_discounts"],
  });
});
beforeEach(() => t.api.reset());

describe("storeCreditAccountCredit", () => {
  it("GIVEN a customer without a DKK account WHEN credited by customer id THEN an account is created and credited", async () => {
    const customer = t.api.order(t.shop, "#1171").customerId!; // Danish
    const r = await t.gql(CREDIT, {
      id: customer,
      creditInput: {
        creditAmount: { amount: "150.00", currencyCode: "DKK" },
        expiresAt: "2027-06-01T00:00:00Z",
      },
    });
    const tx = r.data.storeCreditAccountCredit.storeCreditAccountTransaction;
    expect(tx).toMatchObject({
      amount: { amount: "150.0", currencyCode: "DKK" },
      balanceAfterTransaction: { amount: "150.0" },
      expiresAt: "2027-06-01T00:00:00Z",
      account: { owner: { id: customer } },
    });
    const again = await t.gql(CREDIT, {
      id: tx.account.id,
      creditInput: { creditAmount: { amount: "50", currencyCode: "DKK" } },
    });
    expect(
      again.data.storeCreditAccountCredit.storeCreditAccountTransaction.balanceAfterTransaction
        .amount,
    ).toBe("200.0");
  });

  it("GIVEN bad inputs THEN the documented codes", async () => {
    const customer = t.api.order(t.shop, "#1182").customerId!;
    const code = async (id: string, amount: string, currencyCode: string, expiresAt?: string) =>
      (
        await t.gql(CREDIT, {
          id,
          creditInput: {
            creditAmount: { amount, currencyCode },
            ...(expiresAt ? { expiresAt } : {}),
          },
        })
      ).data.storeCreditAccountCredit.userErrors[0]?.code;
    expect(await code(customer, "-5", "SEK")).toBe("NEGATIVE_OR_ZERO_AMOUNT");
    expect(await code(customer, "5", "SEK", "2020-01-01T00:00:00Z")).toBe("EXPIRES_AT_IN_PAST");
    expect(await code(customer, "5", "USD")).toBe("UNSUPPORTED_CURRENCY");
    expect(await code("gid://shopify/Customer/1", "5", "SEK")).toBe("OWNER_NOT_FOUND");
    const account = t.api.store
      .shop(t.shop)
      .storeCreditAccounts.find((a) => a.customerId === customer && a.currency === "SEK")!;
    expect(await code(account.id, "5", "EUR")).toBe("MISMATCHING_CURRENCY");
  });
});

describe("giftCardCreate", () => {
  it("GIVEN an amount and a customer THEN a gift card with its full code once, masked afterwards", async () => {
    const customer = t.api.order(t.shop, "#1182").customerId!;
    const r = await t.gql(GIFT, {
      input: {
        initialAmount: { amount: "250.00", currencyCode: "SEK" },
        customerId: customer,
        note: "Return #1182-R1",
      },
    });
    const p = r.data.giftCardCreate;
    expect(p.userErrors).toEqual([]);
    expect(p.giftCardCode).toMatch(/^[0-9A-F]{16}$/);
    expect(p.giftCard).toMatchObject({
      lastCharacters: p.giftCardCode.slice(-4),
      balance: { amount: "250.0", currencyCode: "SEK" },
      customer: { id: customer },
    });
    const dup = await t.gql(GIFT, {
      input: { initialAmount: { amount: "10.00", currencyCode: "SEK" }, code: p.giftCardCode },
    });
    expect(dup.data.giftCardCreate.userErrors[0].code).toBe("TAKEN");
    const nobody = await t.gql(GIFT, {
      input: {
        initialAmount: { amount: "10.00", currencyCode: "SEK" },
        customerId: "gid://shopify/Customer/1",
      },
    });
    expect(nobody.data.giftCardCreate.userErrors[0].code).toBe("CUSTOMER_NOT_FOUND");
  });
});

describe("code discounts", () => {
  it("GIVEN discountCodeBasicCreate THEN codeDiscountNodeByCode finds it; a duplicate code is TAKEN", async () => {
    const create = `mutation($d: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $d) { codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title status codes(first: 1) { nodes { code } } customerGets { value { ... on DiscountPercentage { percentage } } } } } } userErrors { field code message } } }`;
    const customer = t.api.order(t.shop, "#1182").customerId!;
    const r = await t.gql(create, {
      d: {
        title: "We miss you",
        code: "COMEBACK-ASTRID",
        startsAt: "2026-11-20T00:00:00Z",
        customerGets: { value: { percentage: 0.15 }, items: { all: true } },
        context: { customers: { add: [customer] } },
      },
    });
    expect(r.data.discountCodeBasicCreate.codeDiscountNode.codeDiscount).toEqual({
      title: "We miss you",
      status: "ACTIVE",
      codes: { nodes: [{ code: "COMEBACK-ASTRID" }] },
      customerGets: { value: { percentage: 0.15 } },
    });
    const found = await t.gql(
      `{ codeDiscountNodeByCode(code: "comeback-astrid") { id } welcome: codeDiscountNodeByCode(code: "WELCOME10") { id } }`,
    );
    expect(found.data.codeDiscountNodeByCode.id).toBe(
      r.data.discountCodeBasicCreate.codeDiscountNode.id,
    );
    expect(found.data.welcome).not.toBeNull();
    const dup = await t.gql(create, {
      d: {
        title: "x",
        code: "WELCOME10",
        customerGets: { value: { percentage: 0.1 }, items: { all: true } },
      },
    });
    expect(dup.data.discountCodeBasicCreate.userErrors).toEqual([
      expect.objectContaining({ code: "TAKEN", field: ["basicCodeDiscount", "code"] }),
    ]);
  });
});

describe("reverse deliveries", () => {
  it("GIVEN an OPEN return WHEN a label and PostNord tracking are attached THEN the carrier is inferred and attach_deliverable fires; updates replace tracking", async () => {
    const ret = t.api.store
      .shop(t.shop)
      .returns.find((r) => r.status === "OPEN" && r.orderId === t.api.order(t.shop, "#1165").id)!;
    const rfo = t.api.store.shop(t.shop).nodes.get(ret.rfoIds[0]) as Json;
    // #1165 already has a delivery for its only unit
    const over = await t.gql(RD_CREATE, {
      rfoId: rfo.id,
      items: [{ reverseFulfillmentOrderLineItemId: rfo.lineIds[0], quantity: 1 }],
    });
    expect(over.data.reverseDeliveryCreateWithShipping.userErrors[0].code).toBe("GREATER_THAN");
    const rd = rfo.deliveryIds[0];
    const u = await t.gql(RD_UPDATE, {
      id: rd,
      tracking: { number: "CX123456789NO", url: "https://sporing.bring.no/sporing/CX123456789NO" },
    });
    expect(u.data.reverseDeliveryShippingUpdate.reverseDelivery.deliverable.tracking).toEqual({
      number: "CX123456789NO",
      url: "https://sporing.bring.no/sporing/CX123456789NO",
      carrierName: "Bring",
    });
    expect(t.api.events.at(-1)).toMatchObject({
      topic: "reverse_deliveries/attach_deliverable",
      payload: { shipping_deliverable: { tracking: { carrier_name: "Bring" } } },
    });
  });

  it("GIVEN a fresh OPEN return WHEN a reverse delivery is created THEN label and tracking are readable", async () => {
    const o = t.api.order(t.shop, "#1176");
    const fli = (t.api.store.shop(t.shop).nodes.get(o.fulfillmentIds[0]) as Json).lineIds[0];
    const created = await t.gql(
      `mutation($i: ReturnInput!) { returnCreate(returnInput: $i) { return { reverseFulfillmentOrders(first: 1) { nodes { id lineItems(first: 5) { nodes { id } } } } } userErrors { code } } }`,
      {
        i: { orderId: o.id, returnLineItems: [{ fulfillmentLineItemId: fli, quantity: 1 }] },
      },
    );
    const rfo = created.data.returnCreate.return.reverseFulfillmentOrders.nodes[0];
    const r = await t.gql(RD_CREATE, {
      rfoId: rfo.id,
      items: [{ reverseFulfillmentOrderLineItemId: rfo.lineItems.nodes[0].id, quantity: 1 }],
      label: { fileUrl: "https://labels.example/r1.pdf" },
      tracking: {
        number: "JJ123456789SE",
        url: "https://tracking.postnord.com/se/?id=JJ123456789SE",
      },
    });
    expect(r.data.reverseDeliveryCreateWithShipping.reverseDelivery.deliverable).toEqual({
      label: { publicFileUrl: "https://labels.example/r1.pdf" },
      tracking: {
        number: "JJ123456789SE",
        url: "https://tracking.postnord.com/se/?id=JJ123456789SE",
        carrierName: "PostNord",
      },
    });
    const badUrl = await t.gql(RD_CREATE, {
      rfoId: rfo.id,
      items: [{ reverseFulfillmentOrderLineItemId: rfo.lineItems.nodes[0].id, quantity: 1 }],
      label: { fileUrl: "not a url" },
    });
    expect(badUrl.errors?.[0].message).toMatch(/Invalid URL/);
  });
});

describe("returnable fulfillments", () => {
  it("GIVEN an order with a gift card line THEN only the shippable line is returnable", async () => {
    const o = t.api.order(t.shop, "#1175");
    const r = await t.gql(
      `query($id: ID!) { returnableFulfillments(orderId: $id, first: 5) { nodes { returnableFulfillmentLineItems(first: 5) { nodes { quantity fulfillmentLineItem { lineItem { name isGiftCard } } } } } } }`,
      { id: o.id },
    );
    const lines = r.data.returnableFulfillments.nodes.flatMap(
      (n: Json) => n.returnableFulfillmentLineItems.nodes,
    );
    expect(lines).toEqual([
      {
        quantity: 1,
        fulfillmentLineItem: { lineItem: { name: "Stoneware Mug - Moss", isGiftCard: false } },
      },
    ]);
  });

  it("GIVEN the cancelled order THEN nothing is returnable", async () => {
    const r = await t.gql(
      `query($id: ID!) { returnableFulfillments(orderId: $id, first: 5) { nodes { id } } }`,
      { id: t.api.order(t.shop, "#1190").id },
    );
    expect(r.data.returnableFulfillments.nodes).toEqual([]);
  });
});

describe("the rule table", () => {
  it("every rule is documented in simulator/admin/README.md", () => {
    const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
    for (const [name, rule] of Object.entries(RULES)) {
      expect(readme, name).toContain(`\`${name}\``);
      if (rule.code) expect(readme, `${name} code`).toContain(`\`${rule.code}\``);
    }
  });
});
