/**
 * Finds the app's GraphQL documents and checks them against the official Admin schema.
 * Used by schema-validity.test.ts; reusable by any test that wants the same guarantees.
 *
 * A document is a template literal whose first line is `#graphql` in a .ts/.tsx file under
 * app/ (tests and generated files excluded). Each document must be self-contained: one
 * named operation plus any fragments it uses, no `${}` interpolation (codegen and this
 * check would then see a different text than the one sent). Checks:
 *   - parses and passes graphql-js `validate()` against the Admin schema;
 *   - exactly one operation, and it is named (names are unique across the app);
 *   - every mutation field whose payload has `userErrors` selects them;
 *   - `@idempotent` is used exactly where Shopify requires or supports it, always as
 *     `@idempotent(key: $idempotencyKey)` with `$idempotencyKey: String!` (the client's
 *     convention); the schema cannot say "required", so we read the field description.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import {
  Kind,
  getNamedType,
  isObjectType,
  parse,
  print,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

export interface ExtractedDocument {
  /** Path as given (repo-relative when found by `findDocuments`). */
  file: string;
  /** 1-based line of the template literal's opening backtick. */
  line: number;
  /** The string as it exists at run time (escapes processed). */
  text: string;
  /** True when the literal has `${}` substitutions; `text` then holds only its head. */
  interpolated: boolean;
}

export interface DocumentProblem {
  file: string;
  line: number;
  operation: string | undefined;
  message: string;
}

const GRAPHQL_FIRST_LINE = /^\s*#graphql\b/;
const REQUIRED_IDEMPOTENCY =
  /idempotency key is required and must be provided using the `@idempotent` directive/i;
const SUPPORTS_IDEMPOTENT = /`@idempotent` directive/i;
const IDEMPOTENCY_VARIABLE = "idempotencyKey";

/** Every `#graphql` template literal in one TypeScript/TSX source text. */
export function extractDocuments(source: string, file: string): ExtractedDocument[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: ExtractedDocument[] = [];
  const lineOf = (node: ts.Node) =>
    sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;

  const visitNode = (node: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(node) && GRAPHQL_FIRST_LINE.test(node.text)) {
      found.push({ file, line: lineOf(node), text: node.text, interpolated: false });
    } else if (ts.isTemplateExpression(node) && GRAPHQL_FIRST_LINE.test(node.head.text)) {
      found.push({ file, line: lineOf(node), text: node.head.text, interpolated: true });
    }
    ts.forEachChild(node, visitNode);
  };
  visitNode(sourceFile);
  return found;
}

/** The source files that may hold documents: .ts/.tsx under `root`, minus tests and generated code. */
export function findSourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated" && entry.name !== "node_modules") walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name)) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files.sort();
}

/** All documents of the app (or of another folder), with repo-relative file names. */
export function findDocuments(root = "app", cwd = process.cwd()): ExtractedDocument[] {
  return findSourceFiles(path.resolve(cwd, root)).flatMap((file) =>
    extractDocuments(readFileSync(file, "utf8"), path.relative(cwd, file)),
  );
}

/** Checks one document; returns its operation name (if any) and the problems found. */
export function checkDocument(
  doc: ExtractedDocument,
  schema: GraphQLSchema,
): { operationName: string | undefined; problems: DocumentProblem[] } {
  const problems: DocumentProblem[] = [];
  const unnamed = (message: string) => {
    problems.push({ file: doc.file, line: doc.line, operation: undefined, message });
    return { operationName: undefined, problems };
  };

  if (doc.interpolated) {
    return unnamed(
      "uses ${} interpolation; documents must be self-contained literals (put fragments in the same literal)",
    );
  }

  let ast: DocumentNode;
  try {
    ast = parse(doc.text);
  } catch (error) {
    return unnamed(`does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }

  const operations = ast.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const fragments = new Map(
    ast.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const operationName = operations[0]?.name?.value;
  const report = (message: string, line = doc.line) =>
    problems.push({ file: doc.file, line, operation: operationName, message });

  if (operations.length !== 1) {
    report(`must contain exactly one operation, found ${operations.length}`);
  }
  for (const definition of ast.definitions) {
    if (
      definition.kind !== Kind.OPERATION_DEFINITION &&
      definition.kind !== Kind.FRAGMENT_DEFINITION
    ) {
      report(
        `contains a ${definition.kind}; only operations and fragments belong in app documents`,
      );
    }
  }
  for (const operation of operations) {
    if (!operation.name) report(`has an unnamed ${operation.operation}; name every operation`);
  }

  const errors = validate(schema, ast);
  for (const error of errors) {
    report(error.message, doc.line + (error.locations?.[0]?.line ?? 1) - 1);
  }
  // Checks below walk the schema types; they would only repeat validation errors.
  if (errors.length > 0) return { operationName, problems };

  for (const operation of operations) {
    if (operation.operation !== "mutation") continue;
    const mutationType = schema.getMutationType()!;
    for (const field of fieldsOf(operation.selectionSet, fragments)) {
      const definition = mutationType.getFields()[field.name.value];
      if (!definition) continue; // __typename
      const mutation = field.name.value;
      const payload = getNamedType(definition.type);
      if (
        isObjectType(payload) &&
        payload.getFields().userErrors &&
        !fieldsOf(field.selectionSet, fragments).some((f) => f.name.value === "userErrors")
      ) {
        report(`${mutation} does not select userErrors; Shopify reports rejected input only there`);
      }

      const description = definition.description ?? "";
      const idempotent = field.directives?.find((d) => d.name.value === "idempotent");
      if (!idempotent) {
        if (REQUIRED_IDEMPOTENCY.test(description)) {
          report(
            `${mutation} requires @idempotent(key: $${IDEMPOTENCY_VARIABLE}) (mandatory since 2026-04)`,
          );
        }
        continue;
      }
      if (!SUPPORTS_IDEMPOTENT.test(description)) {
        report(
          `${mutation} does not support @idempotent (Shopify documents it only on some mutations)`,
        );
      }
      const key = idempotent.arguments?.find((a) => a.name.value === "key")?.value;
      if (key?.kind !== Kind.VARIABLE || key.name.value !== IDEMPOTENCY_VARIABLE) {
        report(
          `${mutation}: write @idempotent(key: $${IDEMPOTENCY_VARIABLE}) so the client can pass the key`,
        );
      }
      const declared = operation.variableDefinitions?.find(
        (v) => v.variable.name.value === IDEMPOTENCY_VARIABLE,
      );
      if (declared && print(declared.type) !== "String!") {
        report(`$${IDEMPOTENCY_VARIABLE} must be declared String!`);
      }
    }
  }
  return { operationName, problems };
}

/** Checks many documents, including that operation names are unique (codegen types are per name). */
export function checkDocuments(
  docs: ReadonlyArray<ExtractedDocument>,
  schema: GraphQLSchema,
): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const seen = new Map<string, ExtractedDocument>();
  for (const doc of docs) {
    const result = checkDocument(doc, schema);
    problems.push(...result.problems);
    const name = result.operationName;
    if (!name) continue;
    const first = seen.get(name);
    if (first) {
      problems.push({
        file: doc.file,
        line: doc.line,
        operation: name,
        message: `operation name already used at ${first.file}:${first.line}`,
      });
    } else {
      seen.set(name, doc);
    }
  }
  return problems;
}

/** One line per problem: `app/x.server.ts:12 RefundCreate: message`. */
export function formatProblems(problems: ReadonlyArray<DocumentProblem>): string {
  return problems
    .map((p) => `${p.file}:${p.line} ${p.operation ?? "(unnamed)"}: ${p.message}`)
    .join("\n");
}

/** The fields of a selection set, looking through inline fragments and local fragment spreads. */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  visited = new Set<string>(),
): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection): FieldNode[] => {
    switch (selection.kind) {
      case Kind.FIELD:
        return [selection];
      case Kind.INLINE_FRAGMENT:
        return fieldsOf(selection.selectionSet, fragments, visited);
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visited.has(name)) return [];
        visited.add(name);
        return fieldsOf(fragment.selectionSet, fragments, visited);
      }
    }
  });
}
