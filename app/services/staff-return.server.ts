/**
 * Staff-created returns: a merchant taking a phone call finds the order, picks lines and
 * quantities, a reason, a resolution and a method, and files the return for the customer.
 * The same engine as the portal (planReturn in return-request.server.ts: eligibility,
 * pricing, methods, exchange stock); staff may override the rules in STAFF_OVERRIDABLE
 * (outside the window, final sale, non-returnable products, limits) with a reason that is
 * recorded on the return (who, when, why, which rules). A staff-created return is approved
 * at once: staff are the ones who would approve it.
 *
 * Gift returns (docs/settings.md "Gift returns"): the recipient gets store credit or an
 * exchange, never a refund to the buyer; the recipient's e-mail is required.
 */
import { z } from "zod";
import {
  GIFT_RESOLUTIONS,
  GiftRecipientSchema,
  RESOLUTIONS,
  RETURN_METHODS,
  evaluateEligibility,
  giftLineProblems,
  returnMethodOptions,
  returnWeightGrams,
  type IneligibilityCode,
} from "~/domain";
import { FIND_ORDER_BY_NAME_QUERY, OrderNotFoundError, fetchStorefrontLookup } from "~/shopify/orders.server";
import { fetchProductVariants } from "~/shopify/variants.server";
import { ShopifyGraphqlError } from "~/shopify/errors";
import { formatAdminMoney } from "~/i18n/admin";
import type { AdminLocale } from "~/i18n/admin-locale";
import { fromShopifyError, type ReturnsContext } from "./context.server";
import { loadCurrentPolicy } from "./policy.server";
import { gidSchema, ReturnLineInputSchema } from "./return-input";
import { approveReturn } from "./return-lifecycle.server";
import { requireReturn, type ActorRef } from "./return-records.server";
import { linesWithReasons, requestReturn } from "./return-request.server";

/** Resolutions a gift return may use (app/domain/gift.ts): value stays with the recipient. */
export { GIFT_RESOLUTIONS };

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** What the "Create return" page posts (JSON). Messages are codes the page translates. */
export const StaffReturnSchema = z
  .object({
    orderId: gidSchema("Order"),
    method: z.enum(RETURN_METHODS),
    storeCreditConsent: z.boolean().default(false),
    lines: z.array(ReturnLineInputSchema).min(1, "NO_LINES").max(250),
    overrideReason: z.preprocess(blankToNull, z.string().trim().min(3, "OVERRIDE_REASON_SHORT").max(500).nullable().default(null)),
    gift: GiftRecipientSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.gift) {
      for (const i of giftLineProblems(v.lines)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lines", i, "resolution"], message: "GIFT_NO_REFUND" });
    }
  });
export type StaffReturnInput = z.infer<typeof StaffReturnSchema>;

/** "#1182", "1182", a numeric id from Shopify's order page, or a gid → the order's gid; null when there is no such order. */
export async function findOrderForStaff(ctx: ReturnsContext, ref: string): Promise<string | null> {
  const text = ref.trim().slice(0, 60);
  if (/^gid:\/\/shopify\/Order\/\d+$/.test(text)) return text;
  // The admin action extension sends Shopify's numeric order id (long); order names are short.
  if (/^\d{7,}$/.test(text)) return `gid://shopify/Order/${text}`;
  const name = text.startsWith("#") ? text : `#${text}`;
  if (!/^#[\w-]{1,40}$/.test(name)) return null;
  const { data } = await ctx.admin.request(FIND_ORDER_BY_NAME_QUERY, { query: `name:"${name}"` }).catch((e) => {
    throw fromShopifyError(e, "what.findOrder");
  });
  // Shopify's search is fuzzy (platform §1.6): only the exact name counts.
  return data.orders.nodes.find((o) => o.name.toLowerCase() === name.toLowerCase())?.id ?? null;
}

/**
 * The order as the "Create return" page shows it: each fulfilled line with what the policy
 * says (returnable, returnable only with an override and why, or not returnable at all),
 * the resolutions, exchange variants, the shop's return reasons and the methods.
 * Null when the order does not exist.
 */
export async function loadOrderForStaff(ctx: ReturnsContext, orderId: string, locale: AdminLocale) {
  let lookup;
  try {
    lookup = await fetchStorefrontLookup(ctx.admin, orderId);
  } catch (error) {
    if (error instanceof OrderNotFoundError) return null;
    // An id that names no order: the answer's `order` is null, with an error for the
    // order's returnable fulfillments alongside it.
    if (error instanceof ShopifyGraphqlError && (error.code === "NOT_FOUND" || (error.data as { order?: unknown } | null | undefined)?.order === null)) return null;
    throw fromShopifyError(error, "what.readOrder");
  }
  const { policy } = await loadCurrentPolicy(ctx.db, ctx.shop.id);
  const { order, reasons } = lookup;
  const base = { order, policy, now: ctx.now(), timeZone: ctx.shop.timezone ?? "UTC" };
  const normal = evaluateEligibility(base);
  const overridden = evaluateEligibility({ ...base, staffOverride: true });
  const items = new Map(order.lineItems.map((li) => [li.id, li]));
  const productIds = [...new Set(overridden.lines.filter((l) => l.eligible).map((l) => items.get(l.lineItemId)?.productId).filter((p): p is string => !!p))];
  const missing = productIds.filter((p) => !lookup.variants.has(p));
  const variants = missing.length ? new Map([...lookup.variants, ...(await fetchProductVariants(ctx.admin, missing).catch(() => new Map()))]) : lookup.variants;
  const money = (amount: number) => formatAdminMoney(amount, order.currency, locale);

  const lines = overridden.lines
    .filter((l) => l.fulfillmentLineItemId)
    .map((l) => {
      const plain = normal.lines.find((n) => n.fulfillmentLineItemId === l.fulfillmentLineItemId)!;
      const li = items.get(l.lineItemId)!;
      const unitPrice = li.quantity > 0 ? Math.round((li.originalUnitPrice * li.quantity - li.lineDiscount - li.orderDiscount) / li.quantity) : 0;
      return {
        fulfillmentLineItemId: l.fulfillmentLineItemId!,
        title: li.title,
        variantTitle: li.variantTitle,
        sku: li.sku,
        unitPrice: money(unitPrice),
        returnable: l.maxQuantity,
        /** ELIGIBLE, OVERRIDE (only with a staff override) or BLOCKED. */
        state: plain.eligible ? ("ELIGIBLE" as const) : l.eligible ? ("OVERRIDE" as const) : ("BLOCKED" as const),
        /** Why the policy refuses it (the codes an override sets aside, or what blocks it). */
        reasons: (plain.eligible ? [] : l.eligible ? (l.overridden ?? []) : l.reason ? [l.reason.code] : []) as IneligibilityCode[],
        resolutions: plain.eligible ? plain.allowedResolutions : l.allowedResolutions,
        exchangeVariants: ((li.productId ? (variants.get(li.productId) ?? []) : []) as { id: string; title: string; available: number }[])
          .filter((v) => v.id !== li.variantId)
          .map((v) => ({ id: v.id, title: v.title, available: v.available > 0 })),
      };
    });

  const methods = returnMethodOptions(policy, {
    currency: order.currency,
    totalGrams: returnWeightGrams(order, overridden.lines.filter((l) => l.eligible).map((l) => ({ lineItemId: l.lineItemId, quantity: l.maxQuantity }))),
    returnValue: 0,
    resolutions: [...RESOLUTIONS],
  })
    .filter((m) => m.available)
    .map((m) => ({ code: m.method, fee: m.fee.amount > 0 ? money(m.fee.amount) : null, required: m.required }));

  return {
    order: { id: order.id, name: order.name, customerName: order.contactName ?? null, customerEmail: order.email ?? order.customer?.email ?? null },
    lines,
    reasons: reasons.map((r) => ({ id: r.id, name: r.name })),
    methods,
    consentRequired: policy.eu.enabled && policy.eu.storeCreditRequiresConsent,
  };
}

export type StaffOrder = NonNullable<Awaited<ReturnType<typeof loadOrderForStaff>>>;

/**
 * Files the return for the customer and approves it. Refused (ReturnsError NOT_ELIGIBLE,
 * details per line) when a line needs an override and no reason was given, or can't be
 * returned at all; nothing is saved then.
 */
export async function createStaffReturn(ctx: ReturnsContext, input: StaffReturnInput, staffUserId: string | null) {
  const actor: ActorRef = { type: "STAFF", id: staffUserId };
  const lines = await linesWithReasons(ctx, input.lines);
  const created = await requestReturn(
    ctx,
    {
      orderId: input.orderId,
      method: input.method,
      lines,
      storeCreditConsent: input.storeCreditConsent,
      staff: { userId: staffUserId, override: input.overrideReason ? { reason: input.overrideReason } : null },
      gift: input.gift,
    },
    actor,
  );
  if (created.status === "REQUESTED") {
    // Saved either way; a failed approval leaves it in the inbox for a retry.
    await approveReturn(ctx, created.id, actor).catch(() => undefined);
  }
  const ret = await requireReturn(ctx, created.id);
  return { id: ret.id, rmaNumber: ret.rmaNumber, status: ret.status };
}

