/**
 * Every GraphQL document the app sends is valid against the official Admin API schema
 * (2026-10, committed in graphql/), named, checks userErrors and uses @idempotent where
 * Shopify requires it. The second half proves the checker catches each kind of mistake.
 */
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "../../graphql/admin-schema";
import {
  checkDocument,
  checkDocuments,
  extractDocuments,
  findDocuments,
  formatProblems,
  type ExtractedDocument,
} from "./documents";

const schema = loadAdminSchema();
const appDocuments = findDocuments("app");

describe("GraphQL documents in app/", () => {
  it("GIVEN the app source WHEN scanned THEN #graphql documents are found", () => {
    // A scan that finds nothing would make every check below pass vacuously.
    expect(appDocuments.length).toBeGreaterThan(0);
    expect(appDocuments.map((d) => d.file)).toContain("app/shopify/shop.server.ts");
  });

  it.each(appDocuments.map((doc) => [`${doc.file}:${doc.line}`, doc] as const))(
    "GIVEN %s WHEN checked against the Admin schema THEN it has no problems",
    (_label, doc) => {
      expect(formatProblems(checkDocument(doc, schema).problems)).toBe("");
    },
  );

  it("GIVEN all documents WHEN compared THEN operation names are unique", () => {
    expect(formatProblems(checkDocuments(appDocuments, schema))).toBe("");
  });
});

/** The checker run on a fixture file, exactly as on the app's files. */
function problemsIn(source: string): string[] {
  const docs = extractDocuments(source, "fixture.server.ts");
  expect(docs.length).toBeGreaterThan(0);
  return checkDocuments(docs, schema).map((p) => `${p.operation ?? "(unnamed)"}: ${p.message}`);
}

describe("the document checker", () => {
  it("GIVEN a valid mutation with userErrors and the idempotency key WHEN checked THEN it passes", () => {
    expect(
      problemsIn(`
        const REFUND = \`#graphql
          mutation RefundCreate($input: RefundInput!, $idempotencyKey: String!) {
            refundCreate(input: $input) @idempotent(key: $idempotencyKey) {
              refund { id }
              userErrors { field message }
            }
          }\`;
      `),
    ).toEqual([]);
  });

  it("GIVEN returnCreate(input:) instead of returnCreate(returnInput:) WHEN checked THEN the wrong argument is reported", () => {
    const problems = problemsIn(`
      export const CREATE = \`#graphql
        mutation ReturnCreate($input: ReturnInput!) {
          returnCreate(input: $input) { return { id } userErrors { field message code } }
        }\`;
    `);
    expect(problems).toContainEqual(expect.stringContaining('Unknown argument "input"'));
    expect(problems).toContainEqual(expect.stringContaining('argument "returnInput"'));
  });

  it("GIVEN an unknown field WHEN checked THEN the file line of the field is reported", () => {
    const source = [
      "// line 1",
      "const Q = `#graphql",
      "  query ShopBroken {",
      "    shop { id nonsenseField }",
      "  }`;",
    ].join("\n");
    const [problem] = checkDocuments(extractDocuments(source, "fixture.ts"), schema);
    expect(problem).toMatchObject({
      file: "fixture.ts",
      line: 4,
      operation: "ShopBroken",
      message: expect.stringContaining('Cannot query field "nonsenseField" on type "Shop"'),
    });
  });

  it("GIVEN an unnamed query WHEN checked THEN it must be named", () => {
    expect(problemsIn("const Q = `#graphql\n { shop { id } }`;")).toContainEqual(
      expect.stringContaining("unnamed query"),
    );
  });

  it("GIVEN a mutation that does not select userErrors WHEN checked THEN it is reported", () => {
    expect(
      problemsIn(`const M = \`#graphql
        mutation Approve($input: ReturnApproveRequestInput!) {
          returnApproveRequest(input: $input) { return { id status } }
        }\`;`),
    ).toEqual([
      "Approve: returnApproveRequest does not select userErrors; Shopify reports rejected input only there",
    ]);
  });

  it("GIVEN userErrors selected through a fragment WHEN checked THEN it passes", () => {
    expect(
      problemsIn(`const M = \`#graphql
        mutation Close($id: ID!) { returnClose(id: $id) { ...Payload } }
        fragment Payload on ReturnClosePayload { return { id } userErrors { field message code } }
      \`;`),
    ).toEqual([]);
  });

  it("GIVEN refundCreate without @idempotent WHEN checked THEN the missing key is reported", () => {
    expect(
      problemsIn(`const M = \`#graphql
        mutation Refund($input: RefundInput!) {
          refundCreate(input: $input) { refund { id } userErrors { field message } }
        }\`;`),
    ).toEqual([expect.stringContaining("refundCreate requires @idempotent(key: $idempotencyKey)")]);
  });

  it("GIVEN @idempotent on returnProcess (unsupported) or with another variable WHEN checked THEN both are reported", () => {
    const problems = problemsIn(`const M = \`#graphql
      mutation Process($input: ReturnProcessInput!, $key: String!) {
        returnProcess(input: $input) @idempotent(key: $key) { return { id } userErrors { field message code } }
      }\`;`);
    expect(problems).toContainEqual(
      expect.stringContaining("returnProcess does not support @idempotent"),
    );
    expect(problems).toContainEqual(
      expect.stringContaining("write @idempotent(key: $idempotencyKey)"),
    );
  });

  it("GIVEN ${} interpolation, two operations or a syntax error WHEN checked THEN each is reported", () => {
    const problems = problemsIn(
      [
        "const A = `#graphql\n query A { shop { ...F } } ${FRAGMENT}`;",
        "const B = `#graphql\n query B1 { shop { id } } query B2 { shop { name } }`;",
        "const C = `#graphql\n query C { shop { id }`;",
      ].join("\n"),
    );
    expect(problems).toEqual([
      expect.stringContaining("uses ${} interpolation"),
      expect.stringContaining("exactly one operation, found 2"),
      expect.stringContaining("does not parse"),
    ]);
  });

  it("GIVEN two documents with the same operation name WHEN checked THEN the duplicate is reported", () => {
    expect(
      problemsIn(
        "const A = `#graphql\n query Same { shop { id } }`;\nconst B = `#graphql\n query Same { shop { name } }`;",
      ),
    ).toEqual([expect.stringContaining("operation name already used at fixture.server.ts:1")]);
  });

  it("GIVEN plain template literals and a .tsx file WHEN extracted THEN only #graphql literals are documents", () => {
    const docs: ExtractedDocument[] = extractDocuments(
      [
        "const html = `<p>#graphql is not first</p>`;",
        "const Q = `  #graphql\n query X { shop { id } }`;",
        "export function C() { return <div title={`#graphql`}>x</div>; }",
      ].join("\n"),
      "component.tsx",
    );
    expect(docs.map((d) => d.line)).toEqual([2, 4]);
  });
});
