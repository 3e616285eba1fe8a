/**
 * Shopper photos, checked by their bytes: the type comes from the file's signature (never
 * from a name or a declared type), the structure must parse to the end, and metadata that
 * can carry personal data (EXIF with GPS and camera serials, XMP, IPTC, PNG text chunks,
 * comments) is cut out without decoding or re-encoding the pixels.
 * Pure: bytes in, bytes out.
 */

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** Limits (README "Photos"): the portal shrinks photos in the browser; these hold for any client. */
export const MAX_PHOTOS_PER_RETURN = 3;
export const MAX_PHOTO_BYTES = 3 * 1024 * 1024;

export type PhotoProblem = "UNSUPPORTED_TYPE" | "TOO_LARGE" | "EMPTY" | "CORRUPT";

export type CleanPhoto = { ok: true; type: PhotoType; bytes: Uint8Array } | { ok: false; problem: PhotoProblem };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

/** The image type the bytes themselves declare, or null. */
export function sniffImageType(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && PNG_SIGNATURE.every((x, i) => b[i] === x)) return "image/png";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") return "image/webp";
  return null;
}

/** Checks type, size and structure, and returns the photo without its metadata. */
export function cleanPhoto(bytes: Uint8Array): CleanPhoto {
  if (bytes.length === 0) return { ok: false, problem: "EMPTY" };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, problem: "TOO_LARGE" };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, problem: "UNSUPPORTED_TYPE" };
  const out = type === "image/jpeg" ? stripJpeg(bytes) : type === "image/png" ? stripPng(bytes) : stripWebp(bytes);
  return out ? { ok: true, type, bytes: out } : { ok: false, problem: "CORRUPT" };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * JPEG: walk the marker segments up to the scan. Kept: APP0 (JFIF), APP2 only when it is an
 * ICC profile (colours), APP14 "Adobe" (needed to decode CMYK); dropped: every other APPn
 * (EXIF/XMP in APP1, IPTC in APP13, maker notes) and comments. The scan data is copied as is.
 */
function stripJpeg(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (length < 2 || at + 2 + length > b.length) return null;
    const segment = b.subarray(at, at + 2 + length);
    if (marker === 0xda) {
      // Start of scan: the rest is entropy-coded data and the end marker.
      const tail = b.subarray(at);
      if (!(b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9)) return null;
      parts.push(tail);
      return concat(parts);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep =
      marker === 0xfe
        ? false
        : !isApp || marker === 0xe0 || (marker === 0xe2 && ascii(b, at + 4, 11) === "ICC_PROFILE") || (marker === 0xee && ascii(b, at + 4, 5) === "Adobe");
    if (keep) parts.push(segment);
    at += 2 + length;
  }
  return null;
}

const PNG_DROPPED = new Set(["tEXt", "zTXt", "iTXt", "eXIf", "tIME"]);

/** PNG: copy chunks from IHDR to IEND, leaving out text, EXIF and time chunks. */
function stripPng(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  let first = true;
  while (at + 12 <= b.length) {
    const length = view.getUint32(at);
    const type = ascii(b, at + 4, 4);
    if (at + 12 + length > b.length) return null;
    if (first && type !== "IHDR") return null;
    first = false;
    if (!PNG_DROPPED.has(type)) parts.push(b.subarray(at, at + 12 + length));
    at += 12 + length;
    if (type === "IEND") return concat(parts);
  }
  return null;
}

/** WebP: drop the EXIF and XMP chunks, clear their flags in VP8X, fix the RIFF size. */
function stripWebp(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > b.length || riffEnd < 20) return null;
  const parts: Uint8Array[] = [];
  let at = 12;
  let image = false;
  while (at + 8 <= riffEnd) {
    const fourcc = ascii(b, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (end > riffEnd) return null;
    if (fourcc === "VP8 " || fourcc === "VP8L" || fourcc === "ANMF") image = true;
    if (fourcc === "VP8X") {
      const chunk = b.slice(at, end);
      chunk[8] = chunk[8]! & ~0x0c; // EXIF (0x08) and XMP (0x04) flags
      parts.push(chunk);
    } else if (fourcc !== "EXIF" && fourcc !== "XMP ") {
      parts.push(b.subarray(at, end));
    }
    at = end;
  }
  if (!image || at !== riffEnd) return null;
  const body = concat(parts);
  const header = new Uint8Array(12);
  header.set(b.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** Lines whose reason needs a photo but came without one. */
export function linesMissingPhotos<L extends { reasonHandle?: string | null; photoCount: number }>(
  photoRequiredReasonHandles: readonly string[],
  lines: readonly L[],
): L[] {
  const required = new Set(photoRequiredReasonHandles);
  return lines.filter((l) => l.reasonHandle != null && required.has(l.reasonHandle) && l.photoCount === 0);
}
