/**
 * The built-in subject and body (Liquid) of every e-mail in every language, generated from the
 * texts in app/i18n/emails.ts and app/i18n/return-journey.ts: a merchant who never edits a
 * template gets these, and the editor starts from them. The body is simple HTML (p, h2, lists,
 * links); ./layout.ts puts it in the frame and derives the text part.
 */
import { emailText } from "~/i18n/emails";
import { journeyMessage } from "~/i18n/return-journey";
import type { EmailLocale, EmailStep } from "./steps";

/** `{name}` placeholders of the catalogs → the template variable they stand for. */
const PLACEHOLDER: Record<string, string> = {
  rma: "rma",
  order: "order_name",
  shop: "shop_name",
  first_name: "customer_first_name",
  value: "discount_value",
  minimum: "minimum_order",
  date: "expires_on",
  recipient: "recipient_name",
  amount: "gift_card_amount",
};

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function toLiquid(text: string, html: boolean): string {
  const safe = html ? escapeHtml(text) : text;
  return safe.replace(/\{(\w+)\}/g, (m, name: string) => (PLACEHOLDER[name] ? `{{ ${PLACEHOLDER[name]} }}` : m));
}

export interface TemplateSource {
  subject: string;
  body: string;
}

export function defaultTemplate(step: EmailStep, locale: EmailLocale): TemplateSource {
  const t = (key: string) => toLiquid(emailText(locale, key), true);
  const j = (key: string) => escapeHtml(journeyMessage(locale, key));
  const para = (variable: string) => `{% if ${variable} %}<p>{{ ${variable} }}</p>{% endif %}`;
  const greeting = `{% if customer_first_name %}<p>${t("GREETING")}</p>{% else %}<p>${t("GREETING_ANON")}</p>{% endif %}`;
  const signoff = `<p>${t("SIGNOFF")}<br>{{ shop_name }}</p>`;
  const statusLink = `<p><a href="{{ status_url }}">${t("STATUS_LINK")}</a></p>`;
  const items = `<h2>${t("ITEMS_HEADING")}</h2>\n<ul>{% for item in items %}<li>{{ item.quantity }} × {{ item.title }}: {{ item.outcome }}</li>{% endfor %}</ul>`;
  const guide = `{% if guide.size > 0 %}<h2>${j("GUIDE_HEADING")}</h2>\n<ol>{% for line in guide %}<li>{{ line }}</li>{% endfor %}</ol>{% endif %}`;
  const slip = `{% if slip_url %}<p><a class="button" href="{{ slip_url }}">${j("SLIP_DOWNLOAD")}</a></p>{% endif %}`;
  const intro = `<p>${t(`INTRO_${step}`)}</p>`;

  const blocks: Record<EmailStep, string[]> = {
    request_received: [greeting, intro, para("next_step"), para("eta"), items, guide, slip, statusLink, signoff],
    approved: [greeting, intro, para("next_step"), guide, slip, para("eta"), statusLink, signoff],
    declined: [greeting, intro, para("decline_text"), para("decline_reason"), para("decline_note"), statusLink, signoff],
    received: [greeting, intro, para("next_step"), para("eta"), statusLink, signoff],
    refunded: [greeting, intro, para("refund_text"), para("refund_bank_text"), statusLink, signoff],
    store_credit_issued: [greeting, intro, para("store_credit_text"), para("store_credit_bonus_text"), statusLink, signoff],
    exchange_shipped: [
      greeting,
      intro,
      para("shipping_text"),
      para("tracking_text"),
      `{% if tracking_url %}<p><a class="button" href="{{ tracking_url }}">${t("TRACKING_LINK")}</a></p>{% endif %}`,
      statusLink,
      signoff,
    ],
    closed: [
      greeting,
      intro,
      `{% if rating_links %}<p>${t("RATE_PROMPT")}</p>\n<p>{% for link in rating_links %}<a class="score" href="{{ link.url }}">{{ link.rating }}</a>{% endfor %}</p>\n{% if comment_url %}<p><a href="{{ comment_url }}">${t("RATE_COMMENT")}</a></p>{% endif %}{% endif %}`,
      statusLink,
      signoff,
    ],
    winback_offer: [
      greeting,
      `<p>${t("WINBACK_INTRO")}</p>`,
      `<p>${t("WINBACK_CODE")}</p>\n<p class="code">{{ discount_code }}</p>`,
      `{% if minimum_order != "" %}<p>${t("WINBACK_MINIMUM")}</p>{% endif %}`,
      `<p>${t("WINBACK_EXPIRES")}</p>`,
      `<p><a class="button" href="{{ shop_url }}">${t("WINBACK_SHOP")}</a></p>`,
      signoff,
      `<p class="small"><a href="{{ unsubscribe_url }}">${t("UNSUBSCRIBE")}</a></p>`,
    ],
    gift_card_issued: [
      `{% if recipient_name %}<p>${t("GIFT_GREETING")}</p>{% else %}<p>${t("GIFT_GREETING_ANON")}</p>{% endif %}`,
      `<p>${t("GIFT_INTRO")}</p>`,
      `<p>${t("GIFT_CODE")}</p>\n<p class="code">{{ gift_card_code }}</p>`,
      `<p>${t("GIFT_AMOUNT")}</p>`,
      `{% if expires_on %}<p>${t("GIFT_EXPIRES")}</p>{% endif %}`,
      `<p>${t("GIFT_USE")}</p>`,
      `<p><a class="button" href="{{ shop_url }}">${t("GIFT_SHOP")}</a></p>`,
      signoff,
    ],
  };
  return {
    subject: toLiquid(emailText(locale, `SUBJECT_${step}`), false),
    body: blocks[step].join("\n"),
  };
}
