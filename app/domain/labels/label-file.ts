/**
 * A prepaid carrier label the merchant uploads: a PDF, recognised by its bytes (the
 * `%PDF-` signature and an end-of-file marker), never by its name or declared type, and
 * size-limited. Pure: the page count and encryption are checked where the PDF is parsed
 * (app/services/labels/return-labels.server.ts).
 */

/** Carrier labels are a page or two (typically 20–300 KB); 2 MB leaves room for scans. */
export const MAX_LABEL_BYTES = 2 * 1024 * 1024;
/** The slip appends the label's pages; a label is 1–4 pages (A4/A6 label, customs form). */
export const MAX_LABEL_PAGES = 4;

export type LabelProblem = "EMPTY" | "TOO_LARGE" | "NOT_PDF" | "UNREADABLE" | "TOO_MANY_PAGES" | "ENCRYPTED";

const SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const EOF_MARKER = "%%EOF";

/** The bytes start with `%PDF-` and carry `%%EOF` in their last kilobyte (what readers need to find the trailer). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || !SIGNATURE.every((b, i) => bytes[i] === b)) return false;
  const tail = String.fromCharCode(...bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes(EOF_MARKER);
}

/** Size and signature, before anything parses the file. */
export function checkLabelFile(bytes: Uint8Array): { ok: true } | { ok: false; problem: LabelProblem } {
  if (bytes.length === 0) return { ok: false, problem: "EMPTY" };
  if (bytes.length > MAX_LABEL_BYTES) return { ok: false, problem: "TOO_LARGE" };
  if (!looksLikePdf(bytes)) return { ok: false, problem: "NOT_PDF" };
  return { ok: true };
}

/** A safe name for the upload: letters, digits, dot, dash, underscore; always ending in .pdf. */
export function labelFilename(given: string | null | undefined, rmaNumber: string): string {
  const base = (given ?? "")
    .replace(/\.pdf$/i, "")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
  return `${base || `label-${rmaNumber}`}.pdf`;
}
