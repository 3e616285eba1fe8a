/**
 * Money at the Shopify edge: the Admin API sends and takes amounts as decimal strings
 * ("12.50", "1000.0"); the app computes in integer minor units of the currency (öre, cents,
 * yen). This module converts between the two exactly, with string arithmetic only: a float
 * never touches an amount, so 0.1 + 0.2 problems cannot arise.
 *
 * Parsing is strict about meaning, lenient about spelling: "12.5", "12.50" and "12.500" are
 * all 1250 öre (Shopify's Decimal often comes as "10.0", even for JPY), but "12.505" SEK is
 * rejected, because rounding money silently is a bug. Pure: safe for the domain and UI.
 */
import { CURRENCY_MINOR_UNITS } from "~/domain/money";

export type MoneyErrorCode = "INVALID_AMOUNT" | "TOO_PRECISE" | "OUT_OF_RANGE" | "INVALID_CURRENCY";

export class MoneyError extends Error {
  readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = "MoneyError";
    this.code = code;
  }
}

// The one table of ISO 4217 minor-unit exponents that differ from 2 lives in the domain
// (covers every code of Shopify's CurrencyCode enum, incl. USDC shown with 2 decimals).
const MINOR_UNIT_EXCEPTIONS = CURRENCY_MINOR_UNITS;

const CURRENCY_CODE = /^[A-Z]{3,4}$/; // ISO codes, plus Shopify's "USDC"
const AMOUNT = /^(-?)(\d+)(?:\.(\d+))?$/;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Number of decimal places of the currency's minor unit: JPY 0, SEK 2, KWD 3. */
export function minorUnitDigits(currencyCode: string): number {
  if (!CURRENCY_CODE.test(currencyCode)) {
    throw new MoneyError("INVALID_CURRENCY", `Not a currency code: "${currencyCode}".`);
  }
  return MINOR_UNIT_EXCEPTIONS[currencyCode] ?? 2;
}

/** "12.50" SEK → 1250. Throws `MoneyError` for anything that is not exactly representable. */
export function toMinorUnits(amount: string, currencyCode: string): number {
  const digits = minorUnitDigits(currencyCode);
  const match = typeof amount === "string" && amount.length <= 64 ? AMOUNT.exec(amount) : null;
  if (!match) {
    throw new MoneyError(
      "INVALID_AMOUNT",
      `Not a decimal amount: "${String(amount).slice(0, 64)}" (expected e.g. "12.50").`,
    );
  }
  const [, sign, whole, fraction = ""] = match;
  if (/[^0]/.test(fraction.slice(digits))) {
    throw new MoneyError(
      "TOO_PRECISE",
      `${amount} ${currencyCode} has more than ${digits} decimal place${digits === 1 ? "" : "s"}.`,
    );
  }
  const minor = BigInt(whole + fraction.slice(0, digits).padEnd(digits, "0"));
  if (minor > MAX_SAFE) {
    throw new MoneyError("OUT_OF_RANGE", `${amount} ${currencyCode} is too large.`);
  }
  // Number() of a digit string up to 2^53 is exact; the sign is applied after, so "-0.00" is 0.
  const value = Number(minor);
  return sign === "-" && value !== 0 ? -value : value;
}

/** 1250 SEK → "12.50"; 1000 JPY → "1000"; −5 KWD → "-0.005". Always with all minor digits. */
export function fromMinorUnits(minor: number, currencyCode: string): string {
  const digits = minorUnitDigits(currencyCode);
  if (!Number.isSafeInteger(minor)) {
    throw new MoneyError(
      Number.isInteger(minor) ? "OUT_OF_RANGE" : "INVALID_AMOUNT",
      `Not a whole number of minor units: ${minor} ${currencyCode}.`,
    );
  }
  // For safe integers String() is plain digits (exponent notation starts at 1e21).
  const absolute = String(Math.abs(minor)).padStart(digits + 1, "0");
  const sign = minor < 0 ? "-" : "";
  if (digits === 0) return sign + absolute;
  return `${sign}${absolute.slice(0, -digits)}.${absolute.slice(-digits)}`;
}

/** Shopify's `MoneyV2` (and the amount/currency pair of `MoneyInput`). */
export interface DecimalMoney {
  amount: string;
  currencyCode: string;
}

/** An amount the app computes with: integer minor units plus the currency. */
export interface MinorMoney {
  amountMinor: number;
  currencyCode: string;
}

/** `{ amount: "12.50", currencyCode: "SEK" }` → `{ amountMinor: 1250, currencyCode: "SEK" }`. */
export function fromShopifyMoney(money: DecimalMoney): MinorMoney {
  return {
    amountMinor: toMinorUnits(money.amount, money.currencyCode),
    currencyCode: money.currencyCode,
  };
}

/** The reverse, shaped for `MoneyInput` variables. */
export function toShopifyMoney(money: MinorMoney): DecimalMoney {
  return {
    amount: fromMinorUnits(money.amountMinor, money.currencyCode),
    currencyCode: money.currencyCode,
  };
}
