/** The return page's items: what is returned, why, the resolution, and inspection results. */
import { BlockStack, Card, DescriptionList, Divider, InlineStack, Text } from "@shopify/polaris";
import type { ReturnPageData, ReturnView } from "~/services/return-page.server";

export function ItemsCard({ lines, locations }: { lines: ReturnView["lines"]; locations: ReturnPageData["locations"] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Items
        </Text>
        {lines.map((line, i) => (
          <BlockStack gap="200" key={line.id}>
            {i > 0 ? <Divider /> : null}
            <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
              <BlockStack gap="050">
                <Text as="h3" variant="headingSm">
                  {line.title}
                </Text>
                {line.variantTitle || line.sku ? (
                  <Text as="p" tone="subdued" variant="bodySm">
                    {[line.variantTitle, line.sku ? `SKU ${line.sku}` : null].filter(Boolean).join(" · ")}
                  </Text>
                ) : null}
              </BlockStack>
              <Text as="span" numeric>
                {line.quantity} × {line.unitPrice}
              </Text>
            </InlineStack>
            <DescriptionList
              gap="tight"
              items={[
                { term: "Reason", description: line.reason ?? "Not given" },
                ...(line.note ? [{ term: "Customer note", description: `“${line.note}”` }] : []),
                { term: "Resolution", description: line.exchangeFor ? `${line.resolution} for ${line.exchangeFor}` : line.resolution },
                ...(line.restockingFeePercent > 0 ? [{ term: "Restocking fee", description: `${line.restockingFeePercent} %` }] : []),
                ...(line.condition ? [{ term: "Condition", description: line.condition }] : []),
                ...(line.disposition
                  ? [
                      {
                        term: "Disposition",
                        // Location names are only loaded while the return can be inspected.
                        description: line.disposition + (line.locationId && locations.some((l) => l.id === line.locationId) ? ` at ${locations.find((l) => l.id === line.locationId)!.name}` : ""),
                      },
                    ]
                  : []),
              ]}
            />
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
