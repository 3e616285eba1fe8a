/**
 * The app's return status machine, as data. A return's status changes only through
 * `transition`, and services apply it as a conditional update
 * (`UPDATE … SET status = to WHERE id = ? AND status IN expectedFrom(action)`), so two
 * concurrent clicks can't both move a return (no lost updates, no double processing).
 *
 * The app's statuses are finer than Shopify's ReturnStatus (REQUESTED, OPEN, DECLINED,
 * CANCELED, CLOSED): APPROVED…PROCESSED are all OPEN in Shopify. `toShopifyStatus` maps
 * forward; `inferFromShopify` maps back when a return was changed in Shopify's admin.
 *
 * Decisions:
 * - `process` is allowed straight from RECEIVED ("receive + refund in one click");
 *   inspection is optional.
 * - `process` is not allowed from PROCESSED: the status guard is what makes processing
 *   exactly-once. A later second round (items that arrived late) goes through
 *   close → reopen, which lands in PROCESSED, so it is a deliberate, logged step.
 *   (Follow-up: model partial processing explicitly if merchants need it often.)
 * - `cancel` only before anything was received or processed (Shopify's returnCancel is
 *   only allowed before "any work").
 * - `reopen` (Shopify: CLOSED → OPEN) returns to PROCESSED when anything was processed —
 *   close is only reachable from PROCESSED in the app — and to APPROVED when nothing was
 *   (a return closed unprocessed in Shopify's admin and reopened there).
 * - `create` (merchant-created, returnCreate → OPEN) starts a return directly APPROVED.
 * - DECLINED and CANCELED are terminal; CLOSED is final unless reopened.
 */

export const RETURN_STATUSES = [
  "REQUESTED",
  "APPROVED",
  "DECLINED",
  "IN_TRANSIT",
  "RECEIVED",
  "INSPECTED",
  "PROCESSED",
  "CLOSED",
  "CANCELED",
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

export const RETURN_ACTIONS = [
  "request",
  "create",
  "approve",
  "decline",
  "ship",
  "receive",
  "inspect",
  "process",
  "close",
  "cancel",
  "reopen",
] as const;
export type ReturnAction = (typeof RETURN_ACTIONS)[number];

export const SHOPIFY_RETURN_STATUSES = [
  "REQUESTED",
  "OPEN",
  "DECLINED",
  "CANCELED",
  "CLOSED",
] as const;
export type ShopifyReturnStatus = (typeof SHOPIFY_RETURN_STATUSES)[number];

/** `null` stands for "no return yet" (the action creates it: an INSERT, not an UPDATE). */
export type FromStatus = ReturnStatus | null;

interface TransitionRule {
  from: readonly FromStatus[];
  /** Fixed target, or "REOPEN" for the context-dependent reopen target. */
  to: ReturnStatus | "REOPEN";
  /** The Shopify mutation that carries the step, or null when it is app-only. */
  shopifyOperation: string | null;
  description: string;
}

/** The machine. Every (status, action) pair not listed here is refused. */
export const TRANSITIONS: Readonly<Record<ReturnAction, TransitionRule>> = Object.freeze({
  request: {
    from: [null],
    to: "REQUESTED",
    shopifyOperation: "returnRequest",
    description: "Shopper asks for a return",
  },
  create: {
    from: [null],
    to: "APPROVED",
    shopifyOperation: "returnCreate",
    description: "Merchant creates an approved return",
  },
  approve: {
    from: ["REQUESTED"],
    to: "APPROVED",
    shopifyOperation: "returnApproveRequest",
    description: "Merchant (or a rule) approves the request",
  },
  decline: {
    from: ["REQUESTED"],
    to: "DECLINED",
    shopifyOperation: "returnDeclineRequest",
    description: "Merchant declines the request",
  },
  ship: {
    from: ["APPROVED"],
    to: "IN_TRANSIT",
    shopifyOperation: "reverseDeliveryCreateWithShipping",
    description: "Label or tracking attached; the parcel is on its way",
  },
  receive: {
    from: ["APPROVED", "IN_TRANSIT"],
    to: "RECEIVED",
    shopifyOperation: null,
    description: "Parcel arrived at the merchant",
  },
  inspect: {
    from: ["RECEIVED"],
    to: "INSPECTED",
    shopifyOperation: null,
    description: "Items checked and graded",
  },
  process: {
    from: ["RECEIVED", "INSPECTED"],
    to: "PROCESSED",
    shopifyOperation: "returnProcess",
    description: "Refund / store credit / exchange issued, dispositions recorded",
  },
  close: {
    from: ["PROCESSED"],
    to: "CLOSED",
    shopifyOperation: "returnClose",
    description: "Return finished",
  },
  cancel: {
    from: ["REQUESTED", "APPROVED", "IN_TRANSIT"],
    to: "CANCELED",
    shopifyOperation: "returnCancel",
    description: "Return withdrawn before anything was received or processed",
  },
  reopen: {
    from: ["CLOSED"],
    to: "REOPEN",
    shopifyOperation: "returnReopen",
    description: "Closed return opened again",
  },
});

export const TERMINAL_STATUSES: ReadonlySet<ReturnStatus> = new Set(["DECLINED", "CANCELED"]);

const LABEL: Record<ReturnStatus, string> = {
  REQUESTED: "requested",
  APPROVED: "approved",
  DECLINED: "declined",
  IN_TRANSIT: "in transit",
  RECEIVED: "received",
  INSPECTED: "inspected",
  PROCESSED: "processed",
  CLOSED: "closed",
  CANCELED: "canceled",
};

export interface TransitionContext {
  /** For `reopen`: was anything on the return processed? Defaults to true. */
  anyProcessed?: boolean;
}

export type TransitionResult =
  | { ok: true; from: FromStatus; to: ReturnStatus }
  | {
      ok: false;
      code: "ALREADY_EXISTS" | "NOT_FOUND" | "TERMINAL" | "NOT_ALLOWED";
      reason: string;
    };

export function transition(
  status: FromStatus,
  action: ReturnAction,
  ctx: TransitionContext = {},
): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule)
    return { ok: false, code: "NOT_ALLOWED", reason: `Unknown action "${String(action)}".` };
  if (rule.from.includes(status)) {
    const to =
      rule.to === "REOPEN" ? (ctx.anyProcessed === false ? "APPROVED" : "PROCESSED") : rule.to;
    return { ok: true, from: status, to };
  }
  if (status === null) {
    return { ok: false, code: "NOT_FOUND", reason: `There is no return to ${action} yet.` };
  }
  if (rule.from.every((f) => f === null)) {
    return {
      ok: false,
      code: "ALREADY_EXISTS",
      reason: `This return already exists (it is ${LABEL[status]}).`,
    };
  }
  if (TERMINAL_STATUSES.has(status)) {
    return {
      ok: false,
      code: "TERMINAL",
      reason: `This return is ${LABEL[status]} and can't change any more. Start a new return if needed.`,
    };
  }
  const allowedFrom = rule.from.filter((f): f is ReturnStatus => f !== null).map((f) => LABEL[f]);
  return {
    ok: false,
    code: "NOT_ALLOWED",
    reason: `A return that is ${LABEL[status]} can't be ${pastTense(action)}; only a return that is ${allowedFrom.join(" or ")} can.`,
  };
}

function pastTense(action: ReturnAction): string {
  const map: Record<ReturnAction, string> = {
    request: "requested",
    create: "created",
    approve: "approved",
    decline: "declined",
    ship: "marked as shipped",
    receive: "received",
    inspect: "inspected",
    process: "processed",
    close: "closed",
    cancel: "canceled",
    reopen: "reopened",
  };
  return map[action];
}

/** Actions a person may take on a return in `status` (drives buttons in the admin). */
export function allowedActions(status: FromStatus): ReturnAction[] {
  return RETURN_ACTIONS.filter((a) => TRANSITIONS[a].from.includes(status));
}

/**
 * Statuses the row must still have for `action` to apply: the WHERE clause of the
 * conditional update. `[null]` means the action inserts a new return instead.
 */
export function expectedFrom(action: ReturnAction): readonly FromStatus[] {
  return TRANSITIONS[action].from;
}

export function isTerminal(status: ReturnStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

const TO_SHOPIFY: Readonly<Record<ReturnStatus, ShopifyReturnStatus>> = Object.freeze({
  REQUESTED: "REQUESTED",
  APPROVED: "OPEN",
  IN_TRANSIT: "OPEN",
  RECEIVED: "OPEN",
  INSPECTED: "OPEN",
  PROCESSED: "OPEN",
  DECLINED: "DECLINED",
  CANCELED: "CANCELED",
  CLOSED: "CLOSED",
});

export function toShopifyStatus(status: ReturnStatus): ShopifyReturnStatus {
  return TO_SHOPIFY[status];
}

/** Progress order inside Shopify's OPEN. */
const OPEN_RANK: Partial<Record<ReturnStatus, number>> = {
  APPROVED: 0,
  IN_TRANSIT: 1,
  RECEIVED: 2,
  INSPECTED: 3,
  PROCESSED: 4,
};

export interface ShopifyReturnFacts {
  status: ShopifyReturnStatus;
  /** A reverse delivery with a label or tracking number exists. */
  hasReverseDeliveryWithTracking: boolean;
  /** Every reverse fulfillment order line has dispositions for its full quantity. */
  allDisposed: boolean;
  /** Some return line item has processedQuantity > 0. */
  anyProcessed: boolean;
  /** The app's current status, if it knows the return. */
  current?: ReturnStatus | null;
}

export interface InferredStatus {
  status: ReturnStatus;
  /** "LOCAL" when the app's finer status was kept because Shopify agrees with it. */
  source: "SHOPIFY" | "LOCAL";
  /** The app believes more happened than Shopify shows (e.g. processed vs not processed). */
  conflict: boolean;
  explanation: string;
}

/**
 * The app status for a return as Shopify shows it, used when reconciling changes made
 * in Shopify's admin or after a crash. Inside OPEN the app keeps its own finer status
 * when it is at least as far along as Shopify's facts show (receiving and inspecting
 * are app-only steps Shopify can't see). The one fact that can't be overruled is
 * processing: if the app says PROCESSED but Shopify shows nothing processed, the result
 * keeps PROCESSED but sets `conflict` so a person (or the reconciliation job) checks.
 */
export function inferFromShopify(facts: ShopifyReturnFacts): InferredStatus {
  const current = facts.current ?? null;
  if (facts.status !== "OPEN") {
    const status: ReturnStatus = facts.status;
    return {
      status,
      source: current === status ? "LOCAL" : "SHOPIFY",
      conflict: false,
      explanation: `Shopify shows the return as ${facts.status}.`,
    };
  }
  let inferred: ReturnStatus;
  let why: string;
  if (facts.anyProcessed) {
    inferred = "PROCESSED";
    why = "items were processed in Shopify";
  } else if (facts.allDisposed) {
    inferred = "RECEIVED";
    why = "all items have dispositions (restocked or not)";
  } else if (facts.hasReverseDeliveryWithTracking) {
    inferred = "IN_TRANSIT";
    why = "a return label or tracking number exists";
  } else {
    inferred = "APPROVED";
    why = "the return is open with no shipment yet";
  }
  const currentRank = current !== null ? OPEN_RANK[current] : undefined;
  if (
    current !== null &&
    currentRank !== undefined &&
    currentRank >= (OPEN_RANK[inferred] as number)
  ) {
    const conflict = current === "PROCESSED" && !facts.anyProcessed;
    return {
      status: current,
      source: "LOCAL",
      conflict,
      explanation: conflict
        ? "The app recorded processing but Shopify shows nothing processed; check the refund attempts."
        : `Shopify shows the return open (${why}); the app's status ${LABEL[current]} is consistent with it.`,
    };
  }
  return {
    status: inferred,
    source: "SHOPIFY",
    conflict: false,
    explanation: `Shopify shows the return open and ${why}.`,
  };
}
