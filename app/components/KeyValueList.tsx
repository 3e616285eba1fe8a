/**
 * Label/value rows that stay readable in a narrow sidebar card (DescriptionList wraps labels
 * letter by letter there). A row wraps as a whole, so a long label pushes its value onto the
 * next line instead of splitting an amount like "1 234,00 kr" mid-number; breakWord is only
 * for values wider than the card on their own (e-mail addresses).
 */
import { BlockStack, InlineStack, Text } from "@shopify/polaris";

export interface KeyValue {
  term: string;
  description: React.ReactNode;
}

export function KeyValueList({ items }: { items: KeyValue[] }) {
  return (
    <BlockStack gap="150">
      {items.map((item) => (
        <InlineStack key={item.term} align="space-between" blockAlign="start" gap="300" wrap>
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
