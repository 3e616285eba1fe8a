/**
 * The dates a shopper is told about an order as a whole, read from the eligibility result
 * (evaluateEligibility), not computed again: until when what is offered today stays
 * offered, and when the return window of the lines it closed ended.
 */
import { maxDate, minDate, type IsoDate } from "./dates";
import type { OrderEligibility } from "./eligibility";

/**
 * The last day on which everything offered today is still offered: the earliest deadline of
 * any resolution an eligible line allows (shop calendar, inclusive). A promise that holds
 * for every item and choice the shopper sees now; later days may still allow less (e.g.
 * store credit after the refund window). null when nothing is returnable or no date is known.
 */
export function returnableUntil(eligibility: OrderEligibility): IsoDate | null {
  let until: IsoDate | null = null;
  for (const line of eligibility.lines) {
    if (!line.eligible) continue;
    for (const r of line.allowedResolutions) {
      const d = line.deadlines[r];
      if (d !== null) until = until === null ? d : minDate(until, d);
    }
  }
  return until;
}

/**
 * When the return window ended, for the lines it is the reason given for (their first
 * blocking reason, as the shopper is told): the latest such deadline; null if none.
 */
export function windowClosedOn(eligibility: OrderEligibility): IsoDate | null {
  let closed: IsoDate | null = null;
  for (const { reason } of eligibility.lines) {
    if (reason?.code === "WINDOW_EXPIRED") closed = closed === null ? reason.deadline : maxDate(closed, reason.deadline);
  }
  return closed;
}
