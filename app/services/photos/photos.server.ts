/**
 * Shopper photos: decoded and cleaned before a return is saved, stored in the database with
 * the return (README "Photos": why not a folder or Shopify Files), and served to the shop's
 * staff only through short-lived signed links the authenticated return page hands out.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "~/db.server";
import { cleanPhoto, type PhotoProblem, type PhotoType } from "~/domain";
import { ReturnsError } from "../context.server";

export interface CleanedPhoto {
  type: PhotoType;
  bytes: Uint8Array;
}

const DATA_URL = /^data:[^,;]{0,100}(;[^,;]{0,100})*;base64,/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 (optionally a data: URL; its declared type is ignored) to bytes, or null. */
export function decodePhotoData(value: string): Uint8Array | null {
  const body = value.replace(DATA_URL, "").replace(/\s+/g, "");
  if (!BASE64.test(body) || body.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(body, "base64"));
}

/** Every line's photos checked by content and stripped of metadata; the first bad one refuses the filing (422). */
export function cleanLinePhotos<L extends { fulfillmentLineItemId: string; photos?: string[] }>(lines: L[]): Map<string, CleanedPhoto[]> {
  const out = new Map<string, CleanedPhoto[]>();
  lines.forEach((line) => {
    const cleaned = (line.photos ?? []).map((data, index) => {
      const bytes = decodePhotoData(data);
      const result = bytes ? cleanPhoto(bytes) : ({ ok: false, problem: "CORRUPT" } as const);
      if (!result.ok) throw photoError(result.problem, line.fulfillmentLineItemId, index);
      return { type: result.type, bytes: result.bytes };
    });
    if (cleaned.length) out.set(line.fulfillmentLineItemId, [...(out.get(line.fulfillmentLineItemId) ?? []), ...cleaned]);
  });
  return out;
}

function photoError(problem: PhotoProblem, fulfillmentLineItemId: string, index: number) {
  return new ReturnsError("INVALID_INPUT", `photo.${problem}`, { code: "PHOTO_INVALID", problem, fulfillmentLineItemId, index });
}

type Tx = Pick<Db, "returnPhoto">;

/** Stores the photos of a just-created return, in the transaction that creates it. */
export async function savePhotos(
  tx: Tx,
  ret: { id: string; shopId: string; lines: { id: string; fulfillmentLineItemId: string }[] },
  photos: Map<string, CleanedPhoto[]>,
) {
  const rows = ret.lines.flatMap((line) =>
    (photos.get(line.fulfillmentLineItemId) ?? []).map((p) => ({
      shopId: ret.shopId,
      returnRequestId: ret.id,
      returnLineId: line.id,
      contentType: p.type,
      size: p.bytes.length,
      sha256: createHash("sha256").update(p.bytes).digest("hex"),
      data: Buffer.from(p.bytes),
    })),
  );
  // One by one: createMany has no Bytes support on every adapter version we run.
  for (const data of rows) await tx.returnPhoto.create({ data });
  return rows.length;
}

export interface PhotoSummary {
  id: string;
  returnLineId: string;
  contentType: string;
  size: number;
  url: string;
}

/** Signed links live this long: enough to look at a return, too short to pass around. */
export const PHOTO_LINK_SECONDS = 15 * 60;

const sign = (secret: string, shopId: string, photoId: string, expires: number) =>
  createHmac("sha256", secret).update(`photo:${shopId}:${photoId}:${expires}`).digest("base64url");

export function signedPhotoPath(secret: string, shopId: string, photoId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + PHOTO_LINK_SECONDS;
  return `/photos/${encodeURIComponent(photoId)}?shop=${encodeURIComponent(shopId)}&expires=${expires}&sig=${sign(secret, shopId, photoId, expires)}`;
}

/** The photos of one of the shop's returns, with signed links for the admin page. */
export async function photosForReturn(db: Db, shopId: string, returnId: string, secret: string, now: Date): Promise<PhotoSummary[]> {
  const rows = await db.returnPhoto.findMany({
    where: { shopId, returnRequestId: returnId },
    select: { id: true, returnLineId: true, contentType: true, size: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r, url: signedPhotoPath(secret, shopId, r.id, now) }));
}

/** The photo a signed link names, or null when the link is forged, expired or for another shop. */
export async function photoBySignedLink(
  db: Db,
  secret: string,
  params: { photoId: string; shopId: string | null; expires: string | null; sig: string | null },
  now: Date,
) {
  const { photoId, shopId, sig } = params;
  const expires = Number(params.expires);
  if (!shopId || !sig || !Number.isInteger(expires) || expires < now.getTime() / 1000) return null;
  const expected = Buffer.from(sign(secret, shopId, photoId, expires));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return db.returnPhoto.findFirst({ where: { id: photoId, shopId }, select: { contentType: true, data: true, size: true } });
}
