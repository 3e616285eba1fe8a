/**
 * The return page's side column cards: amounts and refund ETA, customer, a staff-created
 * return's override and gift recipient, shipping, decline, details. Each is self-contained
 * and takes the presented return (app/services/return-page.server.ts).
 */
import { Banner, BlockStack, Box, Button, Card, Link, Text } from "@shopify/polaris";
import { KeyValueList } from "~/components/KeyValueList";
import type { ReturnView } from "~/services/return-page.server";
import { useReturnPageT } from "./i18n";

/** A card with a heading: the shape every side card shares. */
export function SideCard({ title, children, gap = "300" }: { title: string; children: React.ReactNode; gap?: "200" | "300" }) {
  return (
    <Card>
      <BlockStack gap={gap}>
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
      </BlockStack>
    </Card>
  );
}

export function AmountsCard({ ret }: { ret: ReturnView }) {
  const t = useReturnPageT();
  return (
    <SideCard title={t("amounts")}>
      {ret.status === "DECLINED" || ret.status === "CANCELED" ? (
        <Text as="p" tone="subdued" variant="bodySm">
          {t("nothingRefunded")}
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
          {t("euDeadline", { date: ret.refundDeadline })}
        </Text>
      ) : null}
    </SideCard>
  );
}

export function CustomerCard({ ret }: { ret: ReturnView }) {
  const t = useReturnPageT();
  return (
    <SideCard title={t("customer")}>
      <BlockStack gap="050">
        <Text as="p">{ret.customerName ?? t("noName")}</Text>
        {ret.customerEmail ? (
          <Text as="p" tone="subdued" breakWord>
            {ret.customerEmail}
          </Text>
        ) : null}
      </BlockStack>
      {ret.storeCreditConsent ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("consent")}
        </Text>
      ) : null}
    </SideCard>
  );
}

/** Created by staff: who, and the policy override (why, by whom, when, which rules) when there was one. */
export function StaffCard({ ret }: { ret: ReturnView }) {
  const t = useReturnPageT();
  if (!ret.staff && !ret.override) return null;
  return (
    <SideCard title={ret.override ? t("override.title") : t("staff.title")}>
      {ret.staff ? <Text as="p">{t("staff.createdBy", { who: ret.staff.createdBy })}</Text> : null}
      {ret.override ? (
        <div data-override>
          <KeyValueList
            items={[
              { term: t("override.reason"), description: `“${ret.override.reason}”` },
              { term: t("override.by"), description: ret.override.by },
              { term: t("override.at"), description: ret.override.at },
              { term: t("override.rules"), description: ret.override.rules.join(", ") },
            ]}
          />
        </div>
      ) : null}
    </SideCard>
  );
}

export function GiftCard({ gift, onRetry, retrying }: { gift: NonNullable<ReturnView["gift"]>; onRetry: () => void; retrying: boolean }) {
  const t = useReturnPageT();
  return (
    <SideCard title={t("gift.title")}>
      <KeyValueList
        items={[
          { term: t("gift.recipient"), description: [gift.recipientName, gift.recipientEmail].filter(Boolean).join(" · ") },
          ...(gift.card ? [{ term: t("gift.card"), description: gift.card }] : []),
          ...(gift.addressLines.length ? [{ term: t("gift.address"), description: gift.addressLines.join(", ") }] : []),
        ]}
      />
      {gift.refused ? (
        <Banner tone="critical">
          <BlockStack gap="200">
            <Text as="p">{gift.refused}</Text>
            {gift.canRetry ? (
              <Box>
                <Button onClick={onRetry} loading={retrying}>
                  {t("gift.retry.button")}
                </Button>
              </Box>
            ) : null}
          </BlockStack>
        </Banner>
      ) : null}
      {gift.addressLines.length ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {t("gift.addressNote")}
        </Text>
      ) : null}
      {gift.byRecipient ? (
        <Text as="p" variant="bodySm" tone="subdued">
          {gift.byRecipient}
        </Text>
      ) : null}
      <Text as="p" variant="bodySm" tone="subdued">
        {t("gift.note")}
      </Text>
    </SideCard>
  );
}

export function ShippingCard({ ret }: { ret: ReturnView }) {
  const t = useReturnPageT();
  return (
    <SideCard title={t("shipping")}>
      <Text as="p">{ret.method}</Text>
      {ret.prepaidLabel ? <Text as="p">{ret.prepaidLabel}</Text> : null}
      {ret.tracking ? (
        <KeyValueList
          items={[
            ...(ret.tracking.number
              ? [{ term: t("tracking"), description: ret.tracking.url ? <Link url={ret.tracking.url} target="_blank">{ret.tracking.number}</Link> : ret.tracking.number }]
              : ret.tracking.url
                ? [{ term: t("tracking"), description: <Link url={ret.tracking.url} target="_blank">{t("trackParcel")}</Link> }]
                : []),
            ...(ret.tracking.carrier ? [{ term: t("carrier"), description: ret.tracking.carrier }] : []),
            ...(ret.tracking.labelUrl ? [{ term: t("label"), description: <Link url={ret.tracking.labelUrl} target="_blank">{t("openLabel")}</Link> }] : []),
          ]}
        />
      ) : ret.prepaidLabel ? null : (
        <Text as="p" tone="subdued">
          {t("noTracking")}
        </Text>
      )}
    </SideCard>
  );
}

export function DeclinedCard({ decline }: { decline: NonNullable<ReturnView["decline"]> }) {
  const t = useReturnPageT();
  return (
    <SideCard title={t("declined")} gap="200">
      {decline.reason ? <Text as="p">{decline.reason}</Text> : null}
      {decline.note ? (
        <Text as="p" tone="subdued">
          “{decline.note}”
        </Text>
      ) : null}
    </SideCard>
  );
}

export function DetailsCard({ ret }: { ret: ReturnView }) {
  const t = useReturnPageT();
  return (
    <SideCard title={t("details")}>
      <KeyValueList
        items={[
          ...ret.milestones,
          ...(ret.shopifyReturnName ? [{ term: t("shopifyReturn"), description: ret.shopifyReturnName }] : []),
          ...(ret.autoApproved ? [{ term: t("approval"), description: t("autoApproved") }] : []),
          ...(ret.euWithdrawal ? [{ term: t("euWithdrawal"), description: t("yes") }] : []),
        ]}
      />
    </SideCard>
  );
}
