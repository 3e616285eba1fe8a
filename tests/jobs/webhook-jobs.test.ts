/**
 * The real wiring: a webhook accepted by its route becomes a `process-webhook` job on the
 * running queue (here the SQLite table queue with the app's registry), is retried with
 * backoff while its handler fails, and ends dead — listed for its shop's staff with the
 * handler's error. Without a queue in the process it is processed in place, as before.
 */
import { afterEach, describe, expect, it } from "vitest";
import db from "~/db.server";
import { DatabaseJobQueue } from "~/jobs/database-queue.server";
import { setJobQueueForTests } from "~/jobs/enqueue.server";
import { listDeadJobs } from "~/jobs/dead-jobs.server";
import { JOBS } from "~/jobs/registry.server";
import { action as ordersWebhook } from "~/routes/webhooks.orders";
import { webhookRequest } from "../support/webhook-request";

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
const SHOP = "not-installed.myshopify.com";

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

const deliver = (eventId: string) =>
  (ordersWebhook as Action)({
    request: webhookRequest({
      url: "http://127.0.0.1:3999/webhooks/orders",
      topic: "orders/updated",
      shop: SHOP,
      payload: { admin_graphql_api_id: "gid://shopify/Order/1", note: "return requested" },
      secret: process.env.SHOPIFY_API_SECRET!,
      webhookId: `wh-${eventId}`,
      eventId,
    }),
    params: {},
    context: {},
  });

describe("webhook processing on the job queue", () => {
  let queue: DatabaseJobQueue | null = null;
  afterEach(async () => {
    await queue?.stop();
    setJobQueueForTests(null);
  });

  it("GIVEN a running queue WHEN a delivery's handler keeps failing THEN its job is retried with backoff and ends dead, shown to its shop", async () => {
    queue = new DatabaseJobQueue(db, JOBS, { pollIntervalMs: 50, retryDelayScale: 0.01 });
    setJobQueueForTests(queue);
    await queue.start();
    expect((await deliver("ev-queue")).status).toBe(200);

    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP, eventId: "ev-queue" } });
    await until(async () => (await queue!.deadJobs({ shop: SHOP })).length === 1);
    const job = await db.backgroundJob.findFirstOrThrow({ where: { name: "process-webhook", key: delivery.id } });
    expect(job).toMatchObject({ state: "FAILED", attempts: 5, shop: SHOP });
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ status: "FAILED", attempts: 5 });

    const [row] = await listDeadJobs(queue, SHOP, "sv");
    expect(row).toMatchObject({ task: "Tillämpa en uppdatering från Shopify", attempts: 5 });
    expect(row.lastError).toContain(`orders/updated: The app is not installed on ${SHOP}`);
    expect(await listDeadJobs(queue, "other.myshopify.com", "en")).toEqual([]);
  });

  it("GIVEN no queue in the process WHEN a delivery arrives THEN it is processed in place", async () => {
    expect((await deliver("ev-inline")).status).toBe(200);
    const delivery = await db.webhookDelivery.findFirstOrThrow({ where: { shop: SHOP, eventId: "ev-inline" } });
    await until(async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).attempts === 1);
    expect(await db.backgroundJob.count({ where: { key: delivery.id } })).toBe(0);
  });
});
