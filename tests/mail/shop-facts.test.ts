/**
 * The shop's name and currency are stored at install (shopifyApp's afterAuth), so the first
 * e-mails sign with the shop's name, not its handle.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { afterAuthStoreShopFacts, storeShopFacts } from "~/mail/shop-facts.server";
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
