/**
 * The port win-back writes its e-mail through. At merge the coordinator wires it to
 * issue-11's outbox (`enqueueEmail` in app/mail/outbox.server.ts, same signature, see
 * MAIL-INTERFACE.md); tests use a recording implementation (tests/support/recording-mailer.ts).
 * The message is written inside the caller's transaction and is idempotent per
 * (shop, idempotencyKey): a second call writes nothing and returns { created: false }.
 */
import type { Db } from "~/db.server";

export type FollowUpEmailStep = "winback_offer";

export interface FollowUpMessage {
  shop: string;
  step: FollowUpEmailStep;
  idempotencyKey: string;
  returnId?: string | null;
  to: string | null;
  locale: string;
  variables: Record<string, unknown>;
}

export interface FollowUpMailer {
  enqueue(tx: Db, message: FollowUpMessage): Promise<{ id: string; created: boolean }>;
}
