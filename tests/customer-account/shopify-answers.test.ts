/**
 * Where Shopify's Customer Account API already answers a question the extension asks the app
 * (`order.returnInformation`: what can go back; `returnCalculate`: what it is worth), the two
 * answers are compared on the stand-in's seeded orders (the stand-in answers those two per
 * shopify.dev, simulator/platform/customer-account-api.ts; guesses in simulator/README.md):
 *   - the app never offers more units of a line than Shopify would accept, and every unit it
 *     holds back is explained by one of the merchant's own rules (window, final sale, a return
 *     already requested in the app…), never by a disagreement about what was delivered;
 *   - the refund preview equals Shopify's calculated return total for the same units (no fees).
 * docs/customer-accounts.md says why the flow still uses the app's backend.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ReturnsError } from "~/services/context.server";
import { loader as orderLoader } from "~/routes/api.customer-account.orders.$orderId";
import { action as previewAction } from "~/routes/api.customer-account.orders.$orderId_.preview";
import { mintCustomerAccountSessionToken } from "../../simulator/platform/customer-account-token";
import { createCustomerAccountApi } from "../../simulator/platform/customer-account-api";
import { SEED_SCENARIOS } from "../../simulator/seed/index";
import { createEngine, type Engine } from "../support/engine";

const KEY = process.env.SHOPIFY_API_KEY!;
const SECRET = process.env.SHOPIFY_API_SECRET!;
const APP = process.env.SHOPIFY_APP_URL!;

const current: { engine: Engine | null } = { engine: null };
vi.mock("~/services/shop-context.server", () => ({
  contextForShop: async (domain: string) => {
    if (current.engine && domain === current.engine.shop) return current.engine.ctx;
    throw new ReturnsError("NOT_FOUND", { key: "app.notInstalled", values: { shop: domain } });
  },
}));

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
const legacy = (gid: string) => gid.split("/").pop()!;
const minor = (amount: string) => Math.round(Number(amount) * 100);

/** Reasons the app holds units back for that Shopify (without return rules) doesn't know. */
const MERCHANT_RULES = new Set([
  "WINDOW_EXPIRED", "FINAL_SALE", "NON_RETURNABLE_PRODUCT", "NON_RETURNABLE_COLLECTION", "NON_RETURNABLE_TYPE", "NON_RETURNABLE_TAG",
  "GIFT_CARD", "TOO_MANY_RETURNS", "CUSTOMER_BLOCKED", "ORDER_NOT_PAID", "ORDER_REFUNDED",
  // Requested in the app, not yet a Shopify return (it becomes one at approval).
  "ALREADY_RETURNED",
]);

const RETURN_INFORMATION = `query ($id: ID!) { order(id: $id) { returnInformation {
  returnableLineItems(first: 50) { nodes { lineItem { id } quantity } }
  nonReturnableLineItems(first: 50) { nodes { lineItem { id } quantity quantityDetails { quantity reasonCode } } }
  nonReturnableSummary { nonReturnableReasons } } } }`;
const RETURN_CALCULATE = `query ($input: CalculateReturnInput!) { returnCalculate(input: $input) {
  financialSummary { returnTotalSet { presentmentMoney { amount currencyCode } } restockingFeeSubtotalSet { presentmentMoney { amount } } returnShippingFeeSubtotalSet { presentmentMoney { amount } } }
  returnLineItems { nodes { lineItem { id } quantity } } } }`;

describe("the app's answers next to Shopify's Customer Account API", () => {
  let engine: Engine;
  let customerApi: ReturnType<typeof createCustomerAccountApi>;
  const token = (customerId: string) => mintCustomerAccountSessionToken({ shop: engine.shop, apiKey: KEY, apiSecret: SECRET, customerId });

  async function call(handler: Handler, init: RequestInit & { token: string }, orderId: string) {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${init.token}`);
    return handler({ request: new Request(`${APP}/x`, { ...init, headers }), params: { orderId }, context: {} });
  }

  /** fulfillment line item → line item (the app works per fulfillment line, Shopify's API per line item). */
  async function lineItemOf(orderId: string): Promise<Map<string, string>> {
    const { data } = await engine.admin.request<{ order: { fulfillments: { fulfillmentLineItems: { nodes: { id: string; lineItem: { id: string } }[] } }[] } }, { id: string }>(
      `#graphql
      query CompareFulfillmentLines($id: ID!) { order(id: $id) { fulfillments(first: 5) { fulfillmentLineItems(first: 20) { nodes { id lineItem { id } } } } } }` as never,
      { id: orderId },
    );
    return new Map(data.order.fulfillments.flatMap((f) => f.fulfillmentLineItems.nodes.map((n) => [n.id, n.lineItem.id] as const)));
  }

  beforeAll(async () => {
    engine = await createEngine("sqlite");
    current.engine = engine;
    customerApi = createCustomerAccountApi(async (query, variables) => (await engine.admin.request(query as never, variables as never)).data as never);
  });
  afterAll(async () => {
    current.engine = null;
    await engine?.close();
  });

  it("order.returnInformation: the app offers at most what Shopify accepts, and holds back only by the merchant's rules", async () => {
    let compared = 0;
    let agreeing = 0;
    const heldBack = new Map<string, number>();
    for (const scenario of SEED_SCENARIOS) {
      const rec = engine.api.order(engine.shop, scenario.name);
      if (!rec.customerId) continue;
      const shopify = await customerApi.execute(rec.customerId, RETURN_INFORMATION, { id: rec.id });
      expect(shopify.errors, scenario.name).toBeUndefined();
      const info = (shopify.data as { order: { returnInformation: { returnableLineItems: { nodes: { lineItem: { id: string }; quantity: number }[] } } } }).order.returnInformation;
      const shopifyQty = new Map(info.returnableLineItems.nodes.map((n) => [n.lineItem.id, n.quantity]));

      const res = await call(orderLoader as Handler, { token: token(rec.customerId) }, legacy(rec.id));
      expect(res.status, scenario.name).toBe(200);
      const app = (await res.json()) as { order: { lines: { fulfillmentLineItemId: string; eligible: boolean; returnableQuantity: number; ineligibleReason: string | null }[] } };
      // #1150 (260 lines) would need paging through both answers; one page is compared.
      if (app.order.lines.length > 20) continue;
      const toLineItem = await lineItemOf(rec.id);
      const appQty = new Map<string, { qty: number; reasons: string[] }>();
      for (const l of app.order.lines) {
        const id = toLineItem.get(l.fulfillmentLineItemId)!;
        const entry = appQty.get(id) ?? { qty: 0, reasons: [] };
        if (l.eligible) entry.qty += l.returnableQuantity;
        else if (l.ineligibleReason) entry.reasons.push(l.ineligibleReason);
        appQty.set(id, entry);
      }
      for (const [lineItemId, { qty, reasons }] of appQty) {
        const theirs = shopifyQty.get(lineItemId) ?? 0;
        compared++;
        expect(qty, `${scenario.name} ${lineItemId}`).toBeLessThanOrEqual(theirs);
        if (qty === theirs) agreeing++;
        else {
          expect(reasons.length, `${scenario.name} ${lineItemId}: held back without a reason`).toBeGreaterThan(0);
          for (const r of reasons) {
            expect(MERCHANT_RULES.has(r), `${scenario.name}: ${r}`).toBe(true);
            heldBack.set(r, (heldBack.get(r) ?? 0) + 1);
          }
        }
      }
    }
    console.info("returnInformation compared", { compared, agreeing, heldBack: Object.fromEntries(heldBack) });
    expect(compared).toBeGreaterThan(40);
    expect(agreeing).toBeGreaterThan(10);
    // The seed exercises the rules Shopify can't know of: windows and final sale at least.
    expect(heldBack.get("WINDOW_EXPIRED")).toBeGreaterThan(0);
    expect(heldBack.get("FINAL_SALE")).toBeGreaterThan(0);
  });

  it("returnCalculate: the refund preview equals Shopify's calculated total for the same units (tax included and tax on top)", async () => {
    for (const name of ["#1182", "#1183", "#1185", "#1173"]) {
      const rec = engine.api.order(engine.shop, name);
      const t = token(rec.customerId!);
      const options = await (await call(orderLoader as Handler, { token: t }, legacy(rec.id))).json();
      const line = options.order.lines.find((l: { eligible: boolean }) => l.eligible);
      const preview = await (
        await call(previewAction as Handler, { method: "POST", token: t, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ method: options.methods[0].code, lines: [{ fulfillmentLineItemId: line.fulfillmentLineItemId, quantity: 1, reasonId: null, resolution: "REFUND" }] }) }, legacy(rec.id))
      ).json();
      const lineItemId = (await lineItemOf(rec.id)).get(line.fulfillmentLineItemId)!;
      const shopify = await customerApi.execute(rec.customerId!, RETURN_CALCULATE, { input: { orderId: rec.id, returnLineItems: [{ lineItemId, quantity: 1 }] } });
      expect(shopify.errors, name).toBeUndefined();
      const calc = (shopify.data as { returnCalculate: { financialSummary: { returnTotalSet: { presentmentMoney: { amount: string; currencyCode: string } } } } }).returnCalculate;
      expect(preview.amounts.fees, name).toBe(0);
      expect(preview.currency, name).toBe(calc.financialSummary.returnTotalSet.presentmentMoney.currencyCode);
      expect(preview.amounts.refund, name).toBe(minor(calc.financialSummary.returnTotalSet.presentmentMoney.amount));
    }
  });

  it("Shopify's API answers only for the signed-in customer's own order", async () => {
    const astrids = engine.api.order(engine.shop, "#1182");
    const rasmus = engine.api.order(engine.shop, "#1183").customerId!;
    const other = await customerApi.execute(rasmus, RETURN_INFORMATION, { id: astrids.id });
    expect(other.data).toEqual({ order: null });
  });
});
