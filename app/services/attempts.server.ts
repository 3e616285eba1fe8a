/**
 * Exactly-once for Shopify calls that move money, stock or create records and that
 * Shopify cannot deduplicate (returnProcess, returnCreate, dispose, store credit: none
 * take an idempotency key). Before the call, the caller claims the step in the
 * RefundAttempt table — unique per return and stage, so of 50 concurrent clicks exactly
 * one wins. The row then records what happened:
 *   PENDING    the call is (or was) in flight
 *   SUCCEEDED  Shopify applied it
 *   FAILED     Shopify definitely did not apply it (refused, or nothing was sent): may be claimed again
 *   UNKNOWN    the answer was lost; only reading Shopify's state may settle it (reconciliation)
 */
import type { ReturnsContext } from "./context.server";

export type AttemptStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "UNKNOWN";
export type AttemptStage = "CREATE_RETURN" | "DISPOSE" | "PROCESS" | "STORE_CREDIT_BONUS";

/** A PENDING row older than this belongs to a process that died mid-call. */
export const STALE_PENDING_MS = 2 * 60_000;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export interface Claim {
  /** True when this caller owns the step now and must make the call. */
  won: boolean;
  attemptId: string;
  status: AttemptStatus;
  idempotencyKey: string;
}

export async function claimAttempt(
  ctx: ReturnsContext,
  returnId: string,
  stage: AttemptStage,
  request: unknown,
): Promise<Claim> {
  const idempotencyKey = `${returnId}:${stage}`;
  try {
    const row = await ctx.db.refundAttempt.create({
      // Times come from the context's clock (not the database's), so staleness is judged on one clock.
      data: { shopId: ctx.shop.id, returnRequestId: returnId, stage, idempotencyKey, status: "PENDING", request: JSON.stringify(request), createdAt: ctx.now(), updatedAt: ctx.now() },
    });
    return { won: true, attemptId: row.id, status: "PENDING", idempotencyKey };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await ctx.db.refundAttempt.findUniqueOrThrow({ where: { returnRequestId_stage: { returnRequestId: returnId, stage } } });
  if (existing.status === "FAILED") {
    const reclaimed = await ctx.db.refundAttempt.updateMany({
      where: { id: existing.id, status: "FAILED", updatedAt: existing.updatedAt },
      data: { status: "PENDING", request: JSON.stringify(request), outcome: null, updatedAt: ctx.now() },
    });
    if (reclaimed.count === 1) return { won: true, attemptId: existing.id, status: "PENDING", idempotencyKey };
  }
  return { won: false, attemptId: existing.id, status: existing.status as AttemptStatus, idempotencyKey };
}

export async function settleAttempt(ctx: ReturnsContext, attemptId: string, status: Exclude<AttemptStatus, "PENDING">, outcome: unknown) {
  await ctx.db.refundAttempt.update({ where: { id: attemptId }, data: { status, outcome: JSON.stringify(outcome ?? null), updatedAt: ctx.now() } });
}

export async function getAttempt(ctx: ReturnsContext, returnId: string, stage: AttemptStage) {
  return ctx.db.refundAttempt.findUnique({ where: { returnRequestId_stage: { returnRequestId: returnId, stage } } });
}
