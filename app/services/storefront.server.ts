/**
 * The shopper's side of the app, behind the app proxy: find an order (logged-in customer by
 * the signed customer id, guest by order number + email, rate limited, same answer for
 * "no such order" and "wrong email"), show what can be returned and how, file the return,
 * and show its status. Everything is re-checked on the server; the block is untrusted.
 */
import {
  evaluateEligibility,
  formatMoney,
  returnMethodOptions,
  returnWeightGrams,
  statusLinkExpired,
  type Resolution,
  type ReturnMethod,
} from "~/domain";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import { reasonName } from "~/i18n/return-reasons";
import { fetchStorefrontLookup, FIND_ORDER_BY_NAME_QUERY } from "~/shopify/orders.server";
import { fetchProductVariants } from "~/shopify/variants.server";
import { ReturnsError, fromShopifyError, type ReturnsContext } from "./context.server";
import { GIFT_SUBJECT, claimedSubject, issueLookupToken, lookupSubject, type LookupSubject } from "./lookup-token.server";
import { loadPolicy } from "./policy.server";
import { StorefrontError, storefrontErrorFrom } from "./storefront-error.server";
import {
  claimLookupToken,
  guardCustomerLookup,
  guardGuestLookup,
  guardReturnCreation,
  recordGuestFailure,
  requireLookupToken,
  type GuardContext,
} from "./storefront-guard.server";
import { linesWithReasons, requestReturn } from "./return-request.server";
import { cleanLinePhotos } from "./photos/photos.server";
import { confirmationFor } from "./return-journey.server";

export { StorefrontError } from "./storefront-error.server";

export interface ShopperIdentity {
  /** Numeric id from the signed `logged_in_customer_id`, or null for guests. */
  customerLegacyId: string | null;
  /** A stable key for rate limiting (e.g. the client address); hashed before storage. */
  clientKey: string;
  locale: StorefrontLocale;
}

const normalizeOrderName = (raw: string) => {
  const trimmed = raw.trim().replace(/^#+/, "");
  return trimmed ? `#${trimmed}` : "";
};

/** Finds the order and checks the shopper may see it. Same error for every kind of miss. */
async function findOrderForShopper(ctx: ReturnsContext, who: ShopperIdentity, orderName: string, email: string | null, secret: string): Promise<string> {
  const guard: GuardContext = { db: ctx.db, shop: ctx.shop.domain, secret, locale: who.locale, now: ctx.now() };
  const name = normalizeOrderName(orderName);
  if (who.customerLegacyId) await guardCustomerLookup(guard, who.customerLegacyId);
  else await guardGuestLookup(guard, who.clientKey, name);
  // Only failed guest lookups count against the client and the order (storefront-guard).
  const notFound = async () => {
    if (!who.customerLegacyId) await recordGuestFailure(guard, who.clientKey, name);
    return new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(who.locale, "ORDER_NOT_FOUND"));
  };
  if (!name || name.length > 40) throw await notFound();
  if (!who.customerLegacyId && (!email || !email.includes("@"))) throw await notFound();
  const query = who.customerLegacyId ? `name:"${name}" AND customer_id:${who.customerLegacyId}` : `name:"${name}"`;
  const { data } = await ctx.admin.request(FIND_ORDER_BY_NAME_QUERY, { query }).catch((e) => {
    throw fromShopifyError(e, "what.findOrder");
  });
  // Shopify's search is fuzzy; re-check the name and the owner ourselves (platform §1.6).
  const order = data.orders.nodes.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (!order) throw await notFound();
  if (who.customerLegacyId) {
    if (order.customer?.id !== `gid://shopify/Customer/${who.customerLegacyId}`) throw await notFound();
  } else {
    const wanted = email!.trim().toLowerCase();
    const known = [order.email, order.customer?.defaultEmailAddress?.emailAddress].filter(Boolean).map((e) => e!.toLowerCase());
    if (!known.includes(wanted)) throw await notFound();
  }
  return order.id;
}

function eligibilityMessage(locale: StorefrontLocale, code: string | null | undefined): string | null {
  return code ? storefrontMessage(locale, code) : null;
}

export async function lookupForStorefront(
  ctx: ReturnsContext,
  who: ShopperIdentity,
  input: { order: string; email: string | null },
  appSecret: string,
) {
  const orderId = await findOrderForShopper(ctx, who, input.order, input.email, appSecret);
  return storefrontLookupView(ctx, who, orderId, appSecret, lookupSubject(who.customerLegacyId));
}

/** What the portal shows for an order the visitor proved access to, with a lookup token for `subject`. */
export async function storefrontLookupView(ctx: ReturnsContext, who: ShopperIdentity, orderId: string, appSecret: string, subject: LookupSubject) {
  // One Admin API call for the order, its returnable lines, the reasons and exchange variants.
  const [lookup, policy] = await Promise.all([fetchStorefrontLookup(ctx.admin, orderId), loadPolicy(ctx.db, ctx.shop.id)]).catch((e) => {
    throw fromShopifyError(e, "what.readOrder");
  });
  const { order, reasons } = lookup;
  const now = ctx.now();
  const eligibility = evaluateEligibility({ order, policy, now, timeZone: ctx.shop.timezone ?? "UTC" });
  const items = new Map(order.lineItems.map((li) => [li.id, li]));
  const productIds = [...new Set(eligibility.lines.filter((l) => l.eligible).map((l) => items.get(l.lineItemId)?.productId).filter((p): p is string => !!p))];
  // Only products the lookup answer couldn't hold (many variants, lines past the first page) cost a call.
  const missing = productIds.filter((p) => !lookup.variants.has(p));
  const variants = missing.length ? new Map([...lookup.variants, ...(await fetchProductVariants(ctx.admin, missing).catch(() => new Map()))]) : lookup.variants;
  const format = (amount: number) => formatMoney({ amount, currency: order.currency }, who.locale);

  const lines = eligibility.lines
    .filter((l) => l.fulfillmentLineItemId)
    .map((l) => {
      const li = items.get(l.lineItemId)!;
      const unitPrice = li.quantity > 0 ? Math.round((li.originalUnitPrice * li.quantity - li.lineDiscount - li.orderDiscount) / li.quantity) : 0;
      const exchangeVariants = l.allowedResolutions.includes("EXCHANGE") && li.productId ? (variants.get(li.productId) ?? []) : [];
      return {
        fulfillmentLineItemId: l.fulfillmentLineItemId!,
        title: li.title,
        variantTitle: li.variantTitle,
        imageUrl: null,
        quantity: li.quantity,
        returnableQuantity: l.maxQuantity,
        unitPrice,
        unitPriceFormatted: format(unitPrice),
        eligible: l.eligible,
        ineligibleReason: l.reason?.code ?? null,
        ineligibleMessage: eligibilityMessage(who.locale, l.reason?.code),
        resolutions: l.allowedResolutions,
        consentRequired: l.consentRequired,
        deadline: l.deadlines.REFUND ?? l.deadlines.STORE_CREDIT ?? l.deadlines.EXCHANGE,
        exchangeVariants: exchangeVariants
          .filter((v: { id: string }) => v.id !== li.variantId)
          .map((v: { id: string; title: string; available: number }) => ({ id: v.id, title: v.title, available: v.available > 0 })),
      };
    });

  const eligibleLines = eligibility.lines.filter((l) => l.eligible);
  const methods = returnMethodOptions(policy, {
    currency: order.currency,
    totalGrams: returnWeightGrams(order, eligibleLines.map((l) => ({ lineItemId: l.lineItemId, quantity: l.maxQuantity }))),
    returnValue: 0,
    resolutions: ["REFUND"],
  })
    .filter((m) => m.available)
    .map((m) => ({
      code: m.method,
      name: storefrontMessage(who.locale, m.method),
      fee: m.fee.amount,
      feeFormatted: m.fee.amount > 0 ? format(m.fee.amount) : null,
      required: m.required,
    }));

  return {
    ok: true as const,
    lookupToken: issueLookupToken(appSecret, { shop: ctx.shop.domain, orderId: order.id, subject }, now),
    // The shipping address is the pickup default (the shopper proved the order is theirs).
    order: { id: order.id, name: order.name, currency: order.currency, lines, shippingAddressLines: order.shippingAddressLines ?? [] },
    reasons: reasons.map((r) => ({ id: r.id, handle: r.handle, name: reasonName(who.locale, r.handle, r.name), photoRequired: policy.photoRequiredReasonHandles.includes(r.handle) })),
    methods,
    policy: {
      storeCreditBonusPercent: policy.storeCredit.bonusPercent,
      euWithdrawal: policy.eu.enabled && eligibility.lines.some((l) => l.euWithdrawalDeadline !== null && l.eligible),
    },
  };
}

export interface StorefrontReturnInput {
  orderId: string;
  lookupToken: string;
  method: ReturnMethod;
  lines: { fulfillmentLineItemId: string; quantity: number; reasonId: string | null; note: string | null; resolution: Resolution; exchangeVariantId: string | null; photos?: string[] }[];
  storeCreditConsent: boolean;
  euWithdrawal?: boolean;
  pickup?: { addressLines?: string[]; dateFrom: string; dateTo: string } | null;
  /** "This was a gift": the recipient, and where an exchange goes (empty: the order's address). */
  gift?: { recipientName: string | null; recipientEmail: string; addressLines?: string[] } | null;
}

export async function createFromStorefront(ctx: ReturnsContext, who: ShopperIdentity, input: StorefrontReturnInput, appSecret: string) {
  const guard: GuardContext = { db: ctx.db, shop: ctx.shop.domain, secret: appSecret, locale: who.locale, now: ctx.now() };
  // A gift recipient's token (order number + postcode): only a gift return, nothing of the
  // buyer's, and never on a signed-in visitor's account (they are not the order's customer).
  const recipient = claimedSubject(input.lookupToken) === GIFT_SUBJECT;
  const token = requireLookupToken(guard, input.lookupToken, input.orderId, who.customerLegacyId, recipient ? GIFT_SUBJECT : undefined);
  if (recipient && !input.gift) throw new StorefrontError("GIFT_EMAIL", 400, storefrontMessage(who.locale, "GIFT_EMAIL"));
  // The order number and postcode are on the parcel: a recipient's return pays out only for
  // goods that come back, never "keep the item".
  if (recipient && input.method === "KEEP_ITEM") throw new StorefrontError("INVALID_INPUT", 400, storefrontMessage(who.locale, "INVALID_INPUT"));
  await guardReturnCreation(guard, recipient ? null : who.customerLegacyId, input.orderId);
  let photos: ReturnType<typeof cleanLinePhotos>;
  try {
    photos = cleanLinePhotos(input.lines);
  } catch (error) {
    if (error instanceof ReturnsError) throw storefrontErrorFrom(error, who.locale);
    throw error;
  }
  const claim = await claimLookupToken(guard, token);
  let created: Awaited<ReturnType<typeof requestReturn>>;
  try {
    const lines = await linesWithReasons(ctx, input.lines);
    created = await requestReturn(
      ctx,
      {
        orderId: input.orderId,
        method: input.method,
        lines,
        storeCreditConsent: input.storeCreditConsent,
        euWithdrawal: input.euWithdrawal,
        locale: who.locale,
        photos,
        // null (the portal sent none) makes a home pickup need one; undefined: not collected.
        pickup: input.pickup,
        gift: input.gift ? { ...input.gift, byRecipient: recipient } : null,
        customer: who.customerLegacyId && !recipient ? { id: `gid://shopify/Customer/${who.customerLegacyId}`, email: null } : null,
      },
      { type: "SHOPPER", id: who.customerLegacyId },
    );
  } catch (error) {
    // Refused before anything was saved: the shopper may correct the form and send it again.
    if (error instanceof ReturnsError && ["NOT_ELIGIBLE", "INVALID_INPUT"].includes(error.code)) await claim.release();
    if (error instanceof ReturnsError) throw storefrontErrorFrom(error, who.locale);
    throw error;
  }
  await claim.settle(created.id);
  // Messages follow the resolution; links are absolute so they work from e-mails too.
  return { ok: true as const, return: await confirmationFor(ctx, created.id, who.locale) };
}

/** The shopper's status page data, by the unguessable token in the link; null once the link has expired. */
export async function statusForStorefront(ctx: ReturnsContext, token: string) {
  const ret = await ctx.db.returnRequest.findFirst({
    where: { shopId: ctx.shop.id, statusToken: token },
    include: { lines: true, events: { orderBy: { createdAt: "asc" } } },
  });
  if (!ret || statusLinkExpired(ret, ctx.now())) return null;
  return ret;
}
