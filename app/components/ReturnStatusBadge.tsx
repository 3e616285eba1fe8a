/** A return's status as a Polaris Badge, and the needs-attention marker; inbox and detail share them. */
import { Badge, BlockStack, Text } from "@shopify/polaris";
import { statusLabel } from "~/i18n/admin";
import type { AdminLocale } from "~/i18n/admin-locale";
import { INBOX_CATALOG } from "~/i18n/catalogs/inbox";

type BadgeTone = React.ComponentProps<typeof Badge>["tone"];
type BadgeProgress = React.ComponentProps<typeof Badge>["progress"];

/**
 * Tone says who acts next: attention = the merchant (decide, receive, refund), info = on
 * its way, success = money issued, none = finished, critical = refused.
 */
const STYLE: Readonly<Record<string, { tone?: BadgeTone; progress?: BadgeProgress }>> = {
  REQUESTED: { tone: "attention", progress: "incomplete" },
  APPROVED: { tone: "info", progress: "incomplete" },
  IN_TRANSIT: { tone: "info", progress: "partiallyComplete" },
  RECEIVED: { tone: "attention", progress: "partiallyComplete" },
  INSPECTED: { tone: "attention", progress: "partiallyComplete" },
  PROCESSED: { tone: "success", progress: "complete" },
  CLOSED: { progress: "complete" },
  DECLINED: { tone: "critical" },
  CANCELED: {},
};

/** `locale`: the staff member's language (the inbox passes it); English by default. */
export function ReturnStatusBadge({ status, locale = "en" }: { status: string; locale?: AdminLocale }) {
  const style = STYLE[status] ?? {};
  return (
    <Badge tone={style.tone} progress={style.progress}>
      {statusLabel(status, locale)}
    </Badge>
  );
}

/** The needs-attention marker, with its reason under it (inbox) or without (page header). */
export function AttentionBadge({ reason, locale = "en" }: { reason?: string | null; locale?: AdminLocale }) {
  const label = INBOX_CATALOG[locale].needsAttention;
  if (!reason) return <Badge tone="critical">{label}</Badge>;
  return (
    <BlockStack gap="100">
      <span>
        <Badge tone="critical">{label}</Badge>
      </span>
      <Text as="span" variant="bodySm" tone="subdued" breakWord>
        {reason}
      </Text>
    </BlockStack>
  );
}
