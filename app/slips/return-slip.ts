/**
 * The return slip: one A4 PDF page in the shopper's language (plus the merchant's prepaid
 * carrier label, when one is attached, on the pages after it).
 *
 * Upper part (stays with the shopper or goes on the parcel): shop and return address, the
 * RMA as text and as a Code 128 barcode for the warehouse scanner, a QR code to the status
 * page (shown at the service point, or scanned to follow the return), and the packing guide.
 * A dashed cut line. Lower part (inside the parcel): RMA and barcode again, order, sender and
 * the items with quantities and what the shopper asked for.
 *
 * Fonts: DejaVu Sans (npm `dejavu-fonts-ttf`, read from disk by ./fonts.server.ts), embedded
 * as a subset (a fixed Latin repertoire plus whatever else the slip uses), so å ä ö æ ø ü and
 * € print everywhere and the file stays well under 150 KB. The barcode
 * and the QR code are drawn as vector rectangles (bwip-js's encoder, qrcode's matrix): sharp
 * at any printer resolution and cheaper than embedding images. Pure apart from pdf-lib:
 * everything it shows is in `SlipData`.
 */
import fontkit from "@pdf-lib/fontkit";
import bwipjs from "bwip-js/node";
import { concatTransformationMatrix, fill, PDFContentStream, PDFDocument, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingRgbColor, type PDFFont, type PDFOperator, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

export interface SlipItem {
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Already localized: "Refund", "Exchange for M / Navy", … */
  outcome: string;
}

export interface SlipData {
  /** Texts already in the shopper's language (from app/i18n/return-journey.ts). */
  texts: {
    title: string;
    returnTo: string;
    from: string;
    rma: string;
    order: string;
    method: string;
    items: string;
    qty: string;
    scan: string;
    cut: string;
    inside: string;
    guideHeading: string;
    label: string | null;
    labelPage: string | null;
  };
  shopName: string;
  returnAddress: string[];
  fromLines: string[];
  rmaNumber: string;
  orderName: string;
  methodName: string;
  /** Absolute URL of the shopper's status page (the QR code). */
  statusUrl: string;
  guide: string[];
  /** Home pickup, one worded line (address and window); null for other methods. */
  pickup?: string | null;
  items: SlipItem[];
  /** A prepaid carrier label the merchant uploaded (PDF), appended as further pages. */
  labelPdf?: Uint8Array | null;
}

export interface SlipFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/**
 * Speed (target ≤ 50 ms a slip; profile in README "Return slip"): pdf-lib parses the font
 * with fontkit on every embed and shapes every string with fontkit's OpenType layout engine.
 * DejaVu is ~750 KB with large GSUB/GPOS tables, so that alone cost hundreds of
 * milliseconds. The parsed fonts are kept (keyed by the byte array), and `layout` maps
 * characters straight to glyphs: the slip's Latin, Nordic and German texts need no
 * ligatures or kerning. After that, encoding the font subsets (fontkit) and compressing
 * (pako) were most of a slip: the subsets are made the same for every slip and encoded once
 * (SLIP_REPERTOIRE), and compression uses node's zlib (nativeFlate).
 */
type Emitter = { on(event: string, listener: (value?: never) => void): Emitter };
type FontkitSubset = { glyphs: number[]; encodeStream(): Emitter };
type FontkitFont = {
  glyphForCodePoint(cp: number): unknown;
  layout: (text: string) => { glyphs: unknown[] };
  createSubset(): FontkitSubset;
};
const parsedFonts = new WeakMap<Uint8Array, FontkitFont>();
const cachingFontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    let font = parsedFonts.get(bytes);
    if (!font) {
      const parsed = fontkit.create(bytes, postscriptName) as unknown as FontkitFont;
      parsed.layout = (text: string) => ({ glyphs: Array.from(text, (ch) => parsed.glyphForCodePoint(ch.codePointAt(0)!)) });
      const createSubset = parsed.createSubset.bind(parsed);
      // One cache per font: regular and bold share glyph ids, not glyphs.
      const encoded = new Map<string, Promise<Uint8Array>>();
      parsed.createSubset = () => memoizedSubset(createSubset(), encoded);
      font = parsed;
      parsedFonts.set(bytes, font);
    }
    return font;
  },
} as unknown as typeof fontkit;

/**
 * Every slip starts its font subsets with the same repertoire (Latin, Latin-1, Latin
 * Extended-A: all seven languages and most European names) in the same order, so the
 * subset — and its encoded bytes — is the same from slip to slip and is encoded once per
 * process. A character outside it joins the subset after the repertoire (a different key).
 */
export const SLIP_REPERTOIRE = (() => {
  let chars = "";
  for (let cp = 0x20; cp <= 0x7e; cp++) chars += String.fromCodePoint(cp);
  for (let cp = 0xa0; cp <= 0x17f; cp++) chars += String.fromCodePoint(cp);
  return `${chars}€–—‘’‚“”„•…‹›™✂`;
})();

const SUBSET_CACHE_MAX = 32;

function memoizedSubset(subset: FontkitSubset, encodedSubsets: Map<string, Promise<Uint8Array>>): FontkitSubset {
  const encodeStream = subset.encodeStream.bind(subset);
  subset.encodeStream = () => {
    const key = subset.glyphs.join(",");
    let bytes = encodedSubsets.get(key);
    if (!bytes) {
      bytes = new Promise<Uint8Array>((resolve, reject) => {
        const parts: Uint8Array[] = [];
        encodeStream()
          .on("data", (b?: Uint8Array) => void parts.push(b!))
          .on("end", () => resolve(new Uint8Array(Buffer.concat(parts))))
          .on("error", reject);
      });
      encodedSubsets.set(key, bytes);
      bytes.catch(() => encodedSubsets.delete(key));
      if (encodedSubsets.size > SUBSET_CACHE_MAX) encodedSubsets.delete(encodedSubsets.keys().next().value!);
    }
    // The event interface pdf-lib reads the encoded subset through (data, end, error).
    const listeners: Record<string, ((value?: never) => void)[]> = { data: [], end: [], error: [] };
    const emitter: Emitter = {
      on(event, listener) {
        (listeners[event] ??= []).push(listener);
        return emitter;
      },
    };
    bytes.then(
      (b) => {
        listeners.data!.forEach((l) => l(b as never));
        listeners.end!.forEach((l) => l());
      },
      (e) => listeners.error!.forEach((l) => l(e as never)),
    );
    return emitter;
  };
  return subset;
}

/**
 * Flate compression with node's zlib instead of pdf-lib's pako (JavaScript): the same
 * FlateDecode streams, several times faster. Compression was the largest single cost of a
 * slip. Scoped to one document: its context's font/CMap streams and its content streams.
 */
const deflatedFonts = new Map<string, Uint8Array>();
/** Large streams here are the (repeated) font subsets: deflated once per distinct content. */
function deflatedOnce(bytes: Uint8Array): Uint8Array {
  const key = createHash("sha1").update(bytes).digest("base64");
  let out = deflatedFonts.get(key);
  if (!out) {
    out = new Uint8Array(deflateSync(bytes));
    deflatedFonts.set(key, out);
    if (deflatedFonts.size > SUBSET_CACHE_MAX) deflatedFonts.delete(deflatedFonts.keys().next().value!);
  }
  return out;
}

function nativeFlate(pdf: PDFDocument) {
  const context = pdf.context;
  const deflate = (bytes: Uint8Array) => new Uint8Array(deflateSync(bytes));
  context.flateStream = (contents, dict = {}) => {
    const bytes = typeof contents === "string" ? Buffer.from(contents, "latin1") : contents;
    return context.stream(bytes.length > 4096 ? deflatedOnce(bytes) : deflate(bytes), { ...dict, Filter: "FlateDecode" });
  };
  context.contentStream = (operators, dict = {}) => {
    const stream = PDFContentStream.of(context.obj(dict), operators);
    let deflated: Uint8Array | null = null;
    const push = stream.push.bind(stream);
    stream.push = (...more) => {
      deflated = null;
      push(...more);
    };
    stream.getContents = () => (deflated ??= deflate(stream.getUnencodedContents()));
    stream.getContentsSize = () => stream.getContents().length;
    return stream;
  };
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 42;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.38, 0.42);

/**
 * Splits text into lines no wider than `width` at `size`; long words are cut hard. Widths
 * add up (the layout above has no kerning), so each word is measured once, not every
 * candidate line again.
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const space = font.widthOfTextAtSize(" ", size);
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wordWidth = font.widthOfTextAtSize(word, size);
    const candidateWidth = line ? lineWidth + space + wordWidth : wordWidth;
    if (candidateWidth <= width) {
      line = line ? `${line} ${word}` : word;
      lineWidth = candidateWidth;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
    lineWidth = rest === word ? wordWidth : font.widthOfTextAtSize(rest, size);
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Dark rectangles as raw path operators with one fill: a QR code has hundreds of modules,
 * and pdf-lib's drawRectangle (a graphics state, matrix and colour per call) made the slip
 * several times slower.
 */
function fillRects(page: PDFPage, rects: [number, number, number, number][], transform?: [number, number, number, number, number, number]) {
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingRgbColor(0.1, 0.1, 0.12)];
  // Codes are drawn in whole module units under one transform: short integers to write.
  if (transform) ops.push(concatTransformationMatrix(...transform));
  for (const [x, y, w, h] of rects) ops.push(rectangle(x, y, w, h));
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}

/** Code 128 of `value` as vector bars, `width` × `height` points, lower-left at (x, y). */
function drawCode128(page: PDFPage, value: string, x: number, y: number, width: number, height: number) {
  const [symbol] = bwipjs.raw({ bcid: "code128", text: value }) as { sbs: number[] }[];
  const modules = symbol.sbs.reduce((a, b) => a + b, 0);
  const bars: [number, number, number, number][] = [];
  let cursor = 0;
  symbol.sbs.forEach((w, i) => {
    if (i % 2 === 0) bars.push([cursor, 0, w, 1]);
    cursor += w;
  });
  fillRects(page, bars, [width / modules, 0, 0, height, x, y]);
}

/** QR code of `value` as vector modules, `size` points square, lower-left at (x, y). */
function drawQr(page: PDFPage, value: string, x: number, y: number, size: number) {
  // One byte-mode segment: qrcode's automatic segmentation (a shortest-path search) is
  // slow and gains nothing for a URL.
  const qr = QRCode.create([{ data: new TextEncoder().encode(value), mode: "byte" }], { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = size / n;
  const runs: [number, number, number, number][] = [];
  // Module units, row 0 at the top: (col, row) → (x + col·cell, y + size − row·cell).
  for (let row = 0; row < n; row++) {
    // Runs of dark modules become one rectangle: fewer operators, smaller file.
    let start = -1;
    for (let col = 0; col <= n; col++) {
      const dark = col < n && qr.modules.get(row, col);
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([start, row, col - start, 1]);
        start = -1;
      }
    }
  }
  fillRects(page, runs, [cell, 0, 0, -cell, x, y + size]);
}

export async function renderReturnSlip(data: SlipData, fonts: SlipFonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(cachingFontkit);
  nativeFlate(pdf);
  pdf.setTitle(`${data.texts.title} ${data.rmaNumber}`);
  pdf.setAuthor(data.shopName);
  pdf.setCreator("Returns & Exchanges");
  pdf.setProducer("Returns & Exchanges");
  // Fixed dates keep the output deterministic (same return → same bytes).
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  regular.encodeText(SLIP_REPERTOIRE);
  bold.encodeText(SLIP_REPERTOIRE);
  const page = pdf.addPage([A4.width, A4.height]);
  const contentWidth = A4.width - 2 * MARGIN;

  let y = A4.height - MARGIN;
  const text = (value: string, opts: { x?: number; size?: number; font?: PDFFont; color?: ReturnType<typeof rgb>; width?: number; gap?: number } = {}) => {
    const size = opts.size ?? 10;
    const font = opts.font ?? regular;
    for (const line of wrapText(value, font, size, opts.width ?? contentWidth)) {
      y -= size * 1.25;
      page.drawText(line, { x: opts.x ?? MARGIN, y, size, font, color: opts.color ?? INK });
    }
    y -= opts.gap ?? 0;
  };

  // --- Upper part --------------------------------------------------------------------
  text(data.shopName, { size: 18, font: bold });
  text(data.texts.title, { size: 12, color: MUTED, gap: 10 });

  const qrSize = 104;
  const qrX = A4.width - MARGIN - qrSize;
  const topOfBlocks = y;
  drawQr(page, data.statusUrl, qrX, topOfBlocks - qrSize, qrSize);
  const scanLines = wrapText(data.texts.scan, regular, 8, qrSize);
  scanLines.forEach((line, i) => page.drawText(line, { x: qrX, y: topOfBlocks - qrSize - 11 - i * 10, size: 8, font: regular, color: MUTED }));

  const leftWidth = contentWidth - qrSize - 24;
  text(data.texts.returnTo, { size: 9, font: bold, color: MUTED, width: leftWidth });
  text(data.shopName, { size: 12, font: bold, width: leftWidth });
  for (const line of data.returnAddress) text(line, { size: 12, width: leftWidth });
  y -= 10;
  text(data.texts.rma, { size: 9, font: bold, color: MUTED, width: leftWidth });
  text(data.rmaNumber, { size: 22, font: bold, width: leftWidth, gap: 8 });
  drawCode128(page, data.rmaNumber, MARGIN, y - 46, Math.min(leftWidth, 220), 46);
  y -= 54;
  text(`${data.texts.order}: ${data.orderName}   ·   ${data.texts.method}: ${data.methodName}`, { size: 10, width: leftWidth });
  if (data.texts.label) text(data.texts.label, { size: 10, font: bold, width: leftWidth });
  if (data.texts.labelPage) text(data.texts.labelPage, { size: 9, color: MUTED, width: leftWidth });
  if (data.pickup) text(data.pickup, { size: 10, width: leftWidth });
  y = Math.min(y, topOfBlocks - qrSize - 11 - scanLines.length * 10) - 14;

  if (data.guide.length > 0) {
    text(data.texts.guideHeading, { size: 11, font: bold, gap: 2 });
    data.guide.forEach((step, i) => {
      const label = `${i + 1}.`;
      const before = y;
      text(step, { x: MARGIN + 16, size: 9.5, width: contentWidth - 16, gap: 2 });
      page.drawText(label, { x: MARGIN, y: before - 9.5 * 1.25, size: 9.5, font: bold, color: INK });
    });
  }

  // --- Cut line ----------------------------------------------------------------------
  const cutY = Math.min(y - 18, 380);
  page.drawLine({ start: { x: MARGIN - 20, y: cutY }, end: { x: A4.width - MARGIN + 20, y: cutY }, thickness: 0.8, dashArray: [5, 4], color: MUTED });
  page.drawText("✂", { x: MARGIN - 20, y: cutY - 4, size: 12, font: regular, color: MUTED });
  page.drawText(data.texts.cut, { x: MARGIN, y: cutY - 14, size: 8, font: regular, color: MUTED });

  // --- Lower part (inside the parcel) ------------------------------------------------
  y = cutY - 30;
  text(data.texts.inside, { size: 9, font: bold, color: MUTED });
  const lowerTop = y;
  text(data.rmaNumber, { size: 18, font: bold, width: 240, gap: 6 });
  drawCode128(page, data.rmaNumber, MARGIN, y - 40, 200, 40);
  y -= 48;
  text(`${data.texts.order}: ${data.orderName}`, { size: 10, width: 240 });
  const afterLeft = y;
  y = lowerTop;
  const fromX = MARGIN + 270;
  text(data.texts.from, { x: fromX, size: 9, font: bold, color: MUTED, width: contentWidth - 270 });
  for (const line of data.fromLines) text(line, { x: fromX, size: 10, width: contentWidth - 270 });
  y = Math.min(y, afterLeft) - 12;

  text(data.texts.items, { size: 11, font: bold, gap: 2 });
  page.drawText(data.texts.qty, { x: MARGIN, y: y - 10, size: 8, font: bold, color: MUTED });
  y -= 14;
  for (const item of data.items) {
    if (y < MARGIN + 30) break; // a very long return continues in the admin; the RMA identifies it
    const name = [item.title, item.variantTitle].filter(Boolean).join(" – ");
    const before = y;
    text(name, { x: MARGIN + 34, size: 10, font: bold, width: contentWidth - 34 });
    text([item.sku, item.outcome].filter(Boolean).join("   ·   "), { x: MARGIN + 34, size: 9, color: MUTED, width: contentWidth - 34, gap: 5 });
    page.drawText(`${item.quantity} ×`, { x: MARGIN, y: before - 12.5, size: 10, font: bold, color: INK });
  }

  if (data.labelPdf && data.labelPdf.length > 0) {
    const label = await PDFDocument.load(data.labelPdf, { ignoreEncryption: false });
    const pages = await pdf.copyPages(label, label.getPageIndices().slice(0, 4));
    for (const p of pages) pdf.addPage(p);
  }
  // Plain cross-reference table: object streams would be compressed by pako again (+3 KB without).
  return pdf.save({ useObjectStreams: false });
}
