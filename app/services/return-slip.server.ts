/**
 * The return slip as a use case: load the return (by the shopper's status token, or by id
 * for staff reprinting it), read what Shopify knows (shop name, receiving location, sender
 * address, product types — one query), build the texts in the shopper's language and render
 * the PDF (app/slips/return-slip.ts). Reused by the customer-account extension: call
 * `shopperSlip` / `slipForReturn` and send `slipResponse`.
 */
import { storedPickup, type ReturnMethod, type ReturnStatus } from "~/domain";
import { journeyMessage } from "~/i18n/return-journey";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import { fetchSlipContext } from "~/shopify/slip-context.server";
import { slipFonts } from "~/slips/fonts.server";
import { renderReturnSlip, type SlipData } from "~/slips/return-slip";
import { fromShopifyError, type ReturnsContext } from "./context.server";
import { storedLabelPdf } from "./labels/stored-labels.server";
import { loadPolicy } from "./policy.server";
import { guideFor, loadShopperReturn, outcomeLabel, shopperLocale } from "./return-journey.server";
import { statusUrl } from "./storefront-links.server";

type ReturnWithLines = NonNullable<Awaited<ReturnType<typeof loadShopperReturn>>>;

export interface RenderedSlip {
  filename: string;
  bytes: Uint8Array;
}

/** Where the prepaid label PDF comes from; by default the one the merchant uploaded (./labels/). */
export type LabelLoader = (ret: ReturnWithLines) => Promise<Uint8Array | null>;

export async function buildSlip(ctx: ReturnsContext, ret: ReturnWithLines, locale: StorefrontLocale, loadLabel?: LabelLoader): Promise<RenderedSlip> {
  const productIds = [...new Set(ret.lines.map((l) => l.productId).filter((p): p is string => !!p))];
  const [shop, policy, link, fonts, labelPdf] = await Promise.all([
    fetchSlipContext(ctx.admin, ret.orderId, productIds).catch((e) => {
      throw fromShopifyError(e, "what.readReturnAddress");
    }),
    loadPolicy(ctx.db, ctx.shop.id),
    statusUrl(ctx, ret.statusToken, locale),
    slipFonts(),
    loadLabel ? loadLabel(ret) : storedLabelPdf(ctx, ret.id),
  ]);
  const t = (key: string, values?: Record<string, string>) => journeyMessage(locale, key, values);
  const method = ret.method as ReturnMethod;
  // An uploaded label prints on its own pages; the line names the carrier and tracking when known.
  const hasLabel = !!(ret.trackingNumber || (ret.labelUrl && !labelPdf));
  const pickup = storedPickup(ret);
  const day = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));
  const data: SlipData = {
    texts: {
      title: t("SLIP_TITLE"),
      returnTo: t("SLIP_RETURN_TO"),
      from: t("SLIP_FROM"),
      rma: t("SLIP_RMA"),
      order: t("SLIP_ORDER"),
      method: t("SLIP_METHOD"),
      items: t("SLIP_ITEMS"),
      qty: t("SLIP_QTY"),
      scan: t("SLIP_SCAN"),
      cut: t("SLIP_CUT"),
      inside: t("SLIP_INSIDE"),
      guideHeading: t("GUIDE_HEADING"),
      label: hasLabel ? t("SLIP_LABEL", { carrier: ret.carrierName ?? "", tracking: ret.trackingNumber ?? "" }).trim() : null,
      labelPage: labelPdf ? t("SLIP_LABEL_PAGE") : null,
    },
    shopName: shop.shopName,
    returnAddress: shop.returnAddress,
    // A return the gift's recipient filed is sent by them: the slip never names the buyer.
    fromLines:
      shop.senderAddress.length > 0
        ? shop.senderAddress
        : (ret.giftByRecipient ? [ret.giftRecipientName, ret.giftRecipientEmail] : [ret.customerName, ret.customerEmail]).filter((x): x is string => !!x),
    rmaNumber: ret.rmaNumber,
    orderName: ret.orderName,
    methodName: storefrontMessage(locale, method),
    statusUrl: link,
    guide: guideFor(locale, method, policy, ret.lines.map((l) => ({ productType: l.productId ? shop.productTypes[l.productId] : null }))),
    pickup: pickup ? t("PICKUP_WINDOW", { address: pickup.addressLines.join(", "), from: pickup.dateFrom ? day(pickup.dateFrom) : "", to: pickup.dateTo ? day(pickup.dateTo) : "" }) : null,
    items: ret.lines.map((l) => ({ title: l.title, variantTitle: l.variantTitle, sku: l.sku, quantity: l.quantity, outcome: outcomeLabel(locale, l) })),
    labelPdf,
  };
  return { filename: `return-slip-${ret.rmaNumber}.pdf`, bytes: await renderReturnSlip(data, fonts) };
}

/** The shopper's slip for a return loaded by its status token. Null when there is nothing to send (→ 404). */
export async function shopperSlip(ctx: ReturnsContext, ret: ReturnWithLines, explicitLocale: StorefrontLocale | null, fallback: StorefrontLocale, loadLabel?: LabelLoader) {
  // Declined and cancelled returns have nothing to send.
  if ((["DECLINED", "CANCELED"] as ReturnStatus[]).includes(ret.status as ReturnStatus)) return null;
  return buildSlip(ctx, ret, shopperLocale(explicitLocale, ret.locale, fallback), loadLabel);
}

/** Staff reprint from the admin: the slip in the shopper's language, by return id. */
export async function slipForReturn(ctx: ReturnsContext, id: string, loadLabel?: LabelLoader) {
  const ret = await ctx.db.returnRequest.findFirst({ where: { id, shopId: ctx.shop.id }, include: { lines: true } });
  if (!ret) return null;
  return buildSlip(ctx, ret, shopperLocale(null, ret.locale, "en"), loadLabel);
}

export function slipResponse(slip: RenderedSlip, disposition: "inline" | "attachment" = "inline"): Response {
  return new Response(new Blob([slip.bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(slip.bytes.byteLength),
      "Content-Disposition": `${disposition}; filename="${slip.filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
