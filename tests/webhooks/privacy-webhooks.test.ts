/**
 * A privacy webhook that fails is answered non-200 (Shopify sends it again), stays queued
 * for the background jobs, and Shopify's redelivery of it is processed again rather than
 * dropped as a duplicate.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import db from "~/db.server";
import { handleCustomerRedact } from "~/services/compliance.server";
import { MAX_WEBHOOK_ATTEMPTS, processPendingWebhooks } from "~/services/webhooks.server";
import { action as compliance } from "~/routes/webhooks.compliance";
import { webhookRequest } from "../support/webhook-request";

vi.mock("~/services/compliance.server", async (importOriginal) => {
  const original = await importOriginal<typeof import("~/services/compliance.server")>();
  return { ...original, handleCustomerRedact: vi.fn(original.handleCustomerRedact) };
});

const SHOP = "privacy-test.myshopify.com";
type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

const redactRequest = () =>
  webhookRequest({
    url: "http://127.0.0.1:3999/webhooks/compliance",
    topic: "customers/redact",
    shop: SHOP,
    payload: { shop_domain: SHOP, customer: { id: 42, email: "Someone@Example.com" }, orders_to_redact: [1] },
    secret: process.env.SHOPIFY_API_SECRET!,
    webhookId: "wh-redact",
    eventId: "event-redact",
  });

const send = async () => {
  try {
    return await (compliance as Action)({ request: redactRequest(), params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};

describe("privacy webhooks that fail", () => {
  beforeEach(async () => {
    await db.webhookDelivery.deleteMany({ where: { shop: SHOP } });
    vi.mocked(handleCustomerRedact).mockClear();
  });

  it("GIVEN the redaction fails WHEN Shopify delivers THEN 500; WHEN Shopify redelivers the same event THEN it is processed again and answered 200", async () => {
    vi.mocked(handleCustomerRedact).mockRejectedValueOnce(new Error("database is locked"));
    expect((await send()).status).toBe(500);
    const failed = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
    expect(failed.status).toBe("FAILED");

    expect((await send()).status).toBe(200);
    expect(handleCustomerRedact).toHaveBeenCalledTimes(2);
    const done = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
    expect(done.status).toBe("PROCESSED");
    expect(done.payload).toBe('{"redacted":true}');
    // A third delivery of a processed event is a true duplicate: not run again.
    expect((await send()).status).toBe(200);
    expect(handleCustomerRedact).toHaveBeenCalledTimes(2);
  });

  it("GIVEN a failed redaction WHEN the background jobs run THEN it is retried until done, and a failure after the last try is logged for staff", async () => {
    vi.mocked(handleCustomerRedact).mockRejectedValue(new Error("still down"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await send()).status).toBe(500);
    for (let i = 1; i < MAX_WEBHOOK_ATTEMPTS; i++) await processPendingWebhooks(db);
    const row = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP } });
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_WEBHOOK_ATTEMPTS });
    expect(errors.mock.calls.some((c) => String(c[0]).includes("PRIVACY REQUEST FAILED"))).toBe(true);
    errors.mockRestore();
    vi.mocked(handleCustomerRedact).mockReset();
  });
});
