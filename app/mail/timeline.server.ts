/**
 * A return's e-mails for the admin's return page, as display strings (formatted on the
 * server like the rest of the page): what was sent or is waiting, to whom, and why one failed.
 */
import type { Db } from "~/db.server";
import { formatAdminDateTime } from "~/i18n/admin";
import { emailsForReturn } from "./outbox.server";
import { STEP_LABEL } from "./steps";

export interface ReturnEmailView {
  id: string;
  step: string;
  status: "QUEUED" | "SENT" | "FAILED" | "NOT_SENDABLE";
  to: string | null;
  subject: string | null;
  language: string;
  at: string;
  detail: string | null;
}

export async function returnEmailsView(db: Db, shop: string, returnId: string, timeZone: string | null): Promise<ReturnEmailView[]> {
  const rows = await emailsForReturn(db, shop, returnId);
  return rows.map((m) => ({
    id: m.id,
    step: STEP_LABEL[m.step] ?? m.step,
    status: m.status,
    to: m.to,
    subject: m.subject,
    language: m.locale,
    at: formatAdminDateTime((m.sentAt ?? m.createdAt).toISOString(), timeZone),
    detail:
      m.status === "SENT"
        ? m.smtpResponse
          ? `Server answer: ${m.smtpResponse}`
          : null
        : m.status === "QUEUED"
          ? m.reason
            ? `${m.reason} (try ${m.attempts + 1} at ${formatAdminDateTime(m.nextAttemptAt.toISOString(), timeZone)})`
            : "Waiting to be sent."
          : m.reason,
  }));
}
