/**
 * What win-back brought back: codes sent (our records), and from Shopify's orders that used
 * those codes, how many were used and the revenue of those orders (their current total,
 * after refunds, in the shop currency). Reads the newest `limit` offers.
 */
import type { ReturnsContext } from "~/services/context.server";
import { fetchOrdersUsingCodes } from "~/shopify/winback.server";

export interface WinbackStats {
  sent: number;
  used: number;
  revenue: number;
  currency: string | null;
  recent: { code: string; customerId: string; sentAt: string; used: boolean; revenue: number }[];
  /** True when Shopify could not be asked: used/revenue are unknown. */
  shopifyUnavailable: boolean;
}

export async function winbackStats(ctx: ReturnsContext, limit = 250): Promise<WinbackStats> {
  const where = { shopId: ctx.shop.id, status: "SENT", code: { not: null } };
  const [sent, offers] = await Promise.all([
    ctx.db.winbackOffer.count({ where }),
    ctx.db.winbackOffer.findMany({ where, orderBy: { sentAt: "desc" }, take: limit }),
  ]);
  const codes = offers.map((o) => o.code!);
  let orders: Awaited<ReturnType<typeof fetchOrdersUsingCodes>> = [];
  let shopifyUnavailable = false;
  if (codes.length) {
    try {
      orders = await fetchOrdersUsingCodes(ctx.admin, codes);
    } catch {
      shopifyUnavailable = true;
    }
  }
  const byCode = new Map<string, number>();
  for (const o of orders) for (const c of o.codes) byCode.set(c.toUpperCase(), (byCode.get(c.toUpperCase()) ?? 0) + o.amount);
  const recent = offers.map((o) => ({
    code: o.code!,
    customerId: o.customerId,
    sentAt: (o.sentAt ?? o.createdAt).toISOString(),
    used: byCode.has(o.code!.toUpperCase()),
    revenue: byCode.get(o.code!.toUpperCase()) ?? 0,
  }));
  return {
    sent,
    used: recent.filter((r) => r.used).length,
    revenue: recent.reduce((s, r) => s + r.revenue, 0),
    currency: orders[0]?.currency ?? offers[0]?.currency ?? null,
    recent,
    shopifyUnavailable,
  };
}
