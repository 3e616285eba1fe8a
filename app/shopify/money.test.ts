/**
 * Decimal strings ⇄ integer minor units: exact per currency, strict about anything that
 * would need rounding or is not a number, and lossless in both directions.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MoneyError,
  fromMinorUnits,
  fromShopifyMoney,
  minorUnitDigits,
  toMinorUnits,
  toShopifyMoney,
} from "./money";

function moneyErrorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MoneyError) return error.code;
    throw error;
  }
  return undefined;
}

describe("minor-unit table (ISO 4217)", () => {
  it.each([
    ["SEK", 2],
    ["EUR", 2],
    ["USD", 2],
    ["DKK", 2],
    ["NOK", 2],
    ["USDC", 2],
    ["XXX", 2],
    ["JPY", 0],
    ["ISK", 0],
    ["KRW", 0],
    ["CLP", 0],
    ["VND", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["JOD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["IQD", 3],
    ["LYD", 3],
  ])("GIVEN %s THEN it has %i decimals", (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
  });

  it.each(["sek", "SE", "", "SEK ", "12$"])(
    "GIVEN the malformed code %j THEN INVALID_CURRENCY",
    (currency) => {
      expect(moneyErrorCode(() => minorUnitDigits(currency))).toBe("INVALID_CURRENCY");
    },
  );
});

describe("toMinorUnits", () => {
  it.each([
    ["12.50", "SEK", 1250],
    ["12.5", "SEK", 1250],
    ["12.500", "SEK", 1250], // Shopify may pad: only non-zero excess digits are a problem
    ["12", "SEK", 1200],
    ["0.01", "EUR", 1],
    ["0", "EUR", 0],
    ["-5.25", "EUR", -525],
    ["-0.00", "EUR", 0],
    ["1000", "JPY", 1000],
    ["1000.0", "JPY", 1000], // Shopify's Decimal for a yen amount
    ["1.234", "KWD", 1234],
    ["0.5", "KWD", 500],
    ["90071992547409.91", "USD", Number.MAX_SAFE_INTEGER],
  ])("GIVEN %j %s THEN %i minor units", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it("GIVEN a negative zero WHEN converted THEN it is a plain 0", () => {
    expect(Object.is(toMinorUnits("-0.00", "SEK"), 0)).toBe(true);
  });

  it.each([
    ["abc", "SEK", "INVALID_AMOUNT"],
    ["", "SEK", "INVALID_AMOUNT"],
    ["12,50", "SEK", "INVALID_AMOUNT"],
    [" 12.50", "SEK", "INVALID_AMOUNT"],
    ["12.", "SEK", "INVALID_AMOUNT"],
    [".5", "SEK", "INVALID_AMOUNT"],
    ["+1", "SEK", "INVALID_AMOUNT"],
    ["1e3", "SEK", "INVALID_AMOUNT"],
    ["NaN", "SEK", "INVALID_AMOUNT"],
    ["Infinity", "SEK", "INVALID_AMOUNT"],
    ["12.505", "SEK", "TOO_PRECISE"],
    ["0.001", "EUR", "TOO_PRECISE"],
    ["100.5", "JPY", "TOO_PRECISE"],
    ["1.2345", "KWD", "TOO_PRECISE"],
    ["90071992547409.92", "USD", "OUT_OF_RANGE"],
    ["12.50", "sek", "INVALID_CURRENCY"],
  ])("GIVEN %j %s THEN it throws %s", (amount, currency, code) => {
    expect(moneyErrorCode(() => toMinorUnits(amount, currency))).toBe(code);
  });

  it("GIVEN a non-string at run time (untyped JSON) THEN INVALID_AMOUNT rather than a float conversion", () => {
    expect(moneyErrorCode(() => toMinorUnits(12.5 as unknown as string, "SEK"))).toBe(
      "INVALID_AMOUNT",
    );
  });
});

describe("fromMinorUnits", () => {
  it.each([
    [1250, "SEK", "12.50"],
    [5, "SEK", "0.05"],
    [0, "SEK", "0.00"],
    [-525, "EUR", "-5.25"],
    [-5, "EUR", "-0.05"],
    [1000, "JPY", "1000"],
    [-7, "JPY", "-7"],
    [1234, "KWD", "1.234"],
    [-5, "KWD", "-0.005"],
    [Number.MAX_SAFE_INTEGER, "USD", "90071992547409.91"],
  ])("GIVEN %i %s THEN %j", (minor, currency, amount) => {
    expect(fromMinorUnits(minor, currency)).toBe(amount);
  });

  it.each([
    [12.5, "INVALID_AMOUNT"],
    [Number.NaN, "INVALID_AMOUNT"],
    [Number.POSITIVE_INFINITY, "INVALID_AMOUNT"],
    [2 ** 53, "OUT_OF_RANGE"],
  ])("GIVEN %d THEN it throws %s", (minor, code) => {
    expect(moneyErrorCode(() => fromMinorUnits(minor, "SEK"))).toBe(code);
  });
});

describe("round trips (property-based)", () => {
  const currency = fc.constantFrom(
    "SEK",
    "EUR",
    "USD",
    "JPY",
    "ISK",
    "KRW",
    "KWD",
    "BHD",
    "TND",
    "CLF",
  );
  const minor = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });

  it("GIVEN any safe integer of minor units WHEN formatted and parsed back THEN the same integer", () => {
    fc.assert(
      fc.property(minor, currency, (m, c) => {
        expect(toMinorUnits(fromMinorUnits(m, c), c)).toBe(m === 0 ? 0 : m);
      }),
    );
  });

  it("GIVEN any canonical decimal string WHEN parsed and formatted back THEN the same string", () => {
    const canonical = fc
      .tuple(currency, fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 11n }), fc.nat())
      .map(([c, negative, whole, fractionSeed]) => {
        const digits = minorUnitDigits(c);
        const fraction = String(fractionSeed % 10 ** digits).padStart(digits, "0");
        const amount = digits === 0 ? `${whole}` : `${whole}.${fraction}`;
        const isZero = /^[0.]+$/.test(amount);
        return { c, amount: negative && !isZero ? `-${amount}` : amount };
      });
    fc.assert(
      fc.property(canonical, ({ c, amount }) => {
        expect(fromMinorUnits(toMinorUnits(amount, c), c)).toBe(amount);
      }),
    );
  });

  it("GIVEN any amount with a non-zero digit beyond the minor unit WHEN parsed THEN TOO_PRECISE, never a rounded value", () => {
    fc.assert(
      fc.property(
        currency,
        fc.nat({ max: 10 ** 6 }),
        fc.integer({ min: 1, max: 9 }),
        (c, whole, extra) => {
          const digits = minorUnitDigits(c);
          const amount = `${whole}.${"0".repeat(digits)}${extra}`;
          expect(moneyErrorCode(() => toMinorUnits(amount, c))).toBe("TOO_PRECISE");
        },
      ),
    );
  });
});

describe("Shopify MoneyV2 helpers", () => {
  it("GIVEN a MoneyV2 WHEN converted both ways THEN amounts survive exactly", () => {
    const money = fromShopifyMoney({ amount: "199.90", currencyCode: "DKK" });
    expect(money).toEqual({ amountMinor: 19990, currencyCode: "DKK" });
    expect(toShopifyMoney(money)).toEqual({ amount: "199.90", currencyCode: "DKK" });
  });
});
