/**
 * Reads of a return's uploaded prepaid label. Kept apart from return-labels.server.ts (which
 * writes labels through the return lifecycle) so the slip and the shopper's journey can read
 * them without importing the lifecycle: that import closed a loop through the e-mail outbox.
 */
import type { ReturnsContext } from "../context.server";

/** The stored label PDF of one of the shop's returns, or null. */
export async function storedLabelPdf(ctx: ReturnsContext, returnId: string): Promise<Uint8Array | null> {
  const row = await ctx.db.returnLabel.findFirst({ where: { shopId: ctx.shop.id, returnRequestId: returnId }, select: { data: true } });
  return row ? new Uint8Array(row.data) : null;
}

/** Whether the return has an uploaded label (the status page says it is on the slip). */
export async function hasStoredLabel(ctx: ReturnsContext, returnId: string): Promise<boolean> {
  return (await ctx.db.returnLabel.count({ where: { shopId: ctx.shop.id, returnRequestId: returnId } })) > 0;
}
