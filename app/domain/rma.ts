/**
 * RMA numbers: the short reference printed on the return slip, in the QR code and in
 * every email ("R-1042"). Built from a per-shop prefix and the shop's return sequence
 * (allocated by the database; this module only formats and reads them).
 *
 * Reading is forgiving because shoppers type these by hand: case, surrounding spaces,
 * a leading "#", a missing or different dash, and leading zeros are all accepted.
 * Formatting is strict and canonical, so one return has exactly one spelling.
 */
import { z } from "zod";

/** 1–6 characters, a letter first, letters and digits only (fits on a label, no ambiguity with the dash). */
export const RmaPrefixSchema = z
  .string({ invalid_type_error: "Enter a prefix." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{0,5}$/, {
    message: "Use 1 to 6 letters or digits, starting with a letter (for example R or RET).",
  });

export const DEFAULT_RMA_PREFIX = "R";
/** Sequences are zero-padded to at least this many digits ("R-0007"). */
export const DEFAULT_RMA_MIN_DIGITS = 4;

export class RmaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RmaError";
  }
}

export function formatRma(
  prefix: string,
  sequence: number,
  minDigits = DEFAULT_RMA_MIN_DIGITS,
): string {
  const parsed = RmaPrefixSchema.safeParse(prefix);
  if (!parsed.success)
    throw new RmaError(`Invalid RMA prefix "${prefix}": ${parsed.error.issues[0]?.message}`);
  if (!Number.isSafeInteger(sequence) || sequence <= 0) {
    throw new RmaError(`RMA sequence must be a positive whole number, got ${sequence}.`);
  }
  if (!Number.isInteger(minDigits) || minDigits < 1 || minDigits > 12) {
    throw new RmaError(`minDigits must be between 1 and 12, got ${minDigits}.`);
  }
  return `${parsed.data}-${String(sequence).padStart(minDigits, "0")}`;
}

export interface ParsedRma {
  prefix: string;
  sequence: number;
  /** Canonical spelling (formatRma with the default padding). */
  canonical: string;
}

/**
 * Reads what a shopper typed. With `expectedPrefix`, only that shop's numbers are
 * accepted (a number from another shop or a typo in the prefix gives null).
 */
export function parseRma(input: string, expectedPrefix?: string): ParsedRma | null {
  const text = input.trim().replace(/^#\s*/, "");
  let prefix: string;
  let digits: string;
  if (expectedPrefix !== undefined) {
    // Knowing the prefix resolves "RET21042" (RET2-1042 vs RET-21042) the shop's way.
    const expected = RmaPrefixSchema.safeParse(expectedPrefix);
    if (!expected.success) return null;
    const match = new RegExp(`^${expected.data}\\s*[-–_ ]?\\s*(\\d{1,15})$`, "i").exec(text);
    if (!match) return null;
    prefix = expected.data;
    digits = match[1];
  } else {
    const match = /^([A-Za-z][A-Za-z0-9]{0,5}?)\s*[-–_ ]?\s*(\d{1,15})$/.exec(text);
    if (!match) return null;
    prefix = match[1].toUpperCase();
    digits = match[2];
  }
  const sequence = Number(digits);
  if (!Number.isSafeInteger(sequence) || sequence <= 0) return null;
  return { prefix, sequence, canonical: formatRma(prefix, sequence) };
}

export function isValidRma(input: string, expectedPrefix?: string): boolean {
  return parseRma(input, expectedPrefix) !== null;
}
