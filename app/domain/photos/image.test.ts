import { describe, expect, it } from "vitest";
import { cleanPhoto, linesMissingPhotos, MAX_PHOTO_BYTES, sniffImageType } from "./image";
import { bytes, jpegWithExif, pngWithText, text, webpWithExif } from "../testing/photos";


describe("shopper photos are checked by their bytes", () => {
  it("GIVEN JPEG, PNG and WebP signatures THEN each is recognised; GIVEN HTML, GIF, PDF or SVG THEN none is", () => {
    expect(sniffImageType(jpegWithExif())).toBe("image/jpeg");
    expect(sniffImageType(pngWithText())).toBe("image/png");
    expect(sniffImageType(webpWithExif())).toBe("image/webp");
    for (const other of ["<html><script>alert(1)</script>", "GIF89a....", "%PDF-1.7", '<svg xmlns="http://www.w3.org/2000/svg"/>']) {
      expect(sniffImageType(bytes(other))).toBeNull();
      expect(cleanPhoto(bytes(other))).toEqual({ ok: false, problem: "UNSUPPORTED_TYPE" });
    }
  });

  it("GIVEN a JPEG with EXIF GPS and a comment WHEN cleaned THEN both are gone and the image segments and scan are kept", () => {
    const result = cleanPhoto(jpegWithExif());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.bytes)).not.toContain("GPS");
    expect(text(result.bytes)).not.toContain("taken at home");
    expect(text(result.bytes)).toContain("JFIF");
    expect([...result.bytes.slice(-7)]).toEqual([0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd9]);
  });

  it("GIVEN a PNG with a text chunk naming the author WHEN cleaned THEN the chunk is gone and IHDR, IDAT, IEND stay", () => {
    const result = cleanPhoto(pngWithText());
    expect(result.ok && text(result.bytes)).not.toContain("Astrid");
    expect(result.ok && ["IHDR", "IDAT", "IEND"].every((c) => text(result.bytes).includes(c))).toBe(true);
  });

  it("GIVEN a WebP with an EXIF chunk WHEN cleaned THEN the chunk and its flag are gone and the RIFF size matches", () => {
    const result = cleanPhoto(webpWithExif());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.bytes)).not.toContain("GPS");
    expect(result.bytes[20]! & 0x0c).toBe(0);
    const riff = new DataView(result.bytes.buffer).getUint32(4, true);
    expect(riff + 8).toBe(result.bytes.length);
  });

  it("GIVEN a truncated JPEG, an empty file or one over the size limit THEN it is refused", () => {
    expect(cleanPhoto(jpegWithExif().slice(0, 30))).toEqual({ ok: false, problem: "CORRUPT" });
    expect(cleanPhoto(new Uint8Array())).toEqual({ ok: false, problem: "EMPTY" });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(jpegWithExif());
    expect(cleanPhoto(big)).toEqual({ ok: false, problem: "TOO_LARGE" });
  });

  it("GIVEN a JPEG signature followed by HTML (a polyglot) THEN it is refused as unreadable", () => {
    expect(cleanPhoto(bytes([0xff, 0xd8, 0xff], "<html><script>alert(1)</script></html>"))).toEqual({ ok: false, problem: "CORRUPT" });
  });

  it("GIVEN reasons marked photo required THEN only lines with such a reason and no photo are missing one", () => {
    const lines = [
      { id: "a", reasonHandle: "damaged", photoCount: 0 },
      { id: "b", reasonHandle: "damaged", photoCount: 1 },
      { id: "c", reasonHandle: "size-too-small", photoCount: 0 },
      { id: "d", reasonHandle: null, photoCount: 0 },
    ];
    expect(linesMissingPhotos(["damaged", "defective"], lines).map((l) => l.id)).toEqual(["a"]);
    expect(linesMissingPhotos([], lines)).toEqual([]);
  });
});
