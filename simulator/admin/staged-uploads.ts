/**
 * Staged uploads, the way Shopify documents them: `stagedUploadsCreate` answers a target
 * (`url`, `parameters`, `resourceUrl`); the client then sends the file to `url` — with
 * `httpMethod: POST` as a multipart form with every parameter as a field and the file
 * last (Shopify's "upload media" guide), with PUT as the raw body to the signed `url` with
 * the parameters as headers — and passes `resourceUrl` to the mutation that uses the file.
 * On Shopify the target is a Google Cloud Storage bucket; here it is the stand-in's own
 * HTTP server (`/_standin/staged-uploads/`), served by the platform through
 * `AdminApi.handleStagedUpload`. Guesses are listed in simulator/README.md ("Staged uploads").
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import {
  BUCKET,
  putSignaturePayload,
  signedTarget,
  STAGED_UPLOAD_MAX_BYTES,
  STAGED_UPLOAD_TTL_MS,
  xmlError,
  type StagedTargetRec,
} from "./staged-upload-targets";

export {
  STAGED_UPLOAD_MAX_BYTES,
  STAGED_UPLOAD_TTL_MS,
  type StagedTargetRec,
} from "./staged-upload-targets";

export const STAGED_UPLOAD_PATH = "/_standin/staged-uploads/";

export interface StagedUploadInput {
  filename: string;
  mimeType: string;
  resource: string;
  fileSize?: string | null;
  httpMethod?: "POST" | "PUT" | null;
}

export interface StagedFile {
  shop: string;
  key: string;
  resource: string;
  filename: string;
  contentType: string;
  bytes: Uint8Array;
  md5: string;
  sha256: string;
  uploadedAt: string;
}

interface PendingTarget {
  shop: string;
  key: string;
  resource: string;
  filename: string;
  mimeType: string;
  method: "POST" | "PUT";
  expiresAt: number;
  file: StagedFile | null;
}

export interface StagedUploads {
  create(shop: string, origin: string, input: StagedUploadInput): StagedTargetRec;
  /** The platform's upload endpoint: POST multipart (or PUT) to a target. Answers like GCS (XML). */
  handle(request: Request): Promise<Response>;
  /** The uploaded file a staged URL names (any host: only the path counts), for this shop, or null. */
  fileAt(shop: string, url: string): StagedFile | null;
  /** Every uploaded file of a shop (tests look at what "Shopify" received). */
  files(shop: string): StagedFile[];
  clear(): void;
}

export function createStagedUploads(now: () => Date): StagedUploads {
  const secret = randomBytes(32);
  const targets = new Map<string, PendingTarget>();
  const sign = (text: string) => createHmac("sha256", secret).update(text).digest("hex");
  const keyOf = (url: string): string | null => {
    try {
      const path = decodeURIComponent(new URL(url).pathname);
      return path.startsWith(STAGED_UPLOAD_PATH) ? path.slice(STAGED_UPLOAD_PATH.length) : null;
    } catch {
      return null;
    }
  };

  function create(shop: string, origin: string, input: StagedUploadInput): StagedTargetRec {
    const method = input.httpMethod ?? "PUT"; // documented default
    const safeName = input.filename.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 120) || "file";
    const key = `tmp/${createHash("sha1").update(shop).digest("hex").slice(0, 10)}/${input.resource.toLowerCase()}/${randomUUID()}/${safeName}`;
    const at = now();
    const expiresAt = at.getTime() + STAGED_UPLOAD_TTL_MS;
    targets.set(key, {
      shop,
      key,
      resource: input.resource,
      filename: safeName,
      mimeType: input.mimeType,
      method,
      expiresAt,
      file: null,
    });
    return signedTarget({
      origin: `${origin}${STAGED_UPLOAD_PATH}`,
      key,
      mimeType: input.mimeType,
      method,
      at,
      expiresAt,
      sign,
    });
  }

  function store(target: PendingTarget, bytes: Uint8Array, contentType: string): StagedFile {
    const file: StagedFile = {
      shop: target.shop,
      key: target.key,
      resource: target.resource,
      filename: target.filename,
      contentType,
      bytes,
      md5: createHash("md5").update(bytes).digest("hex"),
      sha256: createHash("sha256").update(bytes).digest("hex"),
      uploadedAt: now().toISOString(),
    };
    target.file = file;
    return file;
  }

  const sameSignature = (given: string, expected: string) =>
    given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method === "PUT") {
      const key = keyOf(url.href);
      const target = key ? targets.get(key) : undefined;
      const sig = url.searchParams.get("X-Goog-Signature") ?? "";
      if (!target || target.method !== "PUT")
        return xmlError(404, "NoSuchKey", "The specified upload target does not exist.");
      if (
        !sameSignature(
          sig,
          sign(putSignaturePayload(target.key, target.mimeType, target.expiresAt)),
        )
      )
        return xmlError(
          403,
          "SignatureDoesNotMatch",
          "The request signature we calculated does not match the signature you provided.",
        );
      if (now().getTime() > target.expiresAt)
        return xmlError(400, "ExpiredToken", "The provided token has expired.");
      const type = request.headers.get("Content-Type") ?? "";
      if (type !== target.mimeType)
        return xmlError(
          403,
          "SignatureDoesNotMatch",
          "Content-Type does not match the signed upload.",
        );
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (bytes.length === 0 || bytes.length > STAGED_UPLOAD_MAX_BYTES)
        return xmlError(
          400,
          "EntityTooLarge",
          "Your proposed upload is not within the allowed size.",
        );
      const file = store(target, bytes, type);
      return new Response(null, { status: 200, headers: { ETag: `"${file.md5}"` } });
    }
    if (request.method !== "POST")
      return xmlError(
        405,
        "MethodNotAllowed",
        "The specified method is not allowed against this resource.",
      );
    if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data"))
      return xmlError(400, "InvalidArgument", "POST requires a multipart/form-data body.");
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      return xmlError(400, "InvalidArgument", "The multipart body could not be read.");
    }
    const entries = [...form.entries()];
    const last = entries[entries.length - 1];
    // GCS ignores fields after the file; Shopify's guide says the file goes last.
    if (!last || last[0] !== "file" || typeof last[1] === "string")
      return xmlError(400, "InvalidArgument", "The last form field must be the file.");
    const field = (name: string) => {
      const v = form.get(name);
      return typeof v === "string" ? v : "";
    };
    const policy = field("policy");
    const target = targets.get(field("key"));
    if (!policy || !sameSignature(field("x-goog-signature"), sign(policy)))
      return xmlError(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
      );
    if (!target || target.method !== "POST")
      return xmlError(
        403,
        "AccessDenied",
        "Invalid according to Policy: Policy Condition failed: key.",
      );
    let conditions: unknown[] = [];
    let expiration = "";
    try {
      ({ conditions, expiration } = JSON.parse(Buffer.from(policy, "base64").toString("utf8")) as {
        conditions: unknown[];
        expiration: string;
      });
    } catch {
      return xmlError(
        400,
        "InvalidPolicyDocument",
        "The content of the form does not meet the conditions specified in the policy document.",
      );
    }
    if (now().getTime() > Date.parse(expiration))
      return xmlError(400, "ExpiredToken", "Invalid according to Policy: Policy expired.");
    for (const c of conditions) {
      if (Array.isArray(c) || !c || typeof c !== "object") continue;
      const [name, value] = Object.entries(c)[0] as [string, string];
      if (name === "bucket") continue;
      if (field(name) !== value)
        return xmlError(
          403,
          "AccessDenied",
          `Invalid according to Policy: Policy Condition failed: ["eq", "$${name}", "${value}"].`,
        );
    }
    const blob = last[1] as Blob;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (bytes.length < 1 || bytes.length > STAGED_UPLOAD_MAX_BYTES)
      return xmlError(
        400,
        "EntityTooLarge",
        "Your proposed upload is not within the allowed size.",
      );
    const file = store(target, bytes, field("Content-Type"));
    const location = `${url.origin}${STAGED_UPLOAD_PATH}${target.key}`;
    return new Response(
      `<?xml version="1.0" encoding="UTF-8"?><PostResponse><Location>${location}</Location><Bucket>${BUCKET}</Bucket><Key>${target.key}</Key><ETag>"${file.md5}"</ETag></PostResponse>`,
      {
        status: 201,
        headers: {
          "Content-Type": "application/xml; charset=UTF-8",
          ETag: `"${file.md5}"`,
          Location: location,
        },
      },
    );
  }

  return {
    create,
    handle,
    fileAt(shop, url) {
      const key = keyOf(url);
      const target = key ? targets.get(key) : undefined;
      if (!target || target.shop !== shop || !target.file) return null;
      return target.file;
    },
    files(shop) {
      return [...targets.values()].filter((t) => t.shop === shop && t.file).map((t) => t.file!);
    },
    clear() {
      targets.clear();
    },
  };
}
