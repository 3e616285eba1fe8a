/**
 * Background jobs: the shop's tasks that failed every automatic try (the queue's dead
 * state), with the last error and a retry. Logic in app/jobs/dead-jobs.server.ts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, EmptyState, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { translator } from "~/i18n/admin-locale";
import { JOBS_CATALOG } from "~/i18n/catalogs/jobs";
import { listDeadJobs, retryDeadJob } from "~/jobs/dead-jobs.server";
import { getJobQueue } from "~/jobs/enqueue.server";
import { adminLocaleFor } from "~/services/admin-locale.server";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const locale = await adminLocaleFor(request, { shop: session.shop, userId: sessionToken?.sub });
  const queue = await getJobQueue();
  return json({ locale, available: queue !== null, rows: queue ? await listDeadJobs(queue, session.shop, locale) : [] });
};

const RetrySchema = z.object({ jobId: z.string().min(1, "jobId is required").max(64) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = RetrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ result: "INVALID" as const }, { status: 400 });
  const queue = await getJobQueue();
  if (!queue) return json({ result: "UNAVAILABLE" as const }, { status: 503 });
  const result = await retryDeadJob(queue, session.shop, parsed.data.jobId);
  return json({ result }, { status: result === "RETRIED" ? 200 : 404 });
};

export default function BackgroundJobsPage() {
  const { locale, available, rows } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = translator(JOBS_CATALOG, locale);
  const date = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : "—");
  return (
    <Page title={t("title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="300">
            <Text as="p">{t("intro")}</Text>
            {!available ? <Banner tone="warning">{t("noQueue")}</Banner> : null}
            {outcome?.result === "RETRIED" ? <Banner tone="success">{t("retried")}</Banner> : null}
            {outcome && outcome.result !== "RETRIED" ? <Banner tone="warning">{t("notRetried")}</Banner> : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            {rows.length === 0 ? (
              <EmptyState heading={t("emptyHeading")} image="">
                <Text as="p">{t("emptyBody")}</Text>
              </EmptyState>
            ) : (
              <IndexTable
                resourceName={{ singular: t("colJob"), plural: t("title") }}
                itemCount={rows.length}
                selectable={false}
                headings={[{ title: t("colJob") }, { title: t("colFailed") }, { title: t("colTries") }, { title: t("colError") }, { title: "" }]}
              >
                {rows.map((row, i) => (
                  <IndexTable.Row id={row.id} key={row.id} position={i}>
                    <IndexTable.Cell>{row.task}</IndexTable.Cell>
                    <IndexTable.Cell>{date(row.failedAt)}</IndexTable.Cell>
                    <IndexTable.Cell>{row.attempts}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <div style={{ whiteSpace: "normal", maxWidth: "32rem", overflowWrap: "anywhere" }}>
                        <Text as="span" tone="critical">
                          {row.lastError}
                        </Text>
                      </div>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Form method="post">
                        <input type="hidden" name="jobId" value={row.id} />
                        <Button submit loading={navigation.state !== "idle" && navigation.formData?.get("jobId") === row.id}>
                          {t("retry")}
                        </Button>
                      </Form>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
