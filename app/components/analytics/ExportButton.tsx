/**
 * Downloads a CSV export. The request goes through fetch (App Bridge adds the session
 * token; a plain link inside the admin's iframe could not authenticate), the server
 * streams it, and the browser saves it under the server's file name.
 */
import { useState } from "react";
import { Button, InlineStack, Text } from "@shopify/polaris";
import { useAnalyticsTexts } from "./texts";

export function ExportButton({ href, label: given }: { href: string; label?: string }) {
  const { T } = useAnalyticsTexts();
  const label = given ?? T.exportCsv;
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch(href);
      if (!response.ok) throw new Error(String(response.status));
      const name =
        /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
        "export.csv";
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button size="slim" onClick={download} loading={busy} accessibilityLabel={label}>
        {label}
      </Button>
      {failed ? (
        <Text as="span" tone="critical" variant="bodySm">
          {T.exportFailed}
        </Text>
      ) : null}
    </InlineStack>
  );
}
