/**
 * Setup checklist on the app's home, above the returns inbox, while anything is left to do.
 * Each item's state comes from app/services/onboarding.server.ts (real state, not clicks).
 */
import { Badge, BlockStack, Box, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { Link } from "@remix-run/react";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { ONBOARDING_CATALOG, type OnboardingKey } from "~/i18n/catalogs/onboarding";

export interface OnboardingData {
  locale: AdminLocale;
  status: { policyReviewed: boolean; storefrontCurrent: boolean; returnPageLive: boolean; testReturnDone: boolean };
  themeEditorUrl: string;
  storefrontUrl: string;
}

interface Item {
  key: string;
  done: boolean;
  title: OnboardingKey;
  body: OnboardingKey;
  action?: { label: OnboardingKey; to?: string; href?: string };
}

export function OnboardingChecklist({ data }: { data: OnboardingData }) {
  const t = translator(ONBOARDING_CATALOG, data.locale);
  const s = data.status;
  const items: Item[] = [
    { key: "policy", done: s.policyReviewed, title: "policyTitle", body: "policyBody", action: { label: "policyAction", to: "/app/settings" } },
    { key: "storefront", done: s.storefrontCurrent, title: "storefrontTitle", body: "storefrontBody" },
    { key: "page", done: s.returnPageLive, title: "pageTitle", body: "pageBody", action: { label: "pageAction", href: data.themeEditorUrl } },
    { key: "test", done: s.testReturnDone, title: "testTitle", body: "testBody", action: { label: "testAction", href: data.storefrontUrl } },
  ];
  const done = items.filter((i) => i.done).length;
  if (done === items.length) return null;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("title")}
          </Text>
          <Text as="span" tone="subdued">
            {t("progress", { done, total: items.length })}
          </Text>
        </InlineStack>
        <ProgressBar progress={(done / items.length) * 100} size="small" tone="primary" />
        {items.map((item) => (
          <Box key={item.key} paddingBlockStart="100" data-onboarding-item={item.key} data-done={item.done ? "1" : "0"}>
            <InlineStack align="space-between" blockAlign="start" wrap={false} gap="400">
              <BlockStack gap="100">
                {/* align="start": without it the row inherits the outer stack's space-between
                    (Polaris passes alignment as an inherited CSS variable) and titles centre. */}
                <InlineStack gap="200" blockAlign="center" align="start">
                  <Badge tone={item.done ? "success" : undefined}>{item.done ? t("done") : t("todo")}</Badge>
                  <Text as="h3" variant="headingSm">
                    {t(item.title)}
                  </Text>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {t(item.body)}
                </Text>
              </BlockStack>
              {item.action && !item.done ? (
                item.action.to ? (
                  <Link to={item.action.to}>
                    <Button>{t(item.action.label)}</Button>
                  </Link>
                ) : (
                  <Button url={item.action.href} target="_blank">
                    {t(item.action.label)}
                  </Button>
                )
              ) : null}
            </InlineStack>
          </Box>
        ))}
      </BlockStack>
    </Card>
  );
}
