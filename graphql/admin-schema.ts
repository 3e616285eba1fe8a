/**
 * Shopify's official Admin GraphQL schema 2026-10, committed as data
 * (graphql/admin_2026-10.json.gz, introspection JSON taken from @shopify/dev-mcp@1.16.0 by
 * scripts/fetch-admin-schema.mjs). Used offline by the schema-validity test, codegen and
 * the Shopify stand-in. Loaded once per process and cached.
 */
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";

export const ADMIN_SCHEMA_FILE = fileURLToPath(
  new URL(`./admin_${ADMIN_API_VERSION}.json.gz`, import.meta.url),
);

/** One entry of the file's flattened `offline_scopes` list. */
export interface OfflineScopeItem {
  type: string;
  typeName: string;
  fieldName?: string;
  requiredAccess?: string;
  offlineScopes?: string[];
}

/** The raw file: introspection in `data`, plus Shopify's access metadata. */
export interface AdminIntrospectionFile {
  data: IntrospectionQuery;
  offline_scopes: { items: OfflineScopeItem[] };
}

let cachedFile: AdminIntrospectionFile | undefined;
let cachedSchema: GraphQLSchema | undefined;

export function loadAdminIntrospection(): AdminIntrospectionFile {
  cachedFile ??= JSON.parse(gunzipSync(readFileSync(ADMIN_SCHEMA_FILE)).toString("utf8"));
  return cachedFile!;
}

export function loadAdminSchema(): GraphQLSchema {
  cachedSchema ??= buildClientSchema(loadAdminIntrospection().data);
  return cachedSchema;
}
