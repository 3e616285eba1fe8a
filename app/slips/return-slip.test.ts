/**
 * The slip's font caches must not change what is printed: regular and bold stay two
 * different embedded fonts (they share glyph ids, so a shared cache would print bold as
 * regular), a character outside the cached repertoire still prints, and the same slip
 * renders to the same bytes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { SLIP } from "../../bench/slip";
import { slipFonts } from "./fonts.server";
import { renderReturnSlip } from "./return-slip";

async function embeddedFontFiles(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const files: string[] = [];
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor")) continue;
    const file = pdf.context.lookup(obj.get(PDFName.of("FontFile2")));
    if (file instanceof PDFRawStream) files.push(Buffer.from(file.contents).toString("base64"));
  }
  return files;
}

const text = (bytes: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), "slip-")), "s.pdf");
  writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
};

describe("slip font caching", () => {
  it("GIVEN two renders of one slip THEN the bytes are equal and regular and bold are different embedded fonts", async () => {
    const fonts = await slipFonts();
    const first = await renderReturnSlip(SLIP, fonts);
    const second = await renderReturnSlip(SLIP, fonts);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const files = await embeddedFontFiles(second);
    expect(files).toHaveLength(2);
    expect(files[0]).not.toBe(files[1]);
    expect(second.byteLength).toBeLessThan(150 * 1024);
  });

  it("GIVEN a name outside the Latin repertoire WHEN the slip is rendered after cached ones THEN it still prints", async () => {
    const fonts = await slipFonts();
    await renderReturnSlip(SLIP, fonts);
    const bytes = await renderReturnSlip({ ...SLIP, fromLines: ["Ζωή Παπαδοπούλου", "Жанна Петрова"] }, fonts);
    expect(text(bytes)).toContain("Ζωή Παπαδοπούλου");
    expect(text(bytes)).toContain("Жанна Петрова");
    expect(text(bytes)).toContain("Förbetald etikett: PostNord");
  });
});
