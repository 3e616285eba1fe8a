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

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return json(await listPrivacyRequests(db, session.shop));
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = await request.formData();
  const id = String(form.get("deliveryId") ?? "");
  const result = id ? await retryPrivacyDelivery(db, session.shop, id) : "SKIPPED";
  return json({ result });
};

const TOPIC_LABEL: Record<string, string> = {
  "customers/data_request": "Data request",
  "customers/redact": "Customer data erased",
  "shop/redact": "Shop data erasure",
};

function DownloadButton({ id }: { id: string }) {
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
      setError(`The export could not be downloaded (${(e as Error).message}). Try again.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <BlockStack gap="100">
      <Button onClick={download} loading={busy} accessibilityLabel="Download the export as JSON">
        Download JSON
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
  const { rows, alerts } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const date = (iso: string) => new Date(iso).toLocaleString();
  return (
    <Page title="Privacy requests" backAction={{ content: "Settings", url: "/app/settings" }}>
      <Layout>
        {alerts.length > 0 ? (
          <Layout.Section>
            <Banner tone="critical" title="A privacy request could not be completed">
              <BlockStack gap="200">
                <Text as="p">
                  Shopify requires these to be carried out. They are retried automatically; those marked &quot;Needs you&quot; have used up their
                  automatic tries. Retry, and contact support if it fails again.
                </Text>
                {alerts.map((a) => (
                  <Form method="post" key={a.id}>
                    <input type="hidden" name="deliveryId" value={a.id} />
                    <BlockStack gap="100" inlineAlign="start">
                      <Text as="p">
                        {TOPIC_LABEL[a.topic] ?? a.topic}, received {date(a.receivedAt)}, {a.attempts} tries{" "}
                        {a.exhausted ? <Badge tone="critical">Needs you</Badge> : <Badge tone="attention">Retrying</Badge>}
                      </Text>
                      <Button submit loading={navigation.state !== "idle" && navigation.formData?.get("deliveryId") === a.id}>
                        Retry now
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
              <EmptyState heading="No privacy requests yet" image="">
                <Text as="p">When a customer asks the shop for their data, or to be forgotten, Shopify tells the app and the request shows here.</Text>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: "privacy request", plural: "privacy requests" }}
                itemCount={rows.length}
                selectable={false}
                headings={[{ title: "Received" }, { title: "Request" }, { title: "Customer" }, { title: "Returns" }, { title: "Export" }]}
              >
                {rows.map((r, i) => (
                  <IndexTable.Row id={r.id} key={r.id} position={i}>
                    <IndexTable.Cell>{date(r.createdAt)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <BlockStack gap="100">
                        <Text as="span">{TOPIC_LABEL[r.topic] ?? r.topic}</Text>
                        {r.note ? (
                          <Text as="span" tone="subdued">
                            {r.note}
                          </Text>
                        ) : null}
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{r.email ?? r.customerId ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{r.returns ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{r.downloadable ? <DownloadButton id={r.id} /> : "—"}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" tone="subdued">
            Exports are kept for 90 days. When Shopify asks the app to erase a customer, their names, e-mails, notes, photos and tracking are removed
            from every return; the returns stay, anonymous, for your books.
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
