/**
 * Photos from the drop zone, ready for the app: shrunk where the runtime can draw them
 * (≤ 1600 px JPEG, like the theme portal; this also drops metadata) and sent as data: URLs.
 * The app decides: it reads the type from the bytes and applies the limits it sent us
 * (options.limits.photos, from app/domain/photos); these checks only spare a round trip.
 */
export interface PhotoLimits {
  maxPerReturn: number;
  maxBytes: number;
  types: string[];
}

export interface ChosenPhoto {
  name: string;
  data: string;
}

export type PhotoRead = { ok: true; photo: ChosenPhoto } | { ok: false; problem: "type" | "tooLarge" };

const LONG_SIDE = 1600;

async function shrink(file: Blob): Promise<Blob> {
  const g = globalThis as { createImageBitmap?: typeof createImageBitmap; OffscreenCanvas?: typeof OffscreenCanvas };
  if (!g.createImageBitmap || !g.OffscreenCanvas) return file;
  try {
    const img = await g.createImageBitmap(file);
    const k = Math.min(1, LONG_SIDE / Math.max(img.width, img.height));
    const canvas = new g.OffscreenCanvas(Math.round(img.width * k), Math.round(img.height * k));
    canvas.getContext("2d")!.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 });
  } catch {
    return file; // a file the runtime cannot draw goes as it is; the app refuses it clearly
  }
}

function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

export async function readPhoto(file: File, limits: PhotoLimits): Promise<PhotoRead> {
  if (file.type && !limits.types.includes(file.type)) return { ok: false, problem: "type" };
  const blob = await shrink(file);
  if (blob.size > limits.maxBytes) return { ok: false, problem: "tooLarge" };
  const type = blob.type || file.type || "application/octet-stream";
  return { ok: true, photo: { name: file.name, data: `data:${type};base64,${base64(new Uint8Array(await blob.arrayBuffer()))}` } };
}
