/**
 * Rate limits of the public (app-proxy) endpoints, in the database so every app instance
 * shares them. Fixed windows; keys are HMAC-SHA256 of (scope, shop, subject) under a key
 * derived from the app secret, so no client address, order number or customer id is stored
 * and a leaked table cannot be reversed by hashing all IPv4 addresses.
 *
 * What is limited, and why (docs/security.md):
 *  - guest lookups: only FAILED ones count (a wrong order number or e-mail), per client and
 *    per order. An order that has collected too many failures from anywhere becomes "hot":
 *    a client that already failed on it is refused, but a client that has not (the owner on
 *    their phone) still gets through with the right e-mail. Strangers cannot lock the
 *    owner out; one client cannot guess on.
 *  - logged-in lookups and return creation: every request counts, per customer, because
 *    each costs Admin API points; the limits sit far above what a person does.
 * Rows older than the longest window are deleted by purgeRateLimits() (background jobs).
 */
import { createHmac } from "node:crypto";
import type { Db } from "~/db.server";

export interface RateLimitRule {
  scope: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** Failed guest lookups from one client (any order). Above this the client is refused. */
export const GUEST_FAILURES_PER_CLIENT: RateLimitRule = { scope: "guest-fail-client", limit: 10, windowMs: 15 * MINUTE };
/** Failed guest lookups of one order (any client). At this many the order is "hot". */
export const GUEST_FAILURES_PER_ORDER: RateLimitRule = { scope: "guest-fail-order", limit: 5, windowMs: 15 * MINUTE };
/** On a hot order, a client gets this many failures on it before it is refused for that order. */
export const GUEST_FAILURES_PER_CLIENT_ON_HOT_ORDER: RateLimitRule = { scope: "guest-fail-client-order", limit: 1, windowMs: 15 * MINUTE };
/** Logged-in lookups per customer (each reads the order from Shopify). */
export const CUSTOMER_LOOKUPS: RateLimitRule = { scope: "customer-lookup", limit: 30, windowMs: 10 * MINUTE };
/** Returns filed per customer (or per order for guests). */
export const RETURN_CREATIONS: RateLimitRule = { scope: "return-create", limit: 10, windowMs: 60 * MINUTE };

export const RATE_LIMIT_RULES = [
  GUEST_FAILURES_PER_CLIENT,
  GUEST_FAILURES_PER_ORDER,
  GUEST_FAILURES_PER_CLIENT_ON_HOT_ORDER,
  CUSTOMER_LOOKUPS,
  RETURN_CREATIONS,
];
/** Rows older than this are no use to any rule. */
export const RATE_LIMIT_RETENTION_MS = Math.max(...RATE_LIMIT_RULES.map((r) => r.windowMs));

/** The salted (keyed) hash a counter is stored under. */
export function rateLimitKey(secret: string, shop: string, rule: RateLimitRule, subject: string): string {
  return createHmac("sha256", `rate-limit\u0000${secret}`).update(`${rule.scope}\u0000${shop}\u0000${subject}`).digest("hex");
}

export class RateLimiter {
  constructor(
    private readonly db: Db,
    private readonly secret: string,
    private readonly shop: string,
  ) {}

  private key(rule: RateLimitRule, subject: string) {
    return rateLimitKey(this.secret, this.shop, rule, subject);
  }

  /** Hits counted in the current window (no hit is added). */
  async count(rule: RateLimitRule, subject: string, now: Date): Promise<number> {
    const row = await this.db.rateLimit.findUnique({ where: { key: this.key(rule, subject) } });
    if (!row || now.getTime() - row.windowStart.getTime() >= rule.windowMs) return 0;
    return row.count;
  }

  async isOver(rule: RateLimitRule, subject: string, now: Date): Promise<boolean> {
    return (await this.count(rule, subject, now)) >= rule.limit;
  }

  /** Adds one hit; returns the count in the window including it. */
  async add(rule: RateLimitRule, subject: string, now: Date): Promise<number> {
    const key = this.key(rule, subject);
    const windowFrom = new Date(now.getTime() - rule.windowMs);
    for (let attempt = 0; ; attempt++) {
      // Atomic increment inside the live window (no read-modify-write race).
      const bumped = await this.db.rateLimit.updateMany({ where: { key, windowStart: { gt: windowFrom } }, data: { count: { increment: 1 } } });
      if (bumped.count === 1) {
        const row = await this.db.rateLimit.findUnique({ where: { key } });
        return row?.count ?? 1;
      }
      // No live row: drop an expired one and start a new window. If another request
      // created it meanwhile, the insert fails and the loop increments that row instead.
      await this.db.rateLimit.deleteMany({ where: { key, windowStart: { lte: windowFrom } } });
      try {
        await this.db.rateLimit.create({ data: { key, shop: this.shop, windowStart: now, count: 1 } });
        return 1;
      } catch (error) {
        if ((error as { code?: string }).code !== "P2002" || attempt > 3) throw error;
      }
    }
  }

  /** Adds one hit and tells whether it is still within the limit. */
  async consume(rule: RateLimitRule, subject: string, now: Date): Promise<boolean> {
    return (await this.add(rule, subject, now)) <= rule.limit;
  }
}

/** Deletes counters whose every window is over. Run by the background jobs. */
export async function purgeRateLimits(db: Db, now: Date): Promise<number> {
  const { count } = await db.rateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - RATE_LIMIT_RETENTION_MS) } } });
  return count;
}
