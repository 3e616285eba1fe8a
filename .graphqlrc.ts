/**
 * Editor tooling (GraphQL language server, e.g. the VS Code GraphQL extension): completion
 * and validation of the `#graphql` documents in app/ against the same offline Admin API
 * schema that codegen and the tests use. Codegen itself runs from codegen.ts.
 */
import codegen, { DOCUMENT_GLOBS } from "./codegen";

const config = {
  // SDL printed from graphql/admin_2026-10.json.gz: no network, same version as the app.
  schema: codegen.schema as string,
  documents: DOCUMENT_GLOBS,
};

export default config;
