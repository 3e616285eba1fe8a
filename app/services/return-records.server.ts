/**
 * The app's return records: loading one (always scoped by shop), moving its status through
 * the state machine as a conditional update on the expected previous status (so two
 * concurrent clicks can't both move it), and the append-only event timeline.
 */
import { RETURN_STATUSES, transition, type ReturnAction, type ReturnStatus } from "~/domain";
import type { ErrorKey } from "~/i18n/catalogs/errors";
import type { Db, Prisma } from "~/db.server";
import { enqueueTransitionEmails } from "~/mail/step-emails.server";
import { ReturnsError, type ReturnsContext } from "./context.server";

export type Actor = "SHOPPER" | "STAFF" | "SHOPIFY" | "SYSTEM";
export interface ActorRef {
  type: Actor;
  id?: string | null;
}

export const returnWithLines = { lines: { orderBy: { createdAt: "asc" } } } as const;

export async function getReturn(ctx: ReturnsContext, id: string) {
  return ctx.db.returnRequest.findFirst({ where: { id, shopId: ctx.shop.id }, include: returnWithLines });
}

export type ReturnRecord = NonNullable<Awaited<ReturnType<typeof getReturn>>>;

export async function requireReturn(ctx: ReturnsContext, id: string): Promise<ReturnRecord> {
  const row = await getReturn(ctx, id);
  if (!row) throw new ReturnsError("NOT_FOUND", "return.notFound");
  return row;
}

/** Which timestamp column each status stamps when it is entered. */
const STAMP: Partial<Record<ReturnStatus, keyof Prisma.ReturnRequestUpdateManyMutationInput>> = {
  APPROVED: "approvedAt",
  DECLINED: "declinedAt",
  IN_TRANSIT: "inTransitAt",
  RECEIVED: "receivedAt",
  INSPECTED: "inspectedAt",
  PROCESSED: "processedAt",
  CLOSED: "closedAt",
  CANCELED: "canceledAt",
};

export async function recordEvent(
  db: Db | Prisma.TransactionClient,
  ret: { id: string; shopId: string },
  type: string,
  actor: ActorRef,
  data: Record<string, unknown> = {},
) {
  await db.returnEvent.create({
    data: { shopId: ret.shopId, returnRequestId: ret.id, type, actor: actor.type, actorId: actor.id ?? null, data: JSON.stringify(data) },
  });
}

/** A status as an error message's value ("this one is {status}"), worded in the reader's language. */
export function statusWord(status: string): { key: ErrorKey } | string {
  return (RETURN_STATUSES as readonly string[]).includes(status) ? { key: `status.${status as ReturnStatus}` } : status.toLowerCase();
}

/** Which message says that `action` is refused from the current status. */
const REFUSED: Partial<Record<ReturnAction, ErrorKey>> = {
  approve: "state.approve",
  decline: "state.decline",
  ship: "state.ship",
  receive: "state.receive",
  inspect: "state.inspect",
  process: "state.process",
  close: "state.close",
  cancel: "state.cancel",
  reopen: "state.reopen",
};

/** Refuses early, in the staff member's words (the domain's own reason stays in `details`), when the action is not allowed now. */
export function assertAllowed(ret: ReturnRecord, action: ReturnAction, anyProcessed?: boolean): ReturnStatus {
  const result = transition(ret.status as ReturnStatus, action, { anyProcessed });
  if (result.ok) return result.to;
  const status = statusWord(ret.status);
  const key: ErrorKey =
    result.code === "TERMINAL" ? "state.terminal" : result.code === "ALREADY_EXISTS" ? "state.exists" : result.code === "NOT_FOUND" ? "state.noReturn" : (REFUSED[action] ?? "state.unknownAction");
  throw new ReturnsError("INVALID_STATE", { key, values: { status } }, { status: ret.status, action, reason: result.reason });
}

/**
 * Applies `action` as `UPDATE … WHERE id = ? AND status = <current>`, stamps the stage
 * time, appends the event and queues the step's e-mail, in one transaction. Returns false when someone else moved
 * the return first (the caller re-reads; the action is then usually already done).
 */
export async function applyTransition(
  ctx: ReturnsContext,
  ret: ReturnRecord,
  action: ReturnAction,
  actor: ActorRef,
  options: { data?: Prisma.ReturnRequestUpdateManyMutationInput; event?: Record<string, unknown>; anyProcessed?: boolean } = {},
): Promise<boolean> {
  const to = assertAllowed(ret, action, options.anyProcessed);
  const stamp = STAMP[to];
  return ctx.db.$transaction(async (tx) => {
    const updated = await tx.returnRequest.updateMany({
      where: { id: ret.id, shopId: ctx.shop.id, status: ret.status },
      data: {
        ...options.data,
        status: to,
        version: { increment: 1 },
        ...(stamp ? { [stamp]: ctx.now() } : {}),
      },
    });
    if (updated.count === 0) return false;
    await recordEvent(tx, ret, action, actor, { from: ret.status, to, ...options.event });
    // The shopper's e-mail for this step, in the same transaction (app/mail outbox).
    await enqueueTransitionEmails(tx, ctx.shop.domain, ret, to, options.event);
    return true;
  });
}

/** Marks a return for a person's attention, with the reason shown in the inbox. */
export async function flagForAttention(ctx: ReturnsContext, returnId: string, reason: string, data: Record<string, unknown> = {}) {
  await ctx.db.returnRequest.updateMany({
    where: { id: returnId, shopId: ctx.shop.id },
    data: { needsAttention: true, attentionReason: reason },
  });
  await recordEvent(ctx.db, { id: returnId, shopId: ctx.shop.id }, "flagged", { type: "SYSTEM" }, { reason, ...data });
}

/** Staff looked at a flagged return and dealt with it: clears the flag, keeps the record. */
export async function resolveAttention(ctx: ReturnsContext, returnId: string, actor: ActorRef, note: string | null) {
  const ret = await requireReturn(ctx, returnId);
  if (!ret.needsAttention) return ret;
  await ctx.db.returnRequest.updateMany({ where: { id: ret.id, shopId: ctx.shop.id }, data: { needsAttention: false, attentionReason: null } });
  await recordEvent(ctx.db, ret, "resolved", actor, { reason: ret.attentionReason, note });
  return requireReturn(ctx, returnId);
}
