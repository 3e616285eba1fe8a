/**
 * A gift's recipient starts a return themselves, without the buyer's details: the order
 * number and the delivery postcode (the parcel came to them, so they can read both off the
 * packing slip or the label). Same protections as the guest lookup (storefront-guard: failed
 * attempts count against the client and the order, the same answer for every kind of miss),
 * and the answer is what a gift receipt shows: the items, their quantities and what can be
 * returned — never the buyer's name or e-mail, the prices paid, the shipping address.
 *
 * The lookup token is bound to the subject "gift" (lookup-token.server.ts), so filing with it
 * is always a gift return: store credit (a gift card to the recipient's e-mail) or an exchange,
 * never a refund to the buyer's payment (app/domain/gift.ts).
 */
import { GIFT_RESOLUTIONS, normalizePostcode } from "~/domain";
import { storefrontMessage } from "~/i18n/storefront";
import { FIND_ORDER_BY_NAME_QUERY } from "~/shopify/orders.server";
import { fromShopifyError, type ReturnsContext } from "./context.server";
import { GIFT_SUBJECT } from "./lookup-token.server";
import { StorefrontError } from "./storefront-error.server";
import { guardGuestLookup, recordGuestFailure, type GuardContext } from "./storefront-guard.server";
import { storefrontLookupView, type ShopperIdentity } from "./storefront.server";

/** Finds the order by number and delivery postcode; one 404 for a wrong number, a wrong postcode or no address. */
async function findOrderForRecipient(ctx: ReturnsContext, who: ShopperIdentity, orderName: string, postcode: string, secret: string): Promise<string> {
  const guard: GuardContext = { db: ctx.db, shop: ctx.shop.domain, secret, locale: who.locale, now: ctx.now() };
  const trimmed = orderName.trim().replace(/^#+/, "");
  const name = trimmed ? `#${trimmed}` : "";
  // The recipient is a guest to this order even when signed in: the guest counters apply.
  await guardGuestLookup(guard, who.clientKey, name);
  const notFound = async () => {
    await recordGuestFailure(guard, who.clientKey, name);
    return new StorefrontError("ORDER_NOT_FOUND", 404, storefrontMessage(who.locale, "GIFT_ORDER_NOT_FOUND"));
  };
  const wanted = normalizePostcode(postcode);
  if (!name || name.length > 40 || wanted.length < 2) throw await notFound();
  const { data } = await ctx.admin.request(FIND_ORDER_BY_NAME_QUERY, { query: `name:"${name}"` }).catch((e) => {
    throw fromShopifyError(e, "what.findOrder");
  });
  // Shopify's search is fuzzy: only the exact name counts (platform §1.6).
  const order = data.orders.nodes.find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (!order || normalizePostcode(order.shippingAddress?.zip) !== wanted) throw await notFound();
  return order.id;
}

/**
 * The recipient's view of the order: the portal's lookup answer with everything a gift
 * receipt leaves out removed, and only the gift resolutions offered. Built field by field
 * (not by deleting from the full answer), so a field added to the buyer's answer later does
 * not leak here.
 */
export async function lookupForRecipient(ctx: ReturnsContext, who: ShopperIdentity, input: { order: string; postcode: string }, appSecret: string) {
  const orderId = await findOrderForRecipient(ctx, who, input.order, input.postcode, appSecret);
  const full = await storefrontLookupView(ctx, who, orderId, appSecret, GIFT_SUBJECT);
  const lines = full.order.lines.map((l) => {
    const resolutions = l.resolutions.filter((r) => GIFT_RESOLUTIONS.includes(r));
    return {
      fulfillmentLineItemId: l.fulfillmentLineItemId,
      title: l.title,
      variantTitle: l.variantTitle,
      imageUrl: l.imageUrl,
      quantity: l.quantity,
      returnableQuantity: l.returnableQuantity,
      eligible: l.eligible && resolutions.length > 0,
      ineligibleReason: l.ineligibleReason,
      ineligibleMessage: l.ineligibleMessage,
      resolutions,
      consentRequired: l.consentRequired,
      deadline: l.deadline,
      exchangeVariants: resolutions.includes("EXCHANGE") ? l.exchangeVariants : [],
    };
  });
  return {
    ok: true as const,
    lookupToken: full.lookupToken,
    /** The portal shows the gift form (recipient's e-mail required, address optional) and no prices. */
    giftRecipient: true as const,
    order: { id: full.order.id, name: full.order.name, currency: full.order.currency, lines, shippingAddressLines: [] as string[] },
    reasons: full.reasons,
    // Never "keep the item": the payout must wait for the goods (storefront.server.ts refuses it too).
    methods: full.methods.filter((m) => m.code !== "KEEP_ITEM"),
    policy: { storeCreditBonusPercent: full.policy.storeCreditBonusPercent, euWithdrawal: false },
  };
}
