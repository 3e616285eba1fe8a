/**
 * Admin texts of the Analytics and Receive pages (English; the admin's language list is
 * app/i18n — these pages keep their texts in this one module so a translation touches
 * one file).
 */
import type { RangePreset } from "~/domain/analytics";

export const RANGE_LABEL: Readonly<Record<RangePreset, string>> = {
  today: "Today",
  last7: "Last 7 days",
  last30: "Last 30 days",
  last90: "Last 90 days",
  thisMonth: "This month",
  lastMonth: "Last month",
  last365: "Last 365 days",
  custom: "Custom range",
};

export const DIMENSION_LABEL = {
  product: "Product",
  variant: "Variant",
  productType: "Product type",
  collection: "Collection",
  vendor: "Vendor",
} as const;

export const SPEED_STAGE_LABEL = {
  requestToReceived: "Request → received",
  receivedToInspected: "Received → inspected",
  inspectedToRefunded: "Inspected → refunded",
  requestToRefunded: "Request → refunded (total)",
} as const;

export const REASON_LABEL: Readonly<Record<string, string>> = {
  unspecified: "No reason given",
  "too-small": "Too small",
  "too-large": "Too large",
  "changed-mind": "Changed mind",
  damaged: "Damaged",
  defective: "Defective",
  "wrong-item": "Wrong item",
  "not-as-described": "Not as described",
  other: "Other",
};

export function reasonLabel(handle: string): string {
  return REASON_LABEL[handle] ?? handle.replace(/[-_]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}

export const T = {
  title: "Analytics",
  range: "Date range",
  from: "From",
  to: "To",
  apply: "Apply",
  comparedWith: (from: string, to: string) => `Compared with ${from} – ${to}`,
  noChange: "No change",
  exportCsv: "Export CSV",
  exportReturns: "Export returns (CSV)",
  exporting: "Exporting…",
  exportFailed: "The export could not be downloaded. Try again.",
  overview: "Overview",
  returns: "Returns",
  returnedUnits: "Returned units",
  unitRate: "Return rate (units)",
  valueRate: "Return rate (value)",
  returnedValue: "Returned value",
  retainedValue: "Kept through exchanges and store credit",
  slaBreaches: "Inspection SLA breaches",
  soldUnits: "Sold units",
  soldValue: "Sold value",
  returnsPerDay: "Returns per day",
  returnRate: "Return rate",
  by: "By",
  sold: "Sold",
  returned: "Returned",
  rate: "Rate",
  why: "Why items come back",
  reason: "Reason",
  units: "Units",
  share: "Share",
  reasonsByVariant: "Reasons by variant",
  item: "Item",
  comments: "Shoppers' comments",
  noComments: "No comments in this period.",
  resolutionMix: "Resolution mix",
  resolution: "Resolution",
  lines: "Lines",
  value: "Value",
  money: "Money",
  currency: "Currency",
  refunded: "Refunded",
  storeCredit: "Store credit",
  exchanged: "Exchanged",
  feesKept: "Fees kept",
  inShopCurrency: (c: string) => `In ${c}`,
  notConverted: "No rate known",
  moneyNote: "Returns processed in the period, in their own currency and converted with the rate Shopify used on each order. Shipping refunds are not recorded by the app yet.",
  speed: "Speed",
  stage: "Stage",
  median: "Median",
  p90: "90th percentile",
  count: "Returns",
  byLocation: "By location",
  location: "Location",
  received: "Received",
  receiptToRefund: "Receipt → refund median / p90",
  incoming: "Incoming",
  incomingHelp: "Approved returns still on their way, by the latest day they should arrive.",
  expected: "Expected by",
  overdue: "Overdue",
  nothingIncoming: "Nothing is on its way.",
  feedback: "Feedback",
  feedbackEmpty: "Shopper ratings appear here once post-return feedback is collected.",
  noData: "No returns in this period.",
  hours: (h: number | null) => (h === null ? "—" : h < 48 ? `${h} h` : `${Math.round((h / 24) * 10) / 10} d`),
  percent: (p: number | null) => (p === null ? "—" : `${p} %`),
  showingTop: (n: number, total: number) => `Showing the top ${n} of ${total}; the CSV has all.`,
  chartTable: "Show as table",
  unknownLocation: "Not assigned",
  unknown: "Unknown",
  salesUpdated: (when: string) => `Sales copied from Shopify ${when}.`,
  unconverted: (n: number) => `${n} returned lines are in a currency without a known rate and are left out of values.`,
} as const;

/** Receiving station texts. */
export const R = {
  title: "Receive returns",
  scanLabel: "Scan or type an RMA, return slip QR code or order number",
  scanHelp: "Enter opens the return. Tab moves between fields, Enter confirms, Escape goes back to scanning.",
  open: "Open",
  unknown: (code: string) => `No return matches “${code}”. Check the code and scan again.`,
  empty: "Scan or type a code first.",
  notApproved: (rma: string) => `${rma} is not approved yet.`,
  approveNow: "Approve now",
  approved: (rma: string) => `${rma} approved. Set each line's condition and receive it.`,
  alreadyDone: (rma: string, status: string) => `${rma} is already ${status}. Nothing to receive.`,
  closed: (rma: string, status: string) => `${rma} was ${status}; it can't be received.`,
  otherReturns: (list: string) => `The order has other returns too: ${list}.`,
  condition: "Condition",
  disposition: "Disposition",
  restockAt: "Restock at",
  receiveAndInspect: "Receive and inspect",
  inspect: "Inspect",
  received: (rma: string) => `${rma} received and inspected. Scan the next return.`,
  line: (title: string, variant: string | null, qty: number) => `${qty} × ${title}${variant ? ` — ${variant}` : ""}`,
  customerSays: (reason: string, note: string | null) => (note ? `${reason}: “${note}”` : reason),
} as const;
