/**
 * GraphQL codegen (`npm run codegen`), fully offline: the schema is the committed official
 * Admin schema (graphql/admin_2026-10.json.gz, printed to SDL here), the documents are the
 * `#graphql` template literals in app/, and the output is one committed file of operation
 * result/variables types: app/shopify/generated/admin.types.ts.
 *
 * Use the types through the client's generic request, e.g.
 *   `...` as AdminDocument<ShopInfoQuery, ShopInfoQueryVariables>
 * tests/graphql/codegen-current.test.ts fails when the committed file is stale.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";
import { printSchema } from "graphql";
import * as prettier from "prettier";
import { loadAdminSchema } from "./graphql/admin-schema";
import { ADMIN_TYPES_PLUGIN, adminOperationTypesPlugin } from "./graphql/codegen-admin-types";

export const GENERATED_TYPES_FILE = "app/shopify/generated/admin.types.ts";

/** Where the app's documents live; tests/graphql/documents.ts scans the same files. */
export const DOCUMENT_GLOBS = [
  "app/**/*.{ts,tsx}",
  "!app/**/*.{test,spec}.{ts,tsx}",
  "!app/**/generated/**",
];

/**
 * The app writes documents as `#graphql`-first-line template literals (Shopify's
 * convention, understood by editors). graphql-tag-pluck only knows `gql` tags and
 * `/* GraphQL *\/` comments, so tell it about this form (same test as the schema-validity
 * test's extractor). `node` is a Babel AST node.
 */
function isGraphqlTemplateLiteral(node: {
  type: string;
  quasis?: Array<{ value?: { raw?: string } }>;
}): boolean {
  return (
    node.type === "TemplateLiteral" && /^\s*#graphql\b/.test(node.quasis?.[0]?.value?.raw ?? "")
  );
}

/** Formats the output like the rest of the repo, so `npm run format` never changes it. */
export async function formatGenerated(filePath: string, content: string): Promise<string> {
  const options = (await prettier.resolveConfig(filePath)) ?? {};
  return prettier.format(content, { ...options, filepath: filePath });
}

const config: CodegenConfig = {
  schema: printSchema(loadAdminSchema()),
  documents: DOCUMENT_GLOBS,
  pluckConfig: {
    isGqlTemplateLiteral: isGraphqlTemplateLiteral,
  } as CodegenConfig["pluckConfig"],
  // Our plugin is a module of this repo, not an npm package: hand it to codegen directly.
  pluginLoader: async (name: string) => {
    if (name === ADMIN_TYPES_PLUGIN || name.endsWith(`/${ADMIN_TYPES_PLUGIN}`)) {
      return adminOperationTypesPlugin;
    }
    throw Object.assign(new Error(`Cannot find module '${name}'`), { code: "MODULE_NOT_FOUND" });
  },
  generates: {
    [GENERATED_TYPES_FILE]: {
      plugins: [ADMIN_TYPES_PLUGIN],
      config: {
        // Types only, no runtime code: enums become string unions.
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        // List variables must be arrays (GraphQL would also coerce a single value).
        arrayInputCoercion: false,
        defaultScalarType: "unknown",
        // How Shopify serialises its custom scalars in JSON.
        scalars: {
          ARN: "string",
          BigInt: "string",
          Color: "string",
          Date: "string",
          DateTime: "string",
          Decimal: "string",
          FormattedString: "string",
          HTML: "string",
          JSON: "unknown",
          Money: "string",
          StorefrontID: "string",
          URL: "string",
          UnsignedInt64: "string",
          UtcOffset: "string",
        },
      },
    },
  },
  hooks: {
    beforeOneFileWrite: [formatGenerated],
  },
};

export default config;
