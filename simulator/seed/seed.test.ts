import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createAdminApi, type AdminApiInstance } from "../admin/index";
import type {
  FulfillmentLineItemRec,
  FulfillmentRec,
  ShopState,
  TransactionRec,
  VariantRec,
} from "../admin/model";
import {
  displayFinancialStatus,
  displayFulfillmentStatus,
  returnableQuantity,
} from "../admin/store";
import { findSeedOrder, NORDIC_DEMO_DOMAIN, orderAgeDays, SEED_SCENARIOS } from "./index";

const SEED_NOW = "2026-11-20T12:00:00Z";
const DAY = 86_400_000;
let api: AdminApiInstance;
let shop: ShopState;

function snapshot(s: ShopState): string {
  return JSON.stringify([...s.nodes.values()], (_k, v) =>
    v instanceof Map ? [...v.entries()] : v,
  );
}

function daysAgo(iso: string | null, now = SEED_NOW): number {
  return (Date.parse(now) - Date.parse(iso!)) / DAY;
}

const fulfillments = (s: ShopState, name: string) =>
  s.orderByName.get(name)!.fulfillmentIds.map((id) => s.nodes.get(id) as FulfillmentRec);
const payments = (s: ShopState, name: string) =>
  s.orderByName
    .get(name)!
    .transactionIds.map((id) => s.nodes.get(id) as TransactionRec)
    .filter((t) => t.kind === "SALE" || t.kind === "CAPTURE");

beforeAll(() => {
  api = createAdminApi({ seedNow: SEED_NOW, now: () => new Date(SEED_NOW) });
  shop = api.store.shop(NORDIC_DEMO_DOMAIN);
});

describe("determinism", () => {
  it("GIVEN the same seed and seedNow THEN identical data; GIVEN another seed THEN different random orders", () => {
    const again = createAdminApi({ seedNow: SEED_NOW, now: () => new Date(SEED_NOW) });
    expect(snapshot(again.store.shop(NORDIC_DEMO_DOMAIN))).toBe(snapshot(shop));
    const other = createAdminApi({ seedNow: SEED_NOW, seed: 7, now: () => new Date(SEED_NOW) });
    expect(snapshot(other.store.shop(NORDIC_DEMO_DOMAIN))).not.toBe(snapshot(shop));
    // …but the documented scenarios are the same orders.
    const a = other.order(NORDIC_DEMO_DOMAIN, "#1182");
    expect(a.lines.map((l) => l.sku)).toEqual(["NL-ABI-M", "NL-MUG-MOSS"]);
  });

  it("GIVEN another seedNow THEN dates move with it (relative dates are stable)", () => {
    const later = "2027-03-01T08:30:00Z";
    const moved = createAdminApi({ seedNow: later, now: () => new Date(later) }).store.shop(
      NORDIC_DEMO_DOMAIN,
    );
    expect(daysAgo(fulfillments(moved, "#1182")[0].deliveredAt, later)).toBeCloseTo(5, 6);
    expect(daysAgo(moved.orderByName.get("#1001")!.processedAt, later)).toBeCloseTo(
      daysAgo(shop.orderByName.get("#1001")!.processedAt),
      6,
    );
  });

  it("GIVEN reset() THEN the seeded state comes back", async () => {
    const o = api.order(NORDIC_DEMO_DOMAIN, "#1182");
    o.note = "changed";
    api.reset();
    expect(api.order(NORDIC_DEMO_DOMAIN, "#1182").note).toBeNull();
    shop = api.store.shop(NORDIC_DEMO_DOMAIN);
  });
});

describe("the Nordlys Living shop", () => {
  it("has the documented size and mix", () => {
    expect(shop.info).toMatchObject({
      name: "Nordlys Living",
      currencyCode: "SEK",
      ianaTimezone: "Europe/Stockholm",
      taxesIncluded: true,
    });
    expect(shop.locations.map((l) => l.name)).toEqual([
      "Stockholm Warehouse",
      "Copenhagen Store",
      "Oslo Store",
    ]);
    expect(shop.products.length).toBeGreaterThanOrEqual(20);
    expect(shop.customers).toHaveLength(50);
    expect(new Set(shop.customers.map((c) => c.locale))).toEqual(
      new Set(["sv", "da", "nb", "fi", "nl", "de", "en"]),
    );
    expect(new Set(shop.customers.map((c) => c.emailAddress)).size).toBe(50);
    expect(shop.orders).toHaveLength(200);
    const byCurrency = (c: string) => shop.orders.filter((o) => o.currency === c).length;
    expect(byCurrency("SEK")).toBeGreaterThan(shop.orders.length / 2 - 30);
    for (const c of ["DKK", "NOK", "EUR"]) expect(byCurrency(c)).toBeGreaterThan(5);
    const gateways = new Set(
      shop.orders.flatMap((o) => payments(shop, o.name).map((t) => t.gateway)),
    );
    expect(gateways).toEqual(new Set(["shopify_payments", "klarna", "paypal", "gift_card"]));
    const statuses = new Set(shop.returns.map((r) => r.status));
    for (const s of ["REQUESTED", "OPEN", "CLOSED", "DECLINED"]) expect(statuses).toContain(s);
    expect(shop.orders.filter((o) => o.cancelledAt)).toHaveLength(1);
    expect(shop.products.find((p) => p.tags.includes("final-sale"))).toBeDefined();
    expect(shop.products.find((p) => p.productType === "Underwear")).toBeDefined();
    expect(shop.products.find((p) => p.isGiftCard)).toBeDefined();
    for (const v of shop.variants)
      for (const q of v.stock.values()) expect(q).toBeGreaterThanOrEqual(0);
  });

  it("numbers orders in time order over the last 90 days", () => {
    const sorted = [...shop.orders].sort((a, b) => a.number - b.number);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i].processedAt > sorted[i - 1].processedAt).toBe(true);
    expect(daysAgo(sorted[0].processedAt)).toBeLessThan(91);
    expect(daysAgo(sorted.at(-1)!.processedAt)).toBeGreaterThan(0);
    const delivered = shop.orders
      .flatMap((o) => fulfillments(shop, o.name))
      .filter((f) => f.deliveredAt)
      .map((f) => daysAgo(f.deliveredAt));
    expect(delivered.some((d) => d < 14)).toBe(true);
    expect(delivered.some((d) => d >= 15 && d <= 30)).toBe(true);
    expect(delivered.some((d) => d > 30)).toBe(true);
  });
});

describe("documented scenario orders", () => {
  it("every scenario exists and is listed in seed/README.md", () => {
    const readme = readFileSync(new URL("./README.md", import.meta.url), "utf8");
    for (const s of SEED_SCENARIOS) {
      expect(shop.orderByName.get(s.name), s.name).toBeDefined();
      expect(readme, `README lists ${s.name}`).toContain(`\`${s.name}\``);
      expect(readme, `README lists ${s.key}`).toContain(`\`${s.key}\``);
      expect(
        Math.abs(
          daysAgo(shop.orderByName.get(s.name)!.processedAt) -
            orderAgeDays(Number(s.name.slice(1))),
        ),
      ).toBeLessThan(1e-6);
    }
    expect(findSeedOrder("#1182")?.key).toBe("delivered-5d-card");
    expect(findSeedOrder("many-lines")?.name).toBe("#1150");
  });

  it("the scenarios have the properties their summaries promise", () => {
    const o = (name: string) => shop.orderByName.get(name)!;
    expect(daysAgo(fulfillments(shop, "#1182")[0].deliveredAt)).toBeCloseTo(5, 6);
    expect(o("#1182")).toMatchObject({ currency: "SEK" });
    expect(o("#1182").lines).toHaveLength(2);
    expect(payments(shop, "#1182").map((t) => t.gateway)).toEqual(["shopify_payments"]);
    expect(o("#1150").lines).toHaveLength(260);
    expect(displayFinancialStatus(shop, o("#1190"))).toBe("REFUNDED");
    expect(o("#1190").cancelledAt).not.toBeNull();
    expect(displayFinancialStatus(shop, o("#1170"))).toBe("PARTIALLY_REFUNDED");
    expect(o("#1173").taxesIncluded).toBe(false);
    expect(o("#1181").customerId).toBeNull();
    expect(o("#1177").lines.map((l) => l.grams)).toEqual([28000, 14000]);
    expect(fulfillments(shop, "#1160")).toHaveLength(2);
    expect(displayFulfillmentStatus(shop, o("#1193"))).toBe("PARTIALLY_FULFILLED");
    expect(displayFulfillmentStatus(shop, o("#1200"))).toBe("UNFULFILLED");
    expect(fulfillments(shop, "#1196")[0]).toMatchObject({
      displayStatus: "IN_TRANSIT",
      deliveredAt: null,
    });
    expect(payments(shop, "#1188").map((t) => [t.gateway, t.amountMinor])).toEqual([
      ["gift_card", 50000],
      ["shopify_payments", 99900],
    ]);
    expect(payments(shop, "#1189").map((t) => t.kind)).toEqual(["CAPTURE"]);
    expect(o("#1174").lines[0].allocations).toHaveLength(2); // line code + order code
    expect(daysAgo(fulfillments(shop, "#1163")[0].deliveredAt)).toBeLessThan(14);
    expect(daysAgo(fulfillments(shop, "#1162")[0].deliveredAt)).toBeGreaterThan(14);
    const lNavy = shop.variants.find((v) => v.sku === "NL-SKA-L-NAVY") as VariantRec;
    expect([...lNavy.stock.values()]).toEqual([0, 0, 0]);
    const statusOf = (name: string) =>
      o(name).returnIds.map((id) => (shop.nodes.get(id) as { status: string }).status);
    expect(statusOf("#1172")).toEqual(["REQUESTED"]);
    expect(statusOf("#1165")).toEqual(["OPEN"]);
    expect(statusOf("#1140")).toEqual(["CLOSED"]);
    expect(statusOf("#1145")).toEqual(["DECLINED"]);
    const sockFli = fulfillments(shop, "#1155")[0].lineIds.map(
      (id) => shop.nodes.get(id) as FulfillmentLineItemRec,
    )[0];
    expect(returnableQuantity(shop, sockFli)).toBe(1);
  });
});
