/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (Excel otherwise reads it as the
 * system code page), comma separated, CRLF rows (RFC 4180), numbers written plainly
 * ("1234.5", never "1 234,50") so no locale can misread them.
 */
export const CSV_BOM = "\uFEFF";

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  // Cells that a spreadsheet would run as a formula are prefixed with ' (CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}

/**
 * Minor units as a plain number of major units (12345, 2 decimals → 123.45). Dividing an
 * integer by a power of ten gives the double nearest the decimal, which prints exactly.
 */
export function minorToNumber(amount: number, decimals: number): number {
  return decimals === 0 ? amount : amount / 10 ** decimals;
}
