/**
 * The shopper's journey after "send", as data: which outcome the return has (refund, store
 * credit or exchange — every message follows it), the steps with their dates, what happens
 * next, and the packing and drop-off guide for the return method and the kinds of product
 * in the parcel. Pure: the status page, the confirmation and the slip all read this, and
 * the texts live in app/i18n/return-journey.ts (7 languages).
 */
import type { ReturnMethod, Resolution } from "./policy";
import type { ReturnStatus } from "./state-machine";

/** What the shopper gets: refund, store credit or a new item (exchange). */
export type OutcomeKind = "REFUND" | "STORE_CREDIT" | "EXCHANGE";

/** Which outcomes come first when a return mixes them: an exchange (a new item ships), then refund, then store credit. */
const OUTCOME_ORDER: readonly OutcomeKind[] = ["EXCHANGE", "REFUND", "STORE_CREDIT"];

/**
 * Every outcome a return's lines ask for, in OUTCOME_ORDER; a return that refunds one item
 * and exchanges another has both, and the shopper is told about both.
 */
export function outcomeKinds(lines: readonly { resolution: string }[]): OutcomeKind[] {
  const resolutions = new Set(lines.map((l) => l.resolution as Resolution));
  const kinds = OUTCOME_ORDER.filter((k) => resolutions.has(k));
  return kinds.length > 0 ? kinds : ["REFUND"];
}

/** The main outcome (the first of outcomeKinds): for one-word places such as a data attribute or a toast. */
export function outcomeKind(lines: readonly { resolution: string }[]): OutcomeKind {
  return outcomeKinds(lines)[0];
}

export interface JourneyReturn {
  status: ReturnStatus;
  method: ReturnMethod;
  requestedAt: Date;
  approvedAt: Date | null;
  inTransitAt: Date | null;
  receivedAt: Date | null;
  inspectedAt: Date | null;
  processedAt: Date | null;
  closedAt: Date | null;
  declinedAt: Date | null;
  canceledAt: Date | null;
}

export interface JourneyStep {
  /** Status the step stands for; PROCESSED is labelled by the outcome. */
  status: ReturnStatus;
  at: Date | null;
  done: boolean;
  current: boolean;
}

/** Steps shown to the shopper. Nothing travels for in-store returns and kept items. */
export function journeySteps(ret: JourneyReturn): JourneyStep[] {
  if (ret.status === "DECLINED" || ret.status === "CANCELED") {
    return [
      { status: "REQUESTED", at: ret.requestedAt, done: true, current: false },
      { status: ret.status, at: ret.status === "DECLINED" ? ret.declinedAt : ret.canceledAt, done: true, current: true },
    ];
  }
  const shipped = ret.method === "DROP_OFF" || ret.method === "HOME_PICKUP";
  const kept = ret.method === "KEEP_ITEM";
  const all: { status: ReturnStatus; at: Date | null }[] = [
    { status: "REQUESTED", at: ret.requestedAt },
    { status: "APPROVED", at: ret.approvedAt },
    ...(shipped ? [{ status: "IN_TRANSIT" as const, at: ret.inTransitAt }] : []),
    ...(!kept ? [{ status: "RECEIVED" as const, at: ret.receivedAt ?? ret.inspectedAt }] : []),
    { status: "PROCESSED", at: ret.processedAt },
    { status: "CLOSED", at: ret.closedAt },
  ];
  const order: ReturnStatus[] = ["REQUESTED", "APPROVED", "IN_TRANSIT", "RECEIVED", "PROCESSED", "CLOSED"];
  const reached = order.indexOf(ret.status === "INSPECTED" ? "RECEIVED" : ret.status);
  let currentIndex = -1;
  all.forEach((s, i) => {
    if (order.indexOf(s.status) <= reached) currentIndex = i;
  });
  return all.map((s, i) => ({ status: s.status, at: i <= currentIndex ? s.at : null, done: i <= currentIndex, current: i === currentIndex }));
}

/** Message key (app/i18n/return-journey.ts) for "what happens next", or null once done. */
export function nextStepKey(status: ReturnStatus, method: ReturnMethod): string | null {
  switch (status) {
    case "REQUESTED":
      return "NEXT_REQUESTED";
    case "APPROVED":
      return `NEXT_APPROVED_${method}`;
    case "IN_TRANSIT":
      return "NEXT_IN_TRANSIT";
    case "RECEIVED":
    case "INSPECTED":
      return "NEXT_RECEIVED";
    default:
      return null;
  }
}

/** Whether the slip and the guide still help: until the parcel has arrived. */
export function slipUseful(status: ReturnStatus, method: ReturnMethod): boolean {
  return method !== "KEEP_ITEM" && (status === "REQUESTED" || status === "APPROVED" || status === "IN_TRANSIT");
}

// ---------------------------------------------------------------------------
// Packing and drop-off guide

/** Product kinds with their own packing advice. */
export type ProductKind = "FURNITURE";

/** Furniture by product type, in the languages of the shops we serve (a merchant's type names). */
const FURNITURE_TYPE = /furniture|möbel|möbler|møbler|huonekalu|meubel/i;

export function productKinds(items: readonly { productType?: string | null; grams?: number | null }[], heavyAboveGrams: number | null): ProductKind[] {
  const furniture = items.some(
    (i) => FURNITURE_TYPE.test(i.productType ?? "") || (heavyAboveGrams !== null && (i.grams ?? 0) > heavyAboveGrams),
  );
  return furniture ? ["FURNITURE"] : [];
}

/** Guide steps as message keys, in order. Product-kind advice comes before packing. */
export function guideSteps(method: ReturnMethod, kinds: readonly ProductKind[] = []): string[] {
  const furniture = kinds.includes("FURNITURE") ? ["GUIDE_FURNITURE_DISASSEMBLE", "GUIDE_FURNITURE_PROTECT"] : [];
  const pack = ["GUIDE_PACK", ...furniture, "GUIDE_SLIP_INSIDE", "GUIDE_SEAL"];
  switch (method) {
    case "DROP_OFF":
      return [...pack, "GUIDE_DROP_OFF_LABEL", "GUIDE_DROP_OFF"];
    case "HOME_PICKUP":
      return [...pack, "GUIDE_PICKUP_READY", "GUIDE_PICKUP_HANDOVER"];
    case "IN_STORE":
      return ["GUIDE_IN_STORE", "GUIDE_IN_STORE_STAFF"];
    case "KEEP_ITEM":
      return ["GUIDE_KEEP"];
  }
}
