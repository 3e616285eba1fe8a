/** The e-mails sent to the shopper about this return, with their state (app/mail outbox). */
import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import type { ReturnEmailView } from "~/mail/timeline.server";

const STATE: Record<ReturnEmailView["status"], { label: string; tone: "success" | "attention" | "critical" | "warning" | undefined }> = {
  SENT: { label: "Sent", tone: "success" },
  QUEUED: { label: "Queued", tone: "attention" },
  FAILED: { label: "Failed", tone: "critical" },
  NOT_SENDABLE: { label: "Not sendable", tone: "warning" },
};

export function ReturnEmails({ emails }: { emails: ReturnEmailView[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          E-mails to the customer
        </Text>
        {emails.length === 0 ? (
          <Text as="p" tone="subdued">
            No e-mail for this return yet.
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
                    <Badge tone={STATE[e.status].tone}>{STATE[e.status].label}</Badge>
                    <Text as="span" tone="subdued" variant="bodySm">
                      {e.to ?? "no address"} · {e.language} · <time>{e.at}</time>
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
