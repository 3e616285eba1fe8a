/**
 * The shop's name and currency are stored at install (shopifyApp's afterAuth), so the first
 * e-mails sign with the shop's name, not its handle.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { afterAuthStoreShopFacts, handleShopUpdate, storeShopFacts } from "~/mail/shop-facts.server";
import { processWebhook, recordWebhook } from "~/services/webhooks.server";
import "~/services/webhook-handlers.server";
import { enqueueEmail, sendDueEmails } from "~/mail/outbox.server";
import { closeSmtpTransports } from "~/mail/transport.server";
import { getShopInfo } from "~/shopify/shop.server";
import { startMailbox, type Mailbox } from "../../simulator/platform/mailbox";
import { createEngine, type Engine } from "../support/engine";

let mailbox: Mailbox;
beforeAll(async () => void (mailbox = await startMailbox()));
afterAll(async () => {
  closeSmtpTransports();
  await mailbox.close();
});

describe("shop facts at install", () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine("sqlite");
    mailbox.clear();
  });
  afterEach(async () => engine.close());

  it("GIVEN a just-installed shop with no name stored WHEN afterAuth has run THEN its name and currency are stored and the first e-mail signs with the name", async () => {
    await engine.t.db.shop.updateMany({ where: { domain: engine.shop }, data: { name: null, currencyCode: null } });
    const info = await getShopInfo(engine.admin);
    expect(info.name).not.toBe("");
    await storeShopFacts(engine.t.db, engine.shop, engine.admin);
    const row = await engine.t.db.shop.findUniqueOrThrow({ where: { domain: engine.shop } });
    expect(row).toMatchObject({ name: info.name, currencyCode: info.currencyCode });

    await enqueueEmail(engine.t.db, { shop: engine.shop, step: "winback_offer", idempotencyKey: "first", to: "a@example.com", locale: "en", variables: { customer_first_name: "Astrid", discount_code: "X", discount_value: "10 %", minimum_order: "", expires_on: "1 January 2027", unsubscribe_url: "http://x/u" } });
    await sendDueEmails(engine.t.db, new Date(), { smtpUrl: mailbox.url, mailFrom: "returns@returns-app.test", linkBase: (s) => `http://x/${s}` });
    const sent = await engine.t.db.emailMessage.findFirstOrThrow({ where: { idempotencyKey: "first" } });
    expect(sent).toMatchObject({ status: "SENT", reason: null });
    const [mail] = await mailbox.waitFor(1);
    expect(mail!.from).toContain(info.name);
    expect(mail!.from).not.toContain(engine.shop.replace(/\.myshopify\.com$/, ""));
  });

  it("GIVEN Shopify can't be reached after auth THEN the install is not failed (the hook logs and returns)", async () => {
    await expect(afterAuthStoreShopFacts({ shop: engine.shop }, engine.t.db)).resolves.toBeUndefined();
  });
});

describe("shop/update keeps the stored facts current", () => {
  let engine: Engine;
  beforeEach(async () => {
    engine = await createEngine("sqlite");
    await storeShopFacts(engine.t.db, engine.shop, engine.admin);
  });
  afterEach(async () => engine.close());

  it("GIVEN the merchant renames the store in Shopify WHEN the stand-in sends shop/update and the app handles it THEN the stored name and currency follow", async () => {
    const before = engine.api.events.length;
    engine.api.updateShop(engine.shop, { name: "Fjällbacka Outdoor", currencyCode: "EUR" });
    const event = engine.api.events.slice(before).find((e) => e.topic === "shop/update");
    expect(event?.payload).toMatchObject({ name: "Fjällbacka Outdoor", currency: "EUR", myshopify_domain: engine.shop });

    await handleShopUpdate(engine.t.db, engine.shop, engine.admin);
    const row = await engine.t.db.shop.findUniqueOrThrow({ where: { domain: engine.shop } });
    expect(row).toMatchObject({ name: "Fjällbacka Outdoor", currencyCode: "EUR" });
  });

  it("GIVEN a shop/update delivery recorded twice THEN it is stored once and the handler registered for the topic", async () => {
    const first = await recordWebhook({ shop: engine.shop, topic: "SHOP_UPDATE", webhookId: "w-1", eventId: "e-1", payload: { name: "x" } }, engine.t.db);
    const second = await recordWebhook({ shop: engine.shop, topic: "SHOP_UPDATE", webhookId: "w-1", eventId: "e-1", payload: { name: "x" } }, engine.t.db);
    expect(second).toMatchObject({ id: first.id, duplicate: true });
    // The handler reads the shop from Shopify through the shop's session; this test database has
    // none, so it fails (and will be retried) — a topic without a handler would pass as PROCESSED.
    const outcome = await processWebhook(first.id, engine.t.db);
    const stored = await engine.t.db.webhookDelivery.findUniqueOrThrow({ where: { id: first.id } });
    expect(stored.topic).toBe("shop/update");
    expect(outcome).toBe("FAILED");
  });
});
