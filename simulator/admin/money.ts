/**
 * Money for the stand-in: integer minor units everywhere (docs/refund-arithmetic.md), decimal
 * strings only at the GraphQL / webhook edge.
 */

const ZERO_DECIMAL = new Set([
  "JPY",
  "ISK",
  "KRW",
  "CLP",
  "VND",
  "XAF",
  "XOF",
  "XPF",
  "UGX",
  "PYG",
  "RWF",
  "KMF",
  "GNF",
  "DJF",
  "BIF",
  "VUV",
]);
const THREE_DECIMAL = new Set(["KWD", "BHD", "JOD", "OMR", "TND", "IQD", "LYD"]);

export function currencyDecimals(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** Round half away from zero. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** round(a × b / c) for integers with half-away-from-zero rounding, exact (BigInt). */
export function mulDivRound(a: number, b: number, c: number): number {
  if (c === 0) throw new Error("mulDivRound: division by zero");
  const num = BigInt(a) * BigInt(b);
  const den = BigInt(c);
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (2n * n + d) / (2n * d); // floor((n / d) + 1/2)
  return Number(neg ? -q : q);
}

/** round(amount × percentage / 100) where percentage is a Float from GraphQL (up to 6 decimals). */
export function percentOf(amount: number, percentage: number): number {
  const scaled = Math.round(percentage * 1_000_000);
  return mulDivRound(amount, scaled, 100_000_000);
}

const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

/** Is this a syntactically valid Decimal / Money input (string or finite number)? */
export function isDecimalInput(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  return typeof value === "string" && DECIMAL_RE.test(value.trim());
}

/**
 * Decimal input → integer minor units of `currency`. Returns null when the value is not a
 * decimal or carries more fraction digits than the currency has (we do not silently round money).
 */
export function toMinor(value: unknown, currency: string): number | null {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    text = String(value);
    if (/e/i.test(text)) return null;
  } else if (typeof value === "string") {
    text = value.trim();
  } else return null;
  if (!DECIMAL_RE.test(text)) return null;
  const neg = text.startsWith("-");
  const body = neg ? text.slice(1) : text;
  const [intPart, fracRaw = ""] = body.split(".");
  const dec = currencyDecimals(currency);
  const frac = fracRaw.replace(/0+$/, "");
  if (frac.length > dec) return null;
  const minor = Number(intPart) * 10 ** dec + (frac ? Number(frac.padEnd(dec, "0")) : 0);
  if (!Number.isSafeInteger(minor)) return null;
  return neg ? -minor : minor;
}

/** Shopify GraphQL Decimal style: "199.0", "199.5", "199.99" (trailing zeros trimmed, ≥1 digit). */
export function formatDecimal(minor: number, currency: string): string {
  const dec = currencyDecimals(currency);
  const neg = minor < 0;
  const abs = Math.abs(minor);
  const unit = 10 ** dec;
  const intPart = Math.floor(abs / unit);
  let frac =
    dec > 0
      ? String(abs % unit)
          .padStart(dec, "0")
          .replace(/0+$/, "")
      : "";
  if (frac === "") frac = "0";
  return `${neg ? "-" : ""}${intPart}.${frac}`;
}

/** REST / webhook style: fixed decimals, "199.00". */
export function formatFixed(minor: number, currency: string): string {
  const dec = currencyDecimals(currency);
  const neg = minor < 0;
  const abs = Math.abs(minor);
  const unit = 10 ** dec;
  const intPart = Math.floor(abs / unit);
  const frac = dec > 0 ? "." + String(abs % unit).padStart(dec, "0") : "";
  return `${neg ? "-" : ""}${intPart}${frac}`;
}

export interface MoneyV2 {
  amount: string;
  currencyCode: string;
}
export interface MoneyBag {
  shopMoney: MoneyV2;
  presentmentMoney: MoneyV2;
}

/** Exchange rate presentment → shop currency as an exact ratio num/den. */
export interface FxRate {
  num: number;
  den: number;
}
export const FX_IDENTITY: FxRate = { num: 1, den: 1 };

export function moneyV2(minor: number, currency: string): MoneyV2 {
  return { amount: formatDecimal(minor, currency), currencyCode: currency };
}

/** shopMoney = round(presentment × fxRate), adjusted for differing minor units. */
export function toShopMinor(
  minor: number,
  fx: FxRate,
  presentment: string,
  shopCurrency: string,
): number {
  const shift = currencyDecimals(shopCurrency) - currencyDecimals(presentment);
  const num = shift >= 0 ? fx.num * 10 ** shift : fx.num;
  const den = shift >= 0 ? fx.den : fx.den * 10 ** -shift;
  return mulDivRound(minor, num, den);
}

export function moneyBag(
  minor: number,
  presentment: string,
  fx: FxRate,
  shopCurrency: string,
): MoneyBag {
  return {
    shopMoney: moneyV2(toShopMinor(minor, fx, presentment, shopCurrency), shopCurrency),
    presentmentMoney: moneyV2(minor, presentment),
  };
}
