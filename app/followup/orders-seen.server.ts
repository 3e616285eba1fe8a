/**
 * orders/create: remember that the customer ordered, so a win-back offer stops before the
 * scan asks Shopify. Duplicate deliveries are harmless (unique per shop and order).
 */
import type { Db } from "~/db.server";

interface OrderCreatePayload {
  id?: number | string | null;
  admin_graphql_api_id?: string | null;
  created_at?: string | null;
  customer?: { id?: number | string | null; admin_graphql_api_id?: string | null } | null;
}

export async function recordCustomerOrder(db: Db, shopDomain: string, payload: unknown): Promise<"RECORDED" | "DUPLICATE" | "IGNORED"> {
  const p = (payload ?? {}) as OrderCreatePayload;
  const orderId = p.admin_graphql_api_id ?? (p.id !== undefined && p.id !== null ? `gid://shopify/Order/${p.id}` : null);
  const customerId = p.customer?.admin_graphql_api_id ?? (p.customer?.id !== undefined && p.customer?.id !== null ? `gid://shopify/Customer/${p.customer.id}` : null);
  const createdAt = p.created_at ? new Date(p.created_at) : null;
  if (!orderId || !customerId || !createdAt || Number.isNaN(createdAt.getTime())) return "IGNORED";
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { id: true } });
  if (!shop) return "IGNORED";
  try {
    await db.customerOrderSeen.create({ data: { shopId: shop.id, customerId, orderId, createdAt } });
    return "RECORDED";
  } catch (error) {
    if ((error as { code?: string } | null)?.code === "P2002") return "DUPLICATE";
    throw error;
  }
}
