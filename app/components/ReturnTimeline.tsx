/** A return's history (ReturnEvent rows), oldest first: what happened, who did it, when. */
import { BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import { useReturnPageT } from "./return-page/i18n";

export interface TimelineEntry {
  id: string;
  label: string;
  actor: string;
  at: string;
  detail: string | null;
}

export function ReturnTimeline({ entries, truncated }: { entries: TimelineEntry[]; truncated: boolean }) {
  const t = useReturnPageT();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("timeline")}
        </Text>
        {truncated ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {t("olderHidden")}
          </Text>
        ) : null}
        {entries.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("nothingYet")}
          </Text>
        ) : (
          <BlockStack as="ol" gap="300">
            {entries.map((e) => (
              <Box as="li" key={e.id} borderInlineStartWidth="050" borderColor="border" paddingInlineStart="300">
                <BlockStack gap="050">
                  <InlineStack gap="200" blockAlign="baseline" wrap>
                    <Text as="span" fontWeight="semibold">
                      {e.label}
                    </Text>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {e.actor} · <time>{e.at}</time>
                    </Text>
                  </InlineStack>
                  {e.detail ? (
                    <Text as="p" variant="bodySm" breakWord>
                      {e.detail}
                    </Text>
                  ) : null}
                </BlockStack>
              </Box>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
