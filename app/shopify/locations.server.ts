/** The shop's locations, for choosing where inspected items are restocked. */
import type { AdminClient, AdminDocument } from "./client.server";
import type { LocationsQuery, LocationsQueryVariables } from "./generated/admin.types";

// 20 is plenty for a restock picker (Shopify plans allow up to ~1,000, but merchants with
// that many restock through their WMS); it keeps the call at a tiny, fixed cost.
export const LOCATIONS_QUERY = `#graphql
  query Locations {
    locations(first: 20) {
      nodes {
        id
        name
      }
    }
  }
` as AdminDocument<LocationsQuery, LocationsQueryVariables>;

export interface RestockLocation {
  id: string;
  name: string;
}

export async function fetchLocations(client: AdminClient): Promise<RestockLocation[]> {
  const { data } = await client.request(LOCATIONS_QUERY);
  return data.locations.nodes.map((l) => ({ id: l.id, name: l.name }));
}
