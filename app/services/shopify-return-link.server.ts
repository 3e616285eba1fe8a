/**
 * Linking a local return to its Shopify Return: after a successful returnCreate /
 * returnRequest, or — after a crash or an unanswered call — by finding the Shopify return on
 * the order with exactly the request's lines. Used by the request, the lifecycle and the
 * sync; kept apart so the lifecycle and the request do not import each other.
 */
import { fromMinorUnits } from "~/shopify/money";
import { fetchOrderReturns, fetchReturn } from "~/shopify/returns.server";
import { settleAttempt, type Claim } from "./attempts.server";
import type { ReturnsContext } from "./context.server";
import { recordEvent, type ReturnRecord } from "./return-records.server";

/** The return's shipping fee as Shopify's `returnShippingFee` input (presentment currency), or nothing. */
export function returnShippingFeeInput(ret: Pick<ReturnRecord, "returnShippingFee" | "currency">) {
  if (ret.returnShippingFee <= 0) return {};
  return { returnShippingFee: { amount: { amount: fromMinorUnits(ret.returnShippingFee, ret.currency), currencyCode: ret.currency as never } } };
}

export async function linkShopifyReturn(ctx: ReturnsContext, returnId: string, shopifyReturnId: string, name: string | null, status: string | null) {
  await ctx.db.returnRequest.updateMany({
    where: { id: returnId, shopId: ctx.shop.id, shopifyReturnId: null },
    data: { shopifyReturnId, shopifyReturnName: name, shopifyStatus: status },
  });
  await recordEvent(ctx.db, { id: returnId, shopId: ctx.shop.id }, "linked", { type: "SYSTEM" }, { shopifyReturnId });
}

/**
 * After a crash or an unanswered call: finds the Shopify return on the order with exactly
 * this request's lines that no other local return claims, and links it.
 */
export async function linkOrphanedShopifyReturn(ctx: ReturnsContext, ret: ReturnRecord): Promise<string | null> {
  const candidates = await fetchOrderReturns(ctx.admin, ret.orderId);
  const claimed = new Set(
    (
      await ctx.db.returnRequest.findMany({
        where: { shopId: ctx.shop.id, orderId: ret.orderId, shopifyReturnId: { not: null } },
        select: { shopifyReturnId: true },
      })
    ).map((r) => r.shopifyReturnId),
  );
  const wanted = ret.lines
    .map((l) => `${l.fulfillmentLineItemId}:${l.quantity}`)
    .sort()
    .join(",");
  for (const candidate of candidates) {
    if (claimed.has(candidate.id)) continue;
    // Only returns made around or after this request (clock skew allowance of a minute).
    if (new Date(candidate.createdAt).getTime() < ret.requestedAt.getTime() - 60_000) continue;
    // Returns with more lines than the list query carries are read in full.
    const nodes = candidate.returnLineItems.pageInfo.hasNextPage
      ? ((await fetchReturn(ctx.admin, candidate.id))?.returnLineItems.nodes ?? [])
      : candidate.returnLineItems.nodes;
    const lines = nodes
      .map((n) => ("fulfillmentLineItem" in n && n.fulfillmentLineItem ? `${n.fulfillmentLineItem.id}:${n.quantity}` : ""))
      .sort()
      .join(",");
    if (lines === wanted) {
      await linkShopifyReturn(ctx, ret.id, candidate.id, null, candidate.status);
      return candidate.id;
    }
  }
  return null;
}

/**
 * A create whose answer was lost (the return may exist in Shopify): the step is marked
 * UNKNOWN, so nobody sends again while the claim's lease runs, then the return is looked
 * for on the order and, when found, linked and the step settled. Its Shopify id, or null
 * when it can't be found yet (reconciliation looks again).
 */
export async function settleLostCreate(ctx: ReturnsContext, claim: Claim, ret: ReturnRecord, error: Error): Promise<string | null> {
  await settleAttempt(ctx, claim, "UNKNOWN", { error: error.message });
  const linked = await linkOrphanedShopifyReturn(ctx, ret).catch(() => null);
  if (linked) await settleAttempt(ctx, claim.attemptId, "SUCCEEDED", { shopifyReturnId: linked, via: "lookup after lost answer" });
  return linked;
}
