/**
 * Webhook payloads are REST-style and only hints (platform §2.1): we take the ids of the
 * return or order they name and re-fetch from the Admin API.
 */
type Json = unknown;

function gidFrom(value: Json, type: string): string | null {
  if (typeof value === "string" && value.startsWith(`gid://shopify/${type}/`)) return value;
  return null;
}

/** The first GID of `type` found in the payload (admin_graphql_api_id fields, or `<type>_id` numbers). */
export function findGid(payload: Json, type: "Return" | "Order"): string | null {
  const snake = type === "Return" ? "return_id" : "order_id";
  const seen = new Set<Json>();
  const walk = (node: Json, depth: number): string | null => {
    if (depth > 4 || node === null || typeof node !== "object" || seen.has(node)) return null;
    seen.add(node);
    const obj = node as Record<string, Json>;
    const direct = gidFrom(obj.admin_graphql_api_id, type);
    if (direct) return direct;
    const numeric = obj[snake];
    if (typeof numeric === "number" || (typeof numeric === "string" && /^\d+$/.test(numeric))) return `gid://shopify/${type}/${numeric}`;
    for (const value of Object.values(obj)) {
      const found = walk(value, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(payload, 0);
}
