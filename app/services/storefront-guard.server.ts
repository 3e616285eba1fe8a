/**
 * The storefront's protections against guessing and replay, kept apart from what the
 * storefront shows (storefront.server.ts calls these): rate limits of lookups and return
 * creation, and the single use of a lookup token. Why each rule is as it is:
 * rate-limit.server.ts, lookup-token.server.ts and docs/security.md.
 */
import type { Db } from "~/db.server";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";
import {
  CUSTOMER_LOOKUPS,
  GUEST_FAILURES_PER_CLIENT,
  GUEST_FAILURES_PER_CLIENT_ON_HOT_ORDER,
  GUEST_FAILURES_PER_ORDER,
  RateLimiter,
  RETURN_CREATIONS,
} from "./rate-limit.server";
import { lookupSubject, verifyLookupToken, type LookupSubject, type LookupTokenCheck } from "./lookup-token.server";
import { StorefrontError } from "./storefront-error.server";

export interface GuardContext {
  db: Db;
  shop: string;
  secret: string;
  locale: StorefrontLocale;
  now: Date;
}

const rateLimited = (locale: StorefrontLocale) => new StorefrontError("RATE_LIMITED", 429, storefrontMessage(locale, "RATE_LIMITED"));

/** Subjects of a guest lookup: the client, the order, and the client on that order. */
const guestSubjects = (clientKey: string, orderName: string) => {
  const order = orderName.toLowerCase();
  return { client: clientKey, order, clientOrder: `${clientKey}\u0000${order}` };
};

/**
 * Before a guest lookup: refuse a client that failed too often, and on a hot order (many
 * failures from anywhere) a client that already failed on it. Nothing is counted here.
 */
export async function guardGuestLookup(g: GuardContext, clientKey: string, orderName: string): Promise<void> {
  const limiter = new RateLimiter(g.db, g.secret, g.shop);
  const s = guestSubjects(clientKey, orderName);
  if (await limiter.isOver(GUEST_FAILURES_PER_CLIENT, s.client, g.now)) throw rateLimited(g.locale);
  if (
    (await limiter.isOver(GUEST_FAILURES_PER_ORDER, s.order, g.now)) &&
    (await limiter.isOver(GUEST_FAILURES_PER_CLIENT_ON_HOT_ORDER, s.clientOrder, g.now))
  ) {
    throw rateLimited(g.locale);
  }
}

/** After a failed guest lookup (wrong number or e-mail): count it for the client and the order. */
export async function recordGuestFailure(g: GuardContext, clientKey: string, orderName: string): Promise<void> {
  const limiter = new RateLimiter(g.db, g.secret, g.shop);
  const s = guestSubjects(clientKey, orderName);
  await limiter.add(GUEST_FAILURES_PER_CLIENT, s.client, g.now);
  await limiter.add(GUEST_FAILURES_PER_ORDER, s.order, g.now);
  await limiter.add(GUEST_FAILURES_PER_CLIENT_ON_HOT_ORDER, s.clientOrder, g.now);
}

/** Each logged-in lookup costs Admin API points: a generous budget per customer. */
export async function guardCustomerLookup(g: GuardContext, customerLegacyId: string): Promise<void> {
  if (!(await new RateLimiter(g.db, g.secret, g.shop).consume(CUSTOMER_LOOKUPS, customerLegacyId, g.now))) throw rateLimited(g.locale);
}

/** Each filed return costs Admin API points: a budget per customer, or per order for guests. */
export async function guardReturnCreation(g: GuardContext, customerLegacyId: string | null, orderId: string): Promise<void> {
  const subject = customerLegacyId ? `customer:${customerLegacyId}` : `guest:${orderId}`;
  if (!(await new RateLimiter(g.db, g.secret, g.shop).consume(RETURN_CREATIONS, subject, g.now))) throw rateLimited(g.locale);
}

/** A valid, unexpired token for this shop, order and shopper, or a 401 that says to look up again. */
export function requireLookupToken(
  g: GuardContext,
  token: string,
  orderId: string,
  customerLegacyId: string | null,
  /** A gift recipient's token is bound to "gift", not to whoever is signed in. */
  subject: LookupSubject = lookupSubject(customerLegacyId),
): Extract<LookupTokenCheck, { ok: true }> {
  const check = verifyLookupToken(g.secret, token, { shop: g.shop, orderId, subject }, g.now);
  if (!check.ok) {
    // The shopper sees one message for every reason; the code tells support what happened.
    const code = check.reason === "OTHER_SHOPPER" ? "LOOKUP_OTHER_SHOPPER" : "LOOKUP_EXPIRED";
    throw new StorefrontError(code, 401, storefrontMessage(g.locale, "LOOKUP_EXPIRED"));
  }
  return check;
}

/**
 * Claims the token for one filing. A second filing with the same token (a replay, a double
 * click) gets 409. Returns a release function for when the filing is refused before
 * anything was saved, so the shopper can correct the form and send it again.
 */
export async function claimLookupToken(
  g: GuardContext,
  token: { nonceHash: string; expiresAt: Date },
): Promise<{ release: () => Promise<void>; settle: (returnRequestId: string) => Promise<void> }> {
  try {
    await g.db.lookupTokenUse.create({ data: { id: token.nonceHash, shop: g.shop, expiresAt: token.expiresAt } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new StorefrontError("LOOKUP_USED", 409, storefrontMessage(g.locale, "LOOKUP_EXPIRED"));
    }
    throw error;
  }
  return {
    release: async () => {
      await g.db.lookupTokenUse.deleteMany({ where: { id: token.nonceHash, returnRequestId: null } });
    },
    settle: async (returnRequestId) => {
      await g.db.lookupTokenUse.updateMany({ where: { id: token.nonceHash }, data: { returnRequestId } });
    },
  };
}

/** Token claims whose token has expired can go (it cannot be presented again). */
export async function purgeLookupTokenUses(db: Db, now: Date): Promise<number> {
  const { count } = await db.lookupTokenUse.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
