/**
 * CSV exports, streamed: a ReadableStream that reads the next page only when the client
 * has taken the previous one, so memory stays flat however many rows there are. UTF-8
 * with a BOM, plain numbers (app/domain/analytics/csv.ts).
 *
 * - "returns": every return of the shop requested in a range, one row per return, read
 *   through the driver in one streamed query (an inbox selection: keyset pages via Prisma).
 * - the analytics tables: computed by loadAnalytics, then written row by row.
 */
import {
  CSV_BOM,
  csvRow,
  minorToNumber,
  type CsvValue,
  type InstantRange,
} from "~/domain/analytics";
import { minorUnitsOf } from "~/domain";
import type { ReturnsContext } from "../context.server";
import type { AnalyticsReport } from "./analytics.server";
import { exportPage, type ExportReturn } from "./read.server";
import { exportBatches } from "./export-rows.server";

export const EXPORT_PAGE_SIZE = 1000;

const encoder = new TextEncoder();

/** A stream from an async generator of CSV text chunks, pulled on demand. */
export function csvStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

const decimalsOf = new Map<string, number>();

/** Minor units of a currency (2 for a code the domain does not know), looked up once per code. */
function decimals(currency: string): number {
  let known = decimalsOf.get(currency);
  if (known === undefined) {
    try {
      known = minorUnitsOf(currency);
    } catch {
      known = 2;
    }
    decimalsOf.set(currency, known);
  }
  return known;
}

const money = (amount: number, currency: string) => minorToNumber(amount, decimals(currency));
const iso = (d: Date | null) => (d ? d.toISOString() : "");

export const RETURNS_CSV_HEADER = [
  "rma",
  "status",
  "order",
  "requested_at",
  "approved_at",
  "received_at",
  "inspected_at",
  "processed_at",
  "closed_at",
  "method",
  "currency",
  "refund",
  "store_credit",
  "exchange",
  "restocking_fee",
  "return_shipping_fee",
  "units",
  "resolutions",
  "reasons",
  "needs_attention",
];

/** An inbox selection's returns in keyset pages through Prisma (a selection is small). */
async function* selectedBatches(
  ctx: ReturnsContext,
  range: InstantRange,
  ids: readonly string[],
  pageSize: number,
): AsyncGenerator<ExportReturn[]> {
  let cursor: { requestedAt: Date; id: string } | null = null;
  for (;;) {
    const page = await exportPage(ctx, range, cursor, pageSize, ids);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1];
    cursor = { requestedAt: last.requestedAt, id: last.id };
  }
}

/**
 * Every return requested in `range` (or only `ids`, from an inbox selection), oldest first,
 * one CSV row each; a whole range is read through the driver (./export-rows.server.ts).
 */
export async function* returnsCsv(
  ctx: ReturnsContext,
  range: InstantRange,
  ids?: readonly string[],
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(RETURNS_CSV_HEADER);
  const batches = ids
    ? selectedBatches(ctx, range, ids, pageSize)
    : exportBatches(ctx, range, pageSize);
  for await (const page of batches) {
    let chunk = "";
    for (const r of page) {
      const units = r.lines.reduce((s, l) => s + l.quantity, 0);
      const row: CsvValue[] = [
        r.rmaNumber,
        r.status,
        r.orderName,
        iso(r.requestedAt),
        iso(r.approvedAt),
        iso(r.receivedAt),
        iso(r.inspectedAt),
        iso(r.processedAt),
        iso(r.closedAt),
        r.method,
        r.currency,
        money(r.refundAmount, r.currency),
        money(r.storeCreditAmount + r.bonusCreditAmount, r.currency),
        money(r.exchangeAmount, r.currency),
        money(r.restockingFeeAmount, r.currency),
        money(r.returnShippingFee, r.currency),
        units,
        [...new Set(r.lines.map((l) => l.resolution))].join(" "),
        [...new Set(r.lines.map((l) => l.reasonHandle).filter(Boolean))].join(" "),
        r.needsAttention,
      ];
      chunk += csvRow(row);
    }
    yield chunk;
  }
}

export const TABLES = [
  "rates-product",
  "rates-variant",
  "rates-productType",
  "rates-collection",
  "rates-vendor",
  "reasons",
  "reasons-by-variant",
  "comments",
  "resolutions",
  "money",
  "speed",
  "speed-by-location",
  "incoming",
  "by-day",
] as const;
export type AnalyticsTable = (typeof TABLES)[number];

/** One analytics table as CSV rows (header first). */
export function* tableCsv(report: AnalyticsReport, table: AnalyticsTable): Generator<string> {
  const shop = report.shopCurrency;
  const m = (amount: number) => money(amount, shop);
  const f = report.figures;
  const loc = (id: string | null) => (id ? (report.locations[id] ?? id) : "");
  yield CSV_BOM;
  if (table.startsWith("rates-")) {
    const dimension = table.slice("rates-".length) as keyof typeof f.rates;
    yield csvRow([
      "key",
      "name",
      "sold_units",
      `sold_value_${shop}`,
      "returned_units",
      `returned_value_${shop}`,
      "unit_return_rate_percent",
      "value_return_rate_percent",
    ]);
    for (const r of f.rates[dimension])
      yield csvRow([
        r.key,
        r.label,
        r.soldUnits,
        m(r.soldValue),
        r.returnedUnits,
        m(r.returnedValue),
        r.unitRate,
        r.valueRate,
      ]);
  } else if (table === "reasons") {
    yield csvRow(["reason", "units", "share_percent"]);
    for (const r of f.reasons) yield csvRow([r.reason, r.units, r.share]);
  } else if (table === "reasons-by-variant") {
    yield csvRow(["product_id", "variant_id", "product", "variant", "reason", "units"]);
    for (const r of f.reasonsByItem)
      yield csvRow([r.productId, r.variantId, r.title, r.variantTitle, r.reason, r.units]);
  } else if (table === "comments") {
    yield csvRow(["rma", "requested_at", "product", "variant", "reason", "comment"]);
    for (const r of f.comments)
      yield csvRow([r.rmaNumber, r.requestedAt, r.title, r.variantTitle, r.reason, r.comment]);
  } else if (table === "resolutions") {
    yield csvRow(["resolution", "lines", "units", `value_${shop}`, "share_percent"]);
    for (const r of f.resolutions)
      yield csvRow([r.resolution, r.lines, r.units, m(r.value), r.share]);
  } else if (table === "money") {
    yield csvRow([
      "currency",
      "refunded",
      "store_credit",
      "exchanged",
      "fees_kept",
      `refunded_${shop}`,
      `store_credit_${shop}`,
      `exchanged_${shop}`,
      `fees_kept_${shop}`,
    ]);
    for (const r of f.money) {
      const c = r.converted;
      yield csvRow([
        r.currency,
        money(r.refunded, r.currency),
        money(r.storeCredit, r.currency),
        money(r.exchanged, r.currency),
        money(r.feesKept, r.currency),
        c && m(c.refunded),
        c && m(c.storeCredit),
        c && m(c.exchanged),
        c && m(c.feesKept),
      ]);
    }
  } else if (table === "speed") {
    yield csvRow(["stage", "returns", "median_hours", "p90_hours"]);
    for (const r of f.speed) yield csvRow([r.stage, r.count, r.medianHours, r.p90Hours]);
  } else if (table === "speed-by-location") {
    yield csvRow([
      "location_id",
      "location",
      "received",
      "median_receipt_to_refund_hours",
      "p90_receipt_to_refund_hours",
      "sla_breaches",
    ]);
    for (const r of f.speedByLocation)
      yield csvRow([
        r.locationId,
        loc(r.locationId),
        r.received,
        r.medianReceiptToRefundHours,
        r.p90ReceiptToRefundHours,
        r.slaBreaches,
      ]);
  } else if (table === "incoming") {
    yield csvRow(["expected_day", "location_id", "location", "returns", "units", "overdue"]);
    for (const r of report.incoming)
      yield csvRow([r.day, r.locationId, loc(r.locationId), r.returns, r.units, r.overdue]);
  } else {
    yield csvRow(["day", "returns", "units"]);
    for (const r of f.byDay) yield csvRow([r.day, r.returns, r.units]);
  }
}

export async function* fromSync(gen: Generator<string>): AsyncGenerator<string> {
  yield* gen;
}
