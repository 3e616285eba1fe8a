/** Banners above the return page: the last action's error, and "needs attention" with its resolve button. */
import { Banner, BlockStack } from "@shopify/polaris";
import type { ReturnView } from "~/services/return-page.server";

interface Props {
  ret: ReturnView;
  error: { message: string } | null;
  onDismissError: () => void;
  onResolve: () => void;
  resolving: boolean;
  busy: boolean;
}

export function ReturnBanners({ ret, error, onDismissError, onResolve, resolving, busy }: Props) {
  if (!error && !ret.needsAttention) return null;
  return (
    <BlockStack gap="300">
      {error ? (
        <Banner tone="critical" title="That didn't work" onDismiss={onDismissError}>
          <p>{error.message}</p>
        </Banner>
      ) : null}
      {ret.needsAttention ? (
        <Banner tone="warning" title="This return needs attention" action={{ content: "Mark as resolved", loading: resolving, disabled: busy, onAction: onResolve }}>
          <p>{ret.attentionReason ?? "Something needs a person's look before this return can continue."}</p>
        </Banner>
      ) : null}
    </BlockStack>
  );
}
