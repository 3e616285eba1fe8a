/**
 * A return's e-mails for the admin's return page, as display strings (formatted on the
 * server like the rest of the page): what was sent or is waiting, to whom, and why one failed.
 */
import type { Db } from "~/db.server";
import { formatAdminDateTime } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG, type ReturnPageKey } from "~/i18n/catalogs/return-page";
import { emailsForReturn } from "./outbox.server";

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

/** In the staff member's language; the SMTP server's own answers stay as the server wrote them. */
export async function returnEmailsView(db: Db, shop: string, returnId: string, timeZone: string | null, locale: AdminLocale = "en"): Promise<ReturnEmailView[]> {
  const t = translator(RETURN_PAGE_CATALOG, locale);
  const at = (d: Date) => formatAdminDateTime(d.toISOString(), timeZone, locale);
  const stepKey = (step: string) => `emails.step.${step}`;
  const rows = await emailsForReturn(db, shop, returnId);
  return rows.map((m) => ({
    id: m.id,
    step: stepKey(m.step) in RETURN_PAGE_CATALOG.en ? t(stepKey(m.step) as ReturnPageKey) : m.step,
    status: m.status,
    to: m.to,
    subject: m.subject,
    language: m.locale,
    at: at(m.sentAt ?? m.createdAt),
    detail:
      m.status === "FAILED" && m.bouncedAt
        ? t("emails.bounced", { at: at(m.bouncedAt), answer: m.smtpResponse ?? "" })
        : m.status === "SENT"
        ? m.smtpResponse
          ? t("emails.serverAnswer", { answer: m.smtpResponse })
          : null
        : m.status === "QUEUED"
          ? m.reason
            ? t("emails.retry", { reason: m.reason, n: m.attempts + 1, at: at(m.nextAttemptAt) })
            : t("emails.waiting")
          : m.reason,
  }));
}
