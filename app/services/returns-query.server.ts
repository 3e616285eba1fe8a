/** Read-side queries over the returns of one shop (every query is scoped by shop). */
import db from "~/db.server";
import type { Db } from "~/db.server";

export async function countReturnsByStatus(shopDomain: string, client: Db = db): Promise<Record<string, number>> {
  const rows = await client.returnRequest.groupBy({
    by: ["status"],
    where: { shop: { domain: shopDomain } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
