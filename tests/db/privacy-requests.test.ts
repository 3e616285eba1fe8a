/**
 * Settings → Privacy requests: a customers/data_request export is listed for the merchant
 * and downloadable as JSON by that shop only; failed privacy deliveries show as alerts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleCustomerDataRequest } from "~/services/compliance.server";
import { listPrivacyRequests, privacyExport } from "~/services/privacy-requests.server";
import { MAX_WEBHOOK_ATTEMPTS } from "~/services/webhooks.server";
import { createTestDb, providers, type TestDb } from "../support/test-db";

describe.each(providers)("privacy requests on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => t?.drop());

  it("GIVEN a data request WHEN the merchant opens Privacy requests THEN it is listed and its JSON downloads; another shop cannot fetch it", async () => {
    const shop = await t.db.shop.create({ data: { domain: "p.myshopify.com" } });
    await t.db.returnRequest.create({
      data: { shopId: shop.id, rmaNumber: "R-1", status: "REQUESTED", orderId: "gid://shopify/Order/1", orderName: "#1", customerEmail: "ann@example.com", method: "DROP_OFF", currency: "SEK", statusToken: "t".repeat(43) },
    });
    const request = await handleCustomerDataRequest("p.myshopify.com", { id: 5, email: "Ann@Example.com" }, t.db);
    const { rows } = await listPrivacyRequests(t.db, "p.myshopify.com");
    expect(rows).toEqual([expect.objectContaining({ id: request.id, topic: "customers/data_request", email: "ann@example.com", returns: 1, downloadable: true })]);
    const file = await privacyExport(t.db, "p.myshopify.com", request.id);
    expect(file!.filename).toMatch(/^data-request-ann@example\.com-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(file!.json).returns[0].rmaNumber).toBe("R-1");
    expect(await privacyExport(t.db, "other.myshopify.com", request.id)).toBeNull();
  });

  it("GIVEN a privacy delivery that failed its last try THEN it is an alert marked exhausted", async () => {
    await t.db.webhookDelivery.create({
      data: { shop: "p.myshopify.com", dedupeKey: "x", webhookId: "x", topic: "customers/redact", payload: "{}", status: "FAILED", attempts: MAX_WEBHOOK_ATTEMPTS },
    });
    const { alerts } = await listPrivacyRequests(t.db, "p.myshopify.com");
    expect(alerts).toEqual([expect.objectContaining({ topic: "customers/redact", exhausted: true })]);
  });
});
