/** A return's status as a Polaris Badge, and the needs-attention marker; inbox and detail share them. */
import { Badge, BlockStack, Text } from "@shopify/polaris";
import { statusLabel } from "~/i18n/admin";

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

export function ReturnStatusBadge({ status }: { status: string }) {
  const style = STYLE[status] ?? {};
  return (
    <Badge tone={style.tone} progress={style.progress}>
      {statusLabel(status)}
    </Badge>
  );
}

/** The needs-attention marker, with its reason under it (inbox) or without (page header). */
export function AttentionBadge({ reason }: { reason?: string | null }) {
  if (!reason) return <Badge tone="critical">Needs attention</Badge>;
  return (
    <BlockStack gap="100">
      <span>
        <Badge tone="critical">Needs attention</Badge>
      </span>
      <Text as="span" variant="bodySm" tone="subdued" breakWord>
        {reason}
      </Text>
    </BlockStack>
  );
}
