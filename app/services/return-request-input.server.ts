/**
 * What a return request is made of (the lines with their reasons, the customer, gift,
 * photos and pickup details) and the shopper-side checks a plan does not make.
 */
import {
  giftLineProblems,
  linesMissingPhotos,
  localDate,
  resolvePickup,
  type OrderSnapshot,
  type PickupRequest,
  type Resolution,
  type ReturnMethod,
  type ReturnPolicy,
} from "~/domain";
import { fetchReturnReasons } from "~/shopify/returns.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import type { CleanedPhoto } from "./photos/photos.server";

export interface RequestedReturnLine {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  reasonDefinitionId?: string | null;
  reasonHandle?: string | null;
  note?: string | null;
  exchangeVariantId?: string | null;
}

/** A line as a shopper's or staff member's form sends it: the reason as Shopify's definition id. */
export interface ReturnLineChoice {
  fulfillmentLineItemId: string;
  quantity: number;
  resolution: Resolution;
  reasonId?: string | null;
  note?: string | null;
  exchangeVariantId?: string | null;
}

/** The chosen lines with Shopify's return reasons resolved (an unknown reason id becomes none). */
export async function linesWithReasons(ctx: ReturnsContext, lines: readonly ReturnLineChoice[]): Promise<RequestedReturnLine[]> {
  const reasons = await fetchReturnReasons(ctx.admin).catch((e) => {
    throw fromShopifyError(e, "what.readReasons");
  });
  const byId = new Map(reasons.map((r) => [r.id, r]));
  return lines.map((l) => ({
    fulfillmentLineItemId: l.fulfillmentLineItemId,
    quantity: l.quantity,
    resolution: l.resolution,
    reasonDefinitionId: l.reasonId && byId.has(l.reasonId) ? l.reasonId : null,
    reasonHandle: l.reasonId ? (byId.get(l.reasonId)?.handle ?? null) : null,
    note: l.note,
    exchangeVariantId: l.exchangeVariantId,
  }));
}

export interface ReturnRequestInput {
  orderId: string;
  method: ReturnMethod;
  lines: RequestedReturnLine[];
  storeCreditConsent?: boolean;
  euWithdrawal?: boolean;
  locale?: string | null;
  customer?: { id: string | null; email: string | null; name?: string | null } | null;
  /**
   * Staff create the return (app/services/staff-return.server.ts). With `override`, the
   * policy rules staff may set aside (STAFF_OVERRIDABLE) no longer block; the reason, the
   * staff member and the time are stored on the return with the rules that were set aside.
   */
  staff?: { userId: string | null; override: { reason: string } | null } | null;
  /** A gift return: the recipient, who gets store credit or an exchange (never the buyer). */
  gift?: { recipientName: string | null; recipientEmail: string; addressLines?: string[]; byRecipient?: boolean } | null;
  /** Photos by fulfillment line item, already checked and cleaned (photos/photos.server.ts). */
  photos?: Map<string, CleanedPhoto[]>;
  /**
   * Home pickup details. A shopper's form sends them (null: none given) and a HOME_PICKUP
   * return then needs a valid window; undefined means the caller does not collect them.
   */
  pickup?: { addressLines?: string[]; dateFrom: string; dateTo: string } | null;
}

/** Shopper-side checks a plan does not make: a gift's resolutions, photos the reason needs, a pickup window. */
export function checkShopperDetails(ctx: ReturnsContext, input: ReturnRequestInput, policy: ReturnPolicy, order: OrderSnapshot, now: Date): PickupRequest | null {
  // Every door (portal, staff): a gift return never refunds the buyer.
  const notForGift = input.gift ? giftLineProblems(input.lines) : [];
  if (notForGift.length > 0) {
    throw new ReturnsError("INVALID_INPUT", "gift.noRefund", {
      code: "GIFT_NO_REFUND",
      lines: notForGift.map((i) => input.lines[i]!.fulfillmentLineItemId),
    });
  }
  const missing = linesMissingPhotos(
    policy.photoRequiredReasonHandles,
    input.lines.map((l) => ({ ...l, photoCount: input.photos?.get(l.fulfillmentLineItemId)?.length ?? 0 })),
  );
  if (missing.length > 0) {
    throw new ReturnsError("INVALID_INPUT", "photo.required", {
      code: "PHOTO_REQUIRED",
      lines: missing.map((l) => l.fulfillmentLineItemId),
    });
  }
  if (input.method !== "HOME_PICKUP" || input.pickup === undefined) return null;
  const result = resolvePickup(input.pickup, order.shippingAddressLines, localDate(now, ctx.shop.timezone ?? "UTC"));
  if (!result.ok) throw new ReturnsError("INVALID_INPUT", `pickup.${result.problem}`, { code: `PICKUP_${result.problem}` });
  return result.pickup;
}

/** The return's customer as the order knows them; `given` fills only what the order lacks. */
export function customerFromOrder(order: OrderSnapshot, given?: ReturnRequestInput["customer"]) {
  const id = order.customer?.id ?? given?.id ?? null;
  const email = order.email ?? order.customer?.email ?? given?.email ?? null;
  const name = order.contactName ?? given?.name ?? null;
  if (!id && !email && !name) return null;
  return { id, email, name };
}
