/** The e-mails sent to the shopper about this return, with their state (app/mail outbox). */
import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { RETURN_PAGE_CATALOG } from "~/i18n/catalogs/return-page";
import type { ReturnEmailView } from "~/mail/timeline.server";

const TONE: Record<ReturnEmailView["status"], "success" | "attention" | "critical" | "warning"> = {
  SENT: "success",
  QUEUED: "attention",
  FAILED: "critical",
  NOT_SENDABLE: "warning",
};

export function ReturnEmails({ emails, locale }: { emails: ReturnEmailView[]; locale: AdminLocale }) {
  const t = translator(RETURN_PAGE_CATALOG, locale);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("emails.title")}
        </Text>
        {emails.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("emails.none")}
          </Text>
        ) : (
          <BlockStack as="ol" gap="300">
            {emails.map((e) => (
              <Box as="li" key={e.id} borderInlineStartWidth="050" borderColor="border" paddingInlineStart="300">
                <BlockStack gap="050">
                  <InlineStack gap="200" blockAlign="center" wrap>
                    <Text as="span" fontWeight="semibold">
                      {e.step}
                    </Text>
                    <Badge tone={TONE[e.status]}>{t(`emails.state.${e.status}`)}</Badge>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {e.to ?? t("emails.noAddress")} · {e.language} · <time>{e.at}</time>
                    </Text>
                  </InlineStack>
                  {e.subject ? (
                    <Text as="p" variant="bodySm" breakWord>
                      “{e.subject}”
                    </Text>
                  ) : null}
                  {e.detail ? (
                    <Text as="p" variant="bodySm" tone={e.status === "FAILED" || e.status === "NOT_SENDABLE" ? "critical" : "subdued"} breakWord>
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
