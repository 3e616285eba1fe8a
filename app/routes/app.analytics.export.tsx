/**
 * CSV export (resource route): `?table=returns|<analytics table>&range=…` (same range
 * parameters as the page; `ids=a,b,c` limits "returns" to an inbox selection). Streams UTF-8 CSV with a BOM; 400 for an unknown table or a
 * malformed range.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { RangeError as AnalyticsRangeError, rangeFromParams, toInstants } from "~/domain/analytics";
import { authenticate } from "~/shopify.server";
import { contextForSession } from "~/services/shop-context.server";
import { loadAnalytics, loadShopFacts } from "~/services/analytics/analytics.server";
import { TABLES, csvStream, fromSync, returnsCsv, tableCsv, type AnalyticsTable } from "~/services/analytics/export.server";

function badRequest(message: string): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const ctx = await contextForSession(session);
  const params = new URL(request.url).searchParams;
  const table = params.get("table") ?? "";
  if (table !== "returns" && !(TABLES as readonly string[]).includes(table)) return badRequest(`Unknown table "${table.slice(0, 40)}".`);
  const { timeZone } = await loadShopFacts(ctx);
  let range;
  try {
    range = rangeFromParams(params, ctx.now(), timeZone);
  } catch (e) {
    if (e instanceof AnalyticsRangeError) return badRequest(e.message);
    throw e;
  }
  // An inbox selection: `ids=a,b,c` (at most 250), whatever their dates.
  const ids = params.get("ids")?.split(",").filter(Boolean);
  if (ids && (ids.length > 250 || ids.some((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id)))) return badRequest("ids must be at most 250 return ids.");
  const body =
    table === "returns"
      ? csvStream(returnsCsv(ctx, toInstants(range, timeZone), ids))
      : csvStream(fromSync(tableCsv(await loadAnalytics(ctx, range), table as AnalyticsTable)));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${table}-${range.from}-${range.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
};
