/**
 * App-data metafields: values owned by the app's installation on a shop, readable by the
 * theme app extension through the `app` Liquid object (`app.metafields.<namespace>.<key>`),
 * invisible to and not editable by the merchant or other apps. No access scope is needed.
 *
 * Why not a `$app` metafield with a definition: MetafieldOwnerType (2026-10) has no
 * APP_INSTALLATION, so a definition can't be created for app-data metafields, and a
 * shop-owned `$app:` metafield is not what the `app` object exposes. See docs/settings.md.
 */
import type { AdminClient, AdminDocument } from "./client.server";
import { ShopifyUserErrors } from "./errors";
import type {
  AppInstallationIdQuery,
  AppInstallationIdQueryVariables,
  SetAppMetafieldsMutation,
  SetAppMetafieldsMutationVariables,
} from "./generated/admin.types";

/** Where the storefront policy lives: `app.metafields.returns.policy.value` in Liquid. */
export const POLICY_METAFIELD = { namespace: "returns", key: "policy" } as const;

export const APP_INSTALLATION_ID_QUERY = `#graphql
  query AppInstallationId {
    currentAppInstallation {
      id
    }
  }
` as AdminDocument<AppInstallationIdQuery, AppInstallationIdQueryVariables>;

// metafieldsSet sets a value (atomic): sending the same value twice is harmless, so the
// gateway may retry it after a lost answer (retryUnsafe).
export const SET_APP_METAFIELDS_MUTATION = `#graphql
  mutation SetAppMetafields($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        namespace
        key
      }
      userErrors {
        field
        message
        code
      }
    }
  }
` as AdminDocument<SetAppMetafieldsMutation, SetAppMetafieldsMutationVariables>;

/** Writes one JSON app-data metafield on the app's installation. */
export async function setAppJsonMetafield(
  client: AdminClient,
  field: { namespace: string; key: string },
  value: unknown,
): Promise<void> {
  const { data: install } = await client.request(APP_INSTALLATION_ID_QUERY);
  const { data } = await client.request(
    SET_APP_METAFIELDS_MUTATION,
    {
      metafields: [
        {
          ownerId: install.currentAppInstallation.id,
          namespace: field.namespace,
          key: field.key,
          type: "json",
          value: JSON.stringify(value),
        },
      ],
    },
    { retryUnsafe: true },
  );
  const errors = data.metafieldsSet?.userErrors ?? [];
  if (errors.length > 0) {
    throw new ShopifyUserErrors("metafieldsSet", errors.map((e) => ({ field: e.field ?? null, message: e.message, code: e.code ?? null })));
  }
}
