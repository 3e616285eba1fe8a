/**
 * Fixed-window rate limiting in the database (shared by every app instance). Keys are
 * hashed, so no raw IP address or email is stored.
 */
import { createHash } from "node:crypto";
import type { Db } from "~/db.server";

export interface RateLimitRule {
  scope: string;
  limit: number;
  windowMs: number;
}

/** Guest order lookups: per client and per order number, so neither can be brute-forced. */
export const GUEST_LOOKUP_PER_CLIENT: RateLimitRule = { scope: "lookup-client", limit: 10, windowMs: 10 * 60_000 };
export const GUEST_LOOKUP_PER_ORDER: RateLimitRule = { scope: "lookup-order", limit: 5, windowMs: 10 * 60_000 };

/** Counts one hit; returns false when the limit is exceeded (the hit is still counted). */
export async function hit(db: Db, shop: string, rule: RateLimitRule, subject: string, now: Date): Promise<boolean> {
  const key = createHash("sha256").update(`${rule.scope}|${shop}|${subject}`).digest("hex");
  return db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || now.getTime() - row.windowStart.getTime() >= rule.windowMs) {
      await tx.rateLimit.upsert({
        where: { key },
        create: { key, shop, windowStart: now, count: 1 },
        update: { windowStart: now, count: 1 },
      });
      return true;
    }
    const updated = await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    return updated.count <= rule.limit;
  });
}
