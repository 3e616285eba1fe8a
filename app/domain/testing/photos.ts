/** Small hand-built images with metadata, for the photo checks' tests. */
export const bytes = (...parts: (number[] | string | Uint8Array)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : [...p])));
const u16 = (n: number) => [n >> 8, n & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
export const text = (b: Uint8Array) => String.fromCharCode(...b);

/** A JPEG with JFIF, an EXIF segment holding GPS text, a comment, a quantisation table and a scan. */
export function jpegWithExif(): Uint8Array {
  const exif = "Exif\0\0GPS 59.3293N 18.0686E serial-XYZ";
  const comment = "taken at home";
  return bytes(
    [0xff, 0xd8],
    [0xff, 0xe0], u16(16), "JFIF\0", [1, 1, 0, 0, 1, 0, 1, 0, 0],
    [0xff, 0xe1], u16(exif.length + 2), exif,
    [0xff, 0xfe], u16(comment.length + 2), comment,
    [0xff, 0xdb], u16(4), [0, 1],
    [0xff, 0xda], u16(4), [1, 2], [0x12, 0x34, 0xff, 0x00, 0x56],
    [0xff, 0xd9],
  );
}

export function pngWithText(): Uint8Array {
  const chunk = (type: string, data: number[] | string) => {
    const d = bytes(data);
    return bytes(u32be(d.length), type, d, [0, 0, 0, 0]);
  };
  return bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    chunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
    chunk("tEXt", "Author\0Astrid Lindqvist"),
    chunk("IDAT", [1, 2, 3]),
    chunk("IEND", []),
  );
}

export function webpWithExif(): Uint8Array {
  const chunk = (fourcc: string, data: number[] | string) => {
    const d = bytes(data);
    return bytes(fourcc, u32le(d.length), d, d.length % 2 ? [0] : []);
  };
  const body = bytes(chunk("VP8X", [0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0]), chunk("VP8 ", [1, 2, 3, 4]), chunk("EXIF", "GPS 59N 18E"));
  return bytes("RIFF", u32le(body.length + 4), "WEBP", body);
}

