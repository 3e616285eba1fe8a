/**
 * Money for the returns engine: integer minor units plus an ISO 4217 currency code.
 *
 * Every amount the app decides with (refunds, fees, store credit, thresholds) is an
 * integer count of the currency's minor unit (öre, cents, fils). Shopify's decimal
 * strings are converted at the edge with `parseDecimal`; display goes through
 * `formatMoney` (Intl.NumberFormat) and nothing else. Percentages may be fractional
 * (12.5 %), but every result is rounded to an integer with `roundHalfAwayFromZero`,
 * and the rounding is done on exact rationals (BigInt), so a product like
 * 1234 × 12.3 % is never decided by binary floating-point noise.
 */

export interface Money {
  /** Integer count of the currency's minor unit (may be negative for differences). */
  readonly amount: number;
  /** ISO 4217 code, upper case ("SEK", "EUR", "JPY"; Shopify also has "USDC"). */
  readonly currency: string;
}

/**
 * Minor-unit digits that differ from the default of 2 (ISO 4217). Unknown codes get 2:
 * that is right for almost every currency a Shopify store sells in. The gateway
 * (app/shopify/money.ts) uses this same table when it parses Shopify's decimal strings.
 */
// prettier-ignore
export const CURRENCY_MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  // zero-decimal currencies
  BIF: 0, BYR: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  // three-decimal currencies
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  // four-decimal units of account (not sold in, listed for completeness)
  CLF: 4, UYW: 4,
});

export const DEFAULT_MINOR_UNITS = 2;

/** ISO 4217 codes, plus Shopify's four-letter "USDC". */
const CURRENCY_CODE = /^[A-Z]{3,4}$/;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MoneyError";
  }
}

export class CurrencyMismatchError extends MoneyError {
  constructor(
    readonly left: string,
    readonly right: string,
  ) {
    super(`Cannot combine amounts in ${left} and ${right}.`);
    this.name = "CurrencyMismatchError";
  }
}

export function isCurrencyCode(code: string): boolean {
  return CURRENCY_CODE.test(code);
}

/** Number of decimal digits of the currency's minor unit (0, 2 or 3). */
export function minorUnitsOf(currency: string): number {
  assertCurrency(currency);
  return CURRENCY_MINOR_UNITS[currency] ?? DEFAULT_MINOR_UNITS;
}

function assertCurrency(currency: string): void {
  if (!isCurrencyCode(currency)) {
    throw new MoneyError(
      `"${currency}" is not an ISO 4217 currency code (three upper-case letters).`,
    );
  }
}

export function assertMinorUnits(amount: number, what = "amount"): void {
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError(`${what} must be an integer number of minor units, got ${amount}.`);
  }
}

/** Builds a Money, refusing fractional minor units and malformed currency codes. */
export function money(amount: number, currency: string): Money {
  assertCurrency(currency);
  assertMinorUnits(amount);
  // -0 would print as "-0,00 kr"; normalise it away.
  return { amount: amount === 0 ? 0 : amount, currency };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

/** Sum of amounts in one currency; an empty list is zero in `currency`. */
export function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((acc, m) => add(acc, m), zero(currency));
}

export function negate(a: Money): Money {
  return money(-a.amount, a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export function minMoney(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function maxMoney(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

export function isZero(a: Money): boolean {
  return a.amount === 0;
}

// ---------------------------------------------------------------------------
// Rounding on exact rationals

/** A finite decimal number as an exact fraction num/den (den a power of ten). */
interface Rational {
  num: bigint;
  den: bigint;
}

/**
 * Converts a JS number to the exact decimal it prints as. `12.3` becomes 123/10, not
 * the binary double 12.300000000000000710…; that is what a merchant meant by "12.3 %".
 */
function toRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new MoneyError(`Expected a finite number, got ${x}.`);
  const text = String(x);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!match) throw new MoneyError(`Cannot read ${text} as a decimal number.`);
  const [, sign, intPart, fracPart = "", expPart = "0"] = match;
  let digits = BigInt(intPart + fracPart);
  let scale = fracPart.length - Number(expPart);
  if (sign === "-") digits = -digits;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { num: digits, den: 10n ** BigInt(scale) };
}

/** round(num / den), half away from zero, on integers. den must be positive. */
function divRoundHalfAwayFromZero(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new MoneyError("Division by a non-positive number.");
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return negative ? -q : q;
}

function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new MoneyError(`Amount ${value} is too large to handle safely.`);
  return n === 0 ? 0 : n;
}

/**
 * Rounds to the nearest integer, halves away from zero (2.5 → 3, −2.5 → −3). Math.round
 * would give −2 for −2.5, which makes a refund and its reversal differ by one öre.
 * The input is read as the decimal it prints as, so 1.005 × 100 style noise is not
 * corrected here: compute ratios with `share`/`percentOf`, which never go through floats.
 */
export function roundHalfAwayFromZero(x: number): number {
  const r = toRational(x);
  return toSafeNumber(divRoundHalfAwayFromZero(r.num, r.den));
}

/**
 * Pro-rata share `round(total × q / n)` computed exactly in integers: the part of a
 * line's discount or tax (total, for n units) that belongs to q returned units.
 */
export function share(total: number, q: number, n: number): number {
  assertMinorUnits(total, "total");
  if (!Number.isSafeInteger(q) || q < 0)
    throw new MoneyError(`Quantity must be a non-negative integer, got ${q}.`);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new MoneyError(`Line quantity must be a positive integer, got ${n}.`);
  return toSafeNumber(divRoundHalfAwayFromZero(BigInt(total) * BigInt(q), BigInt(n)));
}

/** `round(amount × percent / 100)`; the percentage may be fractional (12.5). */
export function percentOf(amount: number, percent: number): number {
  assertMinorUnits(amount);
  const p = toRational(percent);
  return toSafeNumber(divRoundHalfAwayFromZero(BigInt(amount) * p.num, p.den * 100n));
}

// ---------------------------------------------------------------------------
// Edge conversion and display

/**
 * Reads a decimal string as Shopify sends it ("249.00", "1200.0", "-3.5") into minor
 * units of `currency`, without floating point. Extra digits beyond the currency's
 * precision are rounded half away from zero (Shopify does not send them for money).
 */
export function parseDecimal(value: string, currency: string): Money {
  const digits = minorUnitsOf(currency);
  const match = /^\s*([+-]?)(\d+)(?:\.(\d*))?\s*$/.exec(value);
  if (!match) throw new MoneyError(`"${value}" is not a decimal amount.`);
  const [, sign, intPart, fracPart = ""] = match;
  const num = BigInt(intPart + fracPart) * (sign === "-" ? -1n : 1n);
  const den = 10n ** BigInt(fracPart.length);
  const scaled = divRoundHalfAwayFromZero(num * 10n ** BigInt(digits), den);
  return money(toSafeNumber(scaled), currency);
}

/** The exact decimal string for MoneyInput.amount ("249.00", "1200", "1.005"). */
export function toDecimalString(m: Money): string {
  assertMinorUnits(m.amount);
  const digits = minorUnitsOf(m.currency);
  const negative = m.amount < 0;
  const abs = String(Math.abs(m.amount));
  if (digits === 0) return (negative ? "-" : "") + abs;
  const padded = abs.padStart(digits + 1, "0");
  const text = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return (negative ? "-" : "") + text;
}

/**
 * Display only. Uses the exact decimal string (Intl formats strings without going
 * through a double) and our minor-unit table, so ISK shows no decimals even where a
 * runtime's ICU data disagrees.
 */
export function formatMoney(m: Money, locale: string): string {
  const digits = minorUnitsOf(m.currency);
  const decimal = toDecimalString(m) as `${number}`;
  // Intl only knows three-letter codes; show "12.50 USDC" style for the rest.
  if (m.currency.length !== 3) return `${numberFormat(locale, m.currency, digits, false).format(decimal)} ${m.currency}`;
  return numberFormat(locale, m.currency, digits, true).format(decimal);
}

/** Building an Intl.NumberFormat costs ~50× formatting with one (the e-mail sender formats thousands in a run). */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, currency: string, digits: number, style: boolean): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits}|${style}`;
  let format = numberFormats.get(key);
  if (!format) {
    const options = { minimumFractionDigits: digits, maximumFractionDigits: digits };
    format = new Intl.NumberFormat(locale, style ? { style: "currency", currency, ...options } : options);
    if (numberFormats.size > 500) numberFormats.clear();
    numberFormats.set(key, format);
  }
  return format;
}
