/**
 * graphql-js treats Shopify's custom scalars as pass-through (shopify-platform.md §5.4.1), so
 * this pass validates input values the way Shopify's scalar coercion would: Decimal / Money,
 * DateTime, Date, URL, UnsignedInt64 and global IDs, plus the 250-item limit on input arrays.
 * Violations are top-level errors, before anything executes.
 */
import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  typeFromAST,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";
import { isDecimalInput } from "./money";
import { parseGid } from "./gid";

export const MAX_INPUT_ARRAY = 250;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Problem with one scalar value, or null when it is fine. */
export function scalarProblem(typeName: string, value: unknown): string | null {
  switch (typeName) {
    case "Decimal":
    case "Money":
      return isDecimalInput(value) ? null : `Invalid ${typeName} value: ${JSON.stringify(value)}`;
    case "DateTime":
      return typeof value === "string" &&
        DATETIME_RE.test(value) &&
        !Number.isNaN(Date.parse(value))
        ? null
        : `Invalid DateTime value: ${JSON.stringify(value)}`;
    case "Date":
      return typeof value === "string" &&
        DATE_RE.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
        ? null
        : `Invalid Date value: ${JSON.stringify(value)}`;
    case "URL": {
      if (typeof value !== "string") return `Invalid URL value: ${JSON.stringify(value)}`;
      try {
        const u = new URL(value);
        return u.protocol === "http:" || u.protocol === "https:"
          ? null
          : `Invalid URL value: ${JSON.stringify(value)}`;
      } catch {
        return `Invalid URL value: ${JSON.stringify(value)}`;
      }
    }
    case "UnsignedInt64":
      return (typeof value === "string" && /^\d+$/.test(value)) ||
        (typeof value === "number" && Number.isInteger(value) && value >= 0)
        ? null
        : `Invalid UnsignedInt64 value: ${JSON.stringify(value)}`;
    case "ID":
      return parseGid(value) ? null : `Invalid global id '${String(value)}'`;
    default:
      return null;
  }
}

interface Problem {
  path: string[];
  explanation: string;
  tooLarge?: number;
}

function walk(type: GraphQLInputType, value: unknown, path: string[], out: Problem[]): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return walk(type.ofType, value, path, out);
  if (isListType(type)) {
    const items = Array.isArray(value) ? value : [value];
    if (items.length > MAX_INPUT_ARRAY) out.push({ path, explanation: "", tooLarge: items.length });
    items.forEach((v, i) => walk(type.ofType, v, [...path, String(i)], out));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== "object") return;
    const fields = type.getFields();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const f = fields[k];
      if (f) walk(f.type, v, [...path, k], out);
    }
    return;
  }
  if (isScalarType(type)) {
    const problem = scalarProblem(type.name, value);
    if (problem) out.push({ path, explanation: problem });
  }
}

function tooLargeError(size: number, path: readonly (string | number)[] | undefined): GraphQLError {
  return new GraphQLError(
    `The input array size of ${size} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`,
    {
      path,
      extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
    },
  );
}

/** Validate coerced variables and literal arguments of the operation. */
export function validateInputScalars(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const name = def.variable.name.value;
    const type = typeFromAST(schema, def.type as never) as GraphQLInputType | undefined;
    if (!type) continue;
    const problems: Problem[] = [];
    walk(type, variables[name], [], problems);
    for (const p of problems) {
      if (p.tooLarge !== undefined) {
        errors.push(tooLargeError(p.tooLarge, [name, ...p.path]));
        continue;
      }
      const at = p.path.length ? ` for ${p.path.join(".")}` : "";
      errors.push(
        new GraphQLError(
          `Variable $${name} of type ${String(type)} was provided invalid value${at} (${p.explanation})`,
          {
            nodes: def,
            extensions: {
              value: variables[name] as never,
              problems: [{ path: p.path, explanation: p.explanation }],
            },
          },
        ),
      );
    }
  }
  // Literal arguments (variables inside literals were checked above).
  const typeInfo = new TypeInfo(schema);
  const opNames = new Set<string>();
  visit(operation, { FragmentSpread: (n) => void opNames.add(n.name.value) });
  const docs = [
    operation,
    ...document.definitions.filter(
      (d) => d.kind === Kind.FRAGMENT_DEFINITION && opNames.has(d.name.value),
    ),
  ];
  for (const node of docs) {
    visit(
      node,
      visitWithTypeInfo(typeInfo, {
        Argument(arg) {
          const argDef = typeInfo.getArgument();
          if (!argDef || containsOnlyVariable(arg.value)) return;
          const value = valueFromAST(arg.value, argDef.type, variables);
          if (value === undefined) return;
          const problems: Problem[] = [];
          walk(argDef.type, value, [], problems);
          for (const p of problems) {
            if (p.tooLarge !== undefined)
              errors.push(tooLargeError(p.tooLarge, [arg.name.value, ...p.path]));
            else
              errors.push(
                new GraphQLError(
                  `Argument '${arg.name.value}' on Field '${typeInfo.getFieldDef()?.name ?? "?"}' has an invalid value${p.path.length ? ` at ${p.path.join(".")}` : ""}: ${p.explanation}`,
                  {
                    nodes: arg,
                    extensions: {
                      code: "argumentLiteralsIncompatible",
                      typeName: getNamedType(argDef.type).name,
                    },
                  },
                ),
              );
          }
        },
      }),
    );
  }
  return errors;
}

function containsOnlyVariable(v: ValueNode): boolean {
  return v.kind === Kind.VARIABLE;
}
