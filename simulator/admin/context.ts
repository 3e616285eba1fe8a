/**
 * What every resolver gets: the shop being served, the app's granted scopes, the operations
 * context (clock, event queue) and per-request bookkeeping (actual cost, search warnings).
 */
import { GraphQLError } from "graphql";
import type { ReturnReasonDefinitionRec, ShopState } from "./model";
import type { OpsContext } from "./operations";
import type { SearchWarning } from "./search";
import type { StagedUploads } from "./staged-uploads";

export interface ResolverContext {
  shop: ShopState;
  reasons: ReturnReasonDefinitionRec[];
  grants: Set<string>;
  protectedCustomerData: boolean;
  /** When set, orders older than 60 days need read_all_orders (Shopify's default). */
  enforceOrderAge: boolean;
  ops: OpsContext;
  /** Origin the request came in on: staged upload targets point back to it (staged-uploads.ts). */
  requestOrigin: string;
  stagedUploads: StagedUploads;
  now(): Date;
  actualCost: number;
  searchWarnings: Array<{
    path: ReadonlyArray<string | number>;
    query: string;
    warnings: SearchWarning[];
  }>;
}

export const ACCESS_SCOPES_DOC = "https://shopify.dev/api/usage/access-scopes";

export function accessDenied(fieldName: string, requiredAccess: string): GraphQLError {
  return new GraphQLError(
    `Access denied for ${fieldName} field. Required access: ${requiredAccess}`,
    {
      extensions: { code: "ACCESS_DENIED", documentation: ACCESS_SCOPES_DOC, requiredAccess },
    },
  );
}

export function notImplemented(typeName: string, fieldName: string): GraphQLError {
  return new GraphQLError(
    `Field '${typeName}.${fieldName}' is not implemented by the offline stand-in`,
    {
      extensions: { code: "NOT_IMPLEMENTED_BY_STAND_IN", typeName, fieldName },
    },
  );
}
