/** Who changed the policy, when, and which settings (the audit trail, newest first). */
import { BlockStack, Card, Layout, Text } from "@shopify/polaris";
import type { Translator } from "~/i18n/admin-locale";
import type { SettingsKey } from "~/i18n/catalogs/settings";

export interface HistoryRow {
  version: number;
  who: string | null;
  when: string;
  changes: string[];
}

export function PolicyHistory({ history, t }: { history: HistoryRow[]; t: Translator<SettingsKey> }) {
  return (
    <Layout>
      <Layout.AnnotatedSection id="policy-history" title={t("historyTitle")} description={t("historyDescription")}>
        <Card>
          <BlockStack gap="300">
            {history.length === 0 ? <Text as="p" tone="subdued">{t("historyEmpty")}</Text> : null}
            {history.map((h) => (
              <BlockStack key={h.version} gap="050">
                <Text as="p" fontWeight="semibold">
                  {t("historyEntry", { version: h.version, who: h.who ?? t("historyApp"), when: h.when })}
                </Text>
                <Text as="p" tone="subdued" variant="bodySm">
                  {h.changes.length ? h.changes.join(", ") : t("historyNoChanges")}
                </Text>
              </BlockStack>
            ))}
          </BlockStack>
        </Card>
      </Layout.AnnotatedSection>
    </Layout>
  );
}
