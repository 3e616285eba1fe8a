/**
 * The return page's actions, shared by the route's action (server) and the page (browser):
 * the intents a form may post, which state-machine action each one performs (to show only
 * the buttons allowed now), the panels that collect extra fields, and the action's answer.
 */
import type { ReturnAction } from "~/domain";
import type { ReturnPageKey } from "~/i18n/catalogs/return-page";

export const INTENTS = ["approve", "decline", "ship", "receive", "inspect", "process", "close", "cancel", "reopen", "resolve", "retryGiftCard"] as const;
export type Intent = (typeof INTENTS)[number];
/** "resolve" clears a flag and "retryGiftCard" re-sends a refused gift card: no status change. */
export type StatusIntent = Exclude<Intent, "resolve" | "retryGiftCard">;

/** Which state-machine action each intent performs (for showing buttons). "resolve" clears a flag, no status change. */
export const INTENT_ACTION: Record<StatusIntent, ReturnAction> = {
  approve: "approve",
  decline: "decline",
  ship: "ship",
  receive: "receive",
  inspect: "inspect",
  process: "process",
  close: "close",
  cancel: "cancel",
  reopen: "reopen",
};

export type Panel = "decline" | "ship" | "inspect" | "process" | "cancel" | null;

/** The step that moves the return forward, shown as the page's primary button (first allowed wins). */
export const PRIMARY: readonly { intent: StatusIntent; label: ReturnPageKey; panel?: Panel }[] = [
  { intent: "approve", label: "approve" },
  { intent: "process", label: "process.REFUND.button", panel: "process" },
  { intent: "receive", label: "markReceived" },
  { intent: "close", label: "closeReturn" },
  { intent: "reopen", label: "reopen" },
];

export type ActionData =
  | { ok: true; intent: Intent; message: string }
  | { ok: false; intent: Intent | null; error: { code: string; message: string; fields?: Record<string, string> } };
