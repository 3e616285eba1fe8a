/** The merchant's win-back offer: on/off, percent or amount, minimum order, validity, delay, period. */
import { useState } from "react";
import { Form } from "@remix-run/react";
import { BlockStack, Button, Card, Checkbox, ChoiceList, FormLayout, Text, TextField } from "@shopify/polaris";
import type { AdminLocale } from "~/i18n/admin-locale";
import { followupAdmin } from "~/i18n/followup-admin";

export interface WinbackFormValues {
  enabled: boolean;
  valueType: "PERCENTAGE" | "FIXED_AMOUNT";
  percentage: string;
  fixedAmount: string;
  minimumOrderAmount: string;
  validityDays: string;
  delayDays: string;
  periodDays: string;
}

export function WinbackSettingsForm({ initial, currency, errors, saving, locale }: { initial: WinbackFormValues; currency: string; errors: Record<string, string>; saving: boolean; locale?: AdminLocale }) {
  const FA = followupAdmin(locale);
  const [v, setV] = useState(initial);
  const set = (k: keyof WinbackFormValues) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  const field = (k: keyof WinbackFormValues, label: string, suffix?: string) => (
    <TextField label={label} name={k} value={String(v[k])} onChange={set(k)} autoComplete="off" inputMode="decimal" suffix={suffix} error={errors[k]} />
  );
  return (
    <Card>
      <Form method="post">
        <BlockStack gap="400">
          <Text as="p">{FA.winbackIntro}</Text>
          <Checkbox label={FA.enabled} name="enabled" checked={v.enabled} onChange={(checked) => setV((old) => ({ ...old, enabled: checked }))} />
          {v.enabled ? <input type="hidden" name="enabled" value="true" /> : null}
          <ChoiceList
            title={FA.valueType}
            name="valueTypeChoice"
            choices={[
              { label: FA.percentOff, value: "PERCENTAGE" },
              { label: FA.amountOff, value: "FIXED_AMOUNT" },
            ]}
            selected={[v.valueType]}
            onChange={(s) => setV((old) => ({ ...old, valueType: s[0] === "FIXED_AMOUNT" ? "FIXED_AMOUNT" : "PERCENTAGE" }))}
          />
          <input type="hidden" name="valueType" value={v.valueType} />
          <FormLayout>
            <FormLayout.Group>
              {v.valueType === "PERCENTAGE" ? field("percentage", FA.percentage, "%") : field("fixedAmount", FA.amount(currency))}
              {field("minimumOrderAmount", FA.minimumOrder(currency))}
            </FormLayout.Group>
            <FormLayout.Group>
              {field("delayDays", FA.delayDays)}
              {field("validityDays", FA.validityDays)}
              {field("periodDays", FA.periodDays)}
            </FormLayout.Group>
          </FormLayout>
          {v.valueType === "PERCENTAGE" ? <input type="hidden" name="fixedAmount" value={v.fixedAmount} /> : <input type="hidden" name="percentage" value={v.percentage} />}
          <div>
            <Button submit variant="primary" loading={saving}>
              {FA.save}
            </Button>
          </div>
        </BlockStack>
      </Form>
    </Card>
  );
}
