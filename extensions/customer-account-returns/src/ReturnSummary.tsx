/** @jsxImportSource preact */
/** One return as the shopper sees it: status, the dates so far, the refund outcome. */
import type { ShopperReturn } from "./api";
import { formatDay, t } from "./host";

const TONE: Record<string, "auto" | "neutral" | "critical"> = { DECLINED: "critical", CANCELED: "neutral" };
const DATE_KEYS = ["requested", "approved", "inTransit", "received", "processed", "closed", "declined", "canceled"] as const;

export function ReturnSummary({ ret }: { ret: ShopperReturn }) {
  const o = ret.outcome;
  const outcome = [
    o.refund && t(o.done ? "summary.refunded" : "summary.refund", { amount: o.refund }),
    o.storeCredit && t(o.done ? "summary.storeCreditIssued" : "summary.storeCredit", { amount: o.storeCredit }),
    o.exchange && t("summary.exchange", { amount: o.exchange }),
    o.fees && t("summary.fees", { amount: o.fees }),
  ].filter(Boolean) as string[];
  return (
    <s-stack direction="block" gap="small-200">
      <s-stack direction="inline" gap="small-200" alignItems="center">
        <s-text type="strong">{t("summary.title", { rma: ret.rma })}</s-text>
        <s-badge tone={TONE[ret.status] ?? "auto"}>{ret.statusLabel}</s-badge>
      </s-stack>
      <s-text color="subdued">{ret.lines.map((l) => `${l.title}${l.variantTitle ? ` – ${l.variantTitle}` : ""} × ${l.quantity}`).join(", ")}</s-text>
      <s-unordered-list>
        {DATE_KEYS.filter((k) => ret.dates[k]).map((k) => (
          <s-list-item key={k}>{t(`summary.date.${k}`, { date: formatDay(ret.dates[k]!) })}</s-list-item>
        ))}
      </s-unordered-list>
      {outcome.map((line) => (
        <s-text key={line}>{line}</s-text>
      ))}
      {ret.refundEta && <s-text>{t("summary.eta", { from: formatDay(ret.refundEta.from), to: formatDay(ret.refundEta.to) })}</s-text>}
      {ret.tracking && (
        <s-text>
          {t("summary.tracking", { carrier: ret.tracking.carrier ?? "", number: ret.tracking.number })}
          {ret.tracking.url && (
            <s-link href={ret.tracking.url} target="_blank">
              {" "}
              {t("summary.track")}
            </s-link>
          )}
        </s-text>
      )}
      {ret.declineReason && <s-text tone="critical">{ret.declineReason}</s-text>}
    </s-stack>
  );
}
