/**
 * Deterministic seed data for the offline stand-in.
 *
 * - nordic-demo.myshopify.com "Nordlys Living": ~21 products, 3 locations, 50 customers and 200
 *   orders (#1001–#1200) over the 90 days before `seedNow`. Order numbers follow time: order
 *   #N was placed (1200 − N) × 0.45 days + 2 h before seedNow (random orders add up to 0.3 d of
 *   jitter), so the documented scenario orders below have FIXED names and relative dates for
 *   any seedNow. Randomness only from mulberry32(seed); never Math.random.
 * - a tiny shop (other-shop.myshopify.com by default) for tenant-isolation tests.
 *
 * The scenario catalogue (SEED_SCENARIOS / findSeedOrder) is what tests and docs refer to;
 * README.md lists the same orders and a test keeps the two in sync.
 */
import * as arithmetic from "../admin/arithmetic";
import { createDiscountCode } from "../admin/discounts";
import { createOrder, type OrderSpec } from "../admin/order-builder";
import { gid } from "../admin/gid";
import type {
  CollectionRec,
  CustomerRec,
  LocationRec,
  OrderRec,
  ProductRec,
  ReturnReasonDefinitionRec,
  ShopState,
  VariantRec,
  FulfillmentLineItemRec,
  TransactionRec,
  RfoRec,
} from "../admin/model";
import { formatFixed } from "../admin/money";
import * as ops from "../admin/operations";
import { Rng } from "../admin/prng";
import { createShopState, isoNow, nextGid, nextNumericId, register } from "../admin/store";
import {
  ADDRESSES,
  COLLECTIONS,
  COUNTRY_OF_LOCALE,
  CURRENCY_OF_COUNTRY,
  CUSTOMER_COUNTS,
  emailLocalPart,
  FX,
  LOCATIONS,
  NAMES,
  PRODUCTS,
  type Locale,
  type LocationDef,
} from "./catalog";

export const NORDIC_DEMO_DOMAIN = "nordic-demo.myshopify.com";
export const OTHER_SHOP_DOMAIN = "other-shop.myshopify.com";
export const DEFAULT_SEED = 20261001;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FIRST_ORDER = 1001;
const LAST_ORDER = 1200;
const SLOT_DAYS = 0.45;

// ---------------------------------------------------------------------------------------------
// Scenario catalogue (static: names and what they are)
// ---------------------------------------------------------------------------------------------

export interface SeedScenario {
  name: string;
  key: string;
  summary: string;
}

type Builder = (h: Helpers, number: number) => void;
interface ScenarioDef extends SeedScenario {
  build: Builder;
}

/** Days before seedNow at which order #n was placed (scenario orders: exact, no jitter). */
export function orderAgeDays(number: number): number {
  return (LAST_ORDER - number) * SLOT_DAYS + 2 / 24;
}

interface Helpers {
  shop: ShopState;
  ctx: ops.OpsContext;
  seedNow: Date;
  rng: Rng;
  /** ISO time `days` (+ `hours`) before seedNow. */
  ago(days: number, hours?: number): string;
  variant(productKey: string, ...values: string[]): string;
  customer(key: string): string;
  order(
    number: number,
    spec: Omit<OrderSpec, "number" | "processedAt"> & { processedAt?: string },
  ): OrderRec;
  /** Run operations as if it were `days` before seedNow. */
  at<T>(days: number, fn: () => T): T;
  shipping(currency: string, subtotalMinor: number): OrderSpec["shipping"];
  tracking(currency: string): { company: string; number: string; url: string };
  delivered(
    number: number,
    deliveredDaysAgo: number,
    extra?: Partial<NonNullable<OrderSpec["fulfillments"]>[number]>,
  ): NonNullable<OrderSpec["fulfillments"]>;
  fli(order: OrderRec, lineIndex: number, fulfillmentIndex?: number): string;
  payment(order: OrderRec, index?: number): TransactionRec;
  location(key: "stockholm" | "copenhagen" | "oslo"): string;
  reason(handle: string): string;
}

function ok<T>(r: ops.OpResult<T>, what: string): T {
  if (!r.ok)
    throw new Error(
      `seed: ${what} failed: ${r.errors.map((e) => `${e.rule}: ${e.message}`).join("; ")}`,
    );
  return r.value;
}

const money = (order: OrderRec, minor: number) => ({
  amount: formatFixed(minor, order.currency),
  currencyCode: order.currency,
});

function deliveredOrder(
  h: Helpers,
  n: number,
  spec: Omit<OrderSpec, "number" | "processedAt" | "fulfillments">,
  deliveredDaysAgo: number,
): OrderRec {
  return h.order(n, { ...spec, fulfillments: h.delivered(n, deliveredDaysAgo) });
}

const SCENARIOS: ScenarioDef[] = [
  {
    name: "#1040",
    key: "delivered-69d",
    summary:
      "Delivered 69 days ago (placed 72 days ago, older than 60 days: needs read_all_orders when enforced). SEK, card, 1 line.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv10"),
          lines: [{ variantId: h.variant("cardigan", "S"), quantity: 1 }],
        },
        69,
      ),
  },
  {
    name: "#1097",
    key: "delivered-43d",
    summary:
      "Delivered 43 days ago (outside a 30-day window). SEK, card, 1 line (linen duvet cover 220x220 Sage).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv9"),
          lines: [{ variantId: h.variant("duvet", "220x220", "Sage"), quantity: 1 }],
        },
        43,
      ),
  },
  {
    name: "#1120",
    key: "repeat-returner-1",
    summary:
      "Erik Johansson's earlier order: delivered 30 days ago, SEK, card; returned in Shopify admin (size-too-small), refunded to card, CLOSED.",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv1"),
          lines: [{ variantId: h.variant("trousers", "M"), quantity: 1 }],
        },
        30,
      );
      adminReturnRefundClose(h, o, [{ line: 0, quantity: 1, reason: "size-too-small" }], {
        createdDaysAgo: 27,
        processedDaysAgo: 24,
        restockAt: "stockholm",
        method: "card",
      });
    },
  },
  {
    name: "#1137",
    key: "delivered-25d-eur-de-klarna",
    summary:
      "Delivered 25 days ago (15–30 days). EUR (Germany, MwSt 19 %), Klarna (authorization + capture), 1 line (rain jacket XL/Navy).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("de0"),
          currency: "EUR",
          payments: [{ gateway: "klarna" }],
          lines: [{ variantId: h.variant("jacket", "XL", "Navy"), quantity: 1 }],
        },
        25,
      ),
  },
  {
    name: "#1140",
    key: "return-closed-refunded",
    summary:
      "DKK, card, 2 lines, delivered 24 days ago; return requested 22 d ago, approved 21 d, processed 15 d ago (duvet restocked at Copenhagen Store, refunded to card) and CLOSED.",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("da7"),
          currency: "DKK",
          lines: [
            { variantId: h.variant("duvet", "150x210", "Natural"), quantity: 1 },
            { variantId: h.variant("pillowcase", "50x70"), quantity: 1 },
          ],
        },
        24,
      );
      const ret = h.at(22, () =>
        ok(
          ops.returnRequest(
            h.ctx,
            {
              orderId: o.id,
              returnLineItems: [
                {
                  fulfillmentLineItemId: h.fli(o, 0),
                  quantity: 1,
                  returnReasonDefinitionId: h.reason("not-as-described"),
                  customerNote: "The colour is much darker than on the website.",
                },
              ],
            },
            "admin",
          ),
          "request",
        ),
      );
      h.at(21, () => ok(ops.returnApproveRequest(h.ctx, { id: ret.id }), "approve"));
      processRefundClose(h, o, ret.id, 15, "copenhagen", "card");
    },
  },
  {
    name: "#1145",
    key: "return-declined",
    summary:
      "NOK, card, delivered 22 days ago; return requested 18 d ago and DECLINED 17 d ago (reason OTHER, note about signs of use).",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nb2"),
          currency: "NOK",
          lines: [{ variantId: h.variant("trousers", "S"), quantity: 1 }],
        },
        22,
      );
      const ret = h.at(18, () =>
        ok(
          ops.returnRequest(
            h.ctx,
            {
              orderId: o.id,
              returnLineItems: [
                {
                  fulfillmentLineItemId: h.fli(o, 0),
                  quantity: 1,
                  returnReasonDefinitionId: h.reason("unwanted"),
                },
              ],
            },
            "admin",
          ),
          "request",
        ),
      );
      h.at(17, () =>
        ok(
          ops.returnDeclineRequest(h.ctx, {
            id: ret.id,
            declineReason: "OTHER",
            declineNote: "The trousers show clear signs of use.",
          }),
          "decline",
        ),
      );
    },
  },
  {
    name: "#1148",
    key: "delivered-20d-sek-card",
    summary:
      "Delivered 20 days ago (15–30 days). SEK, card, 2 lines (rain jacket L/Ochre, rain trousers L).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv8"),
          lines: [
            { variantId: h.variant("jacket", "L", "Ochre"), quantity: 1 },
            { variantId: h.variant("trousers", "L"), quantity: 1 },
          ],
        },
        20,
      ),
  },
  {
    name: "#1150",
    key: "many-lines",
    summary:
      "Corporate gift order with 260 line items (quantity 1 each: mugs, socks, espresso cups), SEK, card, delivered 18 days ago: paginate lineItems / fulfillmentLineItems.",
    build: (h, n) => {
      const pool = [
        h.variant("mug", "White"),
        h.variant("mug", "Moss"),
        h.variant("mug", "Clay"),
        h.variant("hikingSocks", "36-38"),
        h.variant("hikingSocks", "39-41"),
        h.variant("hikingSocks", "42-44"),
        h.variant("hikingSocks", "45-47"),
        h.variant("socks3", "36-40"),
        h.variant("socks3", "41-46"),
        h.variant("espresso"),
      ];
      const lines = Array.from({ length: 260 }, (_, i) => ({
        variantId: pool[i % pool.length],
        quantity: 1,
      }));
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("en0"),
          lines,
          note: "Corporate gift: one personalised item per employee.",
          tags: ["corporate"],
        },
        18,
      );
    },
  },
  {
    name: "#1152",
    key: "repeat-returner-2",
    summary:
      "Erik Johansson again: SEK, Klarna, delivered 19 days ago; returned (size-too-large), refunded as store credit (expires in a year) and CLOSED.",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv1"),
          payments: [{ gateway: "klarna" }],
          lines: [{ variantId: h.variant("jacket", "M", "Ochre"), quantity: 1 }],
        },
        19,
      );
      adminReturnRefundClose(h, o, [{ line: 0, quantity: 1, reason: "size-too-large" }], {
        createdDaysAgo: 16,
        processedDaysAgo: 13,
        restockAt: "stockholm",
        method: "store-credit",
      });
    },
  },
  {
    name: "#1155",
    key: "partial-return-closed",
    summary:
      "EUR (Finland, ALV 25.5 %), card: 3 × wool hiking socks + 1 mug, delivered 17 days ago; 2 socks returned (unwanted), refunded and CLOSED 10 days ago. 1 sock is still returnable.",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("fi1"),
          currency: "EUR",
          lines: [
            { variantId: h.variant("hikingSocks", "39-41"), quantity: 3 },
            { variantId: h.variant("mug", "Clay"), quantity: 1 },
          ],
        },
        17,
      );
      adminReturnRefundClose(h, o, [{ line: 0, quantity: 2, reason: "unwanted" }], {
        createdDaysAgo: 12,
        processedDaysAgo: 10,
        restockAt: "stockholm",
        method: "card",
      });
    },
  },
  {
    name: "#1160",
    key: "two-fulfillments",
    summary:
      "SEK, card, 2 lines shipped separately: fulfillment #1160.1 delivered 15 days ago, #1160.2 delivered 12 days ago.",
    build: (h, n) => {
      const placed = orderAgeDays(n);
      h.order(n, {
        customerId: h.customer("sv14"),
        lines: [
          { variantId: h.variant("sweater", "S"), quantity: 1 },
          { variantId: h.variant("cardigan", "S"), quantity: 1 },
        ],
        fulfillments: [
          {
            lines: [{ index: 0, quantity: 1 }],
            createdAt: h.ago(placed - 0.5),
            inTransitAt: h.ago(placed - 0.6),
            deliveredAt: h.ago(15),
            tracking: h.tracking("SEK"),
          },
          {
            lines: [{ index: 1, quantity: 1 }],
            createdAt: h.ago(14),
            inTransitAt: h.ago(13.9),
            deliveredAt: h.ago(12),
            tracking: h.tracking("SEK"),
          },
        ],
      });
    },
  },
  {
    name: "#1162",
    key: "delivered-14d-plus-1h",
    summary:
      "EUR (Netherlands), card, delivered 14 days + 1 hour ago: just OUTSIDE a 14-day window.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nl3"),
          currency: "EUR",
          lines: [{ variantId: h.variant("baselayer", "XL"), quantity: 1 }],
        },
        14 + 1 / 24,
      ),
  },
  {
    name: "#1163",
    key: "delivered-14d-minus-1h",
    summary:
      "EUR (Netherlands), card, delivered 14 days − 1 hour ago: just INSIDE a 14-day window.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nl2"),
          currency: "EUR",
          lines: [{ variantId: h.variant("baselayer", "L"), quantity: 1 }],
        },
        14 - 1 / 24,
      ),
  },
  {
    name: "#1165",
    key: "return-open-with-label",
    summary:
      "NOK, Klarna, 2 lines, delivered 12 days ago; return created in admin 5 days ago (trousers, defective), OPEN, with a reverse delivery (PostNord label + tracking).",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nb5"),
          currency: "NOK",
          payments: [{ gateway: "klarna" }],
          lines: [
            { variantId: h.variant("trousers", "M"), quantity: 1 },
            { variantId: h.variant("hikingSocks", "42-44"), quantity: 1 },
          ],
        },
        12,
      );
      h.at(5, () => {
        const ret = ok(
          ops.returnCreate(
            h.ctx,
            {
              orderId: o.id,
              returnLineItems: [
                {
                  fulfillmentLineItemId: h.fli(o, 0),
                  quantity: 1,
                  returnReasonDefinitionId: h.reason("defective"),
                  returnReasonNote: "Seam opened after one hike",
                },
              ],
            },
            "admin",
          ),
          "create",
        );
        const rfo = h.shop.nodes.get(ret.rfoIds[0]) as RfoRec;
        ok(
          ops.reverseDeliveryCreateWithShipping(h.ctx, {
            reverseFulfillmentOrderId: rfo.id,
            reverseDeliveryLineItems: [
              { reverseFulfillmentOrderLineItemId: rfo.lineIds[0], quantity: 1 },
            ],
            labelInput: {
              fileUrl: `https://labels.nordlys-living.example/returns/${ret.name.replace("#", "")}.pdf`,
            },
            trackingInput: {
              number: "JJ401234567SE",
              url: "https://tracking.postnord.com/se/?id=JJ401234567SE",
            },
          }),
          "reverse delivery",
        );
      });
    },
  },
  {
    name: "#1167",
    key: "delivered-12d-nok-paypal",
    summary: "Delivered 12 days ago. NOK, PayPal, 1 line (rain jacket M/Ochre).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nb0"),
          currency: "NOK",
          payments: [{ gateway: "paypal" }],
          lines: [{ variantId: h.variant("jacket", "M", "Ochre"), quantity: 1 }],
        },
        12,
      ),
  },
  {
    name: "#1170",
    key: "partially-refunded",
    summary:
      "SEK, card, 3 lines (sweater XL, hiking socks, 2 × mug Clay), delivered 11 days ago; 1 mug refunded in admin 10 days ago (refundCreate, restocked): PARTIALLY_REFUNDED.",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv7"),
          lines: [
            { variantId: h.variant("sweater", "XL"), quantity: 1 },
            { variantId: h.variant("hikingSocks", "39-41"), quantity: 1 },
            { variantId: h.variant("mug", "Clay"), quantity: 2 },
          ],
        },
        11,
      );
      h.at(10, () =>
        ok(
          ops.refundCreate(h.ctx, {
            orderId: o.id,
            note: "Mug arrived chipped",
            refundLineItems: [
              {
                lineItemId: o.lines[2].id,
                quantity: 1,
                restockType: "RETURN",
                locationId: h.location("stockholm"),
              },
            ],
            transactions: [
              {
                orderId: o.id,
                parentId: h.payment(o).id,
                kind: "REFUND",
                gateway: "shopify_payments",
                amount: formatFixed(o.lines[2].unitPrice, o.currency),
              },
            ],
          }),
          "refund",
        ),
      );
    },
  },
  {
    name: "#1171",
    key: "delivered-10d-dkk-card",
    summary: "Delivered 10 days ago. DKK, card, 2 lines (wool throw Grey, beeswax candles).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("da0"),
          currency: "DKK",
          lines: [
            { variantId: h.variant("throw", "Grey"), quantity: 1 },
            { variantId: h.variant("candles"), quantity: 1 },
          ],
        },
        10,
      ),
  },
  {
    name: "#1172",
    key: "return-requested",
    summary:
      "NOK, card, 2 lines, delivered 9 days ago; the customer requested a return 2 days ago (rain jacket, size-too-large): REQUESTED, awaiting approval.",
    build: (h, n) => {
      const o = deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nb4"),
          currency: "NOK",
          lines: [
            { variantId: h.variant("jacket", "S", "Navy"), quantity: 1 },
            { variantId: h.variant("baselayer", "S"), quantity: 1 },
          ],
        },
        9,
      );
      h.at(2, () =>
        ok(
          ops.returnRequest(
            h.ctx,
            {
              orderId: o.id,
              returnLineItems: [
                {
                  fulfillmentLineItemId: h.fli(o, 0),
                  quantity: 1,
                  returnReasonDefinitionId: h.reason("size-too-large"),
                  customerNote: "Too big across the shoulders.",
                },
              ],
            },
            "admin",
          ),
          "request",
        ),
      );
    },
  },
  {
    name: "#1173",
    key: "tax-exclusive-eur",
    summary:
      "EUR (Germany) business order with prices EXCLUDING tax (taxesIncluded false, MwSt 19 % added): oak bench + 2 serving bowls, card, delivered 9 days ago.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("de2"),
          currency: "EUR",
          taxesIncluded: false,
          tags: ["b2b"],
          lines: [
            { variantId: h.variant("bench"), quantity: 1 },
            { variantId: h.variant("bowl"), quantity: 2 },
          ],
        },
        9,
      ),
  },
  {
    name: "#1174",
    key: "both-discounts",
    summary:
      "SEK, Klarna, delivered 9 days ago, line-level code WOOL20 (20 % on the sweater) AND order-level code WELCOME10 (10 % of the order): sweater S, throw Rust, 3 × hiking socks.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv4"),
          payments: [{ gateway: "klarna" }],
          lines: [
            { variantId: h.variant("sweater", "S"), quantity: 1 },
            { variantId: h.variant("throw", "Rust"), quantity: 1 },
            { variantId: h.variant("hikingSocks", "36-38"), quantity: 3 },
          ],
          lineDiscount: { code: "WOOL20", percentage: 20, lineIndexes: [0] },
          orderDiscount: { code: "WELCOME10", percentage: 10 },
        },
        9,
      ),
  },
  {
    name: "#1175",
    key: "gift-card-purchase",
    summary:
      "DKK, card: a 500 kr digital gift card (not shippable, not returnable) + a mug; the mug was delivered 9 days ago.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("da1"),
          currency: "DKK",
          lines: [
            { variantId: h.variant("giftcard", "500 kr"), quantity: 1 },
            { variantId: h.variant("mug", "Moss"), quantity: 1 },
          ],
        },
        9,
      ),
  },
  {
    name: "#1176",
    key: "delivered-8d-eur-nl-card",
    summary:
      "Delivered 8 days ago. EUR (Netherlands, BTW 21 %), card, 2 lines (linen duvet cover 150x210 Natural, pillowcases 50x60).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nl0"),
          currency: "EUR",
          lines: [
            { variantId: h.variant("duvet", "150x210", "Natural"), quantity: 1 },
            { variantId: h.variant("pillowcase", "50x60"), quantity: 1 },
          ],
        },
        8,
      ),
  },
  {
    name: "#1177",
    key: "heavy-furniture",
    summary:
      "Heavy items: oak sideboard (28 kg) + oak bench (14 kg), SEK, card, freight delivery (995 kr), delivered 6 days ago: home-pickup scenario.",
    build: (h, n) =>
      h.order(n, {
        customerId: h.customer("sv15"),
        lines: [
          { variantId: h.variant("sideboard"), quantity: 1 },
          { variantId: h.variant("bench"), quantity: 1 },
        ],
        shipping: { title: "Home delivery (freight)", code: "FREIGHT", price: 99500 },
        fulfillments: h.delivered(n, 6, {
          tracking: {
            company: "DB Schenker",
            number: "SE4412345678",
            url: "https://www.dbschenker.com/app/tracking-public/?refNumber=SE4412345678",
          },
        }),
      }),
  },
  {
    name: "#1178",
    key: "order-discount",
    summary:
      "SEK, card, order-level code WELCOME10 (10 %), delivered 7 days ago: sweater L + rain trousers M.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv3"),
          lines: [
            { variantId: h.variant("sweater", "L"), quantity: 1 },
            { variantId: h.variant("trousers", "M"), quantity: 1 },
          ],
          orderDiscount: { code: "WELCOME10", percentage: 10 },
        },
        7,
      ),
  },
  {
    name: "#1179",
    key: "underwear",
    summary:
      "NOK, card, delivered 7 days ago: 2 × merino boxer briefs (product type Underwear: non-returnable by policy) + base layer top.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("nb3"),
          currency: "NOK",
          lines: [
            { variantId: h.variant("boxers", "M"), quantity: 2 },
            { variantId: h.variant("baselayer", "M"), quantity: 1 },
          ],
        },
        7,
      ),
  },
  {
    name: "#1180",
    key: "line-discount",
    summary:
      "SEK, card, line-level code WOOL20 (20 % on the two sock lines), delivered 6 days ago: 2 × hiking socks 42-44, socks 3-pack, mug White (undiscounted).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv2"),
          lines: [
            { variantId: h.variant("hikingSocks", "42-44"), quantity: 2 },
            { variantId: h.variant("socks3", "41-46"), quantity: 1 },
            { variantId: h.variant("mug", "White"), quantity: 1 },
          ],
          lineDiscount: { code: "WOOL20", percentage: 20, lineIndexes: [0, 1] },
        },
        6,
      ),
  },
  {
    name: "#1181",
    key: "guest-order",
    summary:
      "Guest checkout without a customer record (email guest.shopper@example.org), SEK, card, 2 × beeswax candles, delivered 5 days ago: no store credit possible.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: null,
          email: "guest.shopper@example.org",
          locale: "sv",
          lines: [{ variantId: h.variant("candles"), quantity: 2 }],
        },
        5,
      ),
  },
  {
    name: "#1182",
    key: "delivered-5d-card",
    summary:
      "Delivered 5 days ago, SEK, card, 2 lines (merino sweater M, stoneware mug Moss), Astrid Lindqvist — the standard happy path.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv0"),
          lines: [
            { variantId: h.variant("sweater", "M"), quantity: 1 },
            { variantId: h.variant("mug", "Moss"), quantity: 1 },
          ],
        },
        5,
      ),
  },
  {
    name: "#1183",
    key: "final-sale",
    summary:
      "DKK, card, delivered 5 days ago: a sample-sale beanie tagged final-sale + a merino sweater M.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("da2"),
          currency: "DKK",
          lines: [
            { variantId: h.variant("beanie"), quantity: 1 },
            { variantId: h.variant("sweater", "M"), quantity: 1 },
          ],
        },
        5,
      ),
  },
  {
    name: "#1184",
    key: "cast-iron-pot",
    summary: "DKK, card, delivered 4 days ago: cast-iron pot (6 kg).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("da3"),
          currency: "DKK",
          lines: [{ variantId: h.variant("pot", "Black"), quantity: 1 }],
        },
        4,
      ),
  },
  {
    name: "#1185",
    key: "gift-card-payment",
    summary:
      "Paid entirely with a gift card, SEK, delivered 4 days ago: merino base layer M + 59 kr shipping.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv5"),
          payments: [{ gateway: "gift_card" }],
          lines: [{ variantId: h.variant("baselayer", "M"), quantity: 1 }],
        },
        4,
      ),
  },
  {
    name: "#1186",
    key: "exchange-out-of-stock",
    summary:
      "EUR (Finland), card, delivered 3 days ago: rain jacket M/Navy; the natural exchange (L/Navy) is OUT OF STOCK at every location.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("fi0"),
          currency: "EUR",
          lines: [{ variantId: h.variant("jacket", "M", "Navy"), quantity: 1 }],
        },
        3,
      ),
  },
  {
    name: "#1188",
    key: "split-gift-card-card",
    summary:
      "Split payment: 500 kr gift card first, then card for the rest (999 kr). SEK, cardigan L, delivered 3 days ago.",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv6"),
          payments: [{ gateway: "gift_card", amount: 50000 }, { gateway: "shopify_payments" }],
          lines: [{ variantId: h.variant("cardigan", "L"), quantity: 1 }],
        },
        3,
      ),
  },
  {
    name: "#1189",
    key: "exchange-candidate-klarna",
    summary:
      "Delivered 2 days ago, SEK, Klarna, Erik Johansson: cardigan M + 2 × hiking socks 39-41 (size-swap exchange candidate; Erik has two earlier returns).",
    build: (h, n) =>
      deliveredOrder(
        h,
        n,
        {
          customerId: h.customer("sv1"),
          payments: [{ gateway: "klarna" }],
          lines: [
            { variantId: h.variant("cardigan", "M"), quantity: 1 },
            { variantId: h.variant("hikingSocks", "39-41"), quantity: 2 },
          ],
        },
        2,
      ),
  },
  {
    name: "#1190",
    key: "cancelled",
    summary:
      "Cancelled 4 days ago by the customer before fulfilment and fully refunded (DKK, card, wool throw Rust).",
    build: (h, n) =>
      h.order(n, {
        customerId: h.customer("da4"),
        currency: "DKK",
        lines: [{ variantId: h.variant("throw", "Rust"), quantity: 1 }],
        cancel: { at: h.ago(4), reason: "CUSTOMER" },
      }),
  },
  {
    name: "#1193",
    key: "partially-fulfilled",
    summary:
      "SEK, Klarna: wool throw Grey delivered 1 day ago; linen duvet cover 150x210 Sage not yet fulfilled (PARTIALLY_FULFILLED).",
    build: (h, n) =>
      h.order(n, {
        customerId: h.customer("sv13"),
        payments: [{ gateway: "klarna" }],
        lines: [
          { variantId: h.variant("throw", "Grey"), quantity: 1 },
          { variantId: h.variant("duvet", "150x210", "Sage"), quantity: 1 },
        ],
        fulfillments: [
          {
            lines: [{ index: 0, quantity: 1 }],
            createdAt: h.ago(2.5),
            inTransitAt: h.ago(2.4),
            deliveredAt: h.ago(1),
            tracking: h.tracking("SEK"),
          },
        ],
      }),
  },
  {
    name: "#1196",
    key: "in-transit",
    summary:
      "Fulfilled 1.5 days ago and in transit (not delivered; estimated delivery tomorrow). SEK, card, merino sweater M.",
    build: (h, n) =>
      h.order(n, {
        customerId: h.customer("sv11"),
        lines: [{ variantId: h.variant("sweater", "M"), quantity: 1 }],
        fulfillments: [
          {
            createdAt: h.ago(1.5),
            inTransitAt: h.ago(1.4),
            deliveredAt: null,
            estimatedDeliveryAt: h.ago(-1),
            tracking: h.tracking("SEK"),
          },
        ],
      }),
  },
  {
    name: "#1200",
    key: "unfulfilled",
    summary: "Placed 2 hours ago, paid, UNFULFILLED. SEK, card: 2 × mug White + serving bowl.",
    build: (h, n) =>
      h.order(n, {
        customerId: h.customer("sv12"),
        lines: [
          { variantId: h.variant("mug", "White"), quantity: 2 },
          { variantId: h.variant("bowl"), quantity: 1 },
        ],
      }),
  },
];

export const SEED_SCENARIOS: ReadonlyArray<SeedScenario> = SCENARIOS.map(
  ({ name, key, summary }) => ({ name, key, summary }),
);

/** Catalogue entry of a documented seed order, by name ("#1182") or key ("delivered-5d-card"). */
export function findSeedOrder(nameOrKey: string): SeedScenario | undefined {
  const n = nameOrKey.startsWith("#") || !/^\d+$/.test(nameOrKey) ? nameOrKey : `#${nameOrKey}`;
  return SEED_SCENARIOS.find((s) => s.name === n || s.key === nameOrKey);
}

// ---------------------------------------------------------------------------------------------
// Return helpers used by scenarios and random orders
// ---------------------------------------------------------------------------------------------

function adminReturnRefundClose(
  h: Helpers,
  o: OrderRec,
  lines: Array<{ line: number; quantity: number; reason: string }>,
  opt: {
    createdDaysAgo: number;
    processedDaysAgo: number;
    restockAt: "stockholm" | "copenhagen" | "oslo";
    method: "card" | "store-credit";
  },
): void {
  const ret = h.at(opt.createdDaysAgo, () =>
    ok(
      ops.returnCreate(
        h.ctx,
        {
          orderId: o.id,
          returnLineItems: lines.map((l) => ({
            fulfillmentLineItemId: h.fli(o, l.line),
            quantity: l.quantity,
            returnReasonDefinitionId: h.reason(l.reason),
          })),
        },
        "admin",
      ),
      "returnCreate",
    ),
  );
  processRefundClose(h, o, ret.id, opt.processedDaysAgo, opt.restockAt, opt.method);
}

/** Process every line of an OPEN return (restock), refund the suggested amount, close it. */
function processRefundClose(
  h: Helpers,
  o: OrderRec,
  returnId: string,
  daysAgo: number,
  restockAt: "stockholm" | "copenhagen" | "oslo",
  method: "card" | "store-credit",
): void {
  h.at(daysAgo, () => {
    const ret = h.shop.nodes.get(returnId) as import("../admin/model").ReturnRec;
    const rfo = h.shop.nodes.get(ret.rfoIds[0]) as RfoRec;
    const rlis = ret.lineIds.map(
      (id) => h.shop.nodes.get(id) as import("../admin/model").ReturnLineItemRec,
    );
    const outcome = (() => {
      // Same numbers the app would get from suggestedFinancialOutcome.
      const { computeOutcome } = arithmetic;
      return computeOutcome(h.shop, o, {
        lines: rlis.map((l) => ({
          line: lineOf(h, l.fulfillmentLineItemId),
          quantity: l.quantity,
          restockingFeePercentage: l.restockingFeePercentage,
        })),
        exchanges: [],
        returnShippingFees: ret.shippingFees.reduce((s, f) => s + f.amount, 0),
        shippingRefundAmount: null,
        fullShippingRefund: false,
        allocation: method === "card" ? "ORIGINAL_PAYMENT_METHODS" : "STORE_CREDIT",
      });
    })();
    const transfer = outcome.transfer;
    if (transfer.kind !== "refund") throw new Error("seed: expected a refund outcome");
    ok(
      ops.returnProcess(h.ctx, {
        returnId,
        returnLineItems: rlis.map((l) => ({
          id: l.id,
          quantity: l.quantity,
          dispositions: [
            {
              reverseFulfillmentOrderLineItemId: rfo.lineIds[rlis.indexOf(l)],
              quantity: l.quantity,
              dispositionType: "RESTOCKED" as const,
              locationId: h.location(restockAt),
            },
          ],
        })),
        financialTransfer: {
          issueRefund: {
            orderTransactions: transfer.suggestedTransactions.map((t) => ({
              parentId: t.parent.id,
              transactionAmount: money(o, t.amount),
            })),
            refundMethods:
              transfer.storeCredit !== null
                ? [
                    {
                      storeCreditRefund: {
                        amount: money(o, transfer.storeCredit),
                        expiresAt: isoNow(new Date(h.seedNow.getTime() + 365 * DAY)),
                      },
                    },
                  ]
                : [],
          },
        },
      }),
      "returnProcess",
    );
    ok(ops.returnClose(h.ctx, returnId), "returnClose");
  });
}

function lineOf(h: Helpers, fliId: string) {
  const fli = h.shop.nodes.get(fliId) as FulfillmentLineItemRec;
  return h.shop.nodes.get(fli.lineItemId) as import("../admin/model").LineItemRec;
}

// ---------------------------------------------------------------------------------------------
// Building shops
// ---------------------------------------------------------------------------------------------

export interface SeedOptions {
  seedNow: Date;
  seed?: number;
  reasons: ReturnReasonDefinitionRec[];
}

function seedContext(
  shop: ShopState,
  reasons: ReturnReasonDefinitionRec[],
  seedNow: Date,
): { ctx: ops.OpsContext; clock: { t: Date } } {
  const clock = { t: seedNow };
  const ctx: ops.OpsContext = {
    shop,
    reasons,
    now: () => clock.t,
    emit: () => undefined,
    autoCloseOnProcess: false,
  };
  return { ctx, clock };
}

function roundPrice(priceSek: number, currency: string): number {
  switch (currency) {
    case "DKK":
      return Math.max(5, Math.round(priceSek / 1.55 / 5) * 5) * 100;
    case "NOK":
      return Math.max(9, Math.round(priceSek / 0.98 / 10) * 10 - 1) * 100;
    case "EUR":
      return Math.ceil(priceSek / 11.5) * 100 - 5;
    default:
      return priceSek * 100;
  }
}

function addCatalog(
  shop: ShopState,
  rng: Rng,
  seedNow: Date,
  opts: { locations: LocationDef[]; products: typeof PRODUCTS; currencies: string[] },
): void {
  const created = isoNow(new Date(seedNow.getTime() - 400 * DAY));
  for (const l of opts.locations) {
    shop.locations.push(
      register<LocationRec>(shop, {
        __typename: "Location",
        id: nextGid(shop, "Location"),
        name: l.name,
        isActive: true,
        fulfillsOnlineOrders: l.fulfillsOnlineOrders,
        shipsInventory: l.fulfillsOnlineOrders,
        createdAt: created,
        updatedAt: created,
        addressRec: {
          address1: l.address1,
          city: l.city,
          zip: l.zip,
          country: l.country,
          countryCode: l.countryCode,
          phone: l.phone,
        },
      }),
    );
  }
  const collections = new Map<string, CollectionRec>();
  for (const c of COLLECTIONS) {
    const col = register<CollectionRec>(shop, {
      __typename: "Collection",
      id: nextGid(shop, "Collection"),
      title: c.title,
      handle: c.key,
      productIds: [],
      updatedAt: created,
    });
    collections.set(c.key, col);
    shop.collections.push(col);
  }
  for (const def of opts.products) {
    const product = register<ProductRec>(shop, {
      __typename: "Product",
      id: nextGid(shop, "Product"),
      title: def.title,
      handle: def.handle,
      productType: def.productType,
      vendor: "Nordlys Living",
      tags: def.tags,
      status: "ACTIVE",
      description: def.description,
      createdAt: created,
      updatedAt: created,
      publishedAt: created,
      isGiftCard: Boolean(def.isGiftCard),
      optionDefs: def.options.map((name, i) => ({
        name,
        values: [...new Set(def.variants.map((v) => v.values[i]))],
      })),
      variantIds: [],
      collectionIds: [],
    });
    shop.products.push(product);
    for (const key of def.collections) {
      const col = collections.get(key);
      if (col) {
        col.productIds.push(product.id);
        product.collectionIds.push(col.id);
      }
    }
    def.variants.forEach((v, i) => {
      const num = nextNumericId(shop, "ProductVariant");
      const prices: Record<string, number> = {};
      const compare: Record<string, number> = {};
      for (const cur of opts.currencies) {
        prices[cur] = roundPrice(v.priceSek, cur);
        if (v.compareAtSek) compare[cur] = roundPrice(v.compareAtSek, cur);
      }
      const stock = new Map<string, number>();
      shop.locations.forEach((loc, li) =>
        stock.set(loc.id, def.isGiftCard ? 0 : li === 0 ? rng.int(8, 60) : rng.int(0, 8)),
      );
      const variant = register<VariantRec>(shop, {
        __typename: "ProductVariant",
        id: gid("ProductVariant", num),
        productId: product.id,
        title: v.values.length ? v.values.join(" / ") : "Default Title",
        sku: `${def.skuPrefix}${
          v.values.length
            ? "-" +
              v.values
                .join("-")
                .toUpperCase()
                .replace(/[^A-Z0-9-]+/g, "")
            : ""
        }`,
        barcode: String(7350000000000 + (num % 1_000_000)),
        position: i + 1,
        prices,
        compareAtPrices: v.compareAtSek ? compare : null,
        grams: v.grams,
        options: def.options.map((name, k) => ({ name, value: v.values[k] })),
        inventoryItemId: gid("InventoryItem", num),
        stock,
        tracked: !def.isGiftCard,
        taxable: !def.isGiftCard,
        requiresShipping: !def.isGiftCard,
        createdAt: created,
        updatedAt: created,
      });
      product.variantIds.push(variant.id);
      shop.variants.push(variant);
    });
  }
}

function addCustomers(shop: ShopState, rng: Rng, seedNow: Date): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  const domains = ["example.com", "example.net", "example.org"];
  for (const locale of Object.keys(CUSTOMER_COUNTS) as Locale[]) {
    const names = NAMES[locale];
    const country = COUNTRY_OF_LOCALE[locale];
    for (let i = 0; i < CUSTOMER_COUNTS[locale]; i++) {
      const first = names.first[i % names.first.length];
      const last = names.last[i % names.last.length];
      let email = `${emailLocalPart(first, last)}@${domains[i % domains.length]}`;
      for (let k = 2; used.has(email); k++)
        email = `${emailLocalPart(first, last)}${k}@${domains[i % domains.length]}`;
      used.add(email);
      const created = isoNow(new Date(seedNow.getTime() - rng.int(100, 700) * DAY));
      const addr = ADDRESSES[country][i % ADDRESSES[country].length];
      const c = register<CustomerRec>(shop, {
        __typename: "Customer",
        id: nextGid(shop, "Customer"),
        firstName: first,
        lastName: last,
        emailAddress: email,
        phoneNumber: null,
        locale,
        tags: i === 1 && locale === "sv" ? ["vip"] : [],
        note: null,
        createdAt: created,
        updatedAt: created,
        countryCode: country,
        // E-mail marketing: every other customer accepted (single opt-in a year ago), so
        // win-back offers have someone to go to and someone to skip (README).
        marketingState: i % 2 === 0 ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
        marketingOptInLevel: i % 2 === 0 ? "SINGLE_OPT_IN" : null,
        marketingUpdatedAt: i % 2 === 0 ? created : null,
        addressRec: {
          firstName: first,
          lastName: last,
          name: `${first} ${last}`,
          company: null,
          address1: addr.address1,
          address2: null,
          city: addr.city,
          zip: addr.zip,
          province: null,
          provinceCode: null,
          country: addr.country,
          countryCodeV2: country,
          phone: null,
        },
      });
      shop.customers.push(c);
      keys.set(`${locale}${i}`, c.id);
    }
  }
  return keys;
}

function makeHelpers(
  shop: ShopState,
  ctx: ops.OpsContext,
  clock: { t: Date },
  seedNow: Date,
  rng: Rng,
  customerKeys: Map<string, string>,
  reasons: ReturnReasonDefinitionRec[],
): Helpers {
  const variantIndex = new Map<string, string>();
  PRODUCTS.forEach((def) => {
    const product = shop.products.find((p) => p.handle === def.handle);
    if (!product) return;
    for (const vid of product.variantIds) {
      const v = shop.nodes.get(vid) as VariantRec;
      variantIndex.set([def.key, ...v.options.map((o) => o.value)].join("|"), vid);
    }
  });
  const ago = (days: number, hours = 0) =>
    isoNow(new Date(seedNow.getTime() - days * DAY - hours * HOUR));
  const h: Helpers = {
    shop,
    ctx,
    seedNow,
    rng,
    ago,
    variant(productKey, ...values) {
      const id = variantIndex.get([productKey, ...values].join("|"));
      if (!id) throw new Error(`seed: no variant ${productKey} ${values.join("/")}`);
      return id;
    },
    customer(key) {
      const id = customerKeys.get(key);
      if (!id) throw new Error(`seed: no customer ${key}`);
      return id;
    },
    order(number, spec) {
      const currency = spec.currency ?? "SEK";
      const processedAt = spec.processedAt ?? ago(orderAgeDays(number));
      const draftSubtotal = spec.lines.reduce((s, l) => {
        const v = shop.nodes.get(l.variantId) as VariantRec;
        return s + (l.unitPrice ?? v.prices[currency]) * l.quantity;
      }, 0);
      const onlyDigital = spec.lines.every(
        (l) => !(shop.nodes.get(l.variantId) as VariantRec).requiresShipping,
      );
      return createOrder(ctx, {
        ...spec,
        number,
        processedAt,
        shipping:
          spec.shipping !== undefined
            ? spec.shipping
            : onlyDigital
              ? null
              : h.shipping(currency, draftSubtotal),
      });
    },
    at(days, fn) {
      const saved = clock.t;
      clock.t = new Date(seedNow.getTime() - days * DAY);
      try {
        return fn();
      } finally {
        clock.t = saved;
      }
    },
    shipping(currency, subtotal) {
      switch (currency) {
        case "DKK":
          return {
            title: "PostNord Pakkeshop",
            code: "POSTNORD_DK",
            price: subtotal >= 75000 ? 0 : 3900,
          };
        case "NOK":
          return {
            title: "Bring Hentested",
            code: "BRING_NO",
            price: subtotal >= 100000 ? 0 : 7900,
          };
        case "EUR":
          return { title: "DHL Parcel", code: "DHL_EU", price: subtotal >= 10000 ? 0 : 695 };
        default:
          return {
            title: "PostNord MyPack Collect",
            code: "POSTNORD_SE",
            price: subtotal >= 99900 ? 0 : 5900,
          };
      }
    },
    tracking(currency) {
      const digits = String(rng.int(100000000, 999999999));
      switch (currency) {
        case "NOK":
          return {
            company: "Bring",
            number: `CX${digits}NO`,
            url: `https://sporing.bring.no/sporing/CX${digits}NO`,
          };
        case "EUR":
          return {
            company: "DHL Express",
            number: `00340${digits}`,
            url: `https://www.dhl.com/en/express/tracking.html?AWB=00340${digits}`,
          };
        case "DKK":
          return {
            company: "PostNord",
            number: `00370${digits}`,
            url: `https://tracking.postnord.com/dk/?id=00370${digits}`,
          };
        default:
          return {
            company: "PostNord",
            number: `JJ${digits}SE`,
            url: `https://tracking.postnord.com/se/?id=JJ${digits}SE`,
          };
      }
    },
    delivered(number, deliveredDaysAgo, extra = {}) {
      const placed = orderAgeDays(number);
      const shippedDaysAgo = Math.max(
        deliveredDaysAgo + 0.2,
        Math.min(placed - 0.25, deliveredDaysAgo + 2),
      );
      return [
        {
          createdAt: ago(shippedDaysAgo),
          inTransitAt: ago(shippedDaysAgo - 0.1),
          deliveredAt: ago(deliveredDaysAgo),
          estimatedDeliveryAt: ago(deliveredDaysAgo),
          tracking: h.tracking("SEK"),
          ...extra,
        },
      ];
    },
    fli(order, lineIndex, fulfillmentIndex) {
      const line = order.lines[lineIndex];
      const fulfillments = order.fulfillmentIds.map(
        (id) => shop.nodes.get(id) as import("../admin/model").FulfillmentRec,
      );
      const candidates =
        fulfillmentIndex === undefined ? fulfillments : [fulfillments[fulfillmentIndex]];
      for (const f of candidates)
        for (const fid of f.lineIds) {
          const fli = shop.nodes.get(fid) as FulfillmentLineItemRec;
          if (fli.lineItemId === line.id) return fli.id;
        }
      throw new Error(`seed: line ${lineIndex} of ${order.name} is not fulfilled`);
    },
    payment(order, index = 0) {
      const txs = order.transactionIds
        .map((id) => shop.nodes.get(id) as TransactionRec)
        .filter((t) => t.kind === "SALE" || t.kind === "CAPTURE");
      return txs[index];
    },
    location(key) {
      const i = LOCATIONS.findIndex((l) => l.key === key);
      return shop.locations[i].id;
    },
    reason(handle) {
      const r = reasons.find((x) => x.handle === handle);
      if (!r) throw new Error(`seed: no return reason ${handle}`);
      return r.id;
    },
  };
  return h;
}

/** Random filler order for slot `number` (not a documented scenario). */
function randomOrder(h: Helpers, number: number): void {
  const { rng, shop } = h;
  const age = orderAgeDays(number) + rng.next() * 0.3;
  const customers = shop.customers;
  // A few loyal customers order more often, and the home market (Sweden) dominates.
  const who = rng.next();
  const swedes = customers.filter((c) => c.countryCode === "SE");
  const customer =
    who < 0.25 ? customers[rng.int(0, 5)] : who < 0.55 ? rng.pick(swedes) : rng.pick(customers);
  const currency = CURRENCY_OF_COUNTRY[customer.countryCode] ?? "SEK";
  const pool = [
    "sweater",
    "cardigan",
    "jacket",
    "trousers",
    "hikingSocks",
    "socks3",
    "duvet",
    "pillowcase",
    "mug",
    "espresso",
    "pot",
    "throw",
    "candles",
    "baselayer",
    "bowl",
    "apron",
    "boxers",
    "beanie",
    "bench",
  ];
  const weights: Record<string, number> = {
    sweater: 5,
    cardigan: 3,
    jacket: 4,
    trousers: 3,
    hikingSocks: 6,
    socks3: 5,
    duvet: 3,
    pillowcase: 3,
    mug: 6,
    espresso: 2,
    pot: 1,
    throw: 3,
    candles: 4,
    baselayer: 4,
    bowl: 2,
    apron: 2,
    boxers: 2,
    beanie: 1,
    bench: 0.3,
  };
  const lineCount = rng.weighted([
    [1, 5],
    [2, 4],
    [3, 2],
  ] as const);
  const chosen = new Set<string>();
  const lines: OrderSpec["lines"] = [];
  for (let i = 0; i < lineCount; i++) {
    const key = rng.weighted(pool.map((k) => [k, weights[k]] as const));
    const product = shop.products.find(
      (p) => p.handle === PRODUCTS.find((d) => d.key === key)!.handle,
    )!;
    const variantId = rng.pick(product.variantIds);
    if (chosen.has(variantId)) continue;
    chosen.add(variantId);
    lines.push({ variantId, quantity: rng.chance(0.8) ? 1 : 2 });
  }
  const gatewayRoll = rng.weighted([
    ["card", 55],
    ["klarna", 25],
    ["paypal", 14],
    ["split", 6],
  ] as const);
  const payments: OrderSpec["payments"] =
    gatewayRoll === "card"
      ? [{ gateway: "shopify_payments" }]
      : gatewayRoll === "klarna"
        ? [{ gateway: "klarna" }]
        : gatewayRoll === "paypal"
          ? [{ gateway: "paypal" }]
          : [
              { gateway: "gift_card", amount: rng.int(1, 4) * (currency === "EUR" ? 1000 : 10000) },
              { gateway: "shopify_payments" },
            ];
  const discountRoll = rng.next();
  const orderDiscount = discountRoll < 0.12 ? { code: "WELCOME10", percentage: 10 } : undefined;
  const sockIdx = lines
    .map((l, i) => ((shop.nodes.get(l.variantId) as VariantRec).sku?.includes("SO") ? i : -1))
    .filter((i) => i >= 0);
  const lineDiscount =
    discountRoll >= 0.12 && discountRoll < 0.2 && sockIdx.length
      ? { code: "WOOL20", percentage: 20, lineIndexes: sockIdx }
      : undefined;
  let fulfillments: OrderSpec["fulfillments"] = [];
  const shipAfter = rng.next() * 0.8 + 0.3;
  if (age > shipAfter + 0.05) {
    const shippedAgo = age - shipAfter;
    const transit = 1 + rng.next() * 3;
    const deliveredAgo = shippedAgo - transit;
    fulfillments = [
      {
        createdAt: h.ago(shippedAgo),
        inTransitAt: h.ago(shippedAgo - 0.1),
        deliveredAt: deliveredAgo > 0 ? h.ago(deliveredAgo) : null,
        estimatedDeliveryAt: h.ago(Math.max(deliveredAgo, -1)),
        tracking: h.tracking(currency),
      },
    ];
  }
  const order = h.order(number, {
    customerId: customer.id,
    currency,
    processedAt: h.ago(age),
    lines,
    payments,
    orderDiscount,
    lineDiscount,
    fulfillments,
  });
  // Some history made in Shopify's admin: partial refunds and returns.
  const delivered =
    fulfillments.length && fulfillments[0].deliveredAt
      ? (h.seedNow.getTime() - Date.parse(fulfillments[0].deliveredAt)) / DAY
      : -1;
  const roll = rng.next();
  if (delivered > 3 && roll < 0.04 && order.lines.length > 1) {
    const line = order.lines[order.lines.length - 1];
    const pay = h.payment(order);
    h.at(delivered - 1, () =>
      ok(
        ops.refundCreate(h.ctx, {
          orderId: order.id,
          currency: order.currency,
          note: "Goodwill refund",
          refundLineItems: [{ lineItemId: line.id, quantity: 1, restockType: "NO_RESTOCK" }],
          transactions: [
            {
              orderId: order.id,
              parentId: pay.id,
              kind: "REFUND",
              gateway: pay.gateway,
              amount: formatFixed(Math.min(line.unitPrice, pay.amountMinor), order.currency),
            },
          ],
        }),
        "random refund",
      ),
    );
  } else if (delivered > 20 && roll < 0.1) {
    adminReturnRefundClose(
      h,
      order,
      [
        {
          line: 0,
          quantity: 1,
          reason: rng.pick([
            "size-too-small",
            "size-too-large",
            "color",
            "unwanted",
            "not-as-described",
          ]),
        },
      ],
      {
        createdDaysAgo: delivered - 3,
        processedDaysAgo: delivered - 8,
        restockAt: "stockholm",
        method: rng.chance(0.3) ? "store-credit" : "card",
      },
    );
  }
}

/** Fill a fresh shop state with the Nordlys Living demo data. */
export function seedNordicDemo(shop: ShopState, opts: SeedOptions): void {
  const rng = new Rng(opts.seed ?? DEFAULT_SEED);
  const { ctx, clock } = seedContext(shop, opts.reasons, opts.seedNow);
  addCatalog(shop, rng, opts.seedNow, {
    locations: LOCATIONS,
    products: PRODUCTS,
    currencies: ["SEK", "DKK", "NOK", "EUR"],
  });
  // The exchange-out-of-stock scenario: the jacket L/Navy is sold out everywhere.
  const jacket = shop.products.find((p) => p.handle === "skagen-rain-jacket")!;
  for (const vid of jacket.variantIds) {
    const v = shop.nodes.get(vid) as VariantRec;
    if (v.title === "L / Navy") for (const loc of shop.locations) v.stock.set(loc.id, 0);
    else v.stock.set(shop.locations[0].id, Math.max(v.stock.get(shop.locations[0].id) ?? 0, 20));
  }
  const customerKeys = addCustomers(shop, rng, opts.seedNow);
  const h = makeHelpers(shop, ctx, clock, opts.seedNow, rng, customerKeys, opts.reasons);
  const byNumber = new Map(SCENARIOS.map((s) => [Number(s.name.slice(1)), s]));
  for (let n = FIRST_ORDER; n <= LAST_ORDER; n++) {
    const scenario = byNumber.get(n);
    if (scenario) scenario.build(h, n);
    else randomOrder(h, n);
  }
  // Store credit Astrid already has, and a gift card issued to her as goodwill.
  h.at(30, () =>
    ok(
      ops.storeCreditAccountCredit(ctx, h.customer("sv0"), {
        creditAmount: { amount: "200.00", currencyCode: "SEK" },
        expiresAt: isoNow(new Date(opts.seedNow.getTime() + 335 * DAY)),
      }),
      "store credit",
    ),
  );
  h.at(20, () =>
    ok(
      ops.giftCardCreate(ctx, {
        initialAmount: { amount: "250.00", currencyCode: "SEK" },
        customerId: h.customer("sv0"),
        note: "Goodwill for a late delivery",
        code: "NORDLYS0GOODWILL",
      }),
      "gift card",
    ),
  );
  // The shop's standing welcome code, as a code discount the app can look up.
  h.at(120, () =>
    createDiscountCode(shop, clock.t, {
      title: "Welcome 10 %",
      code: "WELCOME10",
      customerGets: { value: { percentage: 0.1 }, items: { all: true } },
      context: { all: "ALL" },
    }),
  );
  // Stock never ends negative in the seed: the warehouse is restocked after the busy quarter.
  for (const v of shop.variants) for (const [loc, q] of v.stock) if (q < 0) v.stock.set(loc, 0);
  clock.t = opts.seedNow;
}

export function createNordicDemoShop(opts: SeedOptions): ShopState {
  const shop = createShopState({
    domain: NORDIC_DEMO_DOMAIN,
    name: "Nordlys Living",
    currencyCode: "SEK",
    presentmentCurrencies: { DKK: FX.DKK, NOK: FX.NOK, EUR: FX.EUR },
    ianaTimezone: "Europe/Stockholm",
    primaryLocale: "sv",
    taxesIncluded: true,
    primaryDomainHost: "nordlys-living.example",
    email: "hej@nordlys-living.example",
    shopOwnerName: "Karin Ek",
    countryCode: "SE",
    createdAt: isoNow(new Date(opts.seedNow.getTime() - 800 * DAY)),
    description: "Apparel and home goods from the North.",
  });
  seedNordicDemo(shop, opts);
  return shop;
}

/**
 * A tiny shop for tenant-isolation tests: EUR, one location, 3 products, 3 customers, 5
 * delivered orders (#1001–#1005). Cheap to create.
 */
export function createTinyShop(
  domain: string,
  opts: SeedOptions & { name?: string; currencyCode?: string },
): ShopState {
  const currency = opts.currencyCode ?? "EUR";
  const shop = createShopState({
    domain,
    name:
      opts.name ??
      (domain === OTHER_SHOP_DOMAIN ? "Polder & Co" : domain.replace(/\.myshopify\.com$/, "")),
    currencyCode: currency,
    ianaTimezone: "Europe/Amsterdam",
    primaryLocale: "nl",
    taxesIncluded: true,
    primaryDomainHost: `${domain.replace(/\.myshopify\.com$/, "")}.example`,
    countryCode: "NL",
    createdAt: isoNow(new Date(opts.seedNow.getTime() - 300 * DAY)),
  });
  const rng = new Rng((opts.seed ?? DEFAULT_SEED) ^ 0x7177);
  const { ctx, clock } = seedContext(shop, opts.reasons, opts.seedNow);
  const products = PRODUCTS.filter((p) => ["mug", "socks3", "apron"].includes(p.key));
  addCatalog(shop, rng, opts.seedNow, {
    locations: [
      {
        ...LOCATIONS[0],
        name: "Utrecht Warehouse",
        address1: "Vaartsche Rijn 10",
        city: "Utrecht",
        zip: "3523 AA",
        country: "Netherlands",
        countryCode: "NL",
      },
    ],
    products,
    currencies: [currency],
  });
  const people = [
    ["Femke", "Mulder"],
    ["Thijs", "de Jong"],
    ["Noor", "Hendriks"],
  ];
  const ids = people.map(([first, last], i) => {
    const c = register<CustomerRec>(shop, {
      __typename: "Customer",
      id: nextGid(shop, "Customer"),
      firstName: first,
      lastName: last,
      emailAddress: `${emailLocalPart(first, last)}@example.nl`,
      phoneNumber: null,
      locale: "nl",
      tags: [],
      note: null,
      createdAt: isoNow(new Date(opts.seedNow.getTime() - (200 + i) * DAY)),
      updatedAt: isoNow(new Date(opts.seedNow.getTime() - (200 + i) * DAY)),
      countryCode: "NL",
      addressRec: {
        firstName: first,
        lastName: last,
        name: `${first} ${last}`,
        company: null,
        address1: "Kinkerstraat 1",
        address2: null,
        city: "Amsterdam",
        zip: "1053 DR",
        province: null,
        provinceCode: null,
        country: "Netherlands",
        countryCodeV2: "NL",
        phone: null,
      },
    });
    shop.customers.push(c);
    return c.id;
  });
  for (let i = 0; i < 5; i++) {
    const placed = 20 - i * 3;
    const variant = shop.variants[i % shop.variants.length];
    createOrder(ctx, {
      number: 1001 + i,
      customerId: ids[i % ids.length],
      currency,
      processedAt: isoNow(new Date(opts.seedNow.getTime() - placed * DAY)),
      lines: [{ variantId: variant.id, quantity: 1 + (i % 2) }],
      shipping: { title: "PostNL", code: "POSTNL", price: 495 },
      fulfillments: [
        {
          createdAt: isoNow(new Date(opts.seedNow.getTime() - (placed - 1) * DAY)),
          deliveredAt: isoNow(new Date(opts.seedNow.getTime() - (placed - 3) * DAY)),
          tracking: {
            company: "PostNL",
            number: `3S${1000000 + i}`,
            url: `https://postnl.example/track/3S${1000000 + i}`,
          },
        },
      ],
    });
  }
  clock.t = opts.seedNow;
  return shop;
}

export { type SeedScenario as SeedOrderInfo };
