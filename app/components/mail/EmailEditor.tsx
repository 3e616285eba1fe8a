/**
 * The e-mail template editor: step and language pickers, subject and body (Liquid) with a
 * live preview rendered on the server with sample data (debounced), errors with line and
 * column, save / back to default / test send, the variable list and the sender settings.
 */
import { useFetcher, useNavigate } from "@remix-run/react";
import { Badge, Banner, BlockStack, Box, Button, Card, InlineStack, Layout, List, Page, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { EMAILS_CATALOG } from "~/i18n/catalogs/emails";
import type { EditorErrors } from "~/mail/editor.server";

interface EditorData {
  adminLocale: AdminLocale;
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

/** Each language named in itself, whatever the admin's language. */
const LANGUAGE: Record<string, string> = { en: "English", sv: "Svenska", da: "Dansk", nb: "Norsk bokmål", fi: "Suomi", nl: "Nederlands", de: "Deutsch" };

export function EmailEditor({ data }: { data: EditorData }) {
  const navigate = useNavigate();
  const t = translator(EMAILS_CATALOG, data.adminLocale);
  const edited = (label: string, isEdited: boolean) => (isEdited ? t("editedOption", { label }) : label);
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
    <Page title={t("title")} subtitle={t("subtitle")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {!data.sender.smtpConfigured ? (
              <Banner tone="warning" title={t("noSmtpTitle")}>
                <p>{t("noSmtpBody")}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <InlineStack gap="300" wrap>
                  <Select
                    label={t("step")}
                    options={data.steps.map((s) => ({ value: s.value, label: edited(s.label, data.customized.some((c) => c.startsWith(`${s.value}:`))) }))}
                    value={data.step}
                    onChange={(v) => go(v, data.locale)}
                  />
                  <Select
                    label={t("language")}
                    options={data.locales.map((l) => ({ value: l, label: edited(LANGUAGE[l] ?? l, data.customized.includes(`${data.step}:${l}`)) }))}
                    value={data.locale}
                    onChange={(v) => go(data.step, v)}
                  />
                  <Box paddingBlockStart="600">{data.isCustom ? <Badge tone="info">{t("badgeEdited")}</Badge> : <Badge>{t("badgeBuiltIn")}</Badge>}</Box>
                </InlineStack>
                <TextField label={t("subject")} value={subject} onChange={setSubject} autoComplete="off" error={errors.filter((e) => e.part === "subject").map((e) => e.message)[0]} />
                <TextField
                  label={t("body")}
                  value={body}
                  onChange={setBody}
                  multiline={16}
                  autoComplete="off"
                  monospaced
                  helpText={t("bodyHelp")}
                  error={errors.some((e) => e.part === "body") ? t("bodyHasErrors") : undefined}
                />
                {errors.length > 0 ? (
                  <Banner tone="critical" title={t("errorsTitle")}>
                    <List>
                      {errors.map((e) => (
                        <List.Item key={e.message}>{e.message}</List.Item>
                      ))}
                    </List>
                  </Banner>
                ) : null}
                {saveResult?.ok ? <Banner tone="success" title={saveResult.message ?? t("savedFallback")} /> : null}
                {saveResult && !saveResult.ok && !saveResult.errors ? <Banner tone="critical" title={saveResult.message ?? t("notSavedFallback")} /> : null}
                <InlineStack gap="200">
                  <Button
                    variant="primary"
                    loading={save.state !== "idle" && save.formData?.get("intent") === "save"}
                    onClick={() => {
                      setEditedSinceSave(false);
                      save.submit({ intent: "save", step: data.step, locale: data.locale, subject, body }, { method: "post" });
                    }}
                  >
                    {t("save")}
                  </Button>
                  <Button
                    disabled={!data.isCustom}
                    onClick={() => {
                      setEditedSinceSave(false);
                      save.submit({ intent: "reset", step: data.step, locale: data.locale }, { method: "post" });
                    }}
                  >
                    {t("reset")}
                  </Button>
                  {dirty ? (
                    <Text as="span" tone="subdued">
                      {t("unsaved")}
                    </Text>
                  ) : null}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {t("previewHeading")}
                  </Text>
                  <Button variant="plain" onClick={() => setShowText(!showText)}>
                    {showText ? t("showHtml") : t("showText")}
                  </Button>
                </InlineStack>
                <Text as="p">
                  <strong>{t("previewSubject")}</strong> {shown.subject}
                </Text>
                {showText ? (
                  <Box padding="300" background="bg-surface-secondary">
                    <pre style={{ whiteSpace: "pre-wrap", margin: 0 }}>{shown.text}</pre>
                  </Box>
                ) : (
                  <iframe title={t("previewFrame")} sandbox="" srcDoc={shown.html} style={{ width: "100%", height: 560, border: "1px solid #e3e3e3", borderRadius: 8 }} />
                )}
                <InlineStack gap="200" blockAlign="end">
                  <Box minWidth="280px">
                    <TextField label={t("testTo")} type="email" value={to} onChange={setTo} autoComplete="email" placeholder="you@example.com" />
                  </Box>
                  <Button
                    loading={test.state !== "idle"}
                    disabled={!to}
                    onClick={() => test.submit({ intent: "test", step: data.step, locale: data.locale, subject, body, to }, { method: "post" })}
                  >
                    {t("sendTest")}
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
                  {t("variables")}
                </Text>
                <BlockStack as="ul" gap="150">
                  {data.variables.map((v) => (
                    <Box as="li" key={v.name}>
                      <Text as="span" fontWeight="semibold">
                        <code>{`{{ ${v.name} }}`}</code>
                      </Text>
                      <Text as="p" variant="bodySm" tone="subdued">
                        {v.description}
                        {v.optional ? t("optionalHint") : ""}
                      </Text>
                    </Box>
                  ))}
                </BlockStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("sender")}
                </Text>
                <TextField label={t("senderName")} value={fromName} onChange={setFromName} autoComplete="off" placeholder={data.sender.defaultName} helpText={t("senderHelp", { address: data.sender.address })} />
                <TextField label={t("replyTo")} type="email" value={replyTo} onChange={setReplyTo} autoComplete="email" helpText={t("replyToHelp")} />
                <InlineStack>
                  <Button loading={sender.state !== "idle"} onClick={() => sender.submit({ intent: "sender", fromName, replyTo }, { method: "post" })}>
                    {t("saveSender")}
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
