/** Shops that installed the app: created on first authenticated visit or webhook. */
import { enqueueJob } from "~/jobs/enqueue.server";
import db from "~/db.server";
import type { Db } from "~/db.server";

export async function ensureShop(domain: string, client: Db = db) {
  const shop = await client.shop.upsert({
    where: { domain },
    create: { domain },
    update: { uninstalledAt: null },
  });
  // A shop never reconciled (just installed): adopt its existing returns now rather than at
  // the next scheduled run. One waiting job per shop, so repeated calls add nothing.
  if (!shop.reconciledThrough) {
    void enqueueJob("reconcile-shop", { shop: domain }).catch((error: unknown) => console.error("could not queue the first reconciliation", error));
  }
  return shop;
}

export async function getShop(domain: string, client: Db = db) {
  return client.shop.findUnique({ where: { domain } });
}

/** Throws a 404 Response when the shop is unknown (architecture.md: require* throws). */
export async function requireShop(domain: string, client: Db = db) {
  const shop = await getShop(domain, client);
  if (!shop) throw new Response("Shop not found", { status: 404 });
  return shop;
}
