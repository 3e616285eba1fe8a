/** Holiday extensions: orders placed in a date range get extra days or a fixed last return date. */
import { BlockStack, Button, Card, FormLayout, InlineStack, Select, TextField } from "@shopify/polaris";
import type { HolidayPeriod } from "~/domain/policy";
import { NumberField, TextInput } from "./fields";
import { messagesFor, usePolicyForm } from "./form-context";

export function HolidayEditor() {
  const form = usePolicyForm();
  const { t } = form;
  const holidays = form.policy.holidays;
  const update = (next: HolidayPeriod[]) => form.set("holidays", next);
  return (
    <BlockStack gap="300">
      {holidays.map((h, i) => {
        const base = `holidays.${i}`;
        const mode = h.returnBy !== null ? "returnBy" : "extraDays";
        return (
          <Card key={i} background="bg-surface-secondary">
            <FormLayout>
              <TextInput path={`${base}.name`} label={t("holidayName")} />
              <FormLayout.Group>
                <DateInput path={`${base}.from`} label={t("holidayFrom")} />
                <DateInput path={`${base}.to`} label={t("holidayTo")} />
              </FormLayout.Group>
              <FormLayout.Group>
                <Select
                  label={t("holidayMode")}
                  options={[
                    { label: t("holidayModeExtra"), value: "extraDays" },
                    { label: t("holidayModeReturnBy"), value: "returnBy" },
                  ]}
                  value={mode}
                  onChange={(v) =>
                    update(holidays.map((x, n) => (n === i ? { ...x, extraDays: v === "extraDays" ? 30 : null, returnBy: v === "returnBy" ? x.to : null } : x)))
                  }
                />
                {mode === "extraDays" ? (
                  <NumberField path={`${base}.extraDays`} label={t("holidayExtraDays")} suffix={t("unitDays")} nullable />
                ) : (
                  <DateInput path={`${base}.returnBy`} label={t("holidayReturnBy")} />
                )}
              </FormLayout.Group>
              <InlineStack align="end">
                <Button tone="critical" variant="plain" onClick={() => update(holidays.filter((_, n) => n !== i))}>
                  {t("remove")}
                </Button>
              </InlineStack>
            </FormLayout>
          </Card>
        );
      })}
      <InlineStack>
        <Button onClick={() => update([...holidays, { name: "", from: "", to: "", extraDays: 30, returnBy: null }])}>{t("holidayAdd")}</Button>
      </InlineStack>
      {messagesFor(form.issues, "holidays") ? <p style={{ color: "var(--p-color-text-critical)" }}>{messagesFor(form.issues, "holidays")}</p> : null}
    </BlockStack>
  );
}

function DateInput({ path, label }: { path: string; label: string }) {
  const form = usePolicyForm();
  const value = path.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], form.policy);
  return (
    <TextField
      label={label}
      type="date"
      autoComplete="off"
      value={typeof value === "string" ? value : ""}
      error={messagesFor(form.issues, path)}
      onChange={(v) => form.set(path, v)}
    />
  );
}
