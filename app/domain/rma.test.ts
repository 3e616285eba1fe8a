import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRma, isValidRma, parseRma, RmaError, RmaPrefixSchema } from "./rma";

describe("formatRma", () => {
  it.each([
    { prefix: "R", sequence: 1042, minDigits: undefined, expected: "R-1042" },
    { prefix: "R", sequence: 7, minDigits: undefined, expected: "R-0007" },
    { prefix: "ret", sequence: 7, minDigits: 2, expected: "RET-07" },
    { prefix: "NS2", sequence: 123456, minDigits: undefined, expected: "NS2-123456" },
    { prefix: " r ", sequence: 1, minDigits: 1, expected: "R-1" },
  ])(
    "GIVEN prefix $prefix and sequence $sequence WHEN formatted THEN $expected",
    ({ prefix, sequence, minDigits, expected }) => {
      expect(formatRma(prefix, sequence, minDigits)).toBe(expected);
    },
  );

  it.each([
    { prefix: "", sequence: 1 },
    { prefix: "1R", sequence: 1 },
    { prefix: "R-X", sequence: 1 },
    { prefix: "TOOLONG", sequence: 1 },
    { prefix: "R", sequence: 0 },
    { prefix: "R", sequence: -3 },
    { prefix: "R", sequence: 1.5 },
  ])(
    "GIVEN prefix $prefix and sequence $sequence WHEN formatted THEN it throws",
    ({ prefix, sequence }) => {
      expect(() => formatRma(prefix, sequence)).toThrow(RmaError);
    },
  );
});

describe("parseRma", () => {
  it.each([
    { input: "R-1042", expected: { prefix: "R", sequence: 1042, canonical: "R-1042" } },
    { input: "r-1042", expected: { prefix: "R", sequence: 1042, canonical: "R-1042" } },
    { input: "  #R-1042 ", expected: { prefix: "R", sequence: 1042, canonical: "R-1042" } },
    { input: "R1042", expected: { prefix: "R", sequence: 1042, canonical: "R-1042" } },
    { input: "R 1042", expected: { prefix: "R", sequence: 1042, canonical: "R-1042" } },
    { input: "R–0007", expected: { prefix: "R", sequence: 7, canonical: "R-0007" } },
    { input: "RET2-15", expected: { prefix: "RET2", sequence: 15, canonical: "RET2-0015" } },
    { input: "R-0", expected: null },
    { input: "R-", expected: null },
    { input: "1042", expected: null },
    { input: "R-10a2", expected: null },
    { input: "", expected: null },
  ])("GIVEN $input WHEN parsed THEN $expected", ({ input, expected }) => {
    expect(parseRma(input)).toEqual(expected);
  });

  it.each([
    { input: "RET21042", prefix: "RET", expected: 21042 },
    { input: "RET21042", prefix: "RET2", expected: 1042 },
    { input: "R-1042", prefix: "RET", expected: null },
    { input: "X-1042", prefix: "R", expected: null },
    { input: "R-1042", prefix: "bad prefix", expected: null },
  ])(
    "GIVEN $input and the shop prefix $prefix WHEN parsed THEN the sequence is $expected",
    ({ input, prefix, expected }) => {
      expect(parseRma(input, prefix)?.sequence ?? null).toBe(expected);
      expect(isValidRma(input, prefix)).toBe(expected !== null);
    },
  );

  it("GIVEN any valid prefix and sequence WHEN formatted and parsed back THEN the same return is found", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Z0-9]{0,5}$/),
        fc.integer({ min: 1, max: 10 ** 12 }),
        (prefix, sequence) => {
          const text = formatRma(prefix, sequence);
          expect(parseRma(text, prefix)).toEqual({ prefix, sequence, canonical: text });
          expect(parseRma(text.toLowerCase(), prefix)?.sequence).toBe(sequence);
        },
      ),
    );
  });

  it("GIVEN a lower-case prefix in the settings form WHEN validated THEN it is stored upper case", () => {
    expect(RmaPrefixSchema.parse(" ret ")).toBe("RET");
    expect(RmaPrefixSchema.safeParse("R-1").success).toBe(false);
  });
});
