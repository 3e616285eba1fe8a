/** Outside the admin: send embedded requests into the app, otherwise explain what this is. */
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
};

export default function Index() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", padding: "0 1rem" }}>
      <h1>Returns &amp; exchanges for Shopify</h1>
      <p>Open this app from your Shopify admin (Apps → Returns).</p>
    </main>
  );
}
