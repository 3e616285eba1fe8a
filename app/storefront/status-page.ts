/**
 * The shopper's status page as HTML for the app proxy (Shopify renders it inside the shop's
 * theme as application/liquid). Mobile first: a shopper standing at the service point shows
 * the QR code from this page, so it comes right after the next step, full width on a phone.
 * Every text is escaped, and so are `{`, `}` and `%`: the page is Liquid.
 */
import type { ShopperReturnView } from "~/services/return-journey.server";
import { journeyMessage } from "~/i18n/return-journey";
import { storefrontMessage, type StorefrontLocale } from "~/i18n/storefront";

export const escapeHtml = (text: string) => text.replace(/[&<>"'{}%]/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `<style>
.rs{max-width:40rem;margin:0 auto;padding:1rem;line-height:1.5}
.rs h1{font-size:1.5rem;margin:0 0 .25rem}.rs h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.rs-steps{list-style:none;padding:0;margin:1rem 0;border-left:3px solid #d0d0d0}
.rs-steps li{padding:.35rem 0 .35rem 1rem;position:relative;color:#666}
.rs-steps li.done{color:inherit}.rs-steps li.done::before{content:"✓";position:absolute;left:-.45rem;background:#fff;font-weight:700}
.rs-steps li[aria-current]{font-weight:700}.rs-steps time{display:block;font-size:.85em;font-weight:400;color:#666}
.rs-box{border:1px solid #d0d0d0;border-radius:8px;padding:1rem;margin:1rem 0}
.rs-alert{border-color:#b3261e;background:#fdf1f0}
.rs-qr{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}.rs-qr svg{width:min(60vw,220px);height:auto;background:#fff}
.rs-btn{display:inline-block;padding:.75rem 1.25rem;border-radius:6px;background:#111;color:#fff;text-decoration:none;font-weight:600}
.rs-guide li{margin:.25rem 0}.rs-items{padding-left:1.2rem}.rs-muted{color:#666;font-size:.9em}
@media print{.rs-btn{display:none}}
</style>`;

/**
 * "/apps/returns/slip/x" as seen from "/apps/returns/status/y": "../slip/x". Relative, so it
 * works under any storefront prefix (a locale prefix on Shopify, /s/{shop} on the stand-in).
 */
const relativeToStatusPage = (path: string) => path.replace(/^\/apps\/returns\//, "../");

export function renderStatusPage(view: ShopperReturnView, locale: StorefrontLocale, qrSvg: string | null): string {
  const t = (key: string, values?: Record<string, string>) => escapeHtml(journeyMessage(locale, key, values));
  const e = escapeHtml;
  const steps = view.steps
    .map(
      (s) =>
        `<li class="${s.done ? "done" : ""}"${s.current ? ' aria-current="step"' : ""}>${e(s.label)}${s.date ? `<time>${e(s.date)}</time>` : ""}</li>`,
    )
    .join("");
  const next =
    view.next || view.eta
      ? `<section class="rs-box"><h2>${t("NEXT_HEADING")}</h2>${view.next ? `<p>${e(view.next)}</p>` : ""}${view.eta ? `<p><strong>${e(view.eta)}</strong></p>` : ""}</section>`
      : "";
  const result = view.result.length ? `<section class="rs-box"><h2>${t("OUTCOME_HEADING")}</h2>${view.result.map((r) => `<p>${e(r)}</p>`).join("")}</section>` : "";
  const stopped = view.stopped.length ? `<section class="rs-box rs-alert" role="alert">${view.stopped.map((r) => `<p>${e(r)}</p>`).join("")}</section>` : "";
  const slip = view.slipPath
    ? `<section class="rs-box"><div class="rs-qr">${qrSvg ?? ""}<div><p class="rs-muted">${t("SHOW_QR")}</p><p><a class="rs-btn" href="${e(relativeToStatusPage(view.slipPath))}" data-slip download>${t("SLIP_DOWNLOAD")}</a></p></div></div></section>`
    : "";
  const pickup = view.pickup?.length ? `<section class="rs-box"><h2>${t("PICKUP_HEADING")}</h2>${view.pickup.map((p) => `<p>${e(p)}</p>`).join("")}</section>` : "";
  const label = view.label
    ? `<section class="rs-box"><h2>${t("LABEL_HEADING")}</h2>${view.label.url ? `<p><a href="${e(view.label.url)}" rel="noopener noreferrer" target="_blank" data-label>${t("LABEL_OPEN")}</a></p>` : ""}${view.label.onSlip ? `<p data-label-on-slip>${t("LABEL_ON_SLIP")}</p>` : ""}${view.label.tracking ? `<p>${t("LABEL_TRACKING", { tracking: view.label.tracking })}</p>` : ""}</section>`
    : "";
  const guide = view.guide.length ? `<h2>${t("GUIDE_HEADING")}</h2><ol class="rs-guide">${view.guide.map((g) => `<li>${e(g)}</li>`).join("")}</ol>` : "";
  const items = view.items.map((i) => `<li>${e(i.title)} × ${i.quantity}${i.amount ? ` · ${e(i.amount)}` : ""}<br><span class="rs-muted">${e(i.outcome)}</span></li>`).join("");
  return `${STYLE}<div class="page-width rs returns-status" data-status="${e(view.status)}" data-outcome="${e(view.outcome)}">
  <h1>${escapeHtml(storefrontMessage(locale, "STATUS_TITLE", { rma: view.rma }))}</h1>
  <p class="rs-muted">${escapeHtml(storefrontMessage(locale, "STATUS_ORDER", { order: view.orderName }))}</p>
  ${stopped}
  <ol class="rs-steps">${steps}</ol>
  ${next}
  ${pickup}
  ${result}
  ${slip}
  ${label}
  ${guide}
  <h2>${escapeHtml(storefrontMessage(locale, "STATUS_ITEMS"))}</h2>
  <ul class="rs-items">${items}</ul>
</div>`;
}
