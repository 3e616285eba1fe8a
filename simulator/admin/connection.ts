/**
 * Relay connections with Shopify's rules: one of first/last is required, at most 250 per
 * page, opaque base64 cursors, exact hasNextPage / hasPreviousPage.
 */
import { GraphQLError } from "graphql";

export const MAX_PAGE_SIZE = 250;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ last_id: key }), "utf8").toString("base64");
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as {
      last_id?: unknown;
    };
    if (typeof parsed.last_id === "string") return parsed.last_id;
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination: ${cursor}`, {
    extensions: { code: "BAD_REQUEST" },
  });
}

export function checkPageArgs(args: ConnectionArgs): void {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new GraphQLError("you must provide one of first or last", {
      extensions: { code: "BAD_REQUEST" },
    });
  }
  for (const [name, v] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (v === null || v === undefined) continue;
    if (v < 0)
      throw new GraphQLError(`The '${name}' argument must be greater than or equal to 0.`, {
        extensions: { code: "BAD_REQUEST" },
      });
    if (v > MAX_PAGE_SIZE)
      throw new GraphQLError(
        `The '${name}' argument must be less than or equal to ${MAX_PAGE_SIZE}.`,
        { extensions: { code: "BAD_REQUEST" } },
      );
  }
}

/** Page through `items` (already filtered and sorted); `key` gives each item's stable cursor key. */
export function paginate<T>(
  items: readonly T[],
  args: ConnectionArgs,
  key: (item: T) => string,
): Connection<T> {
  checkPageArgs(args);
  const list = args.reverse ? items.slice().reverse() : items.slice();
  const keys = list.map(key);
  let start = 0;
  let end = list.length;
  if (args.after) {
    const k = decodeCursor(args.after);
    const i = keys.indexOf(k);
    start = i < 0 ? list.length : i + 1;
  }
  if (args.before) {
    const k = decodeCursor(args.before);
    const i = keys.indexOf(k);
    end = i < 0 ? end : Math.min(end, i);
  }
  if (end < start) end = start;
  if (args.first !== null && args.first !== undefined) end = Math.min(end, start + args.first);
  if (args.last !== null && args.last !== undefined) start = Math.max(start, end - args.last);
  const page = list.slice(start, end);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(keys[start + i]), node }));
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: end < list.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** For plain list fields with an optional `first` argument. */
export function takeFirst<T>(items: readonly T[], first: number | null | undefined): T[] {
  if (first === null || first === undefined) return items.slice();
  if (first > MAX_PAGE_SIZE)
    throw new GraphQLError(`The 'first' argument must be less than or equal to ${MAX_PAGE_SIZE}.`, {
      extensions: { code: "BAD_REQUEST" },
    });
  return items.slice(0, Math.max(0, first));
}
