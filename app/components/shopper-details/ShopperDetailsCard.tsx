/**
 * The admin return page's card for what the shopper attached: photos of the items (for
 * reasons the policy marks "photo required") and the home-pickup address and window.
 * Self-contained: the page passes the loader's `shopperDetails` (services/photos/shopper-details.server.ts).
 */
import { BlockStack, Card, InlineStack, Link, Text, Thumbnail } from "@shopify/polaris";
import type { ShopperDetails } from "~/services/photos/shopper-details.server";
import { formatAdminDateRange } from "~/i18n/admin";

export function ShopperDetailsCard({ details }: { details: ShopperDetails }) {
  const { photos, pickup } = details;
  if (photos.length === 0 && !pickup) return null;
  return (
    <Card>
      <BlockStack gap="300">
        {pickup ? (
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Home pickup
            </Text>
            <Text as="p">{pickup.addressLines.length ? pickup.addressLines.join(", ") : "No address given"}</Text>
            {pickup.dateFrom && pickup.dateTo ? (
              <Text as="p" tone="subdued">
                Preferred: {formatAdminDateRange(`${pickup.dateFrom}T00:00:00Z`, `${pickup.dateTo}T00:00:00Z`, "UTC")}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
        {photos.length ? (
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              Photos from the customer
            </Text>
            <InlineStack gap="200" wrap>
              {photos.map((p, i) => (
                <Link key={p.id} url={p.url} target="_blank" accessibilityLabel={`Photo ${i + 1} of ${p.lineTitle}, opens full size`}>
                  <Thumbnail source={p.url} alt={`Photo ${i + 1} of ${p.lineTitle}`} size="large" />
                </Link>
              ))}
            </InlineStack>
            <Text as="p" variant="bodySm" tone="subdued">
              Links work for 15 minutes; reload the page for new ones.
            </Text>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
