/**
 * The refund preview before "send": per line and in total, what comes back and how —
 * amount, restocking fee, return shipping fee, store-credit bonus, exchange difference.
 * It runs `planReturn`, the very code `requestReturn` runs (the same order read, eligibility,
 * exchange prices and `calculateReturn`), and saves nothing. Reused by the storefront portal
 * and the customer-account extension: call `previewReturn` with a `ReturnRequestInput`.
 */
import type { Resolution } from "~/domain";
import type { ReturnsContext } from "./context.server";
import { planReturn, type ReturnRequestInput } from "./return-request.server";

export interface ReturnPreviewLine {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  /** What the items are worth after discounts (minor units). */
  subtotal: number;
  restockingFee: number;
  /** What the line contributes: subtotal (+ tax when prices exclude it) − restocking fee. */
  credit: number;
}

export interface ReturnPreview {
  currency: string;
  lines: ReturnPreviewLine[];
  itemsSubtotal: number;
  restockingFees: number;
  returnShippingFee: number;
  exchangeTotal: number;
  storeCreditBonus: number;
  /** Back to the original payment methods. */
  toOriginalPayment: number;
  /** As store credit, bonus included. */
  toStoreCredit: number;
  /** What the shopper would owe for a dearer exchange. */
  toPay: number;
}

export async function previewReturn(ctx: ReturnsContext, input: ReturnRequestInput): Promise<ReturnPreview> {
  const { preview } = await planReturn(ctx, input);
  const s = preview.settlement;
  return {
    currency: preview.currency,
    lines: preview.lines.map((l) => ({
      fulfillmentLineItemId: l.fulfillmentLineItemId ?? "",
      quantity: l.quantity,
      resolution: l.resolution,
      subtotal: l.subtotal,
      restockingFee: l.restockingFee,
      credit: l.credit,
    })),
    itemsSubtotal: preview.itemsSubtotal,
    restockingFees: preview.restockingFees,
    returnShippingFee: preview.returnShippingFees,
    exchangeTotal: preview.exchangeTotal,
    storeCreditBonus: s.storeCredit.bonus,
    toOriginalPayment: s.originalPayment.amount,
    toStoreCredit: s.storeCredit.amount + s.storeCredit.bonus,
    toPay: s.invoice,
  };
}
