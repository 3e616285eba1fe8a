/**
 * What the stand-in's staged-upload targets look like, after Google Cloud Storage (where
 * Shopify's targets point): a V4-signed PUT URL with the parameters as headers, or a POST
 * policy document whose conditions the multipart form must meet; and GCS's XML errors.
 * Only the shape is GCS's; the signature is an HMAC of the stand-in's own (see
 * simulator/README.md, "Staged uploads").
 */

/** Our guess: Shopify documents 20 MB for images; no limit is documented for RETURN_LABEL. */
export const STAGED_UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
/** Our guess: targets stay valid for an hour. */
export const STAGED_UPLOAD_TTL_MS = 60 * 60 * 1000;

export interface StagedTargetRec {
  url: string;
  resourceUrl: string;
  parameters: { name: string; value: string }[];
}

export const BUCKET = "shopify-staged-uploads";

export const xmlError = (status: number, code: string, message: string) =>
  new Response(
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
    {
      status,
      headers: { "Content-Type": "application/xml; charset=UTF-8" },
    },
  );

const isoBasic = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** What a PUT target's signature covers: the key, the signed content type and the expiry. */
export const putSignaturePayload = (key: string, mimeType: string, expiresAt: number) =>
  `PUT\n${key}\n${mimeType}\n${expiresAt}`;

export interface TargetInput {
  /** The upload endpoint, ending in a slash. */
  origin: string;
  key: string;
  mimeType: string;
  method: "POST" | "PUT";
  at: Date;
  expiresAt: number;
  sign: (text: string) => string;
}

export function signedTarget({
  origin: base,
  key,
  mimeType,
  method,
  at,
  expiresAt,
  sign,
}: TargetInput): StagedTargetRec {
  const resourceUrl = `${base}${key}`;
  const credential = `stand-in@${BUCKET}.iam.gserviceaccount.com/${isoBasic(at).slice(0, 8)}/auto/storage/goog4_request`;
  if (method === "PUT") {
    const query = new URLSearchParams({
      "X-Goog-Algorithm": "GOOG4-RSA-SHA256",
      "X-Goog-Credential": credential,
      "X-Goog-Date": isoBasic(at),
      "X-Goog-Expires": String(STAGED_UPLOAD_TTL_MS / 1000),
      "X-Goog-SignedHeaders": "content-type;host;x-goog-acl",
    });
    query.set("X-Goog-Signature", sign(putSignaturePayload(key, mimeType, expiresAt)));
    return {
      url: `${resourceUrl}?${query}`,
      resourceUrl,
      parameters: [
        { name: "content_type", value: mimeType },
        { name: "acl", value: "private" },
      ],
    };
  }
  const policy = Buffer.from(
    JSON.stringify({
      conditions: [
        { "Content-Type": mimeType },
        { success_action_status: "201" },
        { acl: "private" },
        ["content-length-range", 1, STAGED_UPLOAD_MAX_BYTES],
        { bucket: BUCKET },
        { key },
        { "x-goog-date": isoBasic(at) },
        { "x-goog-credential": credential },
        { "x-goog-algorithm": "GOOG4-HMAC-SHA256" },
      ],
      expiration: new Date(expiresAt).toISOString(),
    }),
  ).toString("base64");
  return {
    url: base,
    resourceUrl,
    parameters: [
      { name: "Content-Type", value: mimeType },
      { name: "success_action_status", value: "201" },
      { name: "acl", value: "private" },
      { name: "key", value: key },
      { name: "x-goog-date", value: isoBasic(at) },
      { name: "x-goog-credential", value: credential },
      { name: "x-goog-algorithm", value: "GOOG4-HMAC-SHA256" },
      { name: "x-goog-signature", value: sign(policy) },
      { name: "policy", value: policy },
    ],
  };
}
