/**
 * The analytics report as display data: money and dates formatted on the server (so the
 * server and the browser render alike), long tables cut to their top rows (the CSV has all).
 */
import type { AnalyticsReport } from "~/services/analytics/analytics.server";
import type { Dimension } from "~/domain/analytics";
import { formatAdminDate, formatAdminMoney, resolutionLabel } from "~/i18n/admin";
import type { AdminLocale } from "~/i18n/admin-locale";
import { analyticsTexts, type AnalyticsTexts } from "~/i18n/analytics";

export const TOP_ROWS = 25;

function delta(
  T: AnalyticsTexts,
  current: number | null,
  previous: number | null,
): { text: string; tone: "success" | "critical" | "subdued" } | null {
  if (current === null || previous === null) return null;
  const diff = Math.round((current - previous) * 10) / 10;
  if (diff === 0) return { text: T.noChange, tone: "subdued" };
  return { text: `${diff > 0 ? "+" : ""}${diff}`, tone: "subdued" };
}

function percentDelta(
  T: AnalyticsTexts,
  locale: AdminLocale,
  current: number | null,
  previous: number | null,
  higherIsWorse: boolean,
) {
  const d = delta(T, current, previous);
  if (!d || d.text === T.noChange) return d;
  const up = (current ?? 0) > (previous ?? 0);
  return {
    text: T.points(
      d.text.replace(/\d+(\.\d+)?/, (n) =>
        new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Number(n)),
      ),
    ),
    tone: (up === higherIsWorse ? "critical" : "success") as "critical" | "success",
  };
}

export function presentReport(report: AnalyticsReport, locale: AdminLocale = "en") {
  const { T, DIMENSION_LABEL, SPEED_STAGE_LABEL, reasonLabel } = analyticsTexts(locale);
  const shop = report.shopCurrency;
  const m = (amount: number, currency = shop) => formatAdminMoney(amount, currency, locale);
  const f = report.figures;
  const p = report.previousOverview;
  const o = f.overview;
  const day = (iso: string) => formatAdminDate(`${iso}T12:00:00Z`, "UTC", locale);
  const location = (id: string | null) => (id ? (report.locations[id] ?? id) : T.unknownLocation);
  const countDelta = (a: number, b: number) => {
    const d = delta(T, a, b);
    return d && d.text !== T.noChange ? { ...d, tone: "subdued" as const } : d;
  };

  const rates = Object.fromEntries(
    (Object.keys(f.rates) as Dimension[]).map((dimension) => [
      dimension,
      {
        label: DIMENSION_LABEL[dimension],
        total: f.rates[dimension].length,
        rows: f.rates[dimension]
          .slice(0, TOP_ROWS)
          .map((r) => [
            r.label || T.unknown,
            r.soldUnits,
            m(r.soldValue),
            r.returnedUnits,
            m(r.returnedValue),
            T.percent(r.unitRate),
            T.percent(r.valueRate),
          ]),
      },
    ]),
  ) as Record<Dimension, { label: string; total: number; rows: (string | number)[][] }>;

  return {
    range: { preset: report.range.preset, from: report.range.from, to: report.range.to },
    rangeLabel: `${day(report.range.from)} – ${day(report.range.to)}`,
    previousLabel: { from: day(report.previous.from), to: day(report.previous.to) },
    salesWarning: report.salesWarning ? T.salesWarning[report.salesWarning] : null,
    unconvertedNote: o.unconvertedLines > 0 ? T.unconverted(o.unconvertedLines) : null,
    shopCurrency: shop,
    cards: [
      { label: T.returns, value: String(o.returns), delta: countDelta(o.returns, p.returns) },
      {
        label: T.unitRate,
        value: T.percent(o.unitRate),
        delta: percentDelta(T, locale, o.unitRate, p.unitRate, true),
      },
      {
        label: T.valueRate,
        value: T.percent(o.valueRate),
        delta: percentDelta(T, locale, o.valueRate, p.valueRate, true),
      },
      { label: T.returnedValue, value: m(o.returnedValue), delta: null },
      {
        label: T.soldUnits,
        value: String(o.soldUnits),
        delta: countDelta(o.soldUnits, p.soldUnits),
      },
      { label: T.retainedValue, value: m(f.retainedValue), delta: null },
      { label: T.slaBreaches, value: String(f.slaBreaches), delta: null },
    ],
    byDay: f.byDay.map((d) => ({ key: d.day, value: d.returns })),
    rates,
    reasons: f.reasons.map((r) => ({
      key: reasonLabel(r.reason),
      value: r.units,
      share: T.percent(r.share),
    })),
    reasonsByItem: {
      total: f.reasonsByItem.length,
      rows: f.reasonsByItem
        .slice(0, TOP_ROWS)
        .map((r) => [
          r.variantTitle ? `${r.title} — ${r.variantTitle}` : r.title,
          reasonLabel(r.reason),
          r.units,
        ]),
    },
    comments: f.comments.slice(0, TOP_ROWS).map((c) => ({
      rma: c.rmaNumber,
      date: formatAdminDate(c.requestedAt, report.timeZone, locale),
      item: c.variantTitle ? `${c.title} — ${c.variantTitle}` : c.title,
      reason: reasonLabel(c.reason),
      comment: c.comment,
    })),
    commentsTotal: f.comments.length,
    resolutions: f.resolutions.map((r) => ({
      key: resolutionLabel(r.resolution, locale),
      value: r.units,
      lines: r.lines,
      money: m(r.value),
      share: T.percent(r.share),
    })),
    money: f.money.map((r) => [
      r.currency,
      m(r.refunded, r.currency),
      m(r.storeCredit, r.currency),
      m(r.exchanged, r.currency),
      m(r.feesKept, r.currency),
      r.converted ? `${m(r.converted.refunded)} / ${m(r.converted.feesKept)}` : T.notConverted,
    ]),
    speed: f.speed.map((s) => [
      SPEED_STAGE_LABEL[s.stage],
      s.count,
      T.hours(s.medianHours),
      T.hours(s.p90Hours),
    ]),
    speedByLocation: f.speedByLocation.map((l) => [
      location(l.locationId),
      l.received,
      `${T.hours(l.medianReceiptToRefundHours)} / ${T.hours(l.p90ReceiptToRefundHours)}`,
      l.slaBreaches,
    ]),
    incoming: report.incoming.map((r) => ({
      day: day(r.day),
      location: location(r.locationId),
      returns: r.returns,
      units: r.units,
      overdue: r.overdue,
    })),
  };
}

export type AnalyticsView = ReturnType<typeof presentReport>;
