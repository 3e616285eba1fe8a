/**
 * Writing a saved return request to Shopify (`returnRequest`), once per RMA: used right after
 * a request is saved (return-request.server.ts) and by reconciliation for requests that could
 * not be sent then (return-sync.server.ts).
 */
import type { ReturnPolicy } from "~/domain";
import { requestReturn as shopifyRequestReturn } from "~/shopify/returns.server";
import { ShopifyApiError, ShopifyOutcomeUnknownError, ShopifyUserErrors } from "~/shopify/errors";
import { claimAttempt, getAttempt, renewClaim, settleAttempt } from "./attempts.server";
import { ReturnsError, type ReturnsContext } from "./context.server";
import { flagForAttention, requireReturn, type ReturnRecord } from "./return-records.server";
import { linkShopifyReturn, returnShippingFeeInput, settleLostCreate } from "./shopify-return-link.server";

/** After this many refusals by Shopify, a request is flagged once and no longer re-sent. */
export const MAX_REQUEST_REFUSALS = 3;

export type SendOutcome = "SENT" | "LINKED" | "BUSY" | "UNKNOWN" | "REFUSED" | "GAVE_UP" | "FAILED";

/**
 * `returnRequest` for a saved request, claimed first (stage CREATE_RETURN) so two senders —
 * the shopper's request and a reconciliation run, or two instances' runs — never both send
 * it: a second Shopify return for one RMA would follow. A lost answer is settled by looking
 * for the return on the order, never by sending again while the claim's lease runs. A
 * request Shopify refuses is re-sent by reconciliation until MAX_REQUEST_REFUSALS, then
 * flagged once, with one event, and left for a person.
 */
export async function sendRequestToShopify(ctx: ReturnsContext, ret: ReturnRecord, policy?: ReturnPolicy): Promise<SendOutcome> {
  void policy;
  // The same stage as returnCreate on approval: one claim guards every way of creating this
  // RMA's Shopify return, so a reconciliation re-send and a staff approval can't both create one.
  const claim = await claimAttempt(ctx, ret.id, "CREATE_RETURN", { via: "returnRequest", lines: ret.lines.length });
  if (!claim.won) return "BUSY";
  try {
    // Linked meanwhile (a webhook, or a lost answer of an earlier send found later)?
    const fresh = await requireReturn(ctx, ret.id);
    if (fresh.shopifyReturnId) {
      await settleAttempt(ctx, claim, "SUCCEEDED", { shopifyReturnId: fresh.shopifyReturnId, via: "already linked" });
      return "LINKED";
    }
    if (fresh.status !== "REQUESTED") {
      await settleAttempt(ctx, claim, "FAILED", { via: `not sent: the return is ${fresh.status}` });
      return "FAILED";
    }
    await renewClaim(ctx, claim);
    const created = await shopifyRequestReturn(ctx.admin, {
      orderId: ret.orderId,
      returnLineItems: ret.lines.map((l) => ({
        fulfillmentLineItemId: l.fulfillmentLineItemId,
        quantity: l.quantity,
        ...(l.reasonDefinitionId ? { returnReasonDefinitionId: l.reasonDefinitionId } : {}),
        ...(l.customerNote ? { customerNote: l.customerNote.slice(0, 300) } : {}),
        ...(l.restockingFeePercent > 0 ? { restockingFee: { percentage: l.restockingFeePercent } } : {}),
      })),
      ...returnShippingFeeInput(ret),
    });
    await settleAttempt(ctx, claim, "SUCCEEDED", { shopifyReturnId: created.id });
    await linkShopifyReturn(ctx, ret.id, created.id, created.name, created.status);
    return "SENT";
  } catch (error) {
    if (error instanceof ShopifyOutcomeUnknownError) {
      // It may have been created: look for it. If it can't be found yet, the step stays
      // UNKNOWN (nobody re-sends) until reconciliation finds it or the lease runs out.
      return (await settleLostCreate(ctx, claim, ret, error)) ? "LINKED" : "UNKNOWN";
    }
    if (error instanceof ShopifyUserErrors) {
      const previous = (await getAttempt(ctx, ret.id, "CREATE_RETURN"))?.failures ?? 0;
      const failures = previous + 1;
      await settleAttempt(ctx, claim, "FAILED", { error: error.message }, { failures });
      if (failures === MAX_REQUEST_REFUSALS) {
        await flagForAttention(ctx, ret.id, `Shopify refused the return request ${failures} times (${error.message}); it will not be sent again automatically.`, {
          refusals: failures,
        });
        return "GAVE_UP";
      }
      return "REFUSED";
    }
    if (error instanceof ShopifyApiError || error instanceof ReturnsError) {
      // Not sent, or refused before sending (a lost claim): free to try again later.
      await settleAttempt(ctx, claim, "FAILED", { error: error.message });
      return "FAILED";
    }
    await settleAttempt(ctx, claim, "FAILED", { error: String(error) });
    throw error;
  }
}
