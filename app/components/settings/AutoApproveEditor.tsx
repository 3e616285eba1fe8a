/** Auto-approve rules: each rule is a list of conditions that must all hold (several rules = OR). */
import { BlockStack, Button, Card, Checkbox, FormLayout, InlineGrid, InlineStack, Select, Text } from "@shopify/polaris";
import { RESOLUTIONS, RETURN_METHODS, type AutoApproveCondition, type AutoApproveRule } from "~/domain/policy";
import { AmountsField, ListField, NumberField, ReasonsField, TextInput, Toggle } from "./fields";
import { messagesFor, usePolicyForm } from "./form-context";

const CONDITION_TYPES = [
  "RETURN_VALUE_BELOW",
  "ORDER_TOTAL_BELOW",
  "REASON_IN",
  "RESOLUTION_IN",
  "RETURN_METHOD_IN",
  "CUSTOMER_RETURNS_BELOW",
  "CUSTOMER_TAG_IN",
  "ORDER_TAG_IN",
  "NOT_EU_WITHDRAWAL",
] as const;

function newCondition(type: (typeof CONDITION_TYPES)[number]): AutoApproveCondition {
  switch (type) {
    case "RETURN_VALUE_BELOW":
    case "ORDER_TOTAL_BELOW":
      return { type, amounts: {} };
    case "REASON_IN":
      return { type, reasonHandles: [] };
    case "RESOLUTION_IN":
      return { type, resolutions: ["EXCHANGE"] };
    case "RETURN_METHOD_IN":
      return { type, methods: ["DROP_OFF"] };
    case "CUSTOMER_RETURNS_BELOW":
      return { type, days: 90, max: 3 };
    case "CUSTOMER_TAG_IN":
    case "ORDER_TAG_IN":
      return { type, tags: [] };
    case "NOT_EU_WITHDRAWAL":
      return { type };
  }
}

function Choices<T extends string>({ path, values, selected, label }: { path: string; values: readonly T[]; selected: readonly T[]; label: (v: T) => string }) {
  const form = usePolicyForm();
  return (
    <BlockStack gap="100">
      <InlineGrid columns={values.length > 3 ? 4 : 3}>
        {values.map((v) => (
          <Checkbox key={v} label={label(v)} checked={selected.includes(v)} onChange={(on) => form.set(path, on ? [...selected, v] : selected.filter((x) => x !== v))} />
        ))}
      </InlineGrid>
      {messagesFor(form.issues, path, true) ? <Text as="p" tone="critical">{messagesFor(form.issues, path, true)}</Text> : null}
    </BlockStack>
  );
}

function ConditionFields({ base, condition }: { base: string; condition: AutoApproveCondition }) {
  const { t } = usePolicyForm();
  switch (condition.type) {
    case "RETURN_VALUE_BELOW":
    case "ORDER_TOTAL_BELOW":
      return <AmountsField path={`${base}.amounts`} label={t("conditionAmounts")} />;
    case "REASON_IN":
      return <ReasonsField path={`${base}.reasonHandles`} label={t("conditionReasons")} />;
    case "RESOLUTION_IN":
      return <Choices path={`${base}.resolutions`} values={RESOLUTIONS} selected={condition.resolutions} label={(r) => t(`resolution.${r}`)} />;
    case "RETURN_METHOD_IN":
      return <Choices path={`${base}.methods`} values={RETURN_METHODS} selected={condition.methods} label={(m) => t(`method.${m}`)} />;
    case "CUSTOMER_RETURNS_BELOW":
      return (
        <FormLayout.Group>
          <NumberField path={`${base}.max`} label={t("conditionMax")} />
          <NumberField path={`${base}.days`} label={t("conditionDays")} suffix={t("unitDays")} />
        </FormLayout.Group>
      );
    case "CUSTOMER_TAG_IN":
    case "ORDER_TAG_IN":
      return <ListField path={`${base}.tags`} label={t("conditionTags")} />;
    case "NOT_EU_WITHDRAWAL":
      return null;
  }
}

export function AutoApproveEditor() {
  const form = usePolicyForm();
  const { t } = form;
  const rules = form.policy.autoApprove.rules;
  const setRules = (next: AutoApproveRule[]) => form.set("autoApprove.rules", next);
  return (
    <BlockStack gap="300">
      {rules.length === 0 ? <Text as="p" tone="subdued">{t("autoApproveNone")}</Text> : null}
      {rules.map((rule, i) => {
        const base = `autoApprove.rules.${i}`;
        return (
          <Card key={rule.id} background="bg-surface-secondary">
            <BlockStack gap="300">
              <FormLayout>
                <FormLayout.Group>
                  <TextInput path={`${base}.name`} label={t("ruleName")} />
                  <Toggle path={`${base}.enabled`} label={t("ruleEnabled")} />
                </FormLayout.Group>
              </FormLayout>
              {rule.conditions.map((c, n) => (
                <BlockStack key={n} gap="200">
                  <InlineStack gap="200" blockAlign="end">
                    <Select
                      label={t("conditionType")}
                      options={CONDITION_TYPES.map((type) => ({ label: t(`condition.${type}`), value: type }))}
                      value={c.type}
                      onChange={(type) => form.set(`${base}.conditions.${n}`, newCondition(type as (typeof CONDITION_TYPES)[number]))}
                    />
                    <Button variant="plain" tone="critical" onClick={() => form.set(`${base}.conditions`, rule.conditions.filter((_, x) => x !== n))}>
                      {t("remove")}
                    </Button>
                  </InlineStack>
                  <ConditionFields base={`${base}.conditions.${n}`} condition={c} />
                </BlockStack>
              ))}
              {messagesFor(form.issues, `${base}.conditions`) ? <Text as="p" tone="critical">{messagesFor(form.issues, `${base}.conditions`)}</Text> : null}
              <InlineStack gap="200">
                <Button onClick={() => form.set(`${base}.conditions`, [...rule.conditions, newCondition("RETURN_VALUE_BELOW")])}>{t("conditionAdd")}</Button>
                <Button tone="critical" variant="plain" onClick={() => setRules(rules.filter((_, x) => x !== i))}>
                  {t("ruleRemove")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        );
      })}
      <InlineStack>
        <Button
          onClick={() =>
            setRules([...rules, { id: `rule-${Math.random().toString(36).slice(2, 10)}`, name: t("ruleDefaultName"), enabled: true, conditions: [newCondition("RESOLUTION_IN")] }])
          }
        >
          {t("ruleAdd")}
        </Button>
      </InlineStack>
    </BlockStack>
  );
}
