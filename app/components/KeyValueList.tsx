/** Label/value rows that stay readable in a narrow sidebar card (DescriptionList wraps labels letter by letter there). */
import { BlockStack, InlineStack, Text } from "@shopify/polaris";

export interface KeyValue {
  term: string;
  description: React.ReactNode;
}

export function KeyValueList({ items }: { items: KeyValue[] }) {
  return (
    <BlockStack gap="150">
      {items.map((item) => (
        <InlineStack key={item.term} align="space-between" blockAlign="start" gap="300" wrap={false}>
          <Text as="span" tone="subdued">
            {item.term}
          </Text>
          <Text as="span" alignment="end" breakWord>
            {item.description}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
