/**
 * The admin's words for the final step, per outcome (app/domain/return-journey.ts
 * `outcomeKind`): an exchange isn't "refunded", store credit isn't "a refund to the card".
 */
import type { OutcomeKind } from "~/domain";

export interface ProcessWording {
  button: string;
  title: string;
  confirm: string;
  done: string;
  already: string;
  etaHeading: string;
}

export const PROCESS_WORDING: Record<OutcomeKind, ProcessWording> = {
  REFUND: {
    button: "Refund",
    title: "Issue the refund?",
    confirm: "Issue refund",
    done: "Refund issued",
    already: "Already refunded. Nothing was refunded twice.",
    etaHeading: "Refund expected",
  },
  STORE_CREDIT: {
    button: "Issue store credit",
    title: "Issue the store credit?",
    confirm: "Issue store credit",
    done: "Store credit issued",
    already: "Already processed. No credit was issued twice.",
    etaHeading: "Store credit usable",
  },
  EXCHANGE: {
    button: "Process exchange",
    title: "Process the exchange?",
    confirm: "Process exchange",
    done: "Exchange processed: the new item is ready to ship",
    already: "Already processed. Nothing was processed twice.",
    etaHeading: "New item expected to ship",
  },
};
