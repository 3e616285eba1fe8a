/**
 * The return page's side column cards: amounts and refund ETA, customer, shipping,
 * decline, details. Each is self-contained and takes the presented return.
 */
import { BlockStack, Box, Card, Link, Text } from "@shopify/polaris";
import { KeyValueList } from "~/components/KeyValueList";
import type { ReturnView } from "~/services/return-page.server";

export function AmountsCard({ ret }: { ret: ReturnView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Amounts
        </Text>
        {ret.status === "DECLINED" || ret.status === "CANCELED" ? (
          <Text as="p" tone="subdued" variant="bodySm">
            As requested. Nothing was refunded.
          </Text>
        ) : null}
        <KeyValueList items={ret.amounts} />
        {ret.refundEta ? (
          <Box>
            <Text as="h3" variant="headingSm">
              {ret.process.etaHeading}
            </Text>
            <Text as="p">{ret.refundEta}</Text>
          </Box>
        ) : null}
        {ret.refundDeadline ? (
          <Text as="p" tone="subdued" variant="bodySm">
            EU withdrawal: refund by {ret.refundDeadline} at the latest.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function CustomerCard({ ret }: { ret: ReturnView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer
        </Text>
        <BlockStack gap="050">
          <Text as="p">{ret.customerName ?? "No name given"}</Text>
          {ret.customerEmail ? (
            <Text as="p" tone="subdued" breakWord>
              {ret.customerEmail}
            </Text>
          ) : null}
        </BlockStack>
        {ret.storeCreditConsent ? (
          <Text as="p" variant="bodySm" tone="subdued">
            Agreed to store credit instead of a refund.
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function ShippingCard({ ret }: { ret: ReturnView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Shipping
        </Text>
        <Text as="p">{ret.method}</Text>
        {ret.tracking ? (
          <KeyValueList
            items={[
              ...(ret.tracking.number
                ? [{ term: "Tracking", description: ret.tracking.url ? <Link url={ret.tracking.url} target="_blank">{ret.tracking.number}</Link> : ret.tracking.number }]
                : ret.tracking.url
                  ? [{ term: "Tracking", description: <Link url={ret.tracking.url} target="_blank">Track parcel</Link> }]
                  : []),
              ...(ret.tracking.carrier ? [{ term: "Carrier", description: ret.tracking.carrier }] : []),
              ...(ret.tracking.labelUrl ? [{ term: "Label", description: <Link url={ret.tracking.labelUrl} target="_blank">Open label</Link> }] : []),
            ]}
          />
        ) : (
          <Text as="p" tone="subdued">
            No tracking yet.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}

export function DeclinedCard({ decline }: { decline: NonNullable<ReturnView["decline"]> }) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Declined
        </Text>
        {decline.reason ? <Text as="p">{decline.reason}</Text> : null}
        {decline.note ? (
          <Text as="p" tone="subdued">
            “{decline.note}”
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

export function DetailsCard({ ret }: { ret: ReturnView }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Details
        </Text>
        <KeyValueList
          items={[
            ...ret.milestones,
            ...(ret.shopifyReturnName ? [{ term: "Shopify return", description: ret.shopifyReturnName }] : []),
            ...(ret.autoApproved ? [{ term: "Approval", description: "Approved automatically by a rule" }] : []),
            ...(ret.euWithdrawal ? [{ term: "EU withdrawal", description: "Yes" }] : []),
          ]}
        />
      </BlockStack>
    </Card>
  );
}
