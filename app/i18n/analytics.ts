/**
 * Texts of the Analytics and Receive pages in the admin's language, built from their
 * catalogs (app/i18n/catalogs/analytics.ts and receive.ts, checked in all seven languages
 * by tests/i18n/admin-catalogs.test.ts). The pages call `analyticsTexts(locale)` /
 * `receiveTexts(locale)` once and use the returned labels and message functions.
 */
import type { RangePreset } from "~/domain/analytics";
import { translator, type AdminLocale } from "./admin-locale";
import { ANALYTICS_CATALOG, type AnalyticsKey } from "./catalogs/analytics";
import { RECEIVE_CATALOG, type ReceiveKey } from "./catalogs/receive";
import { reasonLabel } from "./return-reasons";

const DIMENSIONS = ["product", "variant", "productType", "collection", "vendor"] as const;
const STAGES = [
  "requestToReceived",
  "receivedToInspected",
  "inspectedToRefunded",
  "requestToRefunded",
] as const;
const PRESETS: readonly RangePreset[] = [
  "today",
  "last7",
  "last30",
  "last90",
  "thisMonth",
  "lastMonth",
  "last365",
  "custom",
];

/** A reason handle's label (app/i18n/return-reasons.ts); "unspecified" is a line without one. */
function reasonLabelFor(t: (key: AnalyticsKey) => string, locale: AdminLocale) {
  return (handle: string): string =>
    handle === "unspecified" ? t("reason.unspecified") : reasonLabel(locale, handle);
}

export function analyticsTexts(locale: AdminLocale) {
  const t = translator(ANALYTICS_CATALOG, locale);
  const hours = (h: number | null) => {
    if (h === null) return "—";
    const number = (n: number) =>
      new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
    return h < 48
      ? t("hoursShort", { n: number(h) })
      : t("daysShort", { n: number(Math.round((h / 24) * 10) / 10) });
  };
  const T = {
    title: t("title"),
    range: t("range"),
    from: t("from"),
    to: t("to"),
    apply: t("apply"),
    comparedWith: (from: string, to: string) => t("comparedWith", { from, to }),
    noChange: t("noChange"),
    points: (value: string) => t("points", { value }),
    exportCsv: t("exportCsv"),
    exportReturns: t("exportReturns"),
    exporting: t("exporting"),
    exportFailed: t("exportFailed"),
    overview: t("overview"),
    returns: t("returns"),
    returnedUnits: t("returnedUnits"),
    unitRate: t("unitRate"),
    valueRate: t("valueRate"),
    returnedValue: t("returnedValue"),
    retainedValue: t("retainedValue"),
    slaBreaches: t("slaBreaches"),
    soldUnits: t("soldUnits"),
    soldValue: t("soldValue"),
    returnsPerDay: t("returnsPerDay"),
    returnRate: t("returnRate"),
    by: t("by"),
    sold: t("sold"),
    returned: t("returned"),
    rate: t("rate"),
    why: t("why"),
    reason: t("reason"),
    units: t("units"),
    share: t("share"),
    reasonsByVariant: t("reasonsByVariant"),
    item: t("item"),
    comments: t("comments"),
    noComments: t("noComments"),
    noMoney: t("noMoney"),
    noReceived: t("noReceived"),
    resolutionMix: t("resolutionMix"),
    resolution: t("resolution"),
    lines: t("lines"),
    value: t("value"),
    money: t("money"),
    currency: t("currency"),
    refunded: t("refunded"),
    storeCredit: t("storeCredit"),
    exchanged: t("exchanged"),
    feesKept: t("feesKept"),
    inShopCurrency: (currency: string) => t("inShopCurrency", { currency }),
    notConverted: t("notConverted"),
    moneyNote: t("moneyNote"),
    speed: t("speed"),
    stage: t("stage"),
    median: t("median"),
    p90: t("p90"),
    count: t("count"),
    byLocation: t("byLocation"),
    location: t("location"),
    received: t("received"),
    receiptToRefund: t("receiptToRefund"),
    incoming: t("incoming"),
    incomingHelp: t("incomingHelp"),
    expected: t("expected"),
    overdue: t("overdue"),
    nothingIncoming: t("nothingIncoming"),
    feedback: t("feedback"),
    feedbackEmpty: t("feedbackEmpty"),
    noData: t("noData"),
    hours,
    percent: (p: number | null) =>
      p === null
        ? "—"
        : `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(p)} %`,
    showingTop: (shown: number, total: number) => t("showingTop", { shown, total }),
    chartTable: t("chartTable"),
    unknownLocation: t("unknownLocation"),
    unknown: t("unknown"),
    salesUpdated: (when: string) => t("salesUpdated", { when }),
    salesWarning: {
      copying: t("salesCopying"),
      ordersUnreachable: t("salesOrdersUnreachable"),
      productsUnreachable: t("salesProductsUnreachable"),
      summaryPreparing: t("summaryPreparing"),
    },
    unconverted: (n: number) => t("unconverted", { n }),
    day: t("day"),
    date: t("date"),
    comment: t("comment"),
    chartSummary: (label: string, total: number, from: string, to: string, max: number) =>
      t("chartSummary", { label, total, from, to, max }),
    emptyDaysLeftOut: (left: number, all: number) => t("emptyDaysLeftOut", { left, all }),
  };
  return {
    T,
    RANGE_LABEL: Object.fromEntries(
      PRESETS.map((p) => [p, t(`range.${p}` as AnalyticsKey)]),
    ) as Record<RangePreset, string>,
    DIMENSION_LABEL: Object.fromEntries(
      DIMENSIONS.map((d) => [d, t(`dim.${d}` as AnalyticsKey)]),
    ) as Record<(typeof DIMENSIONS)[number], string>,
    SPEED_STAGE_LABEL: Object.fromEntries(
      STAGES.map((s) => [s, t(`stage.${s}` as AnalyticsKey)]),
    ) as Record<(typeof STAGES)[number], string>,
    reasonLabel: reasonLabelFor(t, locale),
  };
}

export type AnalyticsTexts = ReturnType<typeof analyticsTexts>["T"];

export function receiveTexts(locale: AdminLocale) {
  const t = translator(RECEIVE_CATALOG, locale);
  const label = (prefix: string) => (value: string) => {
    const key = `${prefix}.${value}` as ReceiveKey;
    return key in RECEIVE_CATALOG.en ? t(key) : value;
  };
  const R = {
    title: t("title"),
    scanLabel: t("scanLabel"),
    scanHelp: t("scanHelp"),
    open: t("open"),
    unknown: (code: string) => t("unknown", { code }),
    empty: t("empty"),
    notApproved: (rma: string) => t("notApproved", { rma }),
    approveNow: t("approveNow"),
    approved: (rma: string) => t("approved", { rma }),
    alreadyDone: (rma: string, status: string) => t("alreadyDone", { rma, status }),
    closed: (rma: string, status: string) => t("closed", { rma, status }),
    otherReturns: (list: string) => t("otherReturns", { list }),
    condition: t("condition"),
    disposition: t("disposition"),
    restockAt: t("restockAt"),
    receiveAndInspect: t("receiveAndInspect"),
    inspect: t("inspect"),
    received: (rma: string) => t("received", { rma }),
    line: (title: string, variant: string | null, qty: number) =>
      `${qty} × ${title}${variant ? ` — ${variant}` : ""}`,
    customerSays: (reason: string, note: string | null) => (note ? `${reason}: “${note}”` : reason),
  };
  return {
    R,
    conditionLabel: label("cond"),
    dispositionLabel: label("disp"),
    reasonLabel: reasonLabelFor(translator(ANALYTICS_CATALOG, locale), locale),
  };
}
