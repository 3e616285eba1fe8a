/**
 * Return-slip and block-script benchmarks for `npm run bench` (issue #9 targets):
 * - a slip renders in ≤ 50 ms median and weighs ≤ 150 KB with its fonts; baseline in the same
 *   run: pdf-lib writing one page of text in a standard font (no embedding, no codes);
 * - the storefront blocks' JavaScript stays ≤ 6 KB gzipped in total.
 */
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { slipFonts } from "../app/slips/fonts.server";
import { renderReturnSlip, type SlipData } from "../app/slips/return-slip";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

export const SLIP: SlipData = {
  texts: {
    title: "Retursedel",
    returnTo: "Returneras till",
    from: "Från",
    rma: "Returnummer",
    order: "Order",
    method: "Retursätt",
    items: "Varor i paketet",
    qty: "Antal",
    scan: "Skanna för att följa din retur",
    cut: "Klipp här. Lägg den nedre delen i paketet.",
    inside: "Lägg den här delen i paketet",
    guideHeading: "Så skickar du din retur",
    label: "Förbetald etikett: PostNord 00370730253498827460",
    labelPage: null,
  },
  shopName: "Nordlys Living",
  returnAddress: ["Lagervägen 12", "126 30 Hägersten", "Sweden"],
  fromLines: ["Astrid Lindqvist", "Götgatan 14", "118 46 Stockholm", "Sweden"],
  rmaNumber: "R-1001",
  orderName: "#1182",
  methodName: "Lämna på ett ombud",
  statusUrl:
    "https://nordlys-living.example/apps/returns/status/Zk3mQ9xYt2LrP8aVb4NcWd1E?locale=sv",
  guide: [
    "Packa varorna rena och oanvända, gärna i originalförpackningen om du har kvar den.",
    "Lägg den nedre delen av retursedeln i paketet.",
    "Försegla paketet ordentligt och ta bort eller täck över gamla etiketter.",
    "Sätt fraktetiketten på paketet, eller visa QR-koden hos ombudet.",
    "Lämna paketet hos ett PostNord-ombud och spara kvittot tills returen är klar.",
  ],
  items: [
    {
      title: "Abisko Merino Sweater",
      variantTitle: "M",
      sku: "NL-ABI-M",
      quantity: 1,
      outcome: "Byte mot Abisko Merino Sweater - L",
    },
    {
      title: "Stoneware Mug",
      variantTitle: "Moss",
      sku: "NL-MUG-MOSS",
      quantity: 2,
      outcome: "Återbetalning",
    },
  ],
};

async function baselinePdf() {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage();
  let y = 800;
  for (const line of [
    SLIP.shopName,
    SLIP.rmaNumber,
    SLIP.orderName,
    ...SLIP.guide.map((g) => g.normalize("NFD").replace(/[^\x20-\x7e]/g, "")),
  ]) {
    page.drawText(line, { x: 40, y: (y -= 14), size: 10, font });
  }
  return pdf.save();
}

export async function benchSlip() {
  const fonts = await slipFonts();
  for (let i = 0; i < 5; i++) {
    await renderReturnSlip(SLIP, fonts);
    await baselinePdf();
  }
  const appTimes: number[] = [];
  const baseTimes: number[] = [];
  let size = 0;
  for (let i = 0; i < 40; i++) {
    let t = performance.now();
    await baselinePdf();
    baseTimes.push(performance.now() - t);
    t = performance.now();
    size = (await renderReturnSlip(SLIP, fonts)).byteLength;
    appTimes.push(performance.now() - t);
  }
  return {
    name: "return slip PDF, 40 renders",
    app: { median: median(appTimes), p95: p95(appTimes) },
    baseline: { median: median(baseTimes), p95: p95(baseTimes) },
    sizeKb: size / 1024,
    target: "median ≤ 50 ms, ≤ 150 KB",
    met: median(appTimes) <= 50 && size <= 150 * 1024,
  };
}

export function blockScriptSize() {
  const dir = new URL("../extensions/returns-portal/assets/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".js"));
  const gz = files.reduce(
    (sum, f) => sum + gzipSync(readFileSync(new URL(f, dir)), { level: 9 }).length,
    0,
  );
  return {
    name: "block JavaScript, gzipped (all blocks)",
    files,
    kb: gz / 1024,
    target: "≤ 6 KB",
    met: gz <= 6 * 1024,
  };
}
