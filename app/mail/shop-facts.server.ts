/**
 * The shop's name and currency, stored when the app is installed or re-authorised (the
 * afterAuth hook in app/shopify.server.ts) so e-mails sign with the shop's name from the
 * first message, not with its handle until someone opens the E-mails page; refreshed on
 * every shop/update webhook (the merchant renamed the store or changed its currency).
 */
import type { Db } from "~/db.server";
import type { AdminClient } from "~/shopify/client.server";
import { getShopInfo } from "~/shopify/shop.server";

/** Reads name, currency and time zone from Shopify and stores them (the time zone only when none is set). */
export async function storeShopFacts(db: Db, domain: string, admin: AdminClient): Promise<{ name: string; currencyCode: string } | null> {
  const info = await getShopInfo(admin);
  if (!info) return null;
  await db.shop.updateMany({ where: { domain }, data: { name: info.name, currencyCode: info.currencyCode } });
  if (info.ianaTimezone) await db.shop.updateMany({ where: { domain, timezone: null }, data: { timezone: info.ianaTimezone } });
  return { name: info.name, currencyCode: info.currencyCode };
}

/** shopifyApp's afterAuth: never fails the install; the E-mails page fills the name in later if this could not. */
export async function afterAuthStoreShopFacts(session: { shop: string; accessToken?: string }, db: Db): Promise<void> {
  try {
    const { contextForSession } = await import("~/services/shop-context.server");
    const ctx = await contextForSession(session, db);
    await storeShopFacts(db, session.shop, ctx.admin);
  } catch (error) {
    console.error(`could not store ${session.shop}'s name and currency after auth`, error);
  }
}

/**
 * shop/update: read the shop again from Shopify rather than trusting the payload (webhook
 * payloads are hints, and a late redelivery must not restore an older name). A shop Shopify
 * no longer answers for is left as it is; the error makes the delivery retry.
 */
export async function handleShopUpdate(db: Db, domain: string, admin: AdminClient): Promise<void> {
  await storeShopFacts(db, domain, admin);
}
