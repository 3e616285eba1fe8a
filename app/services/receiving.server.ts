/**
 * The receiving station: a scanned or typed code → the return, then "receive and inspect"
 * in one step. A code is whatever a warehouse scanner reads off the return slip or the
 * parcel: the RMA (the slip's Code 128, e.g. "R-1042"), the QR code's status page URL
 * (…/apps/returns/status/<token>), or an order number ("#1182", "1182").
 *
 * Scan-to-open is index lookups only: `[shopId, rmaNumber]` (unique), `statusToken`
 * (unique), `[shopId, orderName]`.
 */
import { allowedActions, type ReturnStatus } from "~/domain";
import type { ReturnsContext } from "./context.server";
import { ReturnsError } from "./context.server";
import { approveReturn, inspectReturn, markReceived, type InspectedLine } from "./return-lifecycle.server";
import { requireReturn, statusWord, type ActorRef } from "./return-records.server";
import { parseInboxSearch } from "./returns-query.server";

export const CODE_MAX_LENGTH = 300;
const STATUS_URL = /\/apps\/[^/]+\/status\/([A-Za-z0-9_-]{16,128})\/?(?:[?#].*)?$/;

const SCAN_SELECT = {
  id: true,
  rmaNumber: true,
  status: true,
  orderName: true,
  customerName: true,
  method: true,
  requestedAt: true,
  lines: {
    orderBy: { createdAt: "asc" },
    select: { id: true, title: true, variantTitle: true, sku: true, quantity: true, reasonHandle: true, customerNote: true, conditionGrade: true, disposition: true, dispositionLocationId: true, resolution: true },
  },
} as const;

export type ScanOutcome =
  | { kind: "found"; ret: ScannedReturn; others: { id: string; rmaNumber: string; status: string }[] }
  | { kind: "unknown"; code: string };

export type ScannedReturn = NonNullable<Awaited<ReturnType<typeof byRma>>> & {
  /** What the station can do now. */
  stage: "approve" | "receive" | "inspect" | "done" | "closed";
};

function byRma(ctx: ReturnsContext, rmaNumber: string) {
  return ctx.db.returnRequest.findUnique({ where: { shopId_rmaNumber: { shopId: ctx.shop.id, rmaNumber } }, select: SCAN_SELECT });
}

export function stageOf(status: string): ScannedReturn["stage"] {
  const actions = allowedActions(status as ReturnStatus);
  if (actions.includes("approve")) return "approve";
  if (actions.includes("receive")) return "receive";
  if (actions.includes("inspect")) return "inspect";
  if (status === "DECLINED" || status === "CANCELED") return "closed";
  return "done";
}

const ACTIVE_FIRST: Record<ScannedReturn["stage"], number> = { receive: 0, inspect: 1, approve: 2, done: 3, closed: 4 };

/** Finds the return a scanned code names; for an order with several returns, the one to receive first. */
export async function scanCode(ctx: ReturnsContext, input: string): Promise<ScanOutcome> {
  const code = input.trim().slice(0, CODE_MAX_LENGTH);
  if (!code) return { kind: "unknown", code };
  const url = STATUS_URL.exec(code);
  if (url) {
    const ret = await ctx.db.returnRequest.findFirst({ where: { shopId: ctx.shop.id, statusToken: url[1] }, select: SCAN_SELECT });
    return ret ? { kind: "found", ret: { ...ret, stage: stageOf(ret.status) }, others: [] } : { kind: "unknown", code };
  }
  const search = parseInboxSearch(code, ctx.shop.rmaPrefix);
  if (!search) return { kind: "unknown", code };
  for (const rma of search.rmaNumbers) {
    const ret = await byRma(ctx, rma);
    // "1182" is an order number first: only take it as an RMA if it was typed like one.
    if (ret && (search.orderNames.length === 0 || /[A-Za-z]/.test(code))) return { kind: "found", ret: { ...ret, stage: stageOf(ret.status) }, others: [] };
  }
  if (search.orderNames.length > 0) {
    const rows = await ctx.db.returnRequest.findMany({
      where: { shopId: ctx.shop.id, orderName: { in: search.orderNames } },
      select: SCAN_SELECT,
      orderBy: { requestedAt: "desc" },
      take: 20,
    });
    if (rows.length > 0) {
      const ranked = rows.map((r) => ({ ...r, stage: stageOf(r.status) })).sort((a, b) => ACTIVE_FIRST[a.stage] - ACTIVE_FIRST[b.stage]);
      return { kind: "found", ret: ranked[0], others: ranked.slice(1).map((r) => ({ id: r.id, rmaNumber: r.rmaNumber, status: r.status })) };
    }
    // Maybe an RMA typed without its prefix after all.
    for (const rma of search.rmaNumbers) {
      const ret = await byRma(ctx, rma);
      if (ret) return { kind: "found", ret: { ...ret, stage: stageOf(ret.status) }, others: [] };
    }
  }
  return { kind: "unknown", code };
}

/**
 * Marks the parcel received (if it isn't yet) and records each line's condition and
 * disposition. Both steps are the engine's own, idempotent use cases.
 */
export async function receiveAndInspect(ctx: ReturnsContext, id: string, lines: InspectedLine[], actor: ActorRef) {
  const ret = await requireReturn(ctx, id);
  const stage = stageOf(ret.status);
  if (stage === "approve") throw new ReturnsError("INVALID_STATE", "receive.notApproved");
  if (stage !== "receive" && stage !== "inspect") throw new ReturnsError("INVALID_STATE", { key: "receive.already", values: { status: statusWord(ret.status) } });
  const missing = ret.lines.filter((l) => !lines.some((x) => x.lineId === l.id));
  if (missing.length > 0) throw new ReturnsError("INVALID_INPUT", "receive.everyLine");
  if (stage === "receive") await markReceived(ctx, id, actor);
  return inspectReturn(ctx, id, lines, actor);
}

export { approveReturn };
