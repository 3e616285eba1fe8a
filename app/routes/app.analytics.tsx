/** Analytics page: placeholder shell until its issue lands (it is in the nav so merchants find it). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Card, Layout, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function AnalyticsPage() {
  return (
    <Page title="Analytics">
      <Layout>
        <Layout.Section>
          <Card>
            <Text as="p">Return rate, reasons by product, resolution mix and refund totals arrive with the analytics issue.</Text>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
