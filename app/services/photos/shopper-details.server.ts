/**
 * What the shopper attached to a return, for the admin's return page: photos (signed links,
 * grouped by item) and the home-pickup request. One call from the page's loader.
 */
import type { ReturnsContext } from "../context.server";
import { storedPickup } from "~/domain";
import { photosForReturn } from "./photos.server";

export interface ShopperDetails {
  photos: { id: string; url: string; lineTitle: string; contentType: string; size: number }[];
  pickup: ReturnType<typeof storedPickup>;
}

export async function shopperDetailsFor(ctx: ReturnsContext, returnId: string, secret: string): Promise<ShopperDetails> {
  const ret = await ctx.db.returnRequest.findFirst({
    where: { id: returnId, shopId: ctx.shop.id },
    select: { method: true, pickupAddress: true, pickupDateFrom: true, pickupDateTo: true, lines: { select: { id: true, title: true } } },
  });
  if (!ret) return { photos: [], pickup: null };
  const titles = new Map(ret.lines.map((l) => [l.id, l.title]));
  const photos = await photosForReturn(ctx.db, ctx.shop.id, returnId, secret, ctx.now());
  return {
    photos: photos.map((p) => ({ id: p.id, url: p.url, lineTitle: titles.get(p.returnLineId) ?? "", contentType: p.contentType, size: p.size })),
    pickup: storedPickup(ret),
  };
}
