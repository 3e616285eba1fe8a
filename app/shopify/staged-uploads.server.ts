/**
 * Staged uploads: how a file reaches Shopify. Step 1 asks for a target
 * (`stagedUploadsCreate`), step 2 sends the bytes to the target's URL as a multipart form
 * POST with the target's parameters first and the file last (Shopify's "upload media"
 * guide), step 3 hands the target's `resourceUrl` to the mutation that uses the file (here:
 * `reverseDeliveryCreateWithShipping`'s `labelInput.fileUrl`, resource `RETURN_LABEL`).
 * The upload goes to a storage host, not the Admin API, so it has its own small fetch.
 */
import type { AdminClient, AdminDocument } from "./client.server";
import { unwrapMutation } from "./errors";
import type * as T from "./generated/admin.types";

export const STAGED_UPLOADS_CREATE_MUTATION = `#graphql
  mutation StagedUploadsCreate($input: [StagedUploadInput!]!) {
    stagedUploadsCreate(input: $input) {
      stagedTargets {
        url
        resourceUrl
        parameters { name value }
      }
      userErrors { field message }
    }
  }
` as AdminDocument<T.StagedUploadsCreateMutation, T.StagedUploadsCreateMutationVariables>;

export interface StagedTarget {
  url: string;
  resourceUrl: string;
  parameters: { name: string; value: string }[];
}

/** Asks Shopify for one upload target of `resource`; throws ShopifyUserErrors when refused. */
export async function createStagedTarget(
  client: AdminClient,
  file: { filename: string; mimeType: string; size: number; resource: T.StagedUploadTargetGenerateUploadResource },
): Promise<StagedTarget> {
  const { data } = await client.request(STAGED_UPLOADS_CREATE_MUTATION, {
    input: [{ filename: file.filename, mimeType: file.mimeType, fileSize: String(file.size), resource: file.resource, httpMethod: "POST" }],
  });
  const target = unwrapMutation(data, "stagedUploadsCreate").stagedTargets?.[0];
  if (!target?.url || !target.resourceUrl) throw new StagedUploadError("Shopify gave no upload target for the file.");
  return { url: target.url, resourceUrl: target.resourceUrl, parameters: target.parameters };
}

export class StagedUploadError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "StagedUploadError";
  }
}

/** Step 2: POSTs the bytes to the target (parameters, then `file`). Any 2xx is success. */
export async function uploadToStagedTarget(
  target: StagedTarget,
  file: { filename: string; mimeType: string; bytes: Uint8Array },
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<void> {
  const url = new URL(target.url);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new StagedUploadError("Shopify's upload target is not a web address.");
  const form = new FormData();
  for (const p of target.parameters) form.append(p.name, p.value);
  form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mimeType }), file.filename);
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "POST", body: form, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new StagedUploadError(`The upload to Shopify failed: ${(error as Error).message}`);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new StagedUploadError(`Shopify's file storage refused the upload (HTTP ${response.status}).`, response.status);
}
