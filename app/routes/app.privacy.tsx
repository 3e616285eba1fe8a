/**
 * Settings → Privacy requests: Shopify's customers/data_request exports (download as
 * JSON, to hand to the customer), redactions done, and privacy deliveries that failed —
 * the staff alert after the last automatic try — with a retry.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { useState } from "react";
import db from "~/db.server";
import { listPrivacyRequests, retryPrivacyDelivery } from "~/services/privacy-requests.server";
import { authenticate } from "~/shopify.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { contextForSession } from "~/services/shop-context.server";
import { formatAdminDateTime } from "~/i18n/admin";
import { translator, type Translator } from "~/i18n/admin-locale";
import { PRIVACY_CATALOG, type PrivacyKey } from "~/i18n/catalogs/privacy";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const [locale, ctx] = await Promise.all([adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub }), contextForSession(session)]);
  const { rows, alerts } = await listPrivacyRequests(db, session.shop);
  // Dates in the staff member's language and the shop's time zone, formatted here (server and browser agree).
  const date = (iso: string) => formatAdminDateTime(iso, ctx.shop.timezone, locale);
  return json({
    locale,
    rows: rows.map((r) => ({ ...r, createdAt: date(r.createdAt) })),
    alerts: alerts.map((a) => ({ ...a, receivedAt: date(a.receivedAt) })),
  });
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const id = String(form.get("deliveryId") ?? "");
  const result = id ? await retryPrivacyDelivery(db, session.shop, id) : "SKIPPED";
  return json({ result });
};

type T = Translator<PrivacyKey>;

const topicLabel = (t: T, topic: string) => (`topic.${topic}` in PRIVACY_CATALOG.en ? t(`topic.${topic}` as PrivacyKey) : topic);

function DownloadButton({ id, t }: { id: string; t: T }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // App Bridge adds the session token to same-origin fetches; a plain link would not carry it.
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(`/app/privacy/export/${id}`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "data-request.json";
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(t("downloadFailed", { error: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <BlockStack gap="100">
      <Button onClick={download} loading={busy} accessibilityLabel={t("downloadLabel")}>
        {t("download")}
      </Button>
      {error ? (
        <Text as="span" tone="critical">
          {error}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export default function PrivacyRequestsPage() {
  const { rows, alerts, locale } = useLoaderData<typeof loader>();
  const t = translator(PRIVACY_CATALOG, locale);
  const navigation = useNavigation();
  return (
    <Page title={t("title")} backAction={{ content: t("back"), url: "/app/settings" }}>
      <Layout>
        {alerts.length > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title={t("alertTitle")}>
              <BlockStack gap="200">
                <Text as="p">{t("alertBody")}</Text>
                {alerts.map((a) => (
                  <Form method="post" key={a.id}>
                    <input type="hidden" name="deliveryId" value={a.id} />
                    <BlockStack gap="100" inlineAlign="start">
                      <Text as="p">
                        {t("alertLine", { topic: topicLabel(t, a.topic), date: a.receivedAt, attempts: a.attempts })}{" "}
                        {a.exhausted ? <Badge tone="critical">{t("needsYou")}</Badge> : <Badge tone="attention">{t("retrying")}</Badge>}
                      </Text>
                      <Button submit loading={navigation.state !== "idle" && navigation.formData?.get("deliveryId") === a.id}>
                        {t("retryNow")}
                      </Button>
                    </BlockStack>
                  </Form>
                ))}
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState heading={t("emptyHeading")} image="">
                <Text as="p">{t("emptyBody")}</Text>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: t("resourceSingular"), plural: t("resourcePlural") }}
                itemCount={rows.length}
                selectable={false}
                headings={[{ title: t("heading.received") }, { title: t("heading.request") }, { title: t("heading.customer") }, { title: t("heading.returns") }, { title: t("heading.export") }]}
              >
                {rows.map((r, i) => (
                  <IndexTable.Row id={r.id} key={r.id} position={i}>
                    <IndexTable.Cell>{r.createdAt}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <BlockStack gap="100">
                        <Text as="span">{topicLabel(t, r.topic)}</Text>
                        {r.note ? (
                          <Text as="span" tone="subdued">
                            {r.note}
                          </Text>
                        ) : null}
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{r.email ?? r.customerId ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{r.returns ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{r.downloadable ? <DownloadButton id={r.id} t={t} /> : "—"}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" tone="subdued">
            {t("retention")}
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
