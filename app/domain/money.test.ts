import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minorUnitDigits } from "~/shopify/money";
import {
  add,
  CURRENCY_MINOR_UNITS,
  CurrencyMismatchError,
  formatMoney,
  minorUnitsOf,
  money,
  MoneyError,
  parseDecimal,
  percentOf,
  roundHalfAwayFromZero,
  share,
  subtract,
  sum,
  toDecimalString,
} from "./money";

describe("minorUnitsOf", () => {
  it.each([
    ["SEK", 2],
    ["EUR", 2],
    ["DKK", 2],
    ["NOK", 2],
    ["JPY", 0],
    ["ISK", 0],
    ["KRW", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["JOD", 3],
    ["OMR", 3],
    ["TND", 3],
    ["XYZ", 2],
    ["USDC", 2],
    ["CLP", 0],
    ["VUV", 0],
  ])("GIVEN currency %s WHEN asked for minor units THEN it is %i", (currency, digits) => {
    expect(minorUnitsOf(currency)).toBe(digits);
  });

  it.each(["sek", "SE", "SEKKK", "S3K", ""])(
    "GIVEN malformed code %j WHEN asked THEN it throws",
    (code) => {
      expect(() => minorUnitsOf(code)).toThrow(MoneyError);
    },
  );
});

describe("minor-unit table consistency", () => {
  it("GIVEN the gateway's own minor-unit table WHEN compared with the domain's THEN they agree on every listed code", () => {
    const codes = [
      ...Object.keys(CURRENCY_MINOR_UNITS),
      "SEK",
      "DKK",
      "NOK",
      "EUR",
      "USD",
      "GBP",
      "USDC",
    ];
    for (const code of codes) expect(minorUnitsOf(code), code).toBe(minorUnitDigits(code));
  });
});

describe("roundHalfAwayFromZero", () => {
  it.each([
    [2.5, 3],
    [-2.5, -3],
    [0.5, 1],
    [-0.5, -1],
    [1.4999, 1],
    [-1.4999, -1],
    [1.5, 2],
    [-1.5, -2],
    [0, 0],
    [7, 7],
    [-7, -7],
    [123456.5, 123457],
  ])("GIVEN %d WHEN rounded THEN %d", (x, expected) => {
    expect(roundHalfAwayFromZero(x)).toBe(expected);
  });

  it("GIVEN -0.4 WHEN rounded THEN it is plain 0, not -0", () => {
    expect(Object.is(roundHalfAwayFromZero(-0.4), 0)).toBe(true);
  });
});

describe("share (pro rata round(total × q / n))", () => {
  it.each([
    { total: 1000, q: 1, n: 3, expected: 333 },
    { total: 1000, q: 2, n: 3, expected: 667 },
    { total: 5, q: 1, n: 2, expected: 3 },
    { total: -5, q: 1, n: 2, expected: -3 },
    { total: 1, q: 1, n: 2, expected: 1 },
    { total: 999, q: 3, n: 3, expected: 999 },
    { total: 100, q: 0, n: 3, expected: 0 },
    { total: 0, q: 1, n: 1, expected: 0 },
    { total: 2001, q: 1, n: 4, expected: 500 },
    { total: 2002, q: 1, n: 4, expected: 501 },
  ])(
    "GIVEN total $total for $n units WHEN $q are returned THEN the share is $expected",
    ({ total, q, n, expected }) => {
      expect(share(total, q, n)).toBe(expected);
    },
  );

  it.each([
    { total: 10.5, q: 1, n: 2 },
    { total: 10, q: -1, n: 2 },
    { total: 10, q: 1, n: 0 },
    { total: 10, q: 1.5, n: 2 },
  ])("GIVEN invalid input $total,$q,$n WHEN shared THEN it throws", ({ total, q, n }) => {
    expect(() => share(total, q, n)).toThrow(MoneyError);
  });

  it("GIVEN any total and quantities WHEN shared THEN the result is within half a unit of the exact ratio", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        (total, n, qRaw) => {
          const q = qRaw % (n + 1);
          const s = share(total, q, n);
          expect(Number.isInteger(s)).toBe(true);
          expect(Math.abs(s * n - total * q)).toBeLessThanOrEqual(n / 2);
        },
      ),
    );
  });

  it("GIVEN any total WHEN all units or none are returned THEN the share is the total or 0, and negating the total negates the share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (total, n, q) => {
          expect(share(total, n, n)).toBe(total);
          expect(share(total, 0, n)).toBe(0);
          const qq = q % (n + 1);
          expect(share(-total, qq, n)).toBe(-share(total, qq, n) || 0);
        },
      ),
    );
  });
});

describe("percentOf (round(amount × pct / 100))", () => {
  it.each([
    { amount: 1000, pct: 12.5, expected: 125 },
    { amount: 1234, pct: 12.3, expected: 152 },
    { amount: 1005, pct: 10, expected: 101 },
    { amount: -1005, pct: 10, expected: -101 },
    // Exact halves that binary floating point gets wrong (Math.round(250*64.6/100) is 161).
    { amount: 250, pct: 64.6, expected: 162 },
    { amount: 375, pct: 9.2, expected: 35 },
    { amount: 99_999, pct: 0, expected: 0 },
    { amount: 99_999, pct: 100, expected: 99_999 },
    { amount: 1, pct: 50, expected: 1 },
    { amount: 1, pct: 49.99, expected: 0 },
  ])("GIVEN $amount WHEN taking $pct % THEN it is $expected", ({ amount, pct, expected }) => {
    expect(percentOf(amount, pct)).toBe(expected);
  });

  it("GIVEN any amount WHEN taking 100 % or 0 % THEN it is the amount or 0", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (a) => {
        expect(percentOf(a, 100)).toBe(a);
        expect(percentOf(a, 0)).toBe(0);
      }),
    );
  });
});

describe("parseDecimal / toDecimalString (the gateway edge)", () => {
  it.each([
    { text: "249.00", currency: "SEK", amount: 24_900 },
    { text: "249", currency: "SEK", amount: 24_900 },
    { text: "0.05", currency: "EUR", amount: 5 },
    { text: "-3.5", currency: "EUR", amount: -350 },
    { text: " 7.1 ", currency: "NOK", amount: 710 },
    { text: "1200.0", currency: "JPY", amount: 1200 },
    { text: "1200", currency: "ISK", amount: 1200 },
    { text: "1.005", currency: "KWD", amount: 1005 },
    { text: "0.005", currency: "EUR", amount: 1 },
    { text: "-0.005", currency: "EUR", amount: -1 },
    { text: "0.004", currency: "EUR", amount: 0 },
  ])(
    "GIVEN $text $currency WHEN parsed THEN it is $amount minor units",
    ({ text, currency, amount }) => {
      expect(parseDecimal(text, currency)).toEqual({ amount, currency });
    },
  );

  it.each(["abc", "1,00", "", "1.2.3", "--1"])("GIVEN %j WHEN parsed THEN it throws", (text) => {
    expect(() => parseDecimal(text, "SEK")).toThrow(MoneyError);
  });

  it.each([
    { amount: 24_900, currency: "SEK", text: "249.00" },
    { amount: 5, currency: "EUR", text: "0.05" },
    { amount: -5, currency: "EUR", text: "-0.05" },
    { amount: 1200, currency: "JPY", text: "1200" },
    { amount: 1005, currency: "KWD", text: "1.005" },
    { amount: 0, currency: "ISK", text: "0" },
    { amount: 0, currency: "SEK", text: "0.00" },
  ])(
    "GIVEN $amount $currency WHEN written as decimal THEN it is $text",
    ({ amount, currency, text }) => {
      expect(toDecimalString({ amount, currency })).toBe(text);
    },
  );

  it("GIVEN any amount in any precision WHEN written and read back THEN it is unchanged", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.constantFrom("SEK", "JPY", "KWD"),
        (amount, currency) => {
          expect(parseDecimal(toDecimalString({ amount, currency }), currency).amount).toBe(amount);
        },
      ),
    );
  });
});

describe("arithmetic with currency checks", () => {
  it("GIVEN two SEK amounts WHEN added and subtracted THEN the result stays in SEK", () => {
    expect(add(money(100, "SEK"), money(250, "SEK"))).toEqual({ amount: 350, currency: "SEK" });
    expect(subtract(money(100, "SEK"), money(250, "SEK"))).toEqual({
      amount: -150,
      currency: "SEK",
    });
    expect(sum([money(1, "SEK"), money(2, "SEK")], "SEK")).toEqual({ amount: 3, currency: "SEK" });
    expect(sum([], "EUR")).toEqual({ amount: 0, currency: "EUR" });
  });

  it.each([
    ["add", () => add(money(1, "SEK"), money(1, "EUR"))],
    ["subtract", () => subtract(money(1, "SEK"), money(1, "NOK"))],
    ["sum", () => sum([money(1, "DKK")], "SEK")],
  ])("GIVEN different currencies WHEN %s THEN it throws a CurrencyMismatchError", (_name, op) => {
    expect(op).toThrow(CurrencyMismatchError);
  });

  it.each([1.5, Number.NaN, Infinity, 2 ** 60])(
    "GIVEN %d WHEN used as minor units THEN it is refused",
    (amount) => {
      expect(() => money(amount, "SEK")).toThrow(MoneyError);
    },
  );
});

describe("formatMoney (display only)", () => {
  const normalise = (s: string) => s.replace(/\s/g, " ");
  it.each([
    { m: { amount: 123_450, currency: "SEK" }, locale: "sv-SE", expected: "1 234,50 kr" },
    { m: { amount: 123_450, currency: "EUR" }, locale: "de-DE", expected: "1.234,50 €" },
    { m: { amount: 1234, currency: "ISK" }, locale: "en-US", expected: "ISK 1,234" },
    { m: { amount: 1005, currency: "KWD" }, locale: "en-US", expected: "KWD 1.005" },
    { m: { amount: -5, currency: "EUR" }, locale: "en-US", expected: "-€0.05" },
    { m: { amount: 1250, currency: "USDC" }, locale: "en-US", expected: "12.50 USDC" },
  ])(
    "GIVEN $m.amount $m.currency WHEN formatted for $locale THEN it reads $expected",
    ({ m, locale, expected }) => {
      expect(normalise(formatMoney(m, locale))).toBe(expected);
    },
  );
});
