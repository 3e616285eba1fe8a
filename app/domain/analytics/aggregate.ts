/**
 * Analytics figures from plain rows: the returns requested in a range (with their lines),
 * what Shopify sold in the same range, and per-line exchange rates taken from the orders
 * themselves. Pure: no clock (today is an argument), no I/O. The service loads the rows;
 * tests recompute the same figures from the raw data to check this module.
 *
 * Definitions (the README repeats them for merchants):
 * - A return counts in the range it was REQUESTED in; declined and canceled requests are
 *   not returns and are left out everywhere except the speed view's request counts.
 * - Values are converted to the shop currency with the rate Shopify applied to that very
 *   order line (shop money ÷ presentment money of the line); a line whose order we have not
 *   copied and that is not in the shop currency is reported as "not converted".
 * - Sold units and value: order lines of orders processed in the range, canceled orders
 *   excluded, value after discounts.
 */
import { addBusinessDays, addDays, compareDates, localDate, type IsoDate } from "../dates";
import { ETA_ASSUMPTIONS } from "../refund-eta";
import { percentile, ratePercent } from "./stats";

export const COUNTED_EXCLUDED_STATUSES = ["DECLINED", "CANCELED"] as const;

export interface AnalyticsLine {
  lineItemId: string | null;
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  quantity: number;
  /** Minor units of the return's currency, per unit, after discounts. */
  unitPrice: number;
  reasonHandle: string | null;
  customerNote: string | null;
  resolution: string;
  dispositionLocationId: string | null;
}

export interface AnalyticsReturn {
  id: string;
  rmaNumber: string;
  status: string;
  method: string;
  currency: string;
  requestedAt: Date;
  approvedAt: Date | null;
  inTransitAt: Date | null;
  receivedAt: Date | null;
  inspectedAt: Date | null;
  processedAt: Date | null;
  refundAmount: number;
  storeCreditAmount: number;
  bonusCreditAmount: number;
  exchangeAmount: number;
  restockingFeeAmount: number;
  returnShippingFee: number;
  lines: AnalyticsLine[];
}

/** Shop and presentment amounts of one sold order line: its own exchange rate. */
export interface LineRate {
  shopAmount: number;
  amount: number;
}

export interface ProductInfo {
  productId: string;
  title: string;
  productType: string | null;
  vendor: string | null;
  collections: { id: string; title: string }[];
}

/** Sold totals of one product variant in the range (from Shopify's orders). */
export interface SoldVariant {
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  units: number;
  /** Shop currency minor units. */
  value: number;
}

export interface AnalyticsInput {
  shopCurrency: string;
  timeZone: string;
  /** Today in the shop's time zone (SLA breaches of returns still waiting, incoming). */
  today: IsoDate;
  inspectionSlaDays: number;
  transitDays: number;
  /** Where a return with no restock location yet is expected (the shop's receiving location). */
  defaultLocationId: string | null;
  returns: readonly AnalyticsReturn[];
  sold: readonly SoldVariant[];
  products: ReadonlyMap<string, ProductInfo>;
  rates: ReadonlyMap<string, LineRate>;
}

export const DIMENSIONS = ["product", "variant", "productType", "collection", "vendor"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface RateRow {
  key: string;
  label: string;
  soldUnits: number;
  soldValue: number;
  returnedUnits: number;
  returnedValue: number;
  /** Percent with one decimal; null when nothing was sold in the range. */
  unitRate: number | null;
  valueRate: number | null;
}

export interface Overview {
  returns: number;
  returnedUnits: number;
  returnedValue: number;
  soldUnits: number;
  soldValue: number;
  unitRate: number | null;
  valueRate: number | null;
  /** Lines whose value could not be converted to the shop currency (left out of values). */
  unconvertedLines: number;
}

export interface ReasonRow {
  reason: string;
  units: number;
  share: number | null;
}

export interface ReasonByItemRow {
  productId: string | null;
  variantId: string | null;
  title: string;
  variantTitle: string | null;
  reason: string;
  units: number;
}

export interface CommentRow {
  rmaNumber: string;
  requestedAt: string;
  title: string;
  variantTitle: string | null;
  reason: string;
  comment: string;
}

export interface ResolutionRow {
  resolution: string;
  lines: number;
  units: number;
  value: number;
  share: number | null;
}

export interface MoneyRow {
  currency: string;
  refunded: number;
  storeCredit: number;
  exchanged: number;
  feesKept: number;
  /** The same four in the shop currency; null when no rate is known for this currency's returns. */
  converted: { refunded: number; storeCredit: number; exchanged: number; feesKept: number } | null;
}

export interface SpeedStage {
  stage: "requestToReceived" | "receivedToInspected" | "inspectedToRefunded" | "requestToRefunded";
  count: number;
  /** Hours, one decimal. */
  medianHours: number | null;
  p90Hours: number | null;
}

export interface SpeedByLocation {
  locationId: string | null;
  received: number;
  medianReceiptToRefundHours: number | null;
  p90ReceiptToRefundHours: number | null;
  slaBreaches: number;
}

export interface IncomingRow {
  day: IsoDate;
  locationId: string | null;
  returns: number;
  units: number;
  overdue: boolean;
}

export interface DayPoint {
  day: IsoDate;
  returns: number;
  units: number;
}

export interface AnalyticsFigures {
  overview: Overview;
  byDay: DayPoint[];
  rates: Record<Dimension, RateRow[]>;
  reasons: ReasonRow[];
  reasonsByItem: ReasonByItemRow[];
  comments: CommentRow[];
  resolutions: ResolutionRow[];
  retainedValue: number;
  money: MoneyRow[];
  speed: SpeedStage[];
  speedByLocation: SpeedByLocation[];
  slaBreaches: number;
}

export const NO_REASON = "unspecified";

export function isCounted(r: Pick<AnalyticsReturn, "status">): boolean {
  return !(COUNTED_EXCLUDED_STATUSES as readonly string[]).includes(r.status);
}

/** A line's value (all its units) in the shop currency, or null when no rate is known. */
export function lineValueInShopCurrency(
  line: AnalyticsLine,
  currency: string,
  input: Pick<AnalyticsInput, "shopCurrency" | "rates">,
): number | null {
  const value = line.unitPrice * line.quantity;
  if (currency === input.shopCurrency) return value;
  const rate = line.lineItemId ? input.rates.get(line.lineItemId) : undefined;
  if (!rate || rate.amount <= 0) return null;
  return Math.round((value * rate.shopAmount) / rate.amount);
}

/** Keys a variant or product falls under for each dimension (a product can be in several collections). */
export function keysOf(
  dimension: Dimension,
  item: {
    productId: string | null;
    variantId: string | null;
    title: string;
    variantTitle: string | null;
  },
  products: ReadonlyMap<string, ProductInfo>,
): { key: string; label: string }[] {
  const product = item.productId ? products.get(item.productId) : undefined;
  switch (dimension) {
    case "product":
      return [
        { key: item.productId ?? `title:${item.title}`, label: product?.title ?? item.title },
      ];
    case "variant":
      return [
        {
          key: item.variantId ?? `title:${item.title}/${item.variantTitle ?? ""}`,
          label: item.variantTitle
            ? `${product?.title ?? item.title} — ${item.variantTitle}`
            : (product?.title ?? item.title),
        },
      ];
    case "productType":
      return [{ key: product?.productType || "", label: product?.productType || "" }];
    case "vendor":
      return [{ key: product?.vendor || "", label: product?.vendor || "" }];
    case "collection":
      return (product?.collections ?? []).map((c) => ({ key: c.id, label: c.title }));
  }
}

function hours(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 3_600_000;
}

function oneDecimal(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** Where a return is (or was) received: its first restock location, else the default. */
export function returnLocation(
  r: AnalyticsReturn,
  defaultLocationId: string | null,
): string | null {
  return r.lines.find((l) => l.dispositionLocationId)?.dispositionLocationId ?? defaultLocationId;
}

/** The last day the merchant promised to have refunded a received return (inspection SLA). */
export function slaDeadline(receivedAt: Date, slaDays: number, timeZone: string): IsoDate {
  return addBusinessDays(localDate(receivedAt, timeZone), slaDays);
}

/**
 * localDate for many instants of one time zone, cached per minute (every zone's offset is
 * a whole number of minutes, so all instants of a minute share a local date). Tens of
 * thousands of returns share far fewer minutes; Intl formatting is the slow part.
 */
export function localDater(timeZone: string): (instant: Date) => IsoDate {
  const cache = new Map<number, IsoDate>();
  return (instant) => {
    const minute = Math.floor(instant.getTime() / 60_000);
    let day = cache.get(minute);
    if (day === undefined) {
      day = localDate(instant, timeZone);
      cache.set(minute, day);
    }
    return day;
  };
}

export function isSlaBreached(
  r: AnalyticsReturn,
  input: Pick<AnalyticsInput, "inspectionSlaDays" | "timeZone" | "today">,
  dayOf: (instant: Date) => IsoDate = (d) => localDate(d, input.timeZone),
): boolean {
  if (!r.receivedAt || r.method === "KEEP_ITEM") return false;
  const deadline = addBusinessDays(dayOf(r.receivedAt), input.inspectionSlaDays);
  const done = r.processedAt ? dayOf(r.processedAt) : input.today;
  return compareDates(done, deadline) > 0;
}

export function computeFigures(input: AnalyticsInput, days: readonly IsoDate[]): AnalyticsFigures {
  const counted = input.returns.filter(isCounted);
  const dayOf = localDater(input.timeZone);

  // Overview and per-day series.
  let returnedUnits = 0;
  let returnedValue = 0;
  let unconvertedLines = 0;
  const perDay = new Map<IsoDate, DayPoint>(days.map((d) => [d, { day: d, returns: 0, units: 0 }]));
  for (const r of counted) {
    const point = perDay.get(dayOf(r.requestedAt));
    if (point) point.returns += 1;
    for (const line of r.lines) {
      returnedUnits += line.quantity;
      if (point) point.units += line.quantity;
      const value = lineValueInShopCurrency(line, r.currency, input);
      if (value === null) unconvertedLines += 1;
      else returnedValue += value;
    }
  }
  const soldUnits = input.sold.reduce((s, v) => s + v.units, 0);
  const soldValue = input.sold.reduce((s, v) => s + v.value, 0);

  // Return rate by dimension.
  const rates = {} as Record<Dimension, RateRow[]>;
  for (const dimension of DIMENSIONS) {
    const rows = new Map<string, RateRow>();
    const row = (key: string, label: string) => {
      let existing = rows.get(key);
      if (!existing) {
        existing = {
          key,
          label,
          soldUnits: 0,
          soldValue: 0,
          returnedUnits: 0,
          returnedValue: 0,
          unitRate: null,
          valueRate: null,
        };
        rows.set(key, existing);
      }
      return existing;
    };
    for (const s of input.sold) {
      for (const k of keysOf(dimension, s, input.products)) {
        const target = row(k.key, k.label);
        target.soldUnits += s.units;
        target.soldValue += s.value;
      }
    }
    for (const r of counted) {
      for (const line of r.lines) {
        const value = lineValueInShopCurrency(line, r.currency, input);
        for (const k of keysOf(dimension, line, input.products)) {
          const target = row(k.key, k.label);
          target.returnedUnits += line.quantity;
          target.returnedValue += value ?? 0;
        }
      }
    }
    rates[dimension] = [...rows.values()]
      .map((r) => ({
        ...r,
        unitRate: ratePercent(r.returnedUnits, r.soldUnits),
        valueRate: ratePercent(r.returnedValue, r.soldValue),
      }))
      .sort(
        (a, b) =>
          b.returnedUnits - a.returnedUnits ||
          b.soldUnits - a.soldUnits ||
          a.label.localeCompare(b.label),
      );
  }

  // Why: reasons, reasons × item, comments.
  const reasonUnits = new Map<string, number>();
  const byItem = new Map<string, ReasonByItemRow>();
  const comments: CommentRow[] = [];
  for (const r of counted) {
    for (const line of r.lines) {
      const reason = line.reasonHandle || NO_REASON;
      reasonUnits.set(reason, (reasonUnits.get(reason) ?? 0) + line.quantity);
      const key = `${line.variantId ?? line.title + "/" + (line.variantTitle ?? "")}|${reason}`;
      const item = byItem.get(key) ?? {
        productId: line.productId,
        variantId: line.variantId,
        title: line.title,
        variantTitle: line.variantTitle,
        reason,
        units: 0,
      };
      item.units += line.quantity;
      byItem.set(key, item);
      const comment = line.customerNote?.trim();
      if (comment)
        comments.push({
          rmaNumber: r.rmaNumber,
          requestedAt: r.requestedAt.toISOString(),
          title: line.title,
          variantTitle: line.variantTitle,
          reason,
          comment,
        });
    }
  }
  const reasons = [...reasonUnits.entries()]
    .map(([reason, units]) => ({ reason, units, share: ratePercent(units, returnedUnits) }))
    .sort((a, b) => b.units - a.units || a.reason.localeCompare(b.reason));
  const reasonsByItem = [...byItem.values()].sort(
    (a, b) =>
      b.units - a.units ||
      a.title.localeCompare(b.title) ||
      (a.variantTitle ?? "").localeCompare(b.variantTitle ?? "") ||
      a.reason.localeCompare(b.reason) ||
      (a.variantId ?? "").localeCompare(b.variantId ?? ""),
  );
  comments.sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));

  // Resolution mix and retained value (kept through exchanges and store credit).
  const resolutionRows = new Map<string, ResolutionRow>();
  for (const r of counted) {
    for (const line of r.lines) {
      const row = resolutionRows.get(line.resolution) ?? {
        resolution: line.resolution,
        lines: 0,
        units: 0,
        value: 0,
        share: null,
      };
      row.lines += 1;
      row.units += line.quantity;
      row.value += lineValueInShopCurrency(line, r.currency, input) ?? 0;
      resolutionRows.set(line.resolution, row);
    }
  }
  const resolutions = [...resolutionRows.values()]
    .map((r) => ({ ...r, share: ratePercent(r.units, returnedUnits) }))
    .sort((a, b) => b.units - a.units || a.resolution.localeCompare(b.resolution));
  const retainedValue = resolutions
    .filter((r) => r.resolution === "EXCHANGE" || r.resolution === "STORE_CREDIT")
    .reduce((s, r) => s + r.value, 0);

  // Money, per currency, from processed returns (money actually moved).
  const money = new Map<string, MoneyRow & { rateNum: number; rateDen: number }>();
  for (const r of counted) {
    if (!r.processedAt) continue;
    const row = money.get(r.currency) ?? {
      currency: r.currency,
      refunded: 0,
      storeCredit: 0,
      exchanged: 0,
      feesKept: 0,
      converted: null,
      rateNum: 0,
      rateDen: 0,
    };
    row.refunded += r.refundAmount;
    row.storeCredit += r.storeCreditAmount + r.bonusCreditAmount;
    row.exchanged += r.exchangeAmount;
    row.feesKept += r.restockingFeeAmount + r.returnShippingFee;
    for (const line of r.lines) {
      const rate = line.lineItemId ? input.rates.get(line.lineItemId) : undefined;
      if (rate && rate.amount > 0) {
        row.rateNum += rate.shopAmount;
        row.rateDen += rate.amount;
      }
    }
    money.set(r.currency, row);
  }
  const moneyRows = convertMoneyRows([...money.values()], input.shopCurrency);

  // Speed, from the request's own timestamps.
  const durations = {
    requestToReceived: [] as number[],
    receivedToInspected: [] as number[],
    inspectedToRefunded: [] as number[],
    requestToRefunded: [] as number[],
  };
  const byLocation = new Map<
    string,
    { locationId: string | null; received: number; receiptToRefund: number[]; slaBreaches: number }
  >();
  let slaBreaches = 0;
  for (const r of counted) {
    if (r.receivedAt) durations.requestToReceived.push(hours(r.requestedAt, r.receivedAt));
    if (r.receivedAt && r.inspectedAt)
      durations.receivedToInspected.push(hours(r.receivedAt, r.inspectedAt));
    if (r.inspectedAt && r.processedAt)
      durations.inspectedToRefunded.push(hours(r.inspectedAt, r.processedAt));
    if (r.processedAt) durations.requestToRefunded.push(hours(r.requestedAt, r.processedAt));
    if (!r.receivedAt) continue;
    const locationId = returnLocation(r, input.defaultLocationId);
    const key = locationId ?? "";
    const loc = byLocation.get(key) ?? {
      locationId,
      received: 0,
      receiptToRefund: [],
      slaBreaches: 0,
    };
    loc.received += 1;
    if (r.processedAt) loc.receiptToRefund.push(hours(r.receivedAt, r.processedAt));
    if (isSlaBreached(r, input, dayOf)) {
      loc.slaBreaches += 1;
      slaBreaches += 1;
    }
    byLocation.set(key, loc);
  }
  const speed: SpeedStage[] = (Object.keys(durations) as SpeedStage["stage"][]).map((stage) => ({
    stage,
    count: durations[stage].length,
    medianHours: oneDecimal(percentile(durations[stage], 50)),
    p90Hours: oneDecimal(percentile(durations[stage], 90)),
  }));
  const speedByLocation = [...byLocation.values()]
    .map((l) => ({
      locationId: l.locationId,
      received: l.received,
      medianReceiptToRefundHours: oneDecimal(percentile(l.receiptToRefund, 50)),
      p90ReceiptToRefundHours: oneDecimal(percentile(l.receiptToRefund, 90)),
      slaBreaches: l.slaBreaches,
    }))
    .sort((a, b) => b.received - a.received);

  return {
    overview: {
      returns: counted.length,
      returnedUnits,
      returnedValue,
      soldUnits,
      soldValue,
      unitRate: ratePercent(returnedUnits, soldUnits),
      valueRate: ratePercent(returnedValue, soldValue),
      unconvertedLines,
    },
    byDay: [...perDay.values()],
    rates,
    reasons,
    reasonsByItem,
    comments,
    resolutions,
    retainedValue,
    money: moneyRows,
    speed,
    speedByLocation,
    slaBreaches,
  };
}

/**
 * The latest day an approved return should reach the warehouse: approval + the shopper's
 * dispatch time + transit, or handed to the carrier + transit. Returns kept by the shopper
 * never arrive (null).
 */
export function expectedArrival(
  r: Pick<AnalyticsReturn, "status" | "method" | "approvedAt" | "inTransitAt" | "requestedAt">,
  transitDays: number,
  timeZone: string,
  dayOf: (instant: Date) => IsoDate = (d) => localDate(d, timeZone),
): IsoDate | null {
  if (r.method === "KEEP_ITEM") return null;
  const transit = r.method === "IN_STORE" ? 0 : transitDays;
  if (r.status === "IN_TRANSIT" && r.inTransitAt) return addDays(dayOf(r.inTransitAt), transit);
  if (r.status === "APPROVED" || r.status === "IN_TRANSIT") {
    const from = r.approvedAt ?? r.requestedAt;
    return addDays(dayOf(from), ETA_ASSUMPTIONS.shopperDispatchDays.max + transit);
  }
  return null;
}

/** Approved returns still on their way, by expected day and location; past days are "overdue". */
export function incomingByDay(
  returns: readonly AnalyticsReturn[],
  input: Pick<AnalyticsInput, "transitDays" | "timeZone" | "today" | "defaultLocationId">,
): IncomingRow[] {
  const rows = new Map<string, IncomingRow>();
  const dayOf = localDater(input.timeZone);
  for (const r of returns) {
    const day = expectedArrival(r, input.transitDays, input.timeZone, dayOf);
    if (!day) continue;
    const locationId = returnLocation(r, input.defaultLocationId);
    const key = `${day}|${locationId ?? ""}`;
    const row = rows.get(key) ?? {
      day,
      locationId,
      returns: 0,
      units: 0,
      overdue: compareDates(day, input.today) < 0,
    };
    row.returns += 1;
    row.units += r.lines.reduce((s, l) => s + l.quantity, 0);
    rows.set(key, row);
  }
  return [...rows.values()].sort(
    (a, b) => a.day.localeCompare(b.day) || (a.locationId ?? "").localeCompare(b.locationId ?? ""),
  );
}

/**
 * Per-currency money rows with their shop-currency conversion (at the summed rate of the
 * copied orders; null when no rate is known), the shop's own currency first. Shared by the
 * row-based figures and the summary-table figures so both convert the same way.
 */
export function convertMoneyRows(
  groups: readonly (Omit<MoneyRow, "converted"> & { rateNum: number; rateDen: number })[],
  shopCurrency: string,
): MoneyRow[] {
  return groups
    .map(({ rateNum, rateDen, ...row }) => {
      const convert = (amount: number) =>
        row.currency === shopCurrency ? amount : Math.round((amount * rateNum) / rateDen);
      const convertible = row.currency === shopCurrency || rateDen > 0;
      return {
        ...row,
        converted: convertible
          ? {
              refunded: convert(row.refunded),
              storeCredit: convert(row.storeCredit),
              exchanged: convert(row.exchanged),
              feesKept: convert(row.feesKept),
            }
          : null,
      };
    })
    .sort((a, b) =>
      a.currency === shopCurrency
        ? -1
        : b.currency === shopCurrency
          ? 1
          : a.currency.localeCompare(b.currency),
    );
}
