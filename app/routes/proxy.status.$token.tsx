/**
 * App proxy: GET /apps/returns/status/:token — the shopper's return status page, rendered
 * by Shopify inside the shop's theme (application/liquid). The token in the link is
 * unguessable; nothing else identifies the return.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { formatMoney, type ReturnStatus } from "~/domain";
import { storefrontMessage } from "~/i18n/storefront";
import { proxyContext, proxyErrorResponse } from "~/services/proxy-request.server";
import { statusForStorefront } from "~/services/storefront.server";

const STEPS: ReturnStatus[] = ["REQUESTED", "APPROVED", "IN_TRANSIT", "RECEIVED", "PROCESSED", "CLOSED"];

/** The link is the only key to the return: never cache the page, never leak the URL in a Referer. */
const STATUS_HEADERS = { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
const withStatusHeaders = (response: Response) => {
  for (const [k, v] of Object.entries(STATUS_HEADERS)) response.headers.set(k, v);
  return response;
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"'{}%]/g, (c) => `&#${c.charCodeAt(0)};`); // braces and % too: the page is Liquid

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  try {
    const { ctx, who, liquid } = await proxyContext(request);
    const t = (key: string, values?: Record<string, string>) => escapeHtml(storefrontMessage(who.locale, key, values));
    // ETA dates are calendar days (stored at UTC midnight): show them in the shopper's language.
    const day = (d: Date) => new Intl.DateTimeFormat(who.locale, { dateStyle: "long", timeZone: "UTC" }).format(d);
    const ret = /^[A-Za-z0-9_-]{20,64}$/.test(params.token ?? "") ? await statusForStorefront(ctx, params.token!) : null;
    if (!ret) {
      return liquid(`<div class="page-width"><p role="alert">${t("STATUS_NOT_FOUND")}</p></div>`, { status: 404, headers: STATUS_HEADERS });
    }
    const current = ret.status as ReturnStatus;
    const terminal = current === "DECLINED" || current === "CANCELED";
    const reached = STEPS.indexOf(current === "INSPECTED" ? "RECEIVED" : current);
    const steps = terminal
      ? `<li aria-current="step"><strong>${t(`STATUS_${current}`)}</strong></li>`
      : STEPS.map((s, i) => `<li${i === reached ? ' aria-current="step"' : ""}>${i <= reached ? "✓ " : ""}${i === reached ? `<strong>${t(`STATUS_${s}`)}</strong>` : t(`STATUS_${s}`)}</li>`).join("");
    const eta =
      ret.refundEtaFrom && ret.refundEtaTo && !terminal && current !== "CLOSED"
        ? `<p>${t("STATUS_ETA", { from: day(ret.refundEtaFrom), to: day(ret.refundEtaTo) })}</p>`
        : "";
    const items = ret.lines
      .map((l) => `<li>${escapeHtml(l.title)}${l.variantTitle ? ` – ${escapeHtml(l.variantTitle)}` : ""} × ${l.quantity} · ${escapeHtml(formatMoney({ amount: l.unitPrice * l.quantity, currency: ret.currency }, who.locale))}</li>`)
      .join("");
    return liquid(
      `<div class="page-width returns-status">
  <h1>${t("STATUS_TITLE", { rma: ret.rmaNumber })}</h1>
  <p>${t("STATUS_ORDER", { order: ret.orderName })}</p>
  <ol class="returns-status__steps">${steps}</ol>
  ${eta}
  <h2>${t("STATUS_ITEMS")}</h2>
  <ul>${items}</ul>
</div>`,
      { headers: STATUS_HEADERS },
    );
  } catch (error) {
    return withStatusHeaders(proxyErrorResponse(error, request));
  }
};
