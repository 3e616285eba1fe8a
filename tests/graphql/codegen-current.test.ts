/**
 * The committed operation types (app/shopify/generated/admin.types.ts) match what
 * `npm run codegen` produces from today's documents, so a changed document cannot ship
 * with stale types. Also checks the codegen plugin keeps the file small.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generate } from "@graphql-codegen/cli";
import { parse } from "graphql";
import config, { GENERATED_TYPES_FILE, formatGenerated } from "../../codegen";
import { loadAdminSchema } from "../../graphql/admin-schema";
import { usedNamedTypes } from "../../graphql/codegen-admin-types";

describe("GraphQL codegen", () => {
  it("GIVEN the documents in app/ WHEN codegen runs in memory THEN the committed types file is identical", async () => {
    const outputs = (await generate({ ...config, silent: true }, false)) as Array<{
      filename: string;
      content: string;
    }>;
    const output = outputs.find((o) => o.filename.endsWith(GENERATED_TYPES_FILE));
    expect(output, "codegen produced no types file").toBeDefined();

    const expected = await formatGenerated(GENERATED_TYPES_FILE, output!.content);
    const committed = readFileSync(GENERATED_TYPES_FILE, "utf8");
    expect(committed, "run `npm run codegen` and commit the result").toBe(expected);
    expect(committed).toContain("export type ShopInfoQuery =");
  });

  it("GIVEN a mutation with an input variable WHEN used types are collected THEN its nested inputs and selected enums are kept, unrelated ones are not", () => {
    const schema = loadAdminSchema();
    const document = parse(`
      mutation R($input: ReturnRequestInput!) {
        returnRequest(input: $input) { return { id status } userErrors { code } }
      }`);

    const names = usedNamedTypes(schema, [document]).map((t) => t.name);

    expect(names).toEqual(
      expect.arrayContaining(["ReturnRequestInput", "ReturnStatus", "ReturnErrorCode", "Decimal"]),
    );
    expect(names).not.toContain("ProductInput");
  });
});
