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
 *
 * A claim is a lease with a fencing token (see CLAIM_LEASE_MS and renewClaim): the holder
 * renews it right before its call, and nobody may release it before the lease — longer
 * than the call can take — has run out.
 */
import { randomBytes } from "node:crypto";
import { WORST_CASE_REQUEST_MS } from "~/shopify/client.server";
import { ReturnsError, type ReturnsContext } from "./context.server";

export type AttemptStatus = "PENDING" | "SUCCEEDED" | "FAILED" | "UNKNOWN";
/** CREATE_RETURN guards every call that creates the RMA's Shopify return (returnRequest, returnCreate). */
/** GIFT_CARD: a gift return's card for the recipient (app/services/gift-card.server.ts). */
export type AttemptStage = "CREATE_RETURN" | "DISPOSE" | "PROCESS" | "STORE_CREDIT_BONUS" | "GIFT_CARD";

/**
 * How long a claim holds after it was taken or renewed. The holder renews it (checking its
 * token) right before the guarded call, so the lease covers the call's worst case — the
 * client's deadline, retries, throttle waits and one timeout (WORST_CASE_REQUEST_MS) —
 * twice over, plus a minute for clock skew between instances. Only after it expires may
 * reconciliation look at Shopify and release the step: by then the call cannot still be
 * running.
 */
export const CLAIM_LEASE_MS = 2 * WORST_CASE_REQUEST_MS + 60_000;
/** @deprecated the name of the lease before it was tied to the client's worst case. */
export const STALE_PENDING_MS = CLAIM_LEASE_MS;

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export interface Claim {
  /** True when this caller owns the step now and must make the call. */
  won: boolean;
  attemptId: string;
  status: AttemptStatus;
  idempotencyKey: string;
  /** Fencing token of the winner; settle and renew only succeed with it. */
  token: string | null;
}

const newToken = () => randomBytes(12).toString("base64url");

export async function claimAttempt(
  ctx: ReturnsContext,
  returnId: string,
  stage: AttemptStage,
  request: unknown,
): Promise<Claim> {
  const idempotencyKey = `${returnId}:${stage}`;
  const token = newToken();
  const leaseUntil = new Date(ctx.now().getTime() + CLAIM_LEASE_MS);
  try {
    const row = await ctx.db.refundAttempt.create({
      // Times come from the context's clock (not the database's), so leases are judged on one clock.
      data: {
        shopId: ctx.shop.id,
        returnRequestId: returnId,
        stage,
        idempotencyKey,
        status: "PENDING",
        request: JSON.stringify(request),
        leaseToken: token,
        leaseUntil,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      },
    });
    return { won: true, attemptId: row.id, status: "PENDING", idempotencyKey, token };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await ctx.db.refundAttempt.findUniqueOrThrow({ where: { returnRequestId_stage: { returnRequestId: returnId, stage } } });
  if (existing.status === "FAILED") {
    // Conditional on the token we saw: of two concurrent re-claims only one wins.
    const reclaimed = await ctx.db.refundAttempt.updateMany({
      where: { id: existing.id, status: "FAILED", leaseToken: existing.leaseToken },
      data: { status: "PENDING", request: JSON.stringify(request), outcome: null, leaseToken: token, leaseUntil, updatedAt: ctx.now() },
    });
    if (reclaimed.count === 1) return { won: true, attemptId: existing.id, status: "PENDING", idempotencyKey, token };
  }
  return { won: false, attemptId: existing.id, status: existing.status as AttemptStatus, idempotencyKey, token: null };
}

/**
 * The fence: call right before the guarded Shopify call. Renews the lease when this caller
 * still holds the claim; otherwise (the lease expired and someone released or took over
 * the step) nothing may be sent.
 */
export async function renewClaim(ctx: ReturnsContext, claim: Claim): Promise<void> {
  const renewed = await ctx.db.refundAttempt.updateMany({
    where: { id: claim.attemptId, status: "PENDING", leaseToken: claim.token },
    data: { leaseUntil: new Date(ctx.now().getTime() + CLAIM_LEASE_MS), updatedAt: ctx.now() },
  });
  if (renewed.count !== 1) {
    throw new ReturnsError("IN_PROGRESS", "busy.takenOver");
  }
}

/**
 * Records the outcome. With a claim, only while this caller still holds it (a holder that
 * lost its lease must not overwrite its successor); reconciliation settles by attempt id
 * from what Shopify shows, and clears the token.
 */
export async function settleAttempt(
  ctx: ReturnsContext,
  attempt: string | Claim,
  status: Exclude<AttemptStatus, "PENDING">,
  outcome: unknown,
  extra: { failures?: number } = {},
): Promise<boolean> {
  const byClaim = typeof attempt !== "string";
  const id = byClaim ? attempt.attemptId : attempt;
  const updated = await ctx.db.refundAttempt.updateMany({
    where: { id, ...(byClaim ? { leaseToken: attempt.token } : {}) },
    data: {
      status,
      outcome: JSON.stringify(outcome ?? null),
      updatedAt: ctx.now(),
      ...(byClaim ? {} : { leaseToken: null }),
      // An UNKNOWN step keeps its lease: the call may still be running until it expires.
      ...(status === "UNKNOWN" ? {} : { leaseUntil: null }),
      ...(extra.failures !== undefined ? { failures: extra.failures } : {}),
    },
  });
  return updated.count === 1;
}

export async function getAttempt(ctx: ReturnsContext, returnId: string, stage: AttemptStage) {
  return ctx.db.refundAttempt.findUnique({ where: { returnRequestId_stage: { returnRequestId: returnId, stage } } });
}
