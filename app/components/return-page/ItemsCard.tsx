/** The return page's items: what is returned, why, the resolution, and inspection results. */
import { BlockStack, Card, DescriptionList, Divider, InlineStack, Text } from "@shopify/polaris";
import type { ReturnPageData, ReturnView } from "~/services/return-page.server";
import { useReturnPageT } from "./i18n";

export function ItemsCard({ lines, locations }: { lines: ReturnView["lines"]; locations: ReturnPageData["locations"] }) {
  const t = useReturnPageT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("items")}
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
                    {[line.variantTitle, line.sku ? t("sku", { sku: line.sku }) : null].filter(Boolean).join(" · ")}
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
                { term: t("reason"), description: line.reason ?? t("notGiven") },
                ...(line.note ? [{ term: t("customerNote"), description: `“${line.note}”` }] : []),
                { term: t("resolution"), description: line.exchangeFor ? t("exchangeFor", { resolution: line.resolution, variant: line.exchangeFor }) : line.resolution },
                ...(line.restockingFeePercent > 0 ? [{ term: t("restockingFee"), description: `${line.restockingFeePercent} %` }] : []),
                ...(line.condition ? [{ term: t("condition"), description: line.condition }] : []),
                ...(line.disposition
                  ? [
                      {
                        term: t("disposition"),
                        // Location names are only loaded while the return can be inspected.
                        description: locations.some((l) => l.id === line.locationId)
                          ? t("dispositionAt", { disposition: line.disposition, location: locations.find((l) => l.id === line.locationId)!.name })
                          : line.disposition,
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
