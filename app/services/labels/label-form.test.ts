/**
 * The return page's "ship" action with a label PDF: the multipart body yields the file,
 * the form needs a tracking number, a label file or a label URL (not a file and a URL), and
 * a body larger than a label can be is refused before it is read.
 */
import { describe, expect, it } from "vitest";
import { bodyTooLarge, parseReturnAction, readBody } from "../return-page-actions.server";

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("labelFile", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), file.name);
  return new Request("https://app.test/app/returns/r1", { method: "POST", body: form });
}

describe("ship with a label file", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n%%EOF");

  it("GIVEN a multipart post with a label PDF and no tracking number THEN the file is read and the ship intent is valid", async () => {
    const body = await readBody(multipart({ intent: "ship" }, { name: "label.pdf", bytes: pdf }));
    const parsed = parseReturnAction(body!);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && (parsed.fields.labelFile as { filename: string; bytes: Uint8Array })).toEqual({ filename: "label.pdf", bytes: pdf });
  });

  it("GIVEN neither tracking, file nor URL, or both a file and a URL THEN the form is refused with a field message", async () => {
    const none = parseReturnAction((await readBody(multipart({ intent: "ship" })))!);
    expect(none).toMatchObject({ ok: false, fields: { trackingNumber: "Enter a tracking number, upload a label PDF or give a label URL." } });
    const both = parseReturnAction((await readBody(multipart({ intent: "ship", labelUrl: "https://carrier.example/l.pdf" }, { name: "l.pdf", bytes: pdf })))!);
    expect(both).toMatchObject({ ok: false, fields: { labelFile: "Upload a label PDF or give a label URL, not both." } });
  });

  it("GIVEN a JSON body that pretends to carry a file THEN it is not taken as an upload", () => {
    const parsed = parseReturnAction({ intent: "ship", labelFile: { filename: "x.pdf", bytes: "JVBERi0=" } });
    expect(parsed.ok).toBe(false);
  });

  it("GIVEN a declared body over 2 MB + 64 KB THEN it is too large before reading; a label-sized one is not", () => {
    const req = (n: number) => new Request("https://app.test/", { method: "POST", headers: { "content-length": String(n) }, body: "x" });
    expect(bodyTooLarge(req(2 * 1024 * 1024 + 64 * 1024 + 1))).toBe(true);
    expect(bodyTooLarge(req(500_000))).toBe(false);
  });
});
