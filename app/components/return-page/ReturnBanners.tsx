/** Banners above the return page: the last action's error, and "needs attention" with its resolve button. */
import { Banner, BlockStack } from "@shopify/polaris";
import type { ReturnView } from "~/services/return-page.server";
import { useReturnPageT } from "./i18n";

interface Props {
  ret: ReturnView;
  error: { message: string } | null;
  onDismissError: () => void;
  onResolve: () => void;
  resolving: boolean;
  busy: boolean;
}

export function ReturnBanners({ ret, error, onDismissError, onResolve, resolving, busy }: Props) {
  const t = useReturnPageT();
  if (!error && !ret.needsAttention) return null;
  return (
    <BlockStack gap="300">
      {error ? (
        <Banner tone="critical" title={t("errorTitle")} onDismiss={onDismissError}>
          <p>{error.message}</p>
        </Banner>
      ) : null}
      {ret.needsAttention ? (
        <Banner tone="warning" title={t("attentionTitle")} action={{ content: t("markResolved"), loading: resolving, disabled: busy, onAction: onResolve }}>
          <p>{ret.attentionReason ?? t("attentionDefault")}</p>
        </Banner>
      ) : null}
    </BlockStack>
  );
}
