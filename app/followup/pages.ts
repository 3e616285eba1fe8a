/**
 * The follow-up pages on the storefront (app proxy, rendered as Liquid inside the theme):
 * the feedback page (thanks + optional comment, or a rating choice) and the unsubscribe
 * page. Every text is escaped, `{`, `}` and `%` too, because the page is Liquid.
 */
import { followupMessage, type FollowupMessageKey } from "~/i18n/followup";
import type { StorefrontLocale } from "~/i18n/storefront";
import { RATINGS } from "~/domain/followup/feedback";
import { escapeHtml } from "~/storefront/status-page";

const STYLE = `<style>
.rf{max-width:36rem;margin:0 auto;padding:1rem;line-height:1.5}.rf h1{font-size:1.5rem}
.rf fieldset{border:0;padding:0;margin:1rem 0;display:flex;gap:.5rem;flex-wrap:wrap}
.rf fieldset label{border:1px solid #888;border-radius:6px;padding:.5rem .9rem;cursor:pointer}
.rf textarea{width:100%;min-height:8rem;font:inherit}.rf .rf-msg{border:1px solid #d0d0d0;border-radius:8px;padding:1rem;margin:1rem 0}
.rf .rf-err{border-color:#b3261e;background:#fdf1f0}
.rf button{padding:.75rem 1.25rem;border-radius:6px;background:#111;color:#fff;border:0;font-weight:600;cursor:pointer}
</style>`;

type T = (key: FollowupMessageKey, values?: Record<string, string | number>) => string;
const translator = (locale: StorefrontLocale): T => (key, values) => escapeHtml(followupMessage(locale, key, values));

export interface FeedbackPageInput {
  locale: StorefrontLocale;
  /** The message at the top (thanks, already rated, error…), with its role. */
  notice: { key: FollowupMessageKey; values?: Record<string, string | number>; error?: boolean } | null;
  /** Show the comment form (signed with `commentSignature`); `askRating` adds the 1–5 choice. */
  form: { commentSignature: string; askRating: boolean; comment?: string } | null;
  /** The star link's page: the chosen rating, sent by one button (POST), with the optional comment. */
  confirm?: { rating: number; signature: string };
}

export function renderFeedbackPage(input: FeedbackPageInput): string {
  const t = translator(input.locale);
  const notice = input.notice
    ? `<div class="rf-msg${input.notice.error ? " rf-err" : ""}" role="${input.notice.error ? "alert" : "status"}"><p>${t(input.notice.key, input.notice.values)}</p></div>`
    : "";
  let form = "";
  if (input.form) {
    const action = `?c=${escapeHtml(input.form.commentSignature)}&amp;locale=${input.locale}`;
    const rating = input.form.askRating
      ? `<p id="rf-choose">${t("FEEDBACK_CHOOSE")}</p><fieldset aria-labelledby="rf-choose">${RATINGS.map(
          (r) => `<label><input type="radio" name="rating" value="${r}" required> ${t("FEEDBACK_RATING_LABEL", { rating: r })}</label>`,
        ).join("")}</fieldset>`
      : "";
    form = `<form method="post" action="${action}" class="rf-form">${rating}
<label for="rf-comment">${t("FEEDBACK_COMMENT_LABEL")}</label>
<textarea id="rf-comment" name="comment" maxlength="2000">${escapeHtml(input.form.comment ?? "")}</textarea>
<p><button type="submit">${t("FEEDBACK_SEND")}</button></p></form>`;
  }
  if (input.confirm) {
    const action = `?r=${input.confirm.rating}&amp;s=${escapeHtml(input.confirm.signature)}&amp;locale=${input.locale}`;
    form = `<form method="post" action="${action}" class="rf-form rf-confirm">
<label for="rf-comment">${t("FEEDBACK_COMMENT_LABEL")}</label>
<textarea id="rf-comment" name="comment" maxlength="2000"></textarea>
<p><button type="submit" autofocus>${t("FEEDBACK_CONFIRM_SEND", { rating: input.confirm.rating })}</button></p></form>`;
  }
  return `${STYLE}<div class="page-width rf returns-feedback"><h1>${t("FEEDBACK_TITLE")}</h1>${notice}${form}</div>`;
}

export function renderUnsubscribePage(input: { locale: StorefrontLocale; shopName: string; state: "CONFIRM" | "DONE" | "INVALID"; action?: string }): string {
  const t = translator(input.locale);
  const body =
    input.state === "INVALID"
      ? `<div class="rf-msg rf-err" role="alert"><p>${t("LINK_INVALID")}</p></div>`
      : input.state === "DONE"
        ? `<div class="rf-msg" role="status"><p>${t("UNSUB_DONE", { shop: input.shopName })}</p></div>`
        : `<p>${t("UNSUB_CONFIRM", { shop: input.shopName })}</p><form method="post" action="${escapeHtml(input.action ?? "")}"><button type="submit">${t("UNSUB_BUTTON")}</button></form>`;
  return `${STYLE}<div class="page-width rf returns-unsubscribe"><h1>${t("UNSUB_TITLE")}</h1>${body}</div>`;
}
