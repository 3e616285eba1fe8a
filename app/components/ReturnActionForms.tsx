/**
 * The forms behind the return page's actions that need more than a click: decline (reason
 * and note), add tracking, inspect (grade, disposition and restock location per line), and
 * the confirmation of the steps that can't be undone. Each one only collects fields and
 * hands them to `onSubmit`; the page posts them to its action, which validates again.
 */
import { useState } from "react";
import { BlockStack, Banner, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import {
  CONDITION_GRADES,
  CONDITION_LABEL,
  DECLINE_REASONS,
  DECLINE_REASON_LABEL,
  DISPOSITIONS,
  DISPOSITION_LABEL,
} from "~/i18n/admin";

/** Field errors from the action, keyed by field path ("reason", "lines.0.locationId"). */
export type FieldErrors = Readonly<Record<string, string>>;

interface FormProps {
  onSubmit: (fields: Record<string, string>) => void;
  onCancel: () => void;
  /** This form's submission is in flight. */
  submitting: boolean;
  /** Some action is in flight (this or another): nothing can be sent now. */
  disabled: boolean;
  errors?: FieldErrors;
}

function FormButtons({ label, tone, submitting, disabled, onCancel }: { label: string; tone?: "critical"; submitting: boolean; disabled: boolean; onCancel: () => void }) {
  return (
    <InlineStack gap="200" align="end">
      <Button onClick={onCancel} disabled={submitting}>
        Cancel
      </Button>
      <Button submit variant="primary" tone={tone} loading={submitting} disabled={disabled}>
        {label}
      </Button>
    </InlineStack>
  );
}

export function DeclineForm({ onSubmit, onCancel, submitting, disabled, errors = {} }: FormProps) {
  const [reason, setReason] = useState<string>("");
  const [note, setNote] = useState("");
  return (
    <Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({ reason, note });
        }}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Decline return
          </Text>
          <FormLayout>
            <Select
              label="Reason"
              name="reason"
              placeholder="Choose a reason"
              options={DECLINE_REASONS.map((r) => ({ label: DECLINE_REASON_LABEL[r], value: r }))}
              value={reason}
              onChange={setReason}
              error={errors.reason}
            />
            <TextField
              label="Note to the customer"
              name="note"
              value={note}
              onChange={setNote}
              multiline={3}
              maxLength={500}
              showCharacterCount
              autoComplete="off"
              helpText="Optional. Shown on the customer's return status page."
              error={errors.note}
            />
          </FormLayout>
          <FormButtons label="Decline return" tone="critical" submitting={submitting} disabled={disabled} onCancel={onCancel} />
        </BlockStack>
      </form>
    </Card>
  );
}

export function TrackingForm({ onSubmit, onCancel, submitting, disabled, errors = {} }: FormProps) {
  const [fields, setFields] = useState({ trackingNumber: "", carrierName: "", trackingUrl: "", labelUrl: "" });
  const field = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (value: string) => setFields((f) => ({ ...f, [name]: value })),
    error: errors[name],
    autoComplete: "off",
  });
  return (
    <Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(fields);
        }}
      >
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Add tracking
          </Text>
          <FormLayout>
            <FormLayout.Group>
              <TextField label="Tracking number" {...field("trackingNumber")} maxLength={100} />
              <TextField label="Carrier" {...field("carrierName")} maxLength={100} placeholder="PostNord, DHL, Bring…" />
            </FormLayout.Group>
            <TextField label="Tracking URL" type="url" {...field("trackingUrl")} placeholder="https://" />
            <TextField label="Return label URL" type="url" {...field("labelUrl")} placeholder="https://" helpText="A tracking number or a label URL is needed." />
          </FormLayout>
          <FormButtons label="Save tracking" submitting={submitting} disabled={disabled} onCancel={onCancel} />
        </BlockStack>
      </form>
    </Card>
  );
}

export interface InspectableLine {
  id: string;
  title: string;
  variantTitle: string | null;
  quantity: number;
}

interface InspectState {
  grade: string;
  disposition: string;
  locationId: string;
}

export function InspectForm({
  lines,
  locations,
  locationsError,
  onSubmit,
  onCancel,
  submitting,
  disabled,
  errors = {},
}: FormProps & { lines: InspectableLine[]; locations: { id: string; name: string }[]; locationsError: string | null }) {
  const canRestock = locations.length > 0;
  const [state, setState] = useState<InspectState[]>(() =>
    lines.map(() => ({ grade: "NEW", disposition: canRestock ? "RESTOCKED" : "NOT_RESTOCKED", locationId: locations[0]?.id ?? "" })),
  );
  const update = (index: number, patch: Partial<InspectState>) => setState((s) => s.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const dispositionOptions = DISPOSITIONS.map((d) => ({ label: DISPOSITION_LABEL[d], value: d, disabled: d === "RESTOCKED" && !canRestock }));
  return (
    <Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit({
            lines: JSON.stringify(
              lines.map((line, i) => ({
                lineId: line.id,
                grade: state[i].grade,
                disposition: state[i].disposition,
                locationId: state[i].disposition === "RESTOCKED" ? state[i].locationId || null : null,
              })),
            ),
          });
        }}
      >
        <BlockStack gap="400">
          <Text as="h2" variant="headingMd">
            Inspect items
          </Text>
          {locationsError ? <Banner tone="warning">{locationsError}</Banner> : null}
          {errors.lines ? <Banner tone="critical">{errors.lines}</Banner> : null}
          {lines.map((line, i) => (
            <BlockStack gap="200" key={line.id}>
              <Text as="h3" variant="headingSm">
                {line.quantity} × {line.title}
                {line.variantTitle ? ` — ${line.variantTitle}` : ""}
              </Text>
              <FormLayout>
                <FormLayout.Group condensed>
                  <Select
                    label="Condition"
                    options={CONDITION_GRADES.map((g) => ({ label: CONDITION_LABEL[g], value: g }))}
                    value={state[i].grade}
                    onChange={(grade) => update(i, { grade })}
                    error={errors[`lines.${i}.grade`]}
                  />
                  <Select
                    label="Disposition"
                    options={dispositionOptions}
                    value={state[i].disposition}
                    onChange={(disposition) => update(i, { disposition })}
                    error={errors[`lines.${i}.disposition`]}
                  />
                  {state[i].disposition === "RESTOCKED" ? (
                    <Select
                      label="Restock at"
                      placeholder="Choose a location"
                      options={locations.map((l) => ({ label: l.name, value: l.id }))}
                      value={state[i].locationId}
                      onChange={(locationId) => update(i, { locationId })}
                      error={errors[`lines.${i}.locationId`]}
                    />
                  ) : null}
                </FormLayout.Group>
              </FormLayout>
            </BlockStack>
          ))}
          <FormButtons label="Save inspection" submitting={submitting} disabled={disabled} onCancel={onCancel} />
        </BlockStack>
      </form>
    </Card>
  );
}

/** "Are you sure?" for steps that move money or can't be undone. */
export function ConfirmCard({
  title,
  children,
  confirmLabel,
  tone,
  onConfirm,
  onCancel,
  submitting,
  disabled,
}: {
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  tone?: "critical";
  onConfirm: () => void;
  onCancel: () => void;
  submitting: boolean;
  disabled: boolean;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
        {children}
        <InlineStack gap="200" align="end">
          <Button onClick={onCancel} disabled={submitting}>
            Back
          </Button>
          <Button variant="primary" tone={tone} onClick={onConfirm} loading={submitting} disabled={disabled}>
            {confirmLabel}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
