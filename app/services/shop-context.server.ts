/**
 * Builds the ReturnsContext for a shop from its stored offline session, for routes,
 * webhooks and jobs. In demo/test mode the gateway talks to the offline stand-in.
 */
import db from "~/db.server";
import type { Db } from "~/db.server";
import { env } from "~/env.server";
import { createAdminClient } from "~/shopify/client.server";
import { adminApiOrigin } from "~/shopify/stand-in-routing.server";
import { unauthenticated } from "~/shopify.server";
import { ReturnsError, type ReturnsContext } from "./context.server";
import { ensureShop } from "./shops.server";

export async function contextForShop(domain: string, client: Db = db): Promise<ReturnsContext> {
  // unauthenticated.admin loads the offline session (refreshing an expiring token).
  const { session } = await unauthenticated.admin(domain).catch(() => ({ session: null }));
  if (!session?.accessToken) {
    throw new ReturnsError("NOT_FOUND", { key: "app.notInstalled", values: { shop: domain } });
  }
  return contextForSession({ shop: domain, accessToken: session.accessToken }, client);
}

/** For admin routes: the session authenticate.admin returned. */
export async function contextForSession(session: { shop: string; accessToken?: string }, client: Db = db): Promise<ReturnsContext> {
  const domain = session.shop;
  if (!session.accessToken) throw new ReturnsError("NOT_FOUND", { key: "app.notInstalled", values: { shop: domain } });
  const shop = await ensureShop(domain, client);
  return {
    db: client,
    shop: { id: shop.id, domain: shop.domain, timezone: shop.timezone, rmaPrefix: shop.rmaPrefix },
    admin: createAdminClient({ shop: domain, accessToken: session.accessToken, origin: adminApiOrigin(env()) }),
    now: () => new Date(),
  };
}
