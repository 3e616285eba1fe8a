/** Returns inbox. The list, filters and bulk actions arrive with the admin-inbox issue. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";
import { countReturnsByStatus } from "~/services/returns-query.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  return { counts: await countReturnsByStatus(session.shop) };
};

export default function ReturnsInbox() {
  const { counts } = useLoaderData<typeof loader>();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <Page title="Returns">
      <Layout>
        <Layout.Section>
          {total === 0 ? (
            <Card>
              <EmptyState heading="No returns yet" image="">
                <p>
                  Return requests from your storefront and returns created in Shopify's admin
                  appear here.
                </p>
              </EmptyState>
            </Card>
          ) : (
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  {total} returns
                </Text>
                {Object.entries(counts).map(([status, count]) => (
                  <Text as="p" key={status}>
                    {status}: {count}
                  </Text>
                ))}
              </BlockStack>
            </Card>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}
