/**
 * The e-mail template editor: step and language pickers, subject and body (Liquid) with a
 * live preview rendered on the server with sample data (debounced), errors with line and
 * column, save / back to default / test send, the variable list and the sender settings.
 */
import { useFetcher, useNavigate } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { EditorErrors } from "~/mail/editor.server";

interface EditorData {
  step: string;
  locale: string;
  steps: { value: string; label: string }[];
  locales: string[];
  customized: string[];
  template: { subject: string; body: string };
  isCustom: boolean;
  variables: { name: string; description: string; optional: boolean }[];
  preview: { subject: string; html: string; text: string };
  sender: { fromName: string; replyTo: string; defaultName: string; address: string; smtpConfigured: boolean };
}

type Result = { ok: boolean; intent: string; message?: string; errors?: EditorErrors[]; preview?: { subject: string; html: string; text: string } };

const LANGUAGE: Record<string, string> = { en: "English", sv: "Svenska", da: "Dansk", nb: "Norsk bokmål", fi: "Suomi", nl: "Nederlands", de: "Deutsch" };

export function EmailEditor({ data }: { data: EditorData }) {
  const navigate = useNavigate();
  const [subject, setSubject] = useState(data.template.subject);
  const [body, setBody] = useState(data.template.body);
  const [to, setTo] = useState("");
  const [showText, setShowText] = useState(false);
  const preview = useFetcher<Result>();
  const save = useFetcher<Result>();
  const test = useFetcher<Result>();
  const sender = useFetcher<Result>();
  const [fromName, setFromName] = useState(data.sender.fromName);
  const [replyTo, setReplyTo] = useState(data.sender.replyTo);
  const first = useRef(true);
  // A save's answer describes the text as it was saved; after an edit the live preview speaks.
  const [editedSinceSave, setEditedSinceSave] = useState(false);

  // Live preview: re-rendered on the server 400 ms after the last keystroke.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setEditedSinceSave(true);
    const timer = setTimeout(() => preview.submit({ intent: "preview", step: data.step, locale: data.locale, subject, body }, { method: "post" }), 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [subject, body]);

  const shown = preview.data?.ok && preview.data.preview ? preview.data.preview : data.preview;
  const saveResult = editedSinceSave ? undefined : save.data;
  const errors = (saveResult && !saveResult.ok ? saveResult.errors : undefined) ?? (preview.data && !preview.data.ok ? preview.data.errors : undefined) ?? [];
  const go = (step: string, locale: string) => navigate(`/app/emails?step=${step}&locale=${locale}`);
  const dirty = subject !== data.template.subject || body !== data.template.body;

  return (
    <Page title="E-mails to customers" subtitle="What the app sends at each step of a return, in the customer's language.">
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!data.sender.smtpConfigured ? (
              <Banner tone="warning" title="No mail server configured">
                <p>E-mails wait in the outbox until SMTP_URL is set; nothing is lost.</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack gap="300" wrap>
                  <Select
                    label="Step"
                    options={data.steps.map((s) => ({ value: s.value, label: `${s.label}${data.customized.some((c) => c.startsWith(`${s.value}:`)) ? " (edited)" : ""}` }))}
                    value={data.step}
                    onChange={(v) => go(v, data.locale)}
                  />
                  <Select
                    label="Language"
                    options={data.locales.map((l) => ({ value: l, label: `${LANGUAGE[l] ?? l}${data.customized.includes(`${data.step}:${l}`) ? " (edited)" : ""}` }))}
                    value={data.locale}
                    onChange={(v) => go(data.step, v)}
                  />
                  <Box paddingBlockStart="600">{data.isCustom ? <Badge tone="info">Edited</Badge> : <Badge>Built-in text</Badge>}</Box>
                </InlineStack>
                <TextField label="Subject" value={subject} onChange={setSubject} autoComplete="off" error={errors.filter((e) => e.part === "subject").map((e) => e.message)[0]} />
                <TextField
                  label="Body (Liquid, simple HTML)"
                  value={body}
                  onChange={setBody}
                  multiline={16}
                  autoComplete="off"
                  monospaced
                  helpText="Use the variables listed below, e.g. {{ rma }}. Values are HTML-escaped. Links: <a href=&quot;{{ status_url }}&quot;>…</a>."
                  error={errors.some((e) => e.part === "body") ? "The body has errors (see below)." : undefined}
                />
                {errors.length > 0 ? (
                  <Banner tone="critical" title="The template has errors; it cannot be saved or sent">
                    <List>
                      {errors.map((e) => (
                        <List.Item key={e.message}>{e.message}</List.Item>
                      ))}
                    </List>
                  </Banner>
                ) : null}
                {saveResult?.ok ? <Banner tone="success" title={saveResult.message ?? "Saved"} /> : null}
                {saveResult && !saveResult.ok && !saveResult.errors ? <Banner tone="critical" title={saveResult.message ?? "Not saved"} /> : null}
                <InlineStack gap="200">
                  <Button
                    variant="primary"
                    loading={save.state !== "idle" && save.formData?.get("intent") === "save"}
                    onClick={() => {
                      setEditedSinceSave(false);
                      save.submit({ intent: "save", step: data.step, locale: data.locale, subject, body }, { method: "post" });
                    }}
                  >
                    Save
                  </Button>
                  <Button
                    disabled={!data.isCustom}
                    onClick={() => {
                      setEditedSinceSave(false);
                      save.submit({ intent: "reset", step: data.step, locale: data.locale }, { method: "post" });
                    }}
                  >
                    Back to built-in text
                  </Button>
                  {dirty ? (
                    <Text as="span" tone="subdued">
                      Unsaved changes
                    </Text>
                  ) : null}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    Preview (sample data)
                  </Text>
                  <Button variant="plain" onClick={() => setShowText(!showText)}>
                    {showText ? "Show HTML" : "Show plain text"}
                  </Button>
                </InlineStack>
                <Text as="p">
                  <strong>Subject:</strong> {shown.subject}
                </Text>
                {showText ? (
                  <Box padding="300" background="bg-surface-secondary">
                    <pre style={{ whiteSpace: "pre-wrap", margin: 0 }}>{shown.text}</pre>
                  </Box>
                ) : (
                  <iframe title="E-mail preview" sandbox="" srcDoc={shown.html} style={{ width: "100%", height: 560, border: "1px solid #e3e3e3", borderRadius: 8 }} />
                )}
                <InlineStack gap="200" blockAlign="end">
                  <Box minWidth="280px">
                    <TextField label="Send a test to" type="email" value={to} onChange={setTo} autoComplete="email" placeholder="you@example.com" />
                  </Box>
                  <Button
                    loading={test.state !== "idle"}
                    disabled={!to}
                    onClick={() => test.submit({ intent: "test", step: data.step, locale: data.locale, subject, body, to }, { method: "post" })}
                  >
                    Send test
                  </Button>
                </InlineStack>
                {test.data ? <Banner tone={test.data.ok ? "success" : "critical"} title={test.data.message ?? ""} /> : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Variables
                </Text>
                <BlockStack as="ul" gap="150">
                  {data.variables.map((v) => (
                    <Box as="li" key={v.name}>
                      <Text as="span" fontWeight="semibold">
                        <code>{`{{ ${v.name} }}`}</code>
                      </Text>
                      <Text as="p" variant="bodySm" tone="subdued">
                        {v.description}
                        {v.optional ? " (optional: test it with {% if %})" : ""}
                      </Text>
                    </Box>
                  ))}
                </BlockStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Sender
                </Text>
                <TextField label="Sender name" value={fromName} onChange={setFromName} autoComplete="off" placeholder={data.sender.defaultName} helpText={`Sent from ${data.sender.address}.`} />
                <TextField label="Reply-To address" type="email" value={replyTo} onChange={setReplyTo} autoComplete="email" helpText="Where customers' replies go." />
                <InlineStack>
                  <Button loading={sender.state !== "idle"} onClick={() => sender.submit({ intent: "sender", fromName, replyTo }, { method: "post" })}>
                    Save sender
                  </Button>
                </InlineStack>
                {sender.data ? <Banner tone={sender.data.ok ? "success" : "critical"} title={sender.data.message ?? ""} /> : null}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
