/**
 * The portal's refund preview (POST /apps/returns/api/preview): the same input as filing
 * the return, answered with `previewReturn` (nothing saved) as rows worded and formatted in
 * the shopper's language, so the block only shows them.
 */
import { formatMoney } from "~/domain";
import { journeyMessage } from "~/i18n/return-journey";
import { ReturnsError, type ReturnsContext } from "./context.server";
import { linesWithReasons } from "./return-request.server";
import { requireLookupToken } from "./storefront-guard.server";
import { previewReturn } from "./return-preview.server";
import { storefrontErrorFrom } from "./storefront-error.server";
import { type ShopperIdentity, type StorefrontReturnInput } from "./storefront.server";

export async function previewForStorefront(ctx: ReturnsContext, who: ShopperIdentity, input: StorefrontReturnInput, appSecret: string) {
  // The same check as filing (bound to this shopper, unexpired), without using the token up.
  requireLookupToken({ db: ctx.db, shop: ctx.shop.domain, secret: appSecret, locale: who.locale, now: ctx.now() }, input.lookupToken, input.orderId, who.customerLegacyId);
  // Reason handles decide restocking-fee exemptions, exactly as when the return is filed.
  const lines = await linesWithReasons(ctx, input.lines);
  try {
    const p = await previewReturn(ctx, {
      orderId: input.orderId,
      method: input.method,
      storeCreditConsent: input.storeCreditConsent,
      euWithdrawal: input.euWithdrawal,
      customer: who.customerLegacyId ? { id: `gid://shopify/Customer/${who.customerLegacyId}`, email: null } : null,
      lines,
    });
    const t = (key: string) => journeyMessage(who.locale, key);
    const money = (amount: number) => formatMoney({ amount, currency: p.currency }, who.locale);
    const rows: { label: string; amount: string; total?: boolean }[] = [{ label: t("PREVIEW_ITEMS"), amount: money(p.itemsSubtotal) }];
    if (p.restockingFees) rows.push({ label: t("PREVIEW_RESTOCKING"), amount: `−${money(p.restockingFees)}` });
    if (p.returnShippingFee) rows.push({ label: t("PREVIEW_SHIPPING_FEE"), amount: `−${money(p.returnShippingFee)}` });
    if (p.exchangeTotal) rows.push({ label: t("PREVIEW_EXCHANGE"), amount: `−${money(p.exchangeTotal)}` });
    if (p.storeCreditBonus) rows.push({ label: t("PREVIEW_BONUS"), amount: `+${money(p.storeCreditBonus)}` });
    if (p.toOriginalPayment) rows.push({ label: t("PREVIEW_TO_PAYMENT"), amount: money(p.toOriginalPayment), total: true });
    if (p.toStoreCredit) rows.push({ label: t("PREVIEW_TO_CREDIT"), amount: money(p.toStoreCredit), total: true });
    if (p.toPay) rows.push({ label: t("PREVIEW_TO_PAY"), amount: money(p.toPay), total: true });
    if (!p.toOriginalPayment && !p.toStoreCredit && !p.toPay) rows.push({ label: t("PREVIEW_NOTHING"), amount: "", total: true });
    // The block shows `text` as is (lines; a small script keeps the theme fast).
    const text = [t("PREVIEW_HEADING"), ...rows.map((r) => (r.amount ? `${r.label}: ${r.amount}` : r.label))].join("\n");
    return { ok: true as const, heading: t("PREVIEW_HEADING"), rows, text, preview: p };
  } catch (error) {
    // Same wording as filing; Shopify's own error text never reaches the shopper.
    if (error instanceof ReturnsError) throw storefrontErrorFrom(error, who.locale);
    throw error;
  }
}
