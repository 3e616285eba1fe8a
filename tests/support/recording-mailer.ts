/** A FollowUpMailer that records messages, idempotent per (shop, idempotencyKey) like the outbox. */
import type { FollowUpMailer, FollowUpMessage } from "~/followup/mailer";

export function createRecordingMailer(): FollowUpMailer & { messages: FollowUpMessage[]; failNext(error: Error): void } {
  const byKey = new Map<string, string>();
  const messages: FollowUpMessage[] = [];
  let failure: Error | null = null;
  return {
    messages,
    failNext(error) {
      failure = error;
    },
    async enqueue(_tx, message) {
      if (failure) {
        const e = failure;
        failure = null;
        throw e;
      }
      const key = `${message.shop}\u0000${message.idempotencyKey}`;
      const existing = byKey.get(key);
      if (existing) return { id: existing, created: false };
      const id = `msg_${messages.length + 1}`;
      byKey.set(key, id);
      messages.push(message);
      return { id, created: true };
    },
  };
}
