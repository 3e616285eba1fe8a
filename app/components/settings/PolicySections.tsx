/**
 * The sections of the policy editor, one card per part of docs/lifecycle.md's policy
 * options: windows, holiday extensions, what can't be returned, fees, resolutions, return
 * methods, auto-approval, handling (inspection, EU mode, receiving), and abuse limits.
 */
import { BlockStack, Card, Checkbox, FormLayout, InlineError, InlineGrid, Layout, Select, Text } from "@shopify/polaris";
import { RESOLUTIONS, type Resolution } from "~/domain/policy";
import { AmountsField, ListField, NumberField, ReasonsField, TextInput, Toggle } from "./fields";
import { messagesFor, usePolicyForm } from "./form-context";
import { HolidayEditor } from "./HolidayEditor";
import { AutoApproveEditor } from "./AutoApproveEditor";

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <Layout.AnnotatedSection id={id} title={title} description={description}>
      <Card>
        <BlockStack gap="400">{children}</BlockStack>
      </Card>
    </Layout.AnnotatedSection>
  );
}

const RESOLUTION_PATH = { REFUND: "refund", STORE_CREDIT: "storeCredit", EXCHANGE: "exchange" } as const;

export function ResolutionChecks({ path, label }: { path: string; label: string }) {
  const form = usePolicyForm();
  const selected = (path.split(".").reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], form.policy) as Resolution[]) ?? [];
  return (
    <BlockStack gap="100">
      <Text as="p">{label}</Text>
      <InlineGrid columns={3}>
        {RESOLUTIONS.map((r) => (
          <Checkbox
            key={r}
            label={form.t(`resolution.${r}`)}
            checked={selected.includes(r)}
            onChange={(on) => form.set(path, on ? [...selected, r] : selected.filter((x) => x !== r))}
          />
        ))}
      </InlineGrid>
      {messagesFor(form.issues, path, true) ? <InlineError fieldID={path} message={messagesFor(form.issues, path, true)!} /> : null}
    </BlockStack>
  );
}

export function PolicySections() {
  const form = usePolicyForm();
  const { t, policy } = form;
  const days = t("unitDays");
  const locationOptions = [{ label: t("receivingDefault"), value: "" }, ...form.locations.map((l) => ({ label: l.name, value: l.id }))];
  const inStoreIds = policy.returnMethods.inStore.locationIds;

  return (
    <Layout>
      <Section id="policy-window" title={t("windowTitle")} description={t("windowDescription")}>
        <FormLayout>
          <FormLayout.Group>
            <NumberField path="windowDays" label={t("windowDays")} suffix={days} helpText={t("windowDaysHelp")} />
            <NumberField path="windowStart.fallbackTransitDays" label={t("fallbackTransitDays")} suffix={days} helpText={t("fallbackTransitDaysHelp")} />
          </FormLayout.Group>
          {RESOLUTIONS.map((r) => {
            const key = RESOLUTION_PATH[r];
            return (
              <FormLayout.Group key={r}>
                <Toggle path={`resolutions.${key}.offered`} label={t(`offer.${r}`)} />
                <NumberField
                  path={`resolutions.${key}.windowDays`}
                  label={t("ownWindow")}
                  suffix={days}
                  nullable
                  disabled={!policy.resolutions[key].offered}
                  helpText={t("ownWindowHelp")}
                />
              </FormLayout.Group>
            );
          })}
          {messagesFor(form.issues, "resolutions") ? <InlineError fieldID="resolutions" message={messagesFor(form.issues, "resolutions")!} /> : null}
        </FormLayout>
      </Section>

      <Section id="policy-holidays" title={t("holidaysTitle")} description={t("holidaysDescription")}>
        <HolidayEditor />
      </Section>

      <Section id="policy-non-returnable" title={t("nonReturnableTitle")} description={t("nonReturnableDescription")}>
        <FormLayout>
          <FormLayout.Group>
            <ListField path="nonReturnable.productTags" label={t("productTags")} />
            <ListField path="nonReturnable.productTypes" label={t("productTypes")} />
          </FormLayout.Group>
          <ListField path="nonReturnable.collectionIds" label={t("collections")} helpText={t("idsHelp")} picker="collection" />
          <ListField path="nonReturnable.productIds" label={t("products")} helpText={t("idsHelp")} picker="product" />
          <FormLayout.Group>
            <Checkbox
              label={t("finalSaleOn")}
              checked={policy.nonReturnable.finalSaleTag !== null}
              onChange={(on) => form.set("nonReturnable.finalSaleTag", on ? "final-sale" : null)}
            />
            <TextInput path="nonReturnable.finalSaleTag" label={t("finalSaleTag")} disabled={policy.nonReturnable.finalSaleTag === null} />
          </FormLayout.Group>
          <Toggle path="nonReturnable.giftCards" label={t("giftCards")} />
        </FormLayout>
      </Section>

      <Section id="policy-fees" title={t("feesTitle")} description={t("feesDescription")}>
        <FormLayout>
          <NumberField path="restockingFee.percent" label={t("restockingPercent")} suffix="%" />
          <ReasonsField path="restockingFee.exemptReasonHandles" label={t("restockingExemptReasons")} />
          <ResolutionChecks path="restockingFee.exemptResolutions" label={t("restockingExemptResolutions")} />
          <AmountsField path="returnShippingFee.byMethod.DROP_OFF" label={t("feeDropOff")} />
          <AmountsField path="returnShippingFee.byMethod.HOME_PICKUP" label={t("feePickup")} />
          <AmountsField path="returnShippingFee.byMethod.IN_STORE" label={t("feeInStore")} />
          <FormLayout.Group>
            <Toggle path="returnShippingFee.waiveForExchange" label={t("waiveExchange")} />
            <Toggle path="returnShippingFee.waiveForStoreCredit" label={t("waiveStoreCredit")} />
          </FormLayout.Group>
        </FormLayout>
      </Section>

      <Section id="policy-resolutions" title={t("resolutionsTitle")} description={t("resolutionsDescription")}>
        <FormLayout>
          <FormLayout.Group>
            <NumberField path="storeCredit.bonusPercent" label={t("bonusPercent")} suffix="%" />
            <NumberField path="storeCredit.expiryDays" label={t("expiryDays")} suffix={days} nullable helpText={t("expiryDaysHelp")} />
          </FormLayout.Group>
          <Select
            label={t("surplusTo")}
            options={[
              { label: t("resolution.REFUND"), value: "REFUND" },
              { label: t("resolution.STORE_CREDIT"), value: "STORE_CREDIT" },
            ]}
            value={policy.exchange.surplusTo}
            onChange={(v) => form.set("exchange.surplusTo", v)}
          />
        </FormLayout>
      </Section>

      <Section id="policy-methods" title={t("methodsTitle")} description={t("methodsDescription")}>
        <FormLayout>
          <FormLayout.Group>
            <Toggle path="returnMethods.dropOff.enabled" label={t("methodDropOff")} />
            <TextInput path="returnMethods.dropOff.carrierName" label={t("carrierName")} disabled={!policy.returnMethods.dropOff.enabled} />
          </FormLayout.Group>
          <FormLayout.Group>
            <Toggle path="returnMethods.homePickup.enabled" label={t("methodPickup")} />
            <NumberField path="returnMethods.homePickup.requiredAboveGrams" label={t("pickupAboveGrams")} suffix="g" nullable helpText={t("pickupAboveGramsHelp")} />
          </FormLayout.Group>
          <Toggle path="returnMethods.inStore.enabled" label={t("methodInStore")} />
          {policy.returnMethods.inStore.enabled ? (
            <BlockStack gap="100">
              <Text as="p">{t("inStoreLocations")}</Text>
              {form.locations.map((l) => (
                <Checkbox
                  key={l.id}
                  label={l.name}
                  checked={inStoreIds.includes(l.id)}
                  onChange={(on) => form.set("returnMethods.inStore.locationIds", on ? [...inStoreIds, l.id] : inStoreIds.filter((x) => x !== l.id))}
                />
              ))}
              {messagesFor(form.issues, "returnMethods.inStore.locationIds", true) ? (
                <InlineError fieldID="inStoreLocations" message={messagesFor(form.issues, "returnMethods.inStore.locationIds", true)!} />
              ) : null}
            </BlockStack>
          ) : null}
          <Toggle path="returnMethods.keepItem.enabled" label={t("methodKeepItem")} />
          <AmountsField path="returnMethods.keepItem.maxValue" label={t("keepItemMaxValue")} />
          {messagesFor(form.issues, "returnMethods") ? <InlineError fieldID="returnMethods" message={messagesFor(form.issues, "returnMethods")!} /> : null}
        </FormLayout>
      </Section>

      <Section id="policy-auto-approve" title={t("autoApproveTitle")} description={t("autoApproveDescription")}>
        <AutoApproveEditor />
      </Section>

      <Section id="policy-handling" title={t("handlingTitle")} description={t("handlingDescription")}>
        <FormLayout>
          <NumberField path="inspectionSlaDays" label={t("inspectionSlaDays")} suffix={t("unitBusinessDays")} helpText={t("inspectionSlaDaysHelp")} />
          <Select
            label={t("receivingLocation")}
            options={locationOptions}
            value={policy.receivingLocationId ?? ""}
            error={messagesFor(form.issues, "receivingLocationId")}
            onChange={(v) => form.set("receivingLocationId", v === "" ? null : v)}
          />
          <ReasonsField path="photoRequiredReasonHandles" label={t("photoReasons")} />
          <Toggle path="requireSignIn" label={t("requireSignIn")} helpText={t("requireSignInHelp")} />
          <Toggle path="eu.enabled" label={t("euEnabled")} helpText={t("euEnabledHelp")} />
          <FormLayout.Group>
            <NumberField path="eu.withdrawalDays" label={t("euWithdrawalDays")} suffix={days} disabled={!policy.eu.enabled} />
            <NumberField path="eu.refundDeadlineDays" label={t("euRefundDeadlineDays")} suffix={days} disabled={!policy.eu.enabled} />
          </FormLayout.Group>
          <Toggle path="eu.storeCreditRequiresConsent" label={t("euConsent")} disabled={!policy.eu.enabled} />
        </FormLayout>
      </Section>

      <Section id="policy-abuse" title={t("abuseTitle")} description={t("abuseDescription")}>
        <FormLayout>
          <ListField path="blocklist.emails" label={t("blockEmails")} />
          <ListField path="blocklist.customerIds" label={t("blockCustomers")} helpText={t("idsHelp")} />
          <FormLayout.Group>
            <NumberField path="fraudGuard.maxReturns" label={t("maxReturns")} nullable helpText={t("maxReturnsHelp")} />
            <NumberField path="fraudGuard.periodDays" label={t("periodDays")} suffix={days} />
          </FormLayout.Group>
        </FormLayout>
      </Section>
    </Layout>
  );
}


