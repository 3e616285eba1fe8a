/** Settings page: placeholder shell until its issue lands (it is in the nav so merchants find it). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Card, Layout, Link, Page, Text } from "@shopify/polaris";
import { authenticate } from "~/shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await authenticate.admin(request);
  return null;
};

export default function SettingsPage() {
  return (
    <Page title="Settings">
      <Layout>
        <Layout.Section>
          <Card>
            <Text as="p">Return policy, methods, fees and notifications are set here; the policy editor arrives with the settings issue.</Text>
            <Text as="p">
              <Link url="/app/privacy">Privacy requests</Link>: customers&apos; data exports and erasures sent by Shopify.
            </Text>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
