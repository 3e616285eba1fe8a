/**
 * Analytics figures from the summary tables' aggregates (grouped in the database), with
 * the same definitions, rounding and ordering as computeFigures (./aggregate.ts), which
 * works from raw rows. The service groups; this module only adds up groups, applies what
 * is not in the facts (today, the policy, product groupings, the default location) and
 * sorts. tests/analytics/recompute.test.ts checks every figure against the raw rows.
 */
import { addBusinessDays, compareDates, type IsoDate } from "../dates";
import {
  convertMoneyRows,
  DIMENSIONS,
  keysOf,
  type AnalyticsFigures,
  type CommentRow,
  type DayPoint,
  type Dimension,
  type MoneyRow,
  type ProductInfo,
  type RateRow,
  type ReasonByItemRow,
  type ResolutionRow,
  type SoldVariant,
  type SpeedByLocation,
  type SpeedStage,
} from "./aggregate";
import { ratePercent } from "./stats";
import {
  histogramPercentile,
  itemKeyOf,
  type Histogram,
  type ItemGroup,
  type ItemReasonGroup,
  type MoneyGroup,
  type ReceivedGroup,
} from "./summary-groups";

export interface SummaryInput {
  shopCurrency: string;
  today: IsoDate;
  inspectionSlaDays: number;
  defaultLocationId: string | null;
  products: ReadonlyMap<string, ProductInfo>;
  days: readonly IsoDate[];
  perDay: readonly DayPoint[];
  sold: readonly SoldVariant[];
  items: readonly ItemGroup[];
  itemReasons: readonly ItemReasonGroup[];
  comments: CommentRow[];
  money: readonly MoneyGroup[];
  stages: Record<SpeedStage["stage"], Histogram>;
  received: readonly ReceivedGroup[];
  receiptToRefund: readonly (Histogram[number] & { locationId: string | null })[];
}

function rateRows(input: SummaryInput, dimension: Dimension): RateRow[] {
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
  for (const s of input.sold)
    for (const k of keysOf(dimension, s, input.products)) {
      const target = row(k.key, k.label);
      target.soldUnits += s.units;
      target.soldValue += s.value;
    }
  for (const g of input.items)
    for (const k of keysOf(dimension, g, input.products)) {
      const target = row(k.key, k.label);
      target.returnedUnits += g.units;
      target.returnedValue += g.value;
    }
  return [...rows.values()]
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

function moneyRows(input: SummaryInput): MoneyRow[] {
  return convertMoneyRows(input.money, input.shopCurrency);
}

function speedByLocation(input: SummaryInput): { rows: SpeedByLocation[]; breaches: number } {
  const byLocation = new Map<
    string,
    { locationId: string | null; received: number; histogram: Histogram; slaBreaches: number }
  >();
  const loc = (id: string | null) => {
    const locationId = id ?? input.defaultLocationId;
    const key = locationId ?? "";
    let l = byLocation.get(key);
    if (!l) {
      l = { locationId, received: 0, histogram: [], slaBreaches: 0 };
      byLocation.set(key, l);
    }
    return l;
  };
  let breaches = 0;
  // Many groups share a received day: one business-day computation per day.
  const deadlines = new Map<IsoDate, IsoDate>();
  for (const g of input.received) {
    const l = loc(g.locationId);
    l.received += g.count;
    if (g.keepItem) continue;
    let deadline = deadlines.get(g.receivedDay);
    if (!deadline) {
      deadline = addBusinessDays(g.receivedDay, input.inspectionSlaDays);
      deadlines.set(g.receivedDay, deadline);
    }
    if (compareDates(g.processedDay ?? input.today, deadline) > 0) {
      l.slaBreaches += g.count;
      breaches += g.count;
    }
  }
  for (const b of input.receiptToRefund)
    loc(b.locationId).histogram.push({ tenths: b.tenths, count: b.count });
  const rows = [...byLocation.values()]
    .map((l) => ({
      locationId: l.locationId,
      received: l.received,
      medianReceiptToRefundHours: histogramPercentile(l.histogram, 50),
      p90ReceiptToRefundHours: histogramPercentile(l.histogram, 90),
      slaBreaches: l.slaBreaches,
    }))
    .sort((a, b) => b.received - a.received);
  return { rows, breaches };
}

export function figuresFromSummary(input: SummaryInput): AnalyticsFigures {
  const perDay = new Map<IsoDate, DayPoint>(
    input.days.map((d) => [d, { day: d, returns: 0, units: 0 }]),
  );
  let returns = 0;
  for (const p of input.perDay) {
    returns += p.returns;
    const point = perDay.get(p.day);
    if (point) {
      point.returns += p.returns;
      point.units += p.units;
    }
  }
  let returnedUnits = 0;
  let returnedValue = 0;
  let unconvertedLines = 0;
  const itemOf = new Map<string, ItemGroup>();
  const resolutionRows = new Map<string, ResolutionRow>();
  for (const g of input.items) {
    returnedUnits += g.units;
    returnedValue += g.value;
    unconvertedLines += g.unconvertedLines;
    itemOf.set(itemKeyOf(g), g);
    const res = resolutionRows.get(g.resolution) ?? {
      resolution: g.resolution,
      lines: 0,
      units: 0,
      value: 0,
      share: null,
    };
    res.lines += g.lines;
    res.units += g.units;
    res.value += g.value;
    resolutionRows.set(g.resolution, res);
  }
  const reasonUnits = new Map<string, number>();
  const reasonsByItem: ReasonByItemRow[] = input.itemReasons.map((g) => {
    reasonUnits.set(g.reason, (reasonUnits.get(g.reason) ?? 0) + g.units);
    const item = itemOf.get(itemKeyOf(g));
    return {
      productId: item ? item.productId : g.productId,
      variantId: g.variantId,
      title: item?.title ?? g.title,
      variantTitle: item ? item.variantTitle : g.variantTitle,
      reason: g.reason,
      units: g.units,
    };
  });
  const soldUnits = input.sold.reduce((s, v) => s + v.units, 0);
  const soldValue = input.sold.reduce((s, v) => s + v.value, 0);
  const rates = {} as Record<Dimension, RateRow[]>;
  for (const dimension of DIMENSIONS) rates[dimension] = rateRows(input, dimension);

  const resolutions = [...resolutionRows.values()]
    .map((r) => ({ ...r, share: ratePercent(r.units, returnedUnits) }))
    .sort((a, b) => b.units - a.units || a.resolution.localeCompare(b.resolution));
  const speed = (Object.keys(input.stages) as SpeedStage["stage"][]).map((stage) => ({
    stage,
    count: input.stages[stage].reduce((s, b) => s + b.count, 0),
    medianHours: histogramPercentile(input.stages[stage], 50),
    p90Hours: histogramPercentile(input.stages[stage], 90),
  }));
  const locations = speedByLocation(input);
  return {
    overview: {
      returns,
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
    reasons: [...reasonUnits.entries()]
      .map(([reason, units]) => ({ reason, units, share: ratePercent(units, returnedUnits) }))
      .sort((a, b) => b.units - a.units || a.reason.localeCompare(b.reason)),
    reasonsByItem: reasonsByItem.sort(
      (a, b) =>
        b.units - a.units ||
        a.title.localeCompare(b.title) ||
        (a.variantTitle ?? "").localeCompare(b.variantTitle ?? "") ||
        a.reason.localeCompare(b.reason) ||
        (a.variantId ?? "").localeCompare(b.variantId ?? ""),
    ),
    comments: [...input.comments].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)),
    resolutions,
    retainedValue: resolutions
      .filter((r) => r.resolution === "EXCHANGE" || r.resolution === "STORE_CREDIT")
      .reduce((s, r) => s + r.value, 0),
    money: moneyRows(input),
    speed,
    speedByLocation: locations.rows,
    slaBreaches: locations.breaches,
  };
}
