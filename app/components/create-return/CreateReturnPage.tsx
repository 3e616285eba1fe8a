/**
 * The "Create return" page: find the order, then one card per returnable line (quantity,
 * reason, resolution, exchange variant), the method, a gift recipient, and — when a chosen
 * line is outside the policy — the override reason. Posts JSON to the route's action and
 * opens the new return. Words: app/i18n/catalogs/create-return.ts.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { Form, useFetcher, useNavigate } from "@remix-run/react";
import { useAppBridge } from "@shopify/app-bridge-react";
import { Badge, Banner, BlockStack, Button, Card, Checkbox, FormLayout, InlineStack, Layout, Page, Select, Text, TextField } from "@shopify/polaris";
import { resolutionLabel } from "~/i18n/admin";
import { translator, type AdminLocale } from "~/i18n/admin-locale";
import { CREATE_RETURN_CATALOG, ruleLabel, type CreateReturnKey } from "~/i18n/catalogs/create-return";
import { RETURN_PAGE_CATALOG, type ReturnPageKey } from "~/i18n/catalogs/return-page";
import type { StaffOrder } from "~/services/staff-return.server";

export type CreateReturnAnswer =
  | { ok: true; id: string; rmaNumber: string }
  | { ok: false; error: { code: string; message: string; path?: string | null; details?: unknown } };

interface Props {
  locale: AdminLocale;
  query: string;
  found: StaffOrder | null;
  notFound: boolean;
}

export function CreateReturnPage({ locale, query, found, notFound }: Props) {
  const t = translator(CREATE_RETURN_CATALOG, locale);
  const navigate = useNavigate();
  return (
    <Page title={t("title")} backAction={{ content: translator(RETURN_PAGE_CATALOG, locale)("back"), onAction: () => navigate("/app") }}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <FindOrder t={t} query={query} notFound={notFound} />
            {found ? <ReturnForm key={found.order.id} t={t} locale={locale} data={found} /> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

type T = (key: CreateReturnKey, vars?: Record<string, string | number>) => string;

function FindOrder({ t, query, notFound }: { t: T; query: string; notFound: boolean }) {
  const [value, setValue] = useState(query.startsWith("gid:") || /^\d{7,}$/.test(query) ? "" : query);
  return (
    <Card>
      <Form method="get">
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {t("findTitle")}
          </Text>
          <InlineStack gap="200" blockAlign="end" wrap={false}>
            <div style={{ flex: 1 }}>
              <TextField label={t("orderLabel")} name="order" value={value} onChange={setValue} autoComplete="off" helpText={t("orderHelp")} maxLength={60} />
            </div>
            <Button submit>{t("find")}</Button>
          </InlineStack>
          {notFound ? <Banner tone="warning">{t("notFound", { order: query })}</Banner> : null}
        </BlockStack>
      </Form>
    </Card>
  );
}

interface LineChoice {
  quantity: string;
  reasonId: string;
  resolution: string;
  exchangeVariantId: string;
  note: string;
}

function ReturnForm({ t, locale, data }: { t: T; locale: AdminLocale; data: StaffOrder }) {
  const page = translator(RETURN_PAGE_CATALOG, locale);
  const fetcher = useFetcher<CreateReturnAnswer>();
  const navigate = useNavigate();
  const shopify = useAppBridge();
  const [choices, setChoices] = useState<Record<string, LineChoice>>(() =>
    Object.fromEntries(data.lines.map((l) => [l.fulfillmentLineItemId, { quantity: "0", reasonId: "", resolution: l.resolutions[0] ?? "", exchangeVariantId: "", note: "" }])),
  );
  const [method, setMethod] = useState<string>(data.methods.find((m) => m.required)?.code ?? data.methods[0]?.code ?? "");
  const [consent, setConsent] = useState(false);
  const [gift, setGift] = useState({ on: false, name: "", email: "", address: "" });
  const [overrideReason, setOverrideReason] = useState("");
  const [localError, setLocalError] = useState<string | null>(null);

  const chosen = data.lines.filter((l) => Number(choices[l.fulfillmentLineItemId]?.quantity) > 0);
  const needsOverride = chosen.filter((l) => l.state === "OVERRIDE");
  const overriddenRules = useMemo(() => [...new Set(needsOverride.flatMap((l) => l.reasons))].map((c) => ruleLabel(c, locale)), [needsOverride, locale]);
  const update = (id: string, patch: Partial<LineChoice>) => setChoices((c) => ({ ...c, [id]: { ...c[id]!, ...patch } }));

  const answer = fetcher.data;
  // Each created return opens once (the answer stays in the fetcher while the page re-renders).
  const opened = useRef<string | null>(null);
  const createdMessage = answer?.ok ? t("created", { rma: answer.rmaNumber }) : null;
  useEffect(() => {
    if (answer?.ok && opened.current !== answer.id) {
      opened.current = answer.id;
      shopify.toast.show(createdMessage!);
      navigate(`/app/returns/${answer.id}`);
    }
  }, [answer, createdMessage, navigate, shopify]);

  const submit = () => {
    if (chosen.length === 0) return setLocalError(t("nothingChosen"));
    setLocalError(null);
    fetcher.submit(
      {
        orderId: data.order.id,
        method,
        storeCreditConsent: consent,
        overrideReason: needsOverride.length > 0 ? overrideReason : null,
        gift: gift.on ? { recipientName: gift.name, recipientEmail: gift.email, addressLines: gift.address.split("\n") } : null,
        lines: chosen.map((l) => {
          const c = choices[l.fulfillmentLineItemId]!;
          return {
            fulfillmentLineItemId: l.fulfillmentLineItemId,
            quantity: Number(c.quantity),
            reasonId: c.reasonId || null,
            note: c.note || null,
            resolution: c.resolution,
            exchangeVariantId: c.resolution === "EXCHANGE" ? c.exchangeVariantId || null : null,
          };
        }),
      },
      { method: "post", encType: "application/json" },
    );
  };

  const error = localError ?? (answer && !answer.ok ? describeError(t, answer.error, data) : null);
  const busy = fetcher.state !== "idle";
  const methodLabel = (code: string) => page(`method.${code}` as ReturnPageKey);

  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("orderHeading", { order: data.order.name })}
          </Text>
          <Text as="p" tone="subdued">
            {[data.order.customerName, data.order.customerEmail].filter(Boolean).join(" · ") || t("noCustomer")}
          </Text>
        </BlockStack>
      </Card>

      {error ? (
        <Banner tone="critical" title={t("errorTitle")}>
          <p>{error}</p>
        </Banner>
      ) : null}

      {data.lines.map((line) => {
        const c = choices[line.fulfillmentLineItemId]!;
        const resolutions = gift.on ? line.resolutions.filter((r) => r !== "REFUND") : line.resolutions;
        return (
          <Card key={line.fulfillmentLineItemId}>
            <div data-line={line.title}>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                  <BlockStack gap="050">
                    <Text as="h3" variant="headingSm">
                      {line.title}
                    </Text>
                    <Text as="p" tone="subdued" variant="bodySm">
                      {[line.variantTitle, line.unitPrice].filter(Boolean).join(" · ")}
                    </Text>
                  </BlockStack>
                  <Badge tone={line.state === "ELIGIBLE" ? "success" : line.state === "OVERRIDE" ? "warning" : undefined}>{t(`state.${line.state}`)}</Badge>
                </InlineStack>
                {line.reasons.length > 0 ? (
                  <Text as="p" variant="bodySm" tone={line.state === "BLOCKED" ? "critical" : "caution"}>
                    {line.reasons.map((r) => ruleLabel(r, locale)).join(", ")}
                  </Text>
                ) : null}
                {line.state !== "BLOCKED" && line.returnable > 0 ? (
                  <FormLayout>
                    <FormLayout.Group condensed>
                      <TextField
                        label={t("quantity")}
                        type="number"
                        min={0}
                        max={line.returnable}
                        value={c.quantity}
                        onChange={(v) => update(line.fulfillmentLineItemId, { quantity: v })}
                        helpText={t("upTo", { count: line.returnable })}
                        autoComplete="off"
                      />
                      <Select
                        label={t("reason")}
                        options={[{ label: t("noReason"), value: "" }, ...data.reasons.map((r) => ({ label: r.name, value: r.id }))]}
                        value={c.reasonId}
                        onChange={(v) => update(line.fulfillmentLineItemId, { reasonId: v })}
                      />
                      <Select
                        label={t("resolution")}
                        options={resolutions.map((r) => ({ label: resolutionLabel(r, locale), value: r }))}
                        value={resolutions.includes(c.resolution as never) ? c.resolution : (resolutions[0] ?? "")}
                        onChange={(v) => update(line.fulfillmentLineItemId, { resolution: v })}
                      />
                    </FormLayout.Group>
                    {c.resolution === "EXCHANGE" ? (
                      <Select
                        label={t("exchangeFor")}
                        placeholder={t("chooseVariant")}
                        options={line.exchangeVariants.map((v) => ({ label: v.available ? v.title : t("outOfStock", { variant: v.title }), value: v.id, disabled: !v.available }))}
                        value={c.exchangeVariantId}
                        onChange={(v) => update(line.fulfillmentLineItemId, { exchangeVariantId: v })}
                      />
                    ) : null}
                    <TextField label={t("note")} value={c.note} onChange={(v) => update(line.fulfillmentLineItemId, { note: v })} maxLength={300} autoComplete="off" />
                  </FormLayout>
                ) : null}
              </BlockStack>
            </div>
          </Card>
        );
      })}

      <Card>
        <FormLayout>
          <Select
            label={t("method")}
            options={data.methods.map((m) => ({
              label: m.required ? t("methodRequired", { method: methodLabel(m.code) }) : m.fee ? t("methodFee", { method: methodLabel(m.code), fee: m.fee }) : methodLabel(m.code),
              value: m.code,
            }))}
            value={method}
            onChange={setMethod}
          />
          {data.consentRequired && chosen.some((l) => choices[l.fulfillmentLineItemId]?.resolution === "STORE_CREDIT") ? (
            <Checkbox label={t("consent")} checked={consent} onChange={setConsent} />
          ) : null}
          <Checkbox label={t("gift")} helpText={t("giftHelp")} checked={gift.on} onChange={(on) => setGift((g) => ({ ...g, on }))} />
          {gift.on ? (
            <FormLayout.Group>
              <TextField label={t("giftName")} value={gift.name} onChange={(name) => setGift((g) => ({ ...g, name }))} autoComplete="off" maxLength={200} />
              <TextField label={t("giftEmail")} type="email" value={gift.email} onChange={(email) => setGift((g) => ({ ...g, email }))} autoComplete="off" maxLength={254} />
            </FormLayout.Group>
          ) : null}
          {gift.on ? (
            <TextField label={t("giftAddress")} helpText={t("giftAddressHelp")} value={gift.address} onChange={(address) => setGift((g) => ({ ...g, address }))} autoComplete="off" multiline={3} />
          ) : null}
        </FormLayout>
      </Card>

      {needsOverride.length > 0 ? (
        <Card>
          <div data-override-form>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("overrideTitle")}
              </Text>
              <Text as="p">{t("overrideBody", { rules: overriddenRules.join(", ") })}</Text>
              <TextField label={t("overrideReason")} value={overrideReason} onChange={setOverrideReason} multiline={2} maxLength={500} autoComplete="off" />
            </BlockStack>
          </div>
        </Card>
      ) : null}

      <InlineStack align="end">
        <Button variant="primary" onClick={submit} loading={busy} disabled={busy}>
          {t("submit")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}

/** The action's refusal in the staff member's language, naming the lines it concerns. */
function describeError(t: T, error: { code: string; message: string; details?: unknown }, data: StaffOrder): string {
  const codeKey = `code.${error.code}` as CreateReturnKey;
  if (codeKey in CREATE_RETURN_CATALOG.en) return t(codeKey);
  if (error.code === "NOT_ELIGIBLE" && Array.isArray(error.details)) {
    const problems = (error.details as { fulfillmentLineItemId?: string | null; code?: string }[])
      .filter((d) => d.fulfillmentLineItemId)
      .map((d) => {
        const item = data.lines.find((l) => l.fulfillmentLineItemId === d.fulfillmentLineItemId)?.title ?? "";
        const key = `problem.${d.code}` as CreateReturnKey;
        return t("problem", { item, problem: key in CREATE_RETURN_CATALOG.en ? t(key) : t("problem.other") });
      });
    return [t("error.NOT_ELIGIBLE"), ...problems].join(" ");
  }
  return error.message;
}
