/**
 * The stand-in's staged uploads, as Shopify documents them: stagedUploadsCreate answers a
 * target; a multipart POST with the target's parameters and the file last (or a PUT of the
 * bytes to the signed URL) stores the file; anything else is refused like GCS does.
 */
import { describe, expect, it } from "vitest";
import { createAdminApi, NORDIC_DEMO_DOMAIN } from "./index";

const CREATE = `
  mutation S($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } }
  }`;

type Target = { url: string; resourceUrl: string; parameters: { name: string; value: string }[] };

async function target(api: ReturnType<typeof createAdminApi>, input: Record<string, unknown>) {
  api.createToken(NORDIC_DEMO_DOMAIN, ["write_returns"]);
  const res = await api.graphql(NORDIC_DEMO_DOMAIN, CREATE, { input: [input] });
  return res.body as {
    data: {
      stagedUploadsCreate: {
        stagedTargets: Target[] | null;
        userErrors: { field: string[]; message: string }[];
      };
    };
  };
}

function form(
  t: Target,
  bytes: Uint8Array,
  opts: { fileFirst?: boolean; override?: Record<string, string> } = {},
) {
  const f = new FormData();
  const file = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" });
  if (opts.fileFirst) f.append("file", file, "label.pdf");
  for (const p of t.parameters) f.append(p.name, opts.override?.[p.name] ?? p.value);
  if (!opts.fileFirst) f.append("file", file, "label.pdf");
  return new Request(t.url, { method: "POST", body: f });
}

describe("stand-in staged uploads", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n...\n%%EOF");

  it("GIVEN a RETURN_LABEL target (POST) WHEN the form carries the parameters and the file last THEN 201 and the bytes are kept under the resourceUrl", async () => {
    const api = createAdminApi();
    const t = (
      await target(api, {
        filename: "label.pdf",
        mimeType: "application/pdf",
        resource: "RETURN_LABEL",
        httpMethod: "POST",
        fileSize: "18",
      })
    ).data.stagedUploadsCreate.stagedTargets![0]!;
    expect(t.url).toBe(`https://${NORDIC_DEMO_DOMAIN}/_standin/staged-uploads/`);
    expect(t.resourceUrl.startsWith(t.url)).toBe(true);
    expect(t.parameters.map((p) => p.name)).toEqual([
      "Content-Type",
      "success_action_status",
      "acl",
      "key",
      "x-goog-date",
      "x-goog-credential",
      "x-goog-algorithm",
      "x-goog-signature",
      "policy",
    ]);
    const res = await api.handleStagedUpload(form(t, pdf));
    expect(res.status).toBe(201);
    expect(await res.text()).toContain("<PostResponse>");
    const [file] = api.stagedFiles(NORDIC_DEMO_DOMAIN);
    expect(file).toMatchObject({ resource: "RETURN_LABEL", contentType: "application/pdf" });
    expect(Buffer.from(file!.bytes).toString()).toBe("%PDF-1.4\n...\n%%EOF");
  });

  it("GIVEN a target WHEN the file is not last, the signature is forged or the content type differs from the signed one THEN GCS-style 400/403 and nothing is kept", async () => {
    const api = createAdminApi();
    const t = (
      await target(api, {
        filename: "label.pdf",
        mimeType: "application/pdf",
        resource: "RETURN_LABEL",
        httpMethod: "POST",
      })
    ).data.stagedUploadsCreate.stagedTargets![0]!;
    expect((await api.handleStagedUpload(form(t, pdf, { fileFirst: true }))).status).toBe(400);
    expect(
      (
        await api.handleStagedUpload(
          form(t, pdf, { override: { "x-goog-signature": "0".repeat(64) } }),
        )
      ).status,
    ).toBe(403);
    expect(
      (await api.handleStagedUpload(form(t, pdf, { override: { "Content-Type": "text/html" } })))
        .status,
    ).toBe(403);
    expect(api.stagedFiles(NORDIC_DEMO_DOMAIN)).toHaveLength(0);
  });

  it("GIVEN the documented default (PUT) WHEN the bytes are PUT to the signed URL with the signed content type THEN they are kept; a wrong type is refused", async () => {
    const api = createAdminApi();
    const t = (
      await target(api, {
        filename: "label.pdf",
        mimeType: "application/pdf",
        resource: "RETURN_LABEL",
      })
    ).data.stagedUploadsCreate.stagedTargets![0]!;
    expect(t.parameters).toEqual([
      { name: "content_type", value: "application/pdf" },
      { name: "acl", value: "private" },
    ]);
    expect(
      (
        await api.handleStagedUpload(
          new Request(t.url, {
            method: "PUT",
            headers: { "Content-Type": "image/png" },
            body: pdf,
          }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await api.handleStagedUpload(
          new Request(t.url, {
            method: "PUT",
            headers: { "Content-Type": "application/pdf" },
            body: pdf,
          }),
        )
      ).status,
    ).toBe(200);
    expect(api.stagedFiles(NORDIC_DEMO_DOMAIN)).toHaveLength(1);
  });

  it("GIVEN a VIDEO without fileSize or a blank filename THEN userErrors and no target (documented: fileSize required for VIDEO and MODEL_3D)", async () => {
    const api = createAdminApi();
    const video = (
      await target(api, { filename: "v.mp4", mimeType: "video/mp4", resource: "VIDEO" })
    ).data.stagedUploadsCreate;
    expect(video.stagedTargets).toBeNull();
    expect(video.userErrors[0]!.field).toEqual(["input", "0", "fileSize"]);
    const blank = (
      await target(api, { filename: " ", mimeType: "application/pdf", resource: "RETURN_LABEL" })
    ).data.stagedUploadsCreate;
    expect(blank.userErrors[0]!.field).toEqual(["input", "0", "filename"]);
  });
});
