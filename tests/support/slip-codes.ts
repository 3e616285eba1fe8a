/**
 * Reads the codes back from a rendered slip the way a phone and a warehouse scanner would:
 * the PDF's first page rasterised by poppler's pdftoppm (as printed), the QR code decoded
 * by jsQR and the Code 128 barcode by ZXing, both from the pixels only.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BarcodeFormat, BinaryBitmap, Code128Reader, DecodeHintType, HybridBinarizer, RGBLuminanceSource } from "@zxing/library";
import jsQR from "jsqr";
import { PNG } from "pngjs";

export interface Raster {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  rgba: Uint8ClampedArray;
}

/** The first page at `dpi`, as pixels (pdftoppm, the same renderer the README's images use). */
export function rasterizeFirstPage(pdf: Uint8Array, dpi = 150): Raster {
  const dir = mkdtempSync(join(tmpdir(), "slip-codes-"));
  try {
    writeFileSync(join(dir, "slip.pdf"), pdf);
    execFileSync("pdftoppm", ["-r", String(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", join(dir, "slip.pdf"), join(dir, "page")]);
    const png = PNG.sync.read(readFileSync(join(dir, "page.png")));
    return { width: png.width, height: png.height, rgba: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The QR code's text, or null when no QR code is found. */
export function decodeQr(raster: Raster): string | null {
  return jsQR(raster.rgba, raster.width, raster.height, { inversionAttempts: "dontInvert" })?.data ?? null;
}

/** The Code 128 barcode's text, or null when none is found. */
export function decodeCode128(raster: Raster): string | null {
  const luminance = new Uint8ClampedArray(raster.width * raster.height);
  for (let i = 0; i < luminance.length; i++) {
    const p = i * 4;
    luminance[i] = (raster.rgba[p] * 299 + raster.rgba[p + 1] * 587 + raster.rgba[p + 2] * 114) / 1000;
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, raster.width, raster.height)));
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
  ]);
  try {
    return new Code128Reader().decode(bitmap, hints).getText();
  } catch {
    return null;
  }
}
